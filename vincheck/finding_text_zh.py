# ruff: noqa: E501  (a table of sentences)
"""Chinese of the sentences of :mod:`vincheck.finding_text` (English template ->
Chinese), used for the window, the PDF report and the CLI alike."""

FINDING_ZH: dict[str, str] = {
    ', ':
        '、',
    '; ':
        '；',
    'left side':
        '左侧',
    'right side':
        '右侧',
    'top':
        '顶部',
    'bottom':
        '底部',
    'top left':
        '左上',
    'top right':
        '右上',
    'bottom right':
        '右下',
    'bottom left':
        '左下',
    'No VIN rubbing sheet was given.':
        '未提供车辆识别代号拓印膜。',
    'No exterior photo was given.':
        '未提供机动车外部彩色相片。',
    'Not every rubbing could be read, so the copies cannot be compared.':
        '并非每份拓印都能识别，无法比对各份是否一致。',
    'No VIN rubbing strip was found on the sheet.':
        '拓印膜上未找到车辆识别代号拓印。',
    'No doubled or smeared impression.':
        '没有重影或拖影。',
    'The scan resolution is unknown, so sizes in mm cannot be measured. Enter the scan DPI.':
        '扫描分辨率未知，无法以毫米测量尺寸。请填写扫描分辨率 (DPI)。',
    'A number plate is visible on another vehicle, not on the vehicle photographed: check it by eye.':
        '相片中其他车辆上可见号牌，不是被拍摄车辆的号牌：请目视核对。',
    'Something like a number plate is in the photo: check it by eye.':
        '相片中有疑似号牌的物体：请目视核对。',
    'No number plate is visible.':
        '未见号牌。',
    'The whole vehicle is inside the picture.':
        '车辆完整位于画面内。',
    '{n} rubbing(s) found; the rules call for {need}.':
        '找到 {n} 份拓印，规定需要 {need} 份。',
    '{file} could not be read; see the message above.':
        '文件 {file} 无法读取，见上方提示。',
    'No characters could be found on the rubbing.':
        '拓印上找不到任何字符。',
    'The characters are deformed: {problems}.':
        '字符变形：{problems}。',
    'Shifted impression: {problems}.':
        '拓印错位：{problems}。',
    '{w} × {h} mm ± {t} mm':
        '{w} × {h} mm ± {t} mm',
    '{w} × {h} mm':
        '{w} × {h} mm',
    '{r} mm ± {t} mm':
        '{r} mm ± {t} mm',
    'No vehicle could be located in the photo: check by eye.':
        '相片中找不到车辆：请目视核对。',
    'Too few edges in the picture to judge its sharpness: check by eye.':
        '画面中边缘太少，无法判断清晰度：请目视核对。',
    '{v} of the vehicle blown out (limit {lim})':
        '车辆区域 {v} 过曝（上限 {lim}）',
    '{v} of pixels blown out (limit {lim})':
        '{v} 的像素过曝（上限 {lim}）',
    '{v} of the vehicle crushed to black (limit {lim})':
        '车辆区域 {v} 欠曝成黑色（上限 {lim}）',
    '{v} of pixels crushed to black (limit {lim})':
        '{v} 的像素欠曝成黑色（上限 {lim}）',
    'Badly exposed: {problems}.':
        '曝光不当：{problems}。',
    'The scan is black-and-white: if the print is in colour, scan it again in colour.':
        '扫描件为黑白：如相片为彩色，请用彩色模式重新扫描。',
    'The body colour could not be determined: check by eye.':
        '无法判断车身颜色：请目视核对。',
    'The expected VIN {vin} is not a valid VIN.':
        '应有车辆识别代号 {vin} 不是有效的车辆识别代号。',
    'The rubbings read different VINs ({vins}), but at least one was read unsurely: compare the copies by eye.':
        '各份拓印识别出的车辆识别代号不同（{vins}），但至少有一份识别不确定：请目视比对各份拓印。',
    'The rubbings read different VINs: {vins}.':
        '各份拓印识别出的车辆识别代号不同：{vins}。',
    'Every rubbing reads {vin}.':
        '各份拓印均识别为 {vin}。',
    'No VIN could be read to compare with the expected {expected}.':
        '未识别出车辆识别代号，无法与应有代号 {expected} 比对。',
    'Read {read}, but the papers give {expected}.':
        '识别为 {read}，但资料上为 {expected}。',
    'The VIN read, {vin}, matches the papers.':
        '识别出的车辆识别代号 {vin} 与资料一致。',
    '{n} rubbing strip(s) found on the sheet.':
        '拓印膜上找到 {n} 份拓印。',
    'The VIN is marked in dots (dot peen), where B and 8, S and 5, G and 6 differ by a dot or two: compare every character with the rubbing by eye.':
        '车辆识别代号为点阵（点冲）打刻，B 与 8、S 与 5、G 与 6 只差一两个点：请逐个字符与拓印膜目视核对。',
    'The characters read fail the check digit, while rubbing {n} reads the valid VIN {vin}: a character may be misread; compare the differing characters with the rubbing by eye.':
        '读出的字符不符合校验位，而第 {n} 份拓印读为有效的车辆识别代号 {vin}：可能有字符误读，请对照拓印目视核对不同的字符。',
    "This rubbing's own characters leave the VIN undecided; rubbing {n} reads {vin}, which they allow: compare the characters with the rubbing by eye.":
        '本份拓印的字符本身无法确定车辆识别代号；第 {n} 份拓印读为 {vin}，与本份字符相符：请对照拓印目视核对各字符。',
    'Some characters are uncertain (lowest confidence {conf}, threshold {need}): compare them with the rubbing by eye.':
        '部分字符识别不确定（最低置信度 {conf}，阈值 {need}）：请对照拓印目视核对。',
    'All characters read (lowest confidence {conf}, threshold {need}).':
        '全部字符均已识别（最低置信度 {conf}，阈值 {need}）。',
    'Only {n} of {need} characters are on the tape: the rubbing is cut off.':
        '拓印膜上只有 {n} 个字符（应为 {need} 个）：拓印不完整。',
    '{n} characters on the tape ({need} needed).':
        '拓印膜上有 {n} 个字符（应为 {need} 个）。',
    'Check digit {got}; the settings do not require a valid one.':
        '校验位为 {got}；按当前设置不要求校验位有效。',
    'Check digit {got} (position 9) is valid.':
        '校验位（第 9 位）{got} 正确。',
    'The check digit (position 9) is {got}, but the other characters need {need}.':
        '校验位（第 9 位）为 {got}，按其余字符应为 {need}。',
    'The check digit (position 9) reads {got}, the other characters need {need}; a character may be misread: check by eye.':
        '校验位（第 9 位）识别为 {got}，按其余字符应为 {need}；可能有字符识别错误：请目视核对。',
    'Start symbol found before the first character.':
        '首字符前有起始符。',
    'Stop symbol found after the last character.':
        '末字符后有终止符。',
    "No start symbol (★ ☆ ※ ◆ or a maker's mark) before the first character.":
        '首字符前没有起始符（★ ☆ ※ ◆ 或厂家标志）。',
    "No stop symbol (★ ☆ ※ ◆ or a maker's mark) after the last character.":
        '末字符后没有终止符（★ ☆ ※ ◆ 或厂家标志）。',
    'Spacing, height, slant and proportions are even (spacing varies {pitch}, height {height}, slant {slant}).':
        '字距、字高、倾斜和字形比例均匀（字距偏差 {pitch}，字高偏差 {height}，倾斜 {slant}）。',
    'Characters are {h} high, below the {min} minimum.':
        '字符高度 {h}，低于 {min} 的下限。',
    'Characters are {h} high (minimum {min}).':
        '字符高度 {h}（下限 {min}）。',
    'Read with {engines}; not every OCR engine was available.':
        '使用 {engines} 识别；部分文字识别引擎不可用。',
    'The print measures {got}; required {need}.':
        '相片尺寸 {got}，要求 {need}。',
    'The print measures {got}, outside the required {need}.':
        '相片尺寸 {got}，不符合要求的 {need}。',
    'The print measures about {got} (required {need}), but an edge is unclear against the scanner bed: check by hand.':
        '相片尺寸约 {got}（要求 {need}），但有边缘与扫描底色难以区分：请人工核对。',
    'Corner radius could not be measured at the {corners} corner(s); required {need}.':
        '{corners}角的圆角半径无法测量；要求 {need}。',
    'All four corner radii ({values}) are within {need}.':
        '四个圆角半径（{values}）均在 {need} 范围内。',
    'Corner radius out of tolerance at the {corners} corner(s): {values}; required {need}.':
        '{corners}角的圆角半径超差：{values}；要求 {need}。',
    'Corner radii {values} were not measured reliably (required {need}): check them by hand.':
        '圆角半径 {values} 测量不可靠（要求 {need}）：请人工核对。',
    'Long to short side {a}, within {lo}–{hi} (88:60).':
        '长短边之比 {a}，在 {lo}–{hi} 之内（88:60）。',
    'Long to short side {a}, outside {lo}–{hi} (88:60).':
        '长短边之比 {a}，超出 {lo}–{hi}（88:60）。',
    '{n} number plate(s) visible on the vehicle; none is allowed.':
        '车辆上可见 {n} 块号牌；不得悬挂号牌。',
    'The vehicle fills {fill} of the photo (allowed {window}).':
        '车辆占相片的 {fill}（允许 {window}）。',
    'The vehicle fills {fill} of the photo, more than {hi}.':
        '车辆占相片的 {fill}，多于 {hi}。',
    'The vehicle fills about {fill} of the photo (allowed {window}), but its outline is uncertain: check by eye.':
        '车辆约占相片的 {fill}（允许 {window}），但车辆轮廓不确定：请目视核对。',
    'The vehicle is cut off at the {sides} of the picture.':
        '车辆在画面{sides}被截断。',
    'Taken from {got} (required {need}).':
        '拍摄角度为{got}（要求 {need}）。',
    'Taken from {got}; required {need}.':
        '拍摄角度为{got}，要求 {need}。',
    'Probably taken from {got} (required {need}), but the estimate is uncertain: check by eye.':
        '拍摄角度约为{got}（要求 {need}），但估计不确定：请目视核对。',
    'Edges blurred by {blur} px (at most {max} px).':
        '边缘模糊 {blur} px（上限 {max} px）。',
    'The photo is blurred: edges spread over {blur} px, more than {max} px.':
        '相片模糊：边缘模糊 {blur} px，超过 {max} px。',
    'Well exposed: mean brightness {luma} (allowed {lo}–{hi}), {clip} of pixels clipped.':
        '曝光正常：平均亮度 {luma}（允许 {lo}–{hi}），{clip} 的像素过曝或欠曝。',
    'The picture is black-and-white: a colour photo is required.':
        '相片为黑白：须为彩色相片。',
    'The body colour {got} matches the papers.':
        '车身颜色{got}与资料一致。',
    'The body colour reads as {got}, but the papers say {want}.':
        '车身颜色判断为{got}，但资料上为{want}。',
    'The body colour probably reads as {got}, but the papers say {want}: check by eye.':
        '车身颜色可能为{got}，但资料上为{want}：请目视核对。',
    'The VIN cannot be read: {share} of the characters are illegible (limit {limit}).':
        '车辆识别代号无法识别：{share} 的字符无法辨认（上限 {limit}）。',
    'spacing varies {v} (limit {lim})':
        '字距偏差 {v}（上限 {lim}）',
    'height varies {v} (limit {lim})':
        '字高偏差 {v}（上限 {lim}）',
    'slanted by {v} (limit {lim})':
        '倾斜 {v}（上限 {lim}）',
    'character width/height {v} outside {lo}–{hi}':
        '字符宽高比 {v}，超出 {lo}–{hi}',
    '{v} character heights':
        '{v} 个字高',
    'a doubled impression offset by {off} (limit {lim})':
        '有重影，错位 {off}（上限 {lim}）',
    "smeared characters (edge sharpness {v} of the line's, at least {lim} needed)":
        '有字符拖影（边缘清晰度为整行的 {v}，至少应为 {lim}）',
    'The print outline could not be measured (required {need}): check the size by hand.':
        '无法测量相片轮廓（要求 {need}）：请人工核对尺寸。',
    'The corners could not be measured (required {need}): check them by hand.':
        '无法测量圆角（要求 {need}）：请人工核对。',
    'The vehicle fills only {fill} of the photo, less than {lo}.':
        '车辆只占相片的 {fill}，少于 {lo}。',
    'Probably taken from {got} (required {need}), but two wheels look nearly round: the camera may stand far to the side. Check by eye.':
        '拍摄角度约为{got}（要求 {need}），但有两个车轮看起来接近正圆：相机可能位于车辆侧面很远的位置。请目视核对。',
    'Probably taken from {got} (required {need}), but the lamps point to the other end of the vehicle: check by eye whether its front or its rear faces the camera.':
        '拍摄角度约为{got}（要求 {need}），但车灯显示朝向相机的可能是车辆另一端：请目视核对朝向相机的是车头还是车尾。',
    'too dark (mean brightness {v}, at least {lim})':
        '过暗（平均亮度 {v}，至少 {lim}）',
    'too bright (mean brightness {v}, at most {lim})':
        '过亮（平均亮度 {v}，至多 {lim}）',
    'The body colour reads as {got}; the papers give no colour.':
        '车身颜色判断为{got}；资料上未填写颜色。',
    '{name} {value} (regulation {default})':
        '{name} {value}（法规值 {default}）',
    "Checked with limits other than the regulation's: {items}.":
        '本次检查使用了与法规不同的限值：{items}。',
}
