<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong, but your case is still open. Details:</source>
        <translation>出现了问题，但您的案件仍然打开着。详细信息：</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>a VIN has 17 characters, this has {n}</source>
        <translation>车辆识别代号应为 17 位，此处为 {n} 位</translation>
    </message>
    <message>
        <source>character {c} at position {p} is never used in a VIN (I, O, Q and signs are not allowed)</source>
        <translation>第 {p} 位的字符 {c} 不能用于车辆识别代号（不得使用 I、O、Q 和符号）</translation>
    </message>
    <message>
        <source>check digit (position 9) should be {e}, not {f}</source>
        <translation>校验位（第 9 位）应为 {e}，而不是 {f}</translation>
    </message>
    <message>
        <source>model-year code {c} (position 10) is never used</source>
        <translation>年份代码 {c}（第 10 位）不存在</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Expected VIN</source>
        <translation>应有车辆识别代号</translation>
    </message>
    <message>
        <source>VIN from the certificate</source>
        <translation>合格证上的车辆识别代号</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆类型</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>车身颜色</translation>
    </message>
    <message>
        <source>Scan DPI</source>
        <translation>扫描分辨率</translation>
    </message>
    <message>
        <source>from file</source>
        <translation>取自文件</translation>
    </message>
    <message>
        <source>Resolution of the scans in dots per inch; leave at 'from file' to use the file's own.</source>
        <translation>扫描分辨率（每英寸点数）；保持“取自文件”则使用文件自带的分辨率。</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Rubbing sheet</source>
        <translation>拓印膜</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>相片</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Scan…</source>
        <translation>扫描…</translation>
    </message>
    <message>
        <source>Scan pages from the scanner into the case (Ctrl+Shift+S)</source>
        <translation>从扫描仪扫描页面并加入案件（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Drop scans and photos here; each is sorted as a rubbing sheet, a photo or the certificate. Right-click to correct.</source>
        <translation>将扫描件和相片拖放到此处；每个文件会自动归为拓印膜、相片或合格证。右键可更正。</translation>
    </message>
    <message>
        <source>Check (F5)</source>
        <translation>检查 (F5)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No expected VIN: the VIN read is not compared.</source>
        <translation>未填写应有车辆识别代号：不比对识别结果。</translation>
    </message>
    <message>
        <source>Valid VIN</source>
        <translation>车辆识别代号有效</translation>
    </message>
    <message>
        <source>Not a valid VIN: {reason}</source>
        <translation>车辆识别代号无效：{reason}</translation>
    </message>
    <message>
        <source>Treat as rubbing sheet</source>
        <translation>作为拓印膜</translation>
    </message>
    <message>
        <source>Treat as photo</source>
        <translation>作为相片</translation>
    </message>
    <message>
        <source>Treat as certificate</source>
        <translation>作为合格证</translation>
    </message>
    <message>
        <source>Remove from case</source>
        <translation>从案件中移除</translation>
    </message>
</context>
<context>
    <name>CertificateBox</name>
    <message>
        <source>Certificate</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车辆识别代号</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>车身颜色</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆类型</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Put this value into the case</source>
        <translation>将此值填入案件</translation>
    </message>
    <message>
        <source>barcode</source>
        <translation>二维码/条码</translation>
    </message>
    <message>
        <source>OCR</source>
        <translation>文字识别</translation>
    </message>
    <message>
        <source>please confirm</source>
        <translation>请确认后采用</translation>
    </message>
    <message>
        <source>filled in</source>
        <translation>已填入</translation>
    </message>
    <message>
        <source>read: {text}</source>
        <translation>读到：{text}</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>{name}: read in {ms:.1f} s</source>
        <translation>{name}：读取用时 {ms:.1f} 秒</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Read from the {source} with confidence {c:.0%}</source>
        <translation>读自{source}，置信度 {c:.0%}</translation>
    </message>
    <message>
        <source>Where it was read</source>
        <translation>读取位置</translation>
    </message>
    <message>
        <source>Cannot read {name}: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Rubbing {n} on {file}: {vin}</source>
        <translation>拓印 {n}（{file}）：{vin}</translation>
    </message>
    <message>
        <source>VIN not read</source>
        <translation>未识别出车辆识别代号</translation>
    </message>
    <message>
        <source>Rubbing sheet {file}</source>
        <translation>拓印膜 {file}</translation>
    </message>
    <message>
        <source>Photo {file}</source>
        <translation>相片 {file}</translation>
    </message>
    <message>
        <source>vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Measured / limit</source>
        <translation>测量值 / 限值</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>{who}: {note}</source>
        <translation>{who}：{note}</translation>
    </message>
</context>
<context>
    <name>FindingText</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>left side</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>right side</source>
        <translation>右侧</translation>
    </message>
    <message>
        <source>top</source>
        <translation>顶部</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>底部</translation>
    </message>
    <message>
        <source>top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>The expected VIN {vin} is not a valid VIN.</source>
        <translation>应有车辆识别代号 {vin} 不是有效的车辆识别代号。</translation>
    </message>
    <message>
        <source>No VIN rubbing sheet was given.</source>
        <translation>未提供车辆识别代号拓印膜。</translation>
    </message>
    <message>
        <source>No exterior photo was given.</source>
        <translation>未提供机动车外部彩色相片。</translation>
    </message>
    <message>
        <source>{n} rubbing(s) found; the rules call for {need}.</source>
        <translation>找到 {n} 份拓印，规定需要 {need} 份。</translation>
    </message>
    <message>
        <source>{file} could not be read; see the message above.</source>
        <translation>文件 {file} 无法读取，见上方提示。</translation>
    </message>
    <message>
        <source>Not every rubbing could be read, so the copies cannot be compared.</source>
        <translation>并非每份拓印都能识别，无法比对各份是否一致。</translation>
    </message>
    <message>
        <source>The rubbings read different VINs: {vins}.</source>
        <translation>各份拓印识别出的车辆识别代号不同：{vins}。</translation>
    </message>
    <message>
        <source>Every rubbing reads {vin}.</source>
        <translation>各份拓印均识别为 {vin}。</translation>
    </message>
    <message>
        <source>No VIN could be read to compare with the expected {expected}.</source>
        <translation>未识别出车辆识别代号，无法与应有代号 {expected} 比对。</translation>
    </message>
    <message>
        <source>Read {read}, but the papers give {expected}.</source>
        <translation>识别为 {read}，但资料上为 {expected}。</translation>
    </message>
    <message>
        <source>The VIN read, {vin}, matches the papers.</source>
        <translation>识别出的车辆识别代号 {vin} 与资料一致。</translation>
    </message>
    <message>
        <source>No VIN rubbing strip was found on the sheet.</source>
        <translation>拓印膜上未找到车辆识别代号拓印。</translation>
    </message>
    <message>
        <source>{n} rubbing strip(s) found on the sheet.</source>
        <translation>拓印膜上找到 {n} 份拓印。</translation>
    </message>
    <message>
        <source>No characters could be found on the rubbing.</source>
        <translation>拓印上找不到任何字符。</translation>
    </message>
    <message>
        <source>The VIN cannot be read: {share} of the characters are illegible (limit {limit}).</source>
        <translation>车辆识别代号无法识别：{share} 的字符无法辨认（上限 {limit}）。</translation>
    </message>
    <message>
        <source>Some characters are uncertain (lowest confidence {conf}, threshold {need}): compare them with the rubbing by eye.</source>
        <translation>部分字符识别不确定（最低置信度 {conf}，阈值 {need}）：请对照拓印目视核对。</translation>
    </message>
    <message>
        <source>All characters read (lowest confidence {conf}, threshold {need}).</source>
        <translation>全部字符均已识别（最低置信度 {conf}，阈值 {need}）。</translation>
    </message>
    <message>
        <source>Only {n} of {need} characters are on the tape: the rubbing is cut off.</source>
        <translation>拓印膜上只有 {n} 个字符（应为 {need} 个）：拓印不完整。</translation>
    </message>
    <message>
        <source>{n} characters on the tape ({need} needed).</source>
        <translation>拓印膜上有 {n} 个字符（应为 {need} 个）。</translation>
    </message>
    <message>
        <source>Check digit {got}; the settings do not require a valid one.</source>
        <translation>校验位为 {got}；按当前设置不要求校验位有效。</translation>
    </message>
    <message>
        <source>Check digit {got} (position 9) is valid.</source>
        <translation>校验位（第 9 位）{got} 正确。</translation>
    </message>
    <message>
        <source>The check digit (position 9) is {got}, but the other characters need {need}.</source>
        <translation>校验位（第 9 位）为 {got}，按其余字符应为 {need}。</translation>
    </message>
    <message>
        <source>The check digit (position 9) reads {got}, the other characters need {need}; a character may be misread: check by eye.</source>
        <translation>校验位（第 9 位）识别为 {got}，按其余字符应为 {need}；可能有字符识别错误：请目视核对。</translation>
    </message>
    <message>
        <source>Start symbol found before the first character.</source>
        <translation>首字符前有起始符。</translation>
    </message>
    <message>
        <source>Stop symbol found after the last character.</source>
        <translation>末字符后有终止符。</translation>
    </message>
    <message>
        <source>No start symbol (★ ☆ ※ ◆ or a maker's mark) before the first character.</source>
        <translation>首字符前没有起始符（★ ☆ ※ ◆ 或厂家标志）。</translation>
    </message>
    <message>
        <source>No stop symbol (★ ☆ ※ ◆ or a maker's mark) after the last character.</source>
        <translation>末字符后没有终止符（★ ☆ ※ ◆ 或厂家标志）。</translation>
    </message>
    <message>
        <source>Spacing, height, slant and proportions are even (spacing varies {pitch}, height {height}, slant {slant}).</source>
        <translation>字距、字高、倾斜和字形比例均匀（字距偏差 {pitch}，字高偏差 {height}，倾斜 {slant}）。</translation>
    </message>
    <message>
        <source>spacing varies {v} (limit {lim})</source>
        <translation>字距偏差 {v}（上限 {lim}）</translation>
    </message>
    <message>
        <source>height varies {v} (limit {lim})</source>
        <translation>字高偏差 {v}（上限 {lim}）</translation>
    </message>
    <message>
        <source>slanted by {v} (limit {lim})</source>
        <translation>倾斜 {v}（上限 {lim}）</translation>
    </message>
    <message>
        <source>character width/height {v} outside {lo}–{hi}</source>
        <translation>字符宽高比 {v}，超出 {lo}–{hi}</translation>
    </message>
    <message>
        <source>The characters are deformed: {problems}.</source>
        <translation>字符变形：{problems}。</translation>
    </message>
    <message>
        <source>Characters are {h} high, below the {min} minimum.</source>
        <translation>字符高度 {h}，低于 {min} 的下限。</translation>
    </message>
    <message>
        <source>Characters are {h} high (minimum {min}).</source>
        <translation>字符高度 {h}（下限 {min}）。</translation>
    </message>
    <message>
        <source>{v} character heights</source>
        <translation>{v} 个字高</translation>
    </message>
    <message>
        <source>No doubled or smeared impression.</source>
        <translation>没有重影或拖影。</translation>
    </message>
    <message>
        <source>a doubled impression offset by {off} (limit {lim})</source>
        <translation>有重影，错位 {off}（上限 {lim}）</translation>
    </message>
    <message>
        <source>smeared characters (edge sharpness {v} of the line's, at least {lim} needed)</source>
        <translation>有字符拖影（边缘清晰度为整行的 {v}，至少应为 {lim}）</translation>
    </message>
    <message>
        <source>Shifted impression: {problems}.</source>
        <translation>拓印错位：{problems}。</translation>
    </message>
    <message>
        <source>The scan resolution is unknown, so sizes in mm cannot be measured. Enter the scan DPI.</source>
        <translation>扫描分辨率未知，无法以毫米测量尺寸。请填写扫描分辨率 (DPI)。</translation>
    </message>
    <message>
        <source>Read with {engines}; not every OCR engine was available.</source>
        <translation>使用 {engines} 识别；部分文字识别引擎不可用。</translation>
    </message>
    <message>
        <source>{w} × {h} mm ± {t} mm</source>
        <translation>{w} × {h} mm ± {t} mm</translation>
    </message>
    <message>
        <source>The print outline could not be measured (required {need}): check the size by hand.</source>
        <translation>无法测量相片轮廓（要求 {need}）：请人工核对尺寸。</translation>
    </message>
    <message>
        <source>{w} × {h} mm</source>
        <translation>{w} × {h} mm</translation>
    </message>
    <message>
        <source>The print measures {got}; required {need}.</source>
        <translation>相片尺寸 {got}，要求 {need}。</translation>
    </message>
    <message>
        <source>The print measures {got}, outside the required {need}.</source>
        <translation>相片尺寸 {got}，不符合要求的 {need}。</translation>
    </message>
    <message>
        <source>The print measures about {got} (required {need}), but an edge is unclear against the scanner bed: check by hand.</source>
        <translation>相片尺寸约 {got}（要求 {need}），但有边缘与扫描底色难以区分：请人工核对。</translation>
    </message>
    <message>
        <source>{r} mm ± {t} mm</source>
        <translation>{r} mm ± {t} mm</translation>
    </message>
    <message>
        <source>The corners could not be measured (required {need}): check them by hand.</source>
        <translation>无法测量圆角（要求 {need}）：请人工核对。</translation>
    </message>
    <message>
        <source>Corner radius could not be measured at the {corners} corner(s); required {need}.</source>
        <translation>{corners}角的圆角半径无法测量；要求 {need}。</translation>
    </message>
    <message>
        <source>All four corner radii ({values}) are within {need}.</source>
        <translation>四个圆角半径（{values}）均在 {need} 范围内。</translation>
    </message>
    <message>
        <source>Corner radius out of tolerance at the {corners} corner(s): {values}; required {need}.</source>
        <translation>{corners}角的圆角半径超差：{values}；要求 {need}。</translation>
    </message>
    <message>
        <source>Corner radii {values} were not measured reliably (required {need}): check them by hand.</source>
        <translation>圆角半径 {values} 测量不可靠（要求 {need}）：请人工核对。</translation>
    </message>
    <message>
        <source>Long to short side {a}, within {lo}–{hi} (88:60).</source>
        <translation>长短边之比 {a}，在 {lo}–{hi} 之内（88:60）。</translation>
    </message>
    <message>
        <source>Long to short side {a}, outside {lo}–{hi} (88:60).</source>
        <translation>长短边之比 {a}，超出 {lo}–{hi}（88:60）。</translation>
    </message>
    <message>
        <source>{n} number plate(s) visible on the vehicle; none is allowed.</source>
        <translation>车辆上可见 {n} 块号牌；不得悬挂号牌。</translation>
    </message>
    <message>
        <source>A number plate is visible on another vehicle, not on the vehicle photographed: check it by eye.</source>
        <translation>相片中其他车辆上可见号牌，不是被拍摄车辆的号牌：请目视核对。</translation>
    </message>
    <message>
        <source>Something like a number plate is in the photo: check it by eye.</source>
        <translation>相片中有疑似号牌的物体：请目视核对。</translation>
    </message>
    <message>
        <source>No number plate is visible.</source>
        <translation>未见号牌。</translation>
    </message>
    <message>
        <source>No vehicle could be located in the photo: check by eye.</source>
        <translation>相片中找不到车辆：请目视核对。</translation>
    </message>
    <message>
        <source>The vehicle fills {fill} of the photo (allowed {window}).</source>
        <translation>车辆占相片的 {fill}（允许 {window}）。</translation>
    </message>
    <message>
        <source>The vehicle fills only {fill} of the photo, less than {lo}.</source>
        <translation>车辆只占相片的 {fill}，少于 {lo}。</translation>
    </message>
    <message>
        <source>The vehicle fills {fill} of the photo, more than {hi}.</source>
        <translation>车辆占相片的 {fill}，多于 {hi}。</translation>
    </message>
    <message>
        <source>The vehicle fills about {fill} of the photo (allowed {window}), but its outline is uncertain: check by eye.</source>
        <translation>车辆约占相片的 {fill}（允许 {window}），但车辆轮廓不确定：请目视核对。</translation>
    </message>
    <message>
        <source>The vehicle is cut off at the {sides} of the picture.</source>
        <translation>车辆在画面{sides}被截断。</translation>
    </message>
    <message>
        <source>The whole vehicle is inside the picture.</source>
        <translation>车辆完整位于画面内。</translation>
    </message>
    <message>
        <source>Taken from {got} (required {need}).</source>
        <translation>拍摄角度为{got}（要求 {need}）。</translation>
    </message>
    <message>
        <source>Taken from {got}; required {need}.</source>
        <translation>拍摄角度为{got}，要求 {need}。</translation>
    </message>
    <message>
        <source>Probably taken from {got} (required {need}), but two wheels look nearly round: the camera may stand far to the side. Check by eye.</source>
        <translation>拍摄角度约为{got}（要求 {need}），但有两个车轮看起来接近正圆：相机可能位于车辆侧面很远的位置。请目视核对。</translation>
    </message>
    <message>
        <source>Probably taken from {got} (required {need}), but the lamps point to the other end of the vehicle: check by eye whether its front or its rear faces the camera.</source>
        <translation>拍摄角度约为{got}（要求 {need}），但车灯显示朝向相机的可能是车辆另一端：请目视核对朝向相机的是车头还是车尾。</translation>
    </message>
    <message>
        <source>Probably taken from {got} (required {need}), but the estimate is uncertain: check by eye.</source>
        <translation>拍摄角度约为{got}（要求 {need}），但估计不确定：请目视核对。</translation>
    </message>
    <message>
        <source>Too few edges in the picture to judge its sharpness: check by eye.</source>
        <translation>画面中边缘太少，无法判断清晰度：请目视核对。</translation>
    </message>
    <message>
        <source>Edges blurred by {blur} px (at most {max} px).</source>
        <translation>边缘模糊 {blur} px（上限 {max} px）。</translation>
    </message>
    <message>
        <source>The photo is blurred: edges spread over {blur} px, more than {max} px.</source>
        <translation>相片模糊：边缘模糊 {blur} px，超过 {max} px。</translation>
    </message>
    <message>
        <source>Well exposed: mean brightness {luma} (allowed {lo}–{hi}), {clip} of pixels clipped.</source>
        <translation>曝光正常：平均亮度 {luma}（允许 {lo}–{hi}），{clip} 的像素过曝或欠曝。</translation>
    </message>
    <message>
        <source>{v} of the vehicle blown out (limit {lim})</source>
        <translation>车辆区域 {v} 过曝（上限 {lim}）</translation>
    </message>
    <message>
        <source>{v} of pixels blown out (limit {lim})</source>
        <translation>{v} 的像素过曝（上限 {lim}）</translation>
    </message>
    <message>
        <source>{v} of the vehicle crushed to black (limit {lim})</source>
        <translation>车辆区域 {v} 欠曝成黑色（上限 {lim}）</translation>
    </message>
    <message>
        <source>{v} of pixels crushed to black (limit {lim})</source>
        <translation>{v} 的像素欠曝成黑色（上限 {lim}）</translation>
    </message>
    <message>
        <source>too dark (mean brightness {v}, at least {lim})</source>
        <translation>过暗（平均亮度 {v}，至少 {lim}）</translation>
    </message>
    <message>
        <source>too bright (mean brightness {v}, at most {lim})</source>
        <translation>过亮（平均亮度 {v}，至多 {lim}）</translation>
    </message>
    <message>
        <source>Badly exposed: {problems}.</source>
        <translation>曝光不当：{problems}。</translation>
    </message>
    <message>
        <source>The picture is black-and-white: a colour photo is required.</source>
        <translation>相片为黑白：须为彩色相片。</translation>
    </message>
    <message>
        <source>The scan is black-and-white: if the print is in colour, scan it again in colour.</source>
        <translation>扫描件为黑白：如相片为彩色，请用彩色模式重新扫描。</translation>
    </message>
    <message>
        <source>The body colour could not be determined: check by eye.</source>
        <translation>无法判断车身颜色：请目视核对。</translation>
    </message>
    <message>
        <source>The body colour reads as {got}; the papers give no colour.</source>
        <translation>车身颜色判断为{got}；资料上未填写颜色。</translation>
    </message>
    <message>
        <source>The body colour {got} matches the papers.</source>
        <translation>车身颜色{got}与资料一致。</translation>
    </message>
    <message>
        <source>The body colour reads as {got}, but the papers say {want}.</source>
        <translation>车身颜色判断为{got}，但资料上为{want}。</translation>
    </message>
    <message>
        <source>The body colour probably reads as {got}, but the papers say {want}: check by eye.</source>
        <translation>车身颜色可能为{got}，但资料上为{want}：请目视核对。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>VIN:</source>
        <translation>车辆识别代号：</translation>
    </message>
    <message>
        <source>part of a VIN, e.g. 2184841</source>
        <translation>代号的一部分，例如 2184841</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>结论：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Expected VIN</source>
        <translation>应有车辆识别代号</translation>
    </message>
    <message>
        <source>VIN(s) read</source>
        <translation>识别出的代号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>最终结论</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>检验站</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>review</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>car</source>
        <translation>汽车</translation>
    </message>
    <message>
        <source>trailer</source>
        <translation>挂车</translation>
    </message>
    <message>
        <source>Cannot search the records: {reason}</source>
        <translation>无法查询记录：{reason}</translation>
    </message>
    <message>
        <source>Showing the newest {n} cases; narrow the search to see older ones.</source>
        <translation>仅显示最新的 {n} 个案件；缩小查询范围可查看更早的案件。</translation>
    </message>
    <message>
        <source>{n} case(s)</source>
        <translation>{n} 个案件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>vincheck — VIN rubbing and vehicle photo check</source>
        <translation>vincheck — 车辆识别代号拓印膜与车辆相片检查</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent cases</source>
        <translation>最近的案件</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open files…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;case file…</source>
        <translation>打开案件文件(&amp;C)…</translation>
    </message>
    <message>
        <source>S&amp;can…</source>
        <translation>扫描(&amp;C)…</translation>
    </message>
    <message>
        <source>Open the &amp;sample case</source>
        <translation>打开示例案件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save case and result…</source>
        <translation>保存案件和结果(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export PDF report…</source>
        <translation>导出 PDF 报告(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run the check</source>
        <translation>运行检查(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel the check</source>
        <translation>取消检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Next image</source>
        <translation>下一张图像(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous image</source>
        <translation>上一张图像(&amp;P)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>实际像素 1:1(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;About vincheck</source>
        <translation>关于 vincheck(&amp;A)</translation>
    </message>
    <message>
        <source>Note for the decision (optional)</source>
        <translation>判定备注（可选）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Drop rubbing scans and vehicle photos here, or use File ▸ Open (Ctrl+O).</source>
        <translation>将拓印膜扫描件和车辆相片拖到此处，或使用“文件 ▸ 打开”(Ctrl+O)。</translation>
    </message>
    <message>
        <source>no operator name (Settings)</source>
        <translation>未设置操作员姓名（见设置）</translation>
    </message>
    <message>
        <source>Operator: {who}</source>
        <translation>操作员：{who}</translation>
    </message>
    <message>
        <source>Sorting stopped: {n} of the added files were not added to the case.</source>
        <translation>已停止分类：添加的文件中有 {n} 个未加入案件。</translation>
    </message>
    <message>
        <source>Sorting stopped.</source>
        <translation>已停止分类。</translation>
    </message>
    <message>
        <source>Cannot use {file}: {reason}. Check that it is a PNG, JPEG, TIFF or BMP scan or photo and not damaged, then add it again.</source>
        <translation>无法使用 {file}：{reason}。请确认它是未损坏的 PNG、JPEG、TIFF 或 BMP 扫描件或相片，然后重新添加。</translation>
    </message>
    <message>
        <source>Cannot use {file}: {reason}.</source>
        <translation>无法使用 {file}：{reason}。</translation>
    </message>
    <message>
        <source>Sorting files… {done} of {total}</source>
        <translation>正在将文件分为拓印膜或相片… {done} / {total}</translation>
    </message>
    <message>
        <source>The check starts when the files are sorted.</source>
        <translation>文件分类完成后开始检查。</translation>
    </message>
    <message>
        <source>{n} scanned page(s) saved in {folder} and added to the case.</source>
        <translation>已扫描 {n} 页，保存在 {folder}，并已加入案件。</translation>
    </message>
    <message>
        <source>Open scans and photos</source>
        <translation>打开扫描件和相片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;Case files (*.json)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;案件文件 (*.json)</translation>
    </message>
    <message>
        <source>Open case file</source>
        <translation>打开案件文件</translation>
    </message>
    <message>
        <source>Case files (*.json)</source>
        <translation>案件文件 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open the case file: {reason}</source>
        <translation>无法打开案件文件：{reason}</translation>
    </message>
    <message>
        <source>The bundled sample case is not installed.</source>
        <translation>未安装随附的示例案件。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Rubbing sheet</source>
        <translation>拓印膜</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>合格证</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>相片</translation>
    </message>
    <message>
        <source>(page {n})</source>
        <translation>（第 {n} 页）</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>正在载入 {file}…</translation>
    </message>
    <message>
        <source>Cannot show {file}: {reason}</source>
        <translation>无法显示 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} cannot be shown.</source>
        <translation>无法显示 {file}。</translation>
    </message>
    <message>
        <source>Add at least one rubbing sheet or photo first (drop files on the window or press Ctrl+O).</source>
        <translation>请先添加至少一张拓印膜或相片（将文件拖到窗口或按 Ctrl+O）。</translation>
    </message>
    <message>
        <source>The expected VIN is not valid; the check runs, and the VIN comparison will fail.</source>
        <translation>应有车辆识别代号无效；检查照常进行，但代号比对将不通过。</translation>
    </message>
    <message>
        <source>Starting the check…</source>
        <translation>正在开始检查…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Check finished in {s:.1f} s.</source>
        <translation>检查完成，用时 {s:.1f} 秒。</translation>
    </message>
    <message>
        <source>{file} could not be checked: {reason}</source>
        <translation>{file} 无法检查：{reason}</translation>
    </message>
    <message>
        <source>The scan resolution of {files} is unknown, so sizes in mm were not measured. What to do: enter the scan DPI in the case panel (Scan DPI) or set a default in Settings, then press F5.</source>
        <translation>{files} 的扫描分辨率未知，未以毫米测量尺寸。处理办法：在案件栏“扫描分辨率”中填写 DPI，或在设置中设定默认值，然后按 F5。</translation>
    </message>
    <message>
        <source>The check stopped with an error.</source>
        <translation>检查因错误而中止。</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>The OCR engine is missing or failed: {reason}
What to do: install Tesseract (see the message above) or set its location in Settings ▸ Tesseract program, then press F5.</source>
        <translation>文字识别引擎缺失或出错：{reason}
处理办法：安装 Tesseract（见上方说明），或在“设置 ▸ Tesseract 程序”中指定其位置，然后按 F5。</translation>
    </message>
    <message>
        <source>A file cannot be used: {reason}
What to do: rescan or export it as PNG, JPEG, TIFF or BMP, replace it in the case and press F5.</source>
        <translation>文件无法使用：{reason}
处理办法：重新扫描或导出为 PNG、JPEG、TIFF 或 BMP，在案件中替换后按 F5。</translation>
    </message>
    <message>
        <source>The check stopped: {reason}</source>
        <translation>检查中止：{reason}</translation>
    </message>
    <message>
        <source>Internal error in the check ({where}). The case is kept; please report this with the files of the case.</source>
        <translation>检查时发生内部错误（{where}）。案件已保留；请连同案件文件一起报告此问题。</translation>
    </message>
    <message>
        <source>Reading rubbing sheet {name}</source>
        <translation>正在读取拓印膜 {name}</translation>
    </message>
    <message>
        <source>Checking photo {name}</source>
        <translation>正在检查相片 {name}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>No verdict: the check stopped with an error.</source>
        <translation>无结论：检查因错误而中止。</translation>
    </message>
    <message>
        <source>No verdict: the check was cancelled.</source>
        <translation>无结论：检查已取消。</translation>
    </message>
    <message>
        <source>No verdict yet: add files and press Check (F5).</source>
        <translation>尚无结论：请添加文件并按“检查”(F5)。</translation>
    </message>
    <message>
        <source>(after operator decisions)</source>
        <translation>（含操作员判定）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>VIN read: {vins}</source>
        <translation>识别出的代号：{vins}</translation>
    </message>
    <message>
        <source>expected: {vin}</source>
        <translation>应有：{vin}</translation>
    </message>
    <message>
        <source>{p} passed, {f} failed, {r} to review</source>
        <translation>{p} 项合格，{f} 项不合格，{r} 项待人工核查</translation>
    </message>
    <message>
        <source>Check details: {message}</source>
        <translation>检测详情（英文）：{message}</translation>
    </message>
    <message>
        <source>The decision is shown but could not be saved in the records: {reason}</source>
        <translation>判定已显示，但未能保存到记录中：{reason}</translation>
    </message>
    <message>
        <source>The records store is not available in this installation; results are not recorded.</source>
        <translation>本安装中没有记录库，检查结果不会被记录。</translation>
    </message>
    <message>
        <source>The records database cannot be opened: {reason}. Check its location in Settings.</source>
        <translation>无法打开记录数据库：{reason}。请在设置中检查其位置。</translation>
    </message>
    <message>
        <source>The result is shown but could not be recorded: {reason}</source>
        <translation>结果已显示，但未能记录：{reason}</translation>
    </message>
    <message>
        <source>The history view is not available in this installation.</source>
        <translation>本安装中没有历史记录视图。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>The history cannot be shown: {reason}</source>
        <translation>无法显示历史记录：{reason}</translation>
    </message>
    <message>
        <source>Cannot open record {id}: {reason}</source>
        <translation>无法打开记录 {id}：{reason}</translation>
    </message>
    <message>
        <source>{n} file(s) of this record are no longer where they were; their images cannot be shown.</source>
        <translation>此记录中有 {n} 个文件已不在原位置，无法显示其图像。</translation>
    </message>
    <message>
        <source>Save case and result</source>
        <translation>保存案件和结果</translation>
    </message>
    <message>
        <source>Cannot save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Run the check before exporting a report.</source>
        <translation>请先运行检查再导出报告。</translation>
    </message>
    <message>
        <source>Export PDF report</source>
        <translation>导出 PDF 报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF export is not available in this installation.</source>
        <translation>本安装中没有 PDF 导出功能。</translation>
    </message>
    <message>
        <source>The PDF report could not be written: {reason}</source>
        <translation>无法写入 PDF 报告：{reason}</translation>
    </message>
    <message>
        <source>Report written: {path}</source>
        <translation>报告已写入：{path}</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>无法保存设置：{reason}</translation>
    </message>
    <message>
        <source>About vincheck</source>
        <translation>关于 vincheck</translation>
    </message>
    <message>
        <source>vincheck {v}
Checks VIN rubbings (Annex 2) and exterior vehicle photos (Annex 1) of the MIIT/MPS registration notice.</source>
        <translation>vincheck {v}
按工信部、公安部登记通知检查车辆识别代号拓印膜（附件 2）和机动车外部彩色相片（附件 1）。</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描仪</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>More than one: from the document feeder</source>
        <translation>多于一页时：从自动进纸器扫描</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>300 dpi (certificate, photo prints)</source>
        <translation>300 dpi（合格证、冲印相片）</translation>
    </message>
    <message>
        <source>600 dpi (rubbing sheets)</source>
        <translation>600 dpi（拓印膜）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Scanning is not available: {reason}</source>
        <translation>无法扫描：{reason}</translation>
    </message>
    <message>
        <source>Looking for scanners…</source>
        <translation>正在查找扫描仪…</translation>
    </message>
    <message>
        <source>{n} scanner(s) found.</source>
        <translation>找到 {n} 台扫描仪。</translation>
    </message>
    <message>
        <source>No scanner found. Check that it is switched on and connected, then search again.</source>
        <translation>未找到扫描仪。请检查扫描仪已开机并已连接，然后重新查找。</translation>
    </message>
    <message>
        <source>Cannot look for scanners: {reason}</source>
        <translation>无法查找扫描仪：{reason}</translation>
    </message>
    <message>
        <source>Scanning at {dpi} dpi…</source>
        <translation>正在以 {dpi} dpi 扫描…</translation>
    </message>
    <message>
        <source>Stopping the scan…</source>
        <translation>正在停止扫描…</translation>
    </message>
    <message>
        <source>{n} page(s) scanned.</source>
        <translation>已扫描 {n} 页。</translation>
    </message>
    <message>
        <source>The scan failed: {reason}. Nothing was added to the case.</source>
        <translation>扫描失败：{reason}。未向案件添加任何文件。</translation>
    </message>
    <message>
        <source>The scan was cancelled. Nothing was added to the case.</source>
        <translation>扫描已取消。未向案件添加任何文件。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>search PATH</source>
        <translation>在 PATH 中查找</translation>
    </message>
    <message>
        <source>default location</source>
        <translation>默认位置</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>检验站名称</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Tesseract program</source>
        <translation>Tesseract 程序</translation>
    </message>
    <message>
        <source>Records database</source>
        <translation>记录数据库</translation>
    </message>
    <message>
        <source>Default scan resolution (DPI)</source>
        <translation>默认扫描分辨率 (DPI)</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Rubbing (Annex 2)</source>
        <translation>拓印膜（附件 2）</translation>
    </message>
    <message>
        <source>Photo (Annex 1)</source>
        <translation>相片（附件 1）</translation>
    </message>
    <message>
        <source>Regulation defaults</source>
        <translation>恢复法规默认值</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>ShapeLabel</name>
    <message>
        <source>plate anchor</source>
        <translation>号牌定位</translation>
    </message>
    <message>
        <source>plate_anchor</source>
        <translation>号牌定位</translation>
    </message>
    <message>
        <source>segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>detector</source>
        <translation>检测器</translation>
    </message>
    <message>
        <source>other vehicle</source>
        <translation>其他车辆</translation>
    </message>
    <message>
        <source>motorcycle</source>
        <translation>摩托车</translation>
    </message>
    <message>
        <source>vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>truck</source>
        <translation>货车</translation>
    </message>
    <message>
        <source>bus</source>
        <translation>客车</translation>
    </message>
    <message>
        <source>car</source>
        <translation>汽车</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起始符</translation>
    </message>
    <message>
        <source>end</source>
        <translation>终止符</translation>
    </message>
    <message>
        <source>front face</source>
        <translation>车头</translation>
    </message>
    <message>
        <source>rear face</source>
        <translation>车尾</translation>
    </message>
    <message>
        <source>face</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>top_left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top_right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>bottom_right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>bottom_left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>blown out</source>
        <translation>过曝</translation>
    </message>
    <message>
        <source>crushed</source>
        <translation>欠曝</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>white</source>
        <translation>白</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>pink</source>
        <translation>粉</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红</translation>
    </message>
    <message>
        <source>purple</source>
        <translation>紫</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>蓝</translation>
    </message>
    <message>
        <source>brown</source>
        <translation>棕</translation>
    </message>
    <message>
        <source>black</source>
        <translation>黑</translation>
    </message>
    <message>
        <source>car</source>
        <translation>汽车</translation>
    </message>
    <message>
        <source>trailer</source>
        <translation>挂车</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>review</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>PASS: the paperwork meets the rules</source>
        <translation>合格：资料符合要求</translation>
    </message>
    <message>
        <source>FAIL: the paperwork does not meet the rules</source>
        <translation>不合格：资料不符合要求</translation>
    </message>
    <message>
        <source>REVIEW: a person must decide</source>
        <translation>待核查：需人工判定</translation>
    </message>
    <message>
        <source>Expected VIN is valid</source>
        <translation>应有车辆识别代号有效</translation>
    </message>
    <message>
        <source>The VIN typed as expected is not a valid VIN.</source>
        <translation>填写的应有车辆识别代号无效。</translation>
    </message>
    <message>
        <source>A rubbing sheet is present</source>
        <translation>有拓印膜</translation>
    </message>
    <message>
        <source>No VIN rubbing sheet was given.</source>
        <translation>未提供车辆识别代号拓印膜。</translation>
    </message>
    <message>
        <source>An exterior photo is present</source>
        <translation>有外部相片</translation>
    </message>
    <message>
        <source>No exterior photo was given.</source>
        <translation>未提供机动车外部彩色相片。</translation>
    </message>
    <message>
        <source>Two rubbings</source>
        <translation>两份拓印</translation>
    </message>
    <message>
        <source>The rules call for two VIN rubbings.</source>
        <translation>规定要求两份车辆识别代号拓印膜。</translation>
    </message>
    <message>
        <source>All rubbings read the same VIN</source>
        <translation>各拓印代号一致</translation>
    </message>
    <message>
        <source>The rubbings read different VINs.</source>
        <translation>各拓印识别出的代号不一致。</translation>
    </message>
    <message>
        <source>VIN matches the papers</source>
        <translation>代号与资料一致</translation>
    </message>
    <message>
        <source>The VIN read differs from the expected VIN.</source>
        <translation>识别出的代号与应有代号不一致。</translation>
    </message>
    <message>
        <source>File could be read</source>
        <translation>文件可读取</translation>
    </message>
    <message>
        <source>A file of the case could not be read.</source>
        <translation>案件中有文件无法读取。</translation>
    </message>
    <message>
        <source>A rubbing strip is found</source>
        <translation>找到拓印</translation>
    </message>
    <message>
        <source>No rubbing strip was found on the sheet.</source>
        <translation>底纸上未找到拓印。</translation>
    </message>
    <message>
        <source>VIN read with confidence</source>
        <translation>代号识别可靠</translation>
    </message>
    <message>
        <source>Some characters are uncertain: compare them with the rubbing by eye.</source>
        <translation>部分字符识别不确定：请对照拓印目视核对。</translation>
    </message>
    <message>
        <source>Complete 17-character VIN</source>
        <translation>17 位代号完整</translation>
    </message>
    <message>
        <source>Fewer than 17 characters are on the tape: the rubbing is cut off.</source>
        <translation>拓印上不足 17 个字符：拓印不完整。</translation>
    </message>
    <message>
        <source>No deformation</source>
        <translation>无变形</translation>
    </message>
    <message>
        <source>Character sizes, spacing or slant vary: the tape was stretched or sheared.</source>
        <translation>字符大小、间距或倾斜不一致：拓印贴被拉伸或错切。</translation>
    </message>
    <message>
        <source>No shift or doubled impression</source>
        <translation>无移位、无重影</translation>
    </message>
    <message>
        <source>A second, shifted impression or a smear is visible.</source>
        <translation>可见错位的第二道印痕或涂抹。</translation>
    </message>
    <message>
        <source>The print is not 88 x 60 mm within the tolerance.</source>
        <translation>相片尺寸不在 88 × 60 mm 的允差范围内。</translation>
    </message>
    <message>
        <source>The rounded corners are not 4 mm within the tolerance.</source>
        <translation>圆角半径不在 4 mm 的允差范围内。</translation>
    </message>
    <message>
        <source>The vehicle is not seen from the required side and angle.</source>
        <translation>拍摄方向或角度不符合规定。</translation>
    </message>
    <message>
        <source>Whole vehicle in the picture</source>
        <translation>车辆完整入镜</translation>
    </message>
    <message>
        <source>The vehicle is cut off at the edge of the picture.</source>
        <translation>车辆在画面边缘被截断。</translation>
    </message>
    <message>
        <source>Check digit (position 9)</source>
        <translation>校验位（第 9 位）</translation>
    </message>
    <message>
        <source>front</source>
        <translation>正前</translation>
    </message>
    <message>
        <source>front-left</source>
        <translation>左前</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>rear-left</source>
        <translation>左后</translation>
    </message>
    <message>
        <source>rear</source>
        <translation>正后</translation>
    </message>
    <message>
        <source>rear-right</source>
        <translation>右后</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <source>front-right</source>
        <translation>右前</translation>
    </message>
    <message>
        <source>The check digit does not match the other characters.</source>
        <translation>校验位与其他字符不符。</translation>
    </message>
    <message>
        <source>Start symbol before the VIN</source>
        <translation>代号前有起始符</translation>
    </message>
    <message>
        <source>No start symbol was found before the first character.</source>
        <translation>首字符前未找到起始符。</translation>
    </message>
    <message>
        <source>Stop symbol after the VIN</source>
        <translation>代号后有终止符</translation>
    </message>
    <message>
        <source>No stop symbol was found after the last character.</source>
        <translation>末字符后未找到终止符。</translation>
    </message>
    <message>
        <source>Character height</source>
        <translation>字高</translation>
    </message>
    <message>
        <source>The characters are smaller than the minimum height.</source>
        <translation>字符高度低于最小值。</translation>
    </message>
    <message>
        <source>Scan resolution known</source>
        <translation>扫描分辨率已知</translation>
    </message>
    <message>
        <source>The scan resolution is unknown, so sizes in mm cannot be measured. Enter the scan DPI.</source>
        <translation>扫描分辨率未知，无法以毫米测量尺寸。请填写扫描分辨率 (DPI)。</translation>
    </message>
    <message>
        <source>OCR engines</source>
        <translation>文字识别引擎</translation>
    </message>
    <message>
        <source>Not every OCR engine was available.</source>
        <translation>部分文字识别引擎不可用。</translation>
    </message>
    <message>
        <source>Print size 88 x 60 mm</source>
        <translation>相片尺寸 88 × 60 mm</translation>
    </message>
    <message>
        <source>Picture proportions 88:60</source>
        <translation>画面比例 88:60</translation>
    </message>
    <message>
        <source>The picture does not have the 88:60 proportions.</source>
        <translation>画面比例不是 88:60。</translation>
    </message>
    <message>
        <source>Corner radius 4 mm</source>
        <translation>圆角半径 4 mm</translation>
    </message>
    <message>
        <source>Taken from the required side at 45°</source>
        <translation>按规定方向 45° 拍摄</translation>
    </message>
    <message>
        <source>No number plate mounted</source>
        <translation>未悬挂号牌</translation>
    </message>
    <message>
        <source>A number plate is visible on the vehicle.</source>
        <translation>车辆上可见号牌。</translation>
    </message>
    <message>
        <source>Vehicle fills two thirds</source>
        <translation>车辆影像占相片三分之二</translation>
    </message>
    <message>
        <source>The vehicle does not fill about two thirds of the photo.</source>
        <translation>车辆影像未占相片约三分之二。</translation>
    </message>
    <message>
        <source>Sharp picture</source>
        <translation>画面清晰</translation>
    </message>
    <message>
        <source>The photo is blurred.</source>
        <translation>相片模糊。</translation>
    </message>
    <message>
        <source>Well exposed</source>
        <translation>曝光正常</translation>
    </message>
    <message>
        <source>The photo is too dark or too bright.</source>
        <translation>相片过暗或过亮。</translation>
    </message>
    <message>
        <source>Body colour matches</source>
        <translation>车身颜色一致</translation>
    </message>
    <message>
        <source>The body colour differs from the colour on the papers.</source>
        <translation>车身颜色与资料上的颜色不一致。</translation>
    </message>
    <message>
        <source>Minimum character height (mm)</source>
        <translation>最小字高 (mm)</translation>
    </message>
    <message>
        <source>Maximum spacing variation (share)</source>
        <translation>最大字距偏差（比例）</translation>
    </message>
    <message>
        <source>Maximum height variation (share)</source>
        <translation>最大字高偏差（比例）</translation>
    </message>
    <message>
        <source>Maximum slant (degrees)</source>
        <translation>最大倾斜角（度）</translation>
    </message>
    <message>
        <source>Minimum character width/height</source>
        <translation>字符宽高比下限</translation>
    </message>
    <message>
        <source>Maximum character width/height</source>
        <translation>字符宽高比上限</translation>
    </message>
    <message>
        <source>Maximum doubled-impression offset (mm)</source>
        <translation>最大重影偏移 (mm)</translation>
    </message>
    <message>
        <source>Minimum reading confidence (0-1)</source>
        <translation>最低识别置信度 (0-1)</translation>
    </message>
    <message>
        <source>Default scan resolution (DPI, 0 = unknown)</source>
        <translation>默认扫描分辨率（DPI，0 = 未知）</translation>
    </message>
    <message>
        <source>Check digit is mandatory</source>
        <translation>校验位为必需</translation>
    </message>
    <message>
        <source>Print width (mm)</source>
        <translation>相片长度 (mm)</translation>
    </message>
    <message>
        <source>Print height (mm)</source>
        <translation>相片宽度 (mm)</translation>
    </message>
    <message>
        <source>Print size tolerance (mm)</source>
        <translation>相片尺寸允差 (mm)</translation>
    </message>
    <message>
        <source>Corner radius (mm)</source>
        <translation>圆角半径 (mm)</translation>
    </message>
    <message>
        <source>Corner radius tolerance (mm)</source>
        <translation>圆角半径允差 (mm)</translation>
    </message>
    <message>
        <source>Minimum vehicle fill (share)</source>
        <translation>车辆占比下限</translation>
    </message>
    <message>
        <source>Maximum vehicle fill (share)</source>
        <translation>车辆占比上限</translation>
    </message>
    <message>
        <source>Car view azimuth (degrees)</source>
        <translation>汽车拍摄方位角（度）</translation>
    </message>
    <message>
        <source>Trailer view azimuth (degrees)</source>
        <translation>挂车拍摄方位角（度）</translation>
    </message>
    <message>
        <source>View azimuth tolerance (degrees)</source>
        <translation>拍摄方位角允差（度）</translation>
    </message>
    <message>
        <source>Minimum sharpness</source>
        <translation>最低清晰度</translation>
    </message>
    <message>
        <source>Maximum clipped pixels (share)</source>
        <translation>过曝/欠曝像素比例上限</translation>
    </message>
    <message>
        <source>Minimum mean brightness (0-255)</source>
        <translation>平均亮度下限 (0-255)</translation>
    </message>
    <message>
        <source>Maximum mean brightness (0-255)</source>
        <translation>平均亮度上限 (0-255)</translation>
    </message>
    <message>
        <source>Minimum plate detection score (0-1)</source>
        <translation>号牌检测得分下限 (0-1)</translation>
    </message>
    <message>
        <source>A body colour unlike the papers fails (else: check by eye)</source>
        <translation>车身颜色与资料不符即判不合格（否则转人工核查）</translation>
    </message>
    <message>
        <source>Minimum colour confidence to fail (0-1)</source>
        <translation>判不合格所需的最低颜色置信度（0–1）</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>个字符</translation>
    </message>
    <message>
        <source>strips</source>
        <translation>份</translation>
    </message>
    <message>
        <source>character heights</source>
        <translation>个字高</translation>
    </message>
    <message>
        <source>spacing spread</source>
        <translation>字距偏差</translation>
    </message>
    <message>
        <source>height spread</source>
        <translation>字高偏差</translation>
    </message>
    <message>
        <source>slant °</source>
        <translation>倾斜°</translation>
    </message>
    <message>
        <source>width/height</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>spacing mm</source>
        <translation>字距 mm</translation>
    </message>
    <message>
        <source>height mm</source>
        <translation>字高 mm</translation>
    </message>
    <message>
        <source>double offset</source>
        <translation>重影错位</translation>
    </message>
    <message>
        <source>double score</source>
        <translation>重影得分</translation>
    </message>
    <message>
        <source>double dx px</source>
        <translation>重影横移 px</translation>
    </message>
    <message>
        <source>double dy px</source>
        <translation>重影纵移 px</translation>
    </message>
    <message>
        <source>sharpness</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>公差</translation>
    </message>
    <message>
        <source>radius</source>
        <translation>半径</translation>
    </message>
    <message>
        <source>nominal</source>
        <translation>标称</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>mean brightness</source>
        <translation>平均亮度</translation>
    </message>
    <message>
        <source>crushed</source>
        <translation>欠曝</translation>
    </message>
    <message>
        <source>blown out</source>
        <translation>过曝</translation>
    </message>
    <message>
        <source>clipped max</source>
        <translation>过曝/欠曝上限</translation>
    </message>
    <message>
        <source>edge blur max px</source>
        <translation>边缘模糊上限 px</translation>
    </message>
    <message>
        <source>top</source>
        <translation>顶部</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>底部</translation>
    </message>
    <message>
        <source>one VIN</source>
        <translation>同一代号</translation>
    </message>
    <message>
        <source>known DPI</source>
        <translation>已知分辨率</translation>
    </message>
    <message>
        <source>not required</source>
        <translation>不要求</translation>
    </message>
    <message>
        <source>Meets the rule.</source>
        <translation>符合要求。</translation>
    </message>
    <message>
        <source>Could not be measured; a person must check it.</source>
        <translation>无法测量，需人工核查。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
</TS>