"""Simplified Chinese for the window's English texts (source text -> translation).

Used by :mod:`vincheck.gui.i18n.build` to fill the ``.ts`` file; the running program
reads only the compiled ``vincheck_zh_CN.qm``.
"""

TRANSLATIONS: dict[str, str] = {
    # --- errors and progress
    "The OCR engine is missing or failed: {reason}\nWhat to do: install Tesseract (see the "
    "message above) or set its location in Settings ▸ Tesseract program, then press F5.":
        "文字识别引擎缺失或出错：{reason}\n处理办法：安装 Tesseract（见上方说明），或在"
        "“设置 ▸ Tesseract 程序”中指定其位置，然后按 F5。",
    "A file cannot be used: {reason}\nWhat to do: rescan or export it as PNG, JPEG, TIFF or "
    "BMP, replace it in the case and press F5.":
        "文件无法使用：{reason}\n处理办法：重新扫描或导出为 PNG、JPEG、TIFF 或 BMP，"
        "在案件中替换后按 F5。",
    "The check stopped: {reason}": "检查中止：{reason}",
    "Internal error in the check ({where}). The case is kept; please report this with the "
    "files of the case.":
        "检查时发生内部错误（{where}）。案件已保留；请连同案件文件一起报告此问题。",
    "Reading rubbing sheet {name}": "正在读取拓印膜 {name}",
    "Checking photo {name}": "正在检查相片 {name}",
    "Done": "完成",
    "Meets the rule.": "符合要求。",
    "Could not be measured; a person must check it.": "无法测量，需人工核查。",
    "yes": "是",
    "no": "否",
    "Unexpected error": "意外错误",
    "Something went wrong, but your case is still open. Details:":
        "出现了问题，但您的案件仍然打开着。详细信息：",
    # --- VIN validation
    "a VIN has 17 characters, this has {n}": "车辆识别代号应为 17 位，此处为 {n} 位",
    "character {c} at position {p} is never used in a VIN (I, O, Q and signs are not "
    "allowed)": "第 {p} 位的字符 {c} 不能用于车辆识别代号（不得使用 I、O、Q 和符号）",
    "check digit (position 9) should be {e}, not {f}": "校验位（第 9 位）应为 {e}，而不是 {f}",
    "model-year code {c} (position 10) is never used": "年份代码 {c}（第 10 位）不存在",
    # --- case panel
    "Case": "案件",
    "Expected VIN": "应有车辆识别代号",
    "VIN from the certificate": "合格证上的车辆识别代号",
    "Vehicle": "车辆类型",
    "Colour": "车身颜色",
    "Scan DPI": "扫描分辨率",
    "from file": "取自文件",
    "Resolution of the scans in dots per inch; leave at 'from file' to use the file's own.":
        "扫描分辨率（每英寸点数）；保持“取自文件”则使用文件自带的分辨率。",
    "not given": "未填写",
    "Files": "文件",
    "File": "文件",
    "Type": "类别",
    "Rubbing sheet": "拓印膜",
    "Photo": "相片",
    "Add files…": "添加文件…",
    "Remove": "移除",
    "Drop scans and photos here; each is sorted as a rubbing sheet or a photo. "
    "Right-click to correct.": "将扫描件和相片拖到此处，会自动分为拓印膜或相片；右键可更正。",
    "Check (F5)": "检查 (F5)",
    "Cancel": "取消",
    "No expected VIN: the VIN read is not compared.": "未填写应有车辆识别代号：不比对识别结果。",
    "Valid VIN": "车辆识别代号有效",
    "Not a valid VIN: {reason}": "车辆识别代号无效：{reason}",
    "Treat as rubbing sheet": "作为拓印膜",
    "Treat as photo": "作为相片",
    "Remove from case": "从案件中移除",
    # --- checklist
    "Rubbing {n} on {file}: {vin}": "拓印 {n}（{file}）：{vin}",
    "VIN not read": "未识别出车辆识别代号",
    "Rubbing sheet {file}": "拓印膜 {file}",
    "Photo {file}": "相片 {file}",
    "vehicle": "车辆",
    "other vehicle": "其他车辆",
    "Rule": "规则",
    "Result": "结果",
    "Measured / limit": "测量值 / 限值",
    "Explanation": "说明",
    "accepted": "已接受",
    "rejected": "已拒绝",
    "operator": "操作员",
    "{who}: {note}": "{who}：{note}",
    # --- main window
    "vincheck — VIN rubbing and vehicle photo check": "vincheck — 车辆识别代号拓印膜与车辆相片检查",
    "&File": "文件(&F)",
    "Recent cases": "最近的案件",
    "&Check": "检查(&C)",
    "&View": "查看(&V)",
    "&Settings": "设置(&S)",
    "Language": "语言",
    "&Help": "帮助(&H)",
    "&Open files…": "打开文件(&O)…",
    "Open &case file…": "打开案件文件(&C)…",
    "Open the &sample case": "打开示例案件(&S)",
    "&Save case and result…": "保存案件和结果(&S)…",
    "&Export PDF report…": "导出 PDF 报告(&E)…",
    "&Quit": "退出(&Q)",
    "&Run the check": "运行检查(&R)",
    "&Cancel the check": "取消检查(&C)",
    "&Next image": "下一张图像(&N)",
    "&Previous image": "上一张图像(&P)",
    "Zoom &in": "放大(&I)",
    "Zoom &out": "缩小(&O)",
    "&Fit to window": "适合窗口(&F)",
    "&Actual pixels (1:1)": "实际像素 1:1(&A)",
    "&History…": "历史记录(&H)…",
    "&Settings…": "设置(&S)…",
    "&About vincheck": "关于 vincheck(&A)",
    "Note for the decision (optional)": "判定备注（可选）",
    "Accept": "接受",
    "Reject": "拒绝",
    "Drop rubbing scans and vehicle photos here, or use File ▸ Open (Ctrl+O).":
        "将拓印膜扫描件和车辆相片拖到此处，或使用“文件 ▸ 打开”(Ctrl+O)。",
    "no operator name (Settings)": "未设置操作员姓名（见设置）",
    "Operator: {who}": "操作员：{who}",
    "Cannot use {file}: {reason}. Check that it is a PNG, JPEG, TIFF or BMP scan or photo "
    "and not damaged, then add it again.":
        "无法使用 {file}：{reason}。请确认它是未损坏的 PNG、JPEG、TIFF 或 BMP 扫描件或相片，"
        "然后重新添加。",
    "Cannot use {file}: {reason}.": "无法使用 {file}：{reason}。",
    "Sorting files… {done} of {total}": "正在将文件分为拓印膜或相片… {done} / {total}",
    "The check starts when the files are sorted.": "文件分类完成后开始检查。",
    "Sorting stopped: {n} of the added files were not added to the case.":
        "已停止分类：添加的文件中有 {n} 个未加入案件。",
    "Sorting stopped.": "已停止分类。",
    "Open scans and photos": "打开扫描件和相片",
    "Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;Case files (*.json)":
        "图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;案件文件 (*.json)",
    "Open case file": "打开案件文件",
    "Case files (*.json)": "案件文件 (*.json)",
    "Cannot open the case file: {reason}": "无法打开案件文件：{reason}",
    "The bundled sample case is not installed.": "未安装随附的示例案件。",
    "(none)": "（无）",
    "(page {n})": "（第 {n} 页）",
    "Cannot show {file}: {reason}": "无法显示 {file}：{reason}",
    "Loading {file}…": "正在载入 {file}…",
    "{file} cannot be shown.": "无法显示 {file}。",
    "Add at least one rubbing sheet or photo first (drop files on the window or press "
    "Ctrl+O).": "请先添加至少一张拓印膜或相片（将文件拖到窗口或按 Ctrl+O）。",
    "The expected VIN is not valid; the check runs, and the VIN comparison will fail.":
        "应有车辆识别代号无效；检查照常进行，但代号比对将不通过。",
    "Starting the check…": "正在开始检查…",
    "The scan resolution of {files} is unknown, so sizes in mm were not measured. What to do: "
    "enter the scan DPI in the case panel (Scan DPI) or set a default in Settings, then press "
    "F5.": "{files} 的扫描分辨率未知，未以毫米测量尺寸。处理办法：在案件栏“扫描分辨率”中填写 DPI，"
           "或在设置中设定默认值，然后按 F5。",
    "Cancelling…": "正在取消…",
    "Check finished in {s:.1f} s.": "检查完成，用时 {s:.1f} 秒。",
    "{file} could not be checked: {reason}": "{file} 无法检查：{reason}",
    "The check stopped with an error.": "检查因错误而中止。",
    "Check cancelled.": "检查已取消。",
    "Checking…": "正在检查…",
    "No verdict: the check stopped with an error.": "无结论：检查因错误而中止。",
    "No verdict: the check was cancelled.": "无结论：检查已取消。",
    "No verdict yet: add files and press Check (F5).": "尚无结论：请添加文件并按“检查”(F5)。",
    "(after operator decisions)": "（含操作员判定）",
    "none": "无",
    "VIN read: {vins}": "识别出的代号：{vins}",
    "expected: {vin}": "应有：{vin}",
    "{p} passed, {f} failed, {r} to review": "{p} 项合格，{f} 项不合格，{r} 项待人工核查",
    "The decision is shown but could not be saved in the records: {reason}":
        "判定已显示，但未能保存到记录中：{reason}",
    "The records store is not available in this installation; results are not recorded.":
        "本安装中没有记录库，检查结果不会被记录。",
    "The records database cannot be opened: {reason}. Check its location in Settings.":
        "无法打开记录数据库：{reason}。请在设置中检查其位置。",
    "The result is shown but could not be recorded: {reason}":
        "结果已显示，但未能记录：{reason}",
    "The history view is not available in this installation.": "本安装中没有历史记录视图。",
    "History": "历史记录",
    "The history cannot be shown: {reason}": "无法显示历史记录：{reason}",
    "Cannot open record {id}: {reason}": "无法打开记录 {id}：{reason}",
    "{n} file(s) of this record are no longer where they were; their images cannot be "
    "shown.": "此记录中有 {n} 个文件已不在原位置，无法显示其图像。",
    "Save case and result": "保存案件和结果",
    "Cannot save {path}: {reason}": "无法保存 {path}：{reason}",
    "Saved {path}": "已保存 {path}",
    "Run the check before exporting a report.": "请先运行检查再导出报告。",
    "Export PDF report": "导出 PDF 报告",
    "PDF files (*.pdf)": "PDF 文件 (*.pdf)",
    "PDF export is not available in this installation.": "本安装中没有 PDF 导出功能。",
    "The PDF report could not be written: {reason}": "无法写入 PDF 报告：{reason}",
    "Report written: {path}": "报告已写入：{path}",
    "The settings could not be saved: {reason}": "无法保存设置：{reason}",
    "About vincheck": "关于 vincheck",
    "vincheck {v}\nChecks VIN rubbings (Annex 2) and exterior vehicle photos (Annex 1) of "
    "the MIIT/MPS registration notice.":
        "vincheck {v}\n按工信部、公安部登记通知检查车辆识别代号拓印膜（附件 2）和机动车外部"
        "彩色相片（附件 1）。",
    # --- settings dialog
    "search PATH": "在 PATH 中查找",
    "default location": "默认位置",
    "unknown": "未知",
    "Operator name": "操作员姓名",
    "Station name": "检验站名称",
    "Tesseract program": "Tesseract 程序",
    "Records database": "记录数据库",
    "Default scan resolution (DPI)": "默认扫描分辨率 (DPI)",
    "General": "常规",
    "Rubbing (Annex 2)": "拓印膜（附件 2）",
    "Photo (Annex 1)": "相片（附件 1）",
    "Regulation defaults": "恢复法规默认值",
    "Settings": "设置",
    "Browse…": "浏览…",
    # --- data words
    "white": "白", "grey": "灰", "yellow": "黄", "pink": "粉", "red": "红", "purple": "紫",
    "green": "绿", "blue": "蓝", "brown": "棕", "black": "黑",
    "car": "汽车", "trailer": "挂车",
    "front": "正前", "front-left": "左前", "left": "左侧", "rear-left": "左后", "rear": "正后",
    "rear-right": "右后", "right": "右侧", "front-right": "右前",
    "pass": "合格", "fail": "不合格", "review": "待核查", "not measured": "未测量",
    "PASS: the paperwork meets the rules": "合格：资料符合要求",
    "FAIL: the paperwork does not meet the rules": "不合格：资料不符合要求",
    "REVIEW: a person must decide": "待核查：需人工判定",
    # --- rules
    "Expected VIN is valid": "应有车辆识别代号有效",
    "The VIN typed as expected is not a valid VIN.": "填写的应有车辆识别代号无效。",
    "A rubbing sheet is present": "有拓印膜",
    "No VIN rubbing sheet was given.": "未提供车辆识别代号拓印膜。",
    "An exterior photo is present": "有外部相片",
    "No exterior photo was given.": "未提供机动车外部彩色相片。",
    "Two rubbings": "两份拓印",
    "The rules call for two VIN rubbings.": "规定要求两份车辆识别代号拓印膜。",
    "All rubbings read the same VIN": "各拓印代号一致",
    "The rubbings read different VINs.": "各拓印识别出的代号不一致。",
    "VIN matches the papers": "代号与资料一致",
    "The VIN read differs from the expected VIN.": "识别出的代号与应有代号不一致。",
    "File could be read": "文件可读取",
    "A file of the case could not be read.": "案件中有文件无法读取。",
    "A rubbing strip is found": "找到拓印",
    "No rubbing strip was found on the sheet.": "底纸上未找到拓印。",
    "VIN read with confidence": "代号识别可靠",
    "Some characters are uncertain: compare them with the rubbing by eye.":
        "部分字符识别不确定：请对照拓印目视核对。",
    "Complete 17-character VIN": "17 位代号完整",
    "Fewer than 17 characters are on the tape: the rubbing is cut off.":
        "拓印上不足 17 个字符：拓印不完整。",
    "Check digit (position 9)": "校验位（第 9 位）",
    "The check digit does not match the other characters.": "校验位与其他字符不符。",
    "Start symbol before the VIN": "代号前有起始符",
    "No start symbol was found before the first character.": "首字符前未找到起始符。",
    "Stop symbol after the VIN": "代号后有终止符",
    "No stop symbol was found after the last character.": "末字符后未找到终止符。",
    "No deformation": "无变形",
    "Character sizes, spacing or slant vary: the tape was stretched or sheared.":
        "字符大小、间距或倾斜不一致：拓印贴被拉伸或错切。",
    "Character height": "字高",
    "The characters are smaller than the minimum height.": "字符高度低于最小值。",
    "No shift or doubled impression": "无移位、无重影",
    "A second, shifted impression or a smear is visible.": "可见错位的第二道印痕或涂抹。",
    "Scan resolution known": "扫描分辨率已知",
    "The scan resolution is unknown, so sizes in mm cannot be measured. Enter the scan DPI.":
        "扫描分辨率未知，无法以毫米测量尺寸。请填写扫描分辨率 (DPI)。",
    "OCR engines": "文字识别引擎",
    "Not every OCR engine was available.": "部分文字识别引擎不可用。",
    "Print size 88 x 60 mm": "相片尺寸 88 × 60 mm",
    "The print is not 88 x 60 mm within the tolerance.": "相片尺寸不在 88 × 60 mm 的允差范围内。",
    "Picture proportions 88:60": "画面比例 88:60",
    "The picture does not have the 88:60 proportions.": "画面比例不是 88:60。",
    "Corner radius 4 mm": "圆角半径 4 mm",
    "The rounded corners are not 4 mm within the tolerance.": "圆角半径不在 4 mm 的允差范围内。",
    "Taken from the required side at 45°": "按规定方向 45° 拍摄",
    "The vehicle is not seen from the required side and angle.": "拍摄方向或角度不符合规定。",
    "No number plate mounted": "未悬挂号牌",
    "A number plate is visible on the vehicle.": "车辆上可见号牌。",
    "Vehicle fills two thirds": "车辆影像占相片三分之二",
    "The vehicle does not fill about two thirds of the photo.": "车辆影像未占相片约三分之二。",
    "Whole vehicle in the picture": "车辆完整入镜",
    "The vehicle is cut off at the edge of the picture.": "车辆在画面边缘被截断。",
    "Sharp picture": "画面清晰",
    "The photo is blurred.": "相片模糊。",
    "Well exposed": "曝光正常",
    "The photo is too dark or too bright.": "相片过暗或过亮。",
    "Body colour matches": "车身颜色一致",
    "The body colour differs from the colour on the papers.": "车身颜色与资料上的颜色不一致。",
    # --- settings fields
    "Minimum character height (mm)": "最小字高 (mm)",
    "Maximum spacing variation (share)": "最大字距偏差（比例）",
    "Maximum height variation (share)": "最大字高偏差（比例）",
    "Maximum slant (degrees)": "最大倾斜角（度）",
    "Minimum character width/height": "字符宽高比下限",
    "Maximum character width/height": "字符宽高比上限",
    "Maximum doubled-impression offset (mm)": "最大重影偏移 (mm)",
    "Minimum reading confidence (0-1)": "最低识别置信度 (0-1)",
    "Default scan resolution (DPI, 0 = unknown)": "默认扫描分辨率（DPI，0 = 未知）",
    "Check digit is mandatory": "校验位为必需",
    "Print width (mm)": "相片长度 (mm)",
    "Print height (mm)": "相片宽度 (mm)",
    "Print size tolerance (mm)": "相片尺寸允差 (mm)",
    "Corner radius (mm)": "圆角半径 (mm)",
    "Corner radius tolerance (mm)": "圆角半径允差 (mm)",
    "Minimum vehicle fill (share)": "车辆占比下限",
    "Maximum vehicle fill (share)": "车辆占比上限",
    "Car view azimuth (degrees)": "汽车拍摄方位角（度）",
    "Trailer view azimuth (degrees)": "挂车拍摄方位角（度）",
    "View azimuth tolerance (degrees)": "拍摄方位角允差（度）",
    "Minimum sharpness": "最低清晰度",
    "Maximum clipped pixels (share)": "过曝/欠曝像素比例上限",
    "Minimum mean brightness (0-255)": "平均亮度下限 (0-255)",
    "Maximum mean brightness (0-255)": "平均亮度上限 (0-255)",
    "Minimum plate detection score (0-1)": "号牌检测得分下限 (0-1)",
    # --- history view (vincheck/gui/history_view.py)
    "VIN:": "车辆识别代号：",
    "part of a VIN, e.g. 2184841": "代号的一部分，例如 2184841",
    "From": "起",
    "To": "止",
    "Verdict:": "结论：",
    "All": "全部",
    "Pass": "合格",
    "Fail": "不合格",
    "Review": "待核查",
    "Search": "查询",
    "Open": "打开",
    "No.": "编号",
    "Time": "时间",
    "VIN(s) read": "识别出的代号",
    "Kind": "类型",
    "Verdict": "结论",
    "Decided": "最终结论",
    "Station": "检验站",
    "Operator": "操作员",
    "Cannot search the records: {reason}": "无法查询记录：{reason}",
    "Showing the newest {n} cases; narrow the search to see older ones.":
        "仅显示最新的 {n} 个案件；缩小查询范围可查看更早的案件。",
    "{n} case(s)": "{n} 个案件",
    # --- finding sentences with values (vincheck/gui/finding_text.py)
    ", ": "、",
    "; ": "；",
    "left side": "左侧",
    "right side": "右侧",
    "top": "顶部",
    "bottom": "底部",
    "top left": "左上",
    "top right": "右上",
    "bottom right": "右下",
    "bottom left": "左下",
    "Check details: {message}": "检测详情（英文）：{message}",
    "The expected VIN {vin} is not a valid VIN.": "应有车辆识别代号 {vin} 不是有效的车辆识别代号。",
    "{n} rubbing(s) found; the rules call for {need}.": "找到 {n} 份拓印，规定需要 {need} 份。",
    "{file} could not be read; see the message above.": "文件 {file} 无法读取，见上方提示。",
    "Not every rubbing could be read, so the copies cannot be compared.":
        "并非每份拓印都能识别，无法比对各份是否一致。",
    "The rubbings read different VINs: {vins}.": "各份拓印识别出的车辆识别代号不同：{vins}。",
    "Every rubbing reads {vin}.": "各份拓印均识别为 {vin}。",
    "No VIN could be read to compare with the expected {expected}.":
        "未识别出车辆识别代号，无法与应有代号 {expected} 比对。",
    "Read {read}, but the papers give {expected}.": "识别为 {read}，但资料上为 {expected}。",
    "The VIN read, {vin}, matches the papers.": "识别出的车辆识别代号 {vin} 与资料一致。",
    "No VIN rubbing strip was found on the sheet.": "拓印膜上未找到车辆识别代号拓印。",
    "{n} rubbing strip(s) found on the sheet.": "拓印膜上找到 {n} 份拓印。",
    "No characters could be found on the rubbing.": "拓印上找不到任何字符。",
    "The VIN cannot be read: {share} of the characters are illegible (limit {limit}).":
        "车辆识别代号无法识别：{share} 的字符无法辨认（上限 {limit}）。",
    "Some characters are uncertain (lowest confidence {conf}, threshold {need}): compare them "
    "with the rubbing by eye.":
        "部分字符识别不确定（最低置信度 {conf}，阈值 {need}）：请对照拓印目视核对。",
    "All characters read (lowest confidence {conf}, threshold {need}).":
        "全部字符均已识别（最低置信度 {conf}，阈值 {need}）。",
    "Only {n} of {need} characters are on the tape: the rubbing is cut off.":
        "拓印膜上只有 {n} 个字符（应为 {need} 个）：拓印不完整。",
    "{n} characters on the tape ({need} needed).": "拓印膜上有 {n} 个字符（应为 {need} 个）。",
    "Check digit {got}; the settings do not require a valid one.":
        "校验位为 {got}；按当前设置不要求校验位有效。",
    "Check digit {got} (position 9) is valid.": "校验位（第 9 位）{got} 正确。",
    "The check digit (position 9) is {got}, but the other characters need {need}.":
        "校验位（第 9 位）为 {got}，按其余字符应为 {need}。",
    "The check digit (position 9) reads {got}, the other characters need {need}; a character "
    "may be misread: check by eye.":
        "校验位（第 9 位）识别为 {got}，按其余字符应为 {need}；可能有字符识别错误：请目视核对。",
    "Start symbol found before the first character.": "首字符前有起始符。",
    "Stop symbol found after the last character.": "末字符后有终止符。",
    "No start symbol (★ ☆ ※ ◆ or a maker's mark) before the first character.":
        "首字符前没有起始符（★ ☆ ※ ◆ 或厂家标志）。",
    "No stop symbol (★ ☆ ※ ◆ or a maker's mark) after the last character.":
        "末字符后没有终止符（★ ☆ ※ ◆ 或厂家标志）。",
    "Spacing, height, slant and proportions are even (spacing varies {pitch}, height {height}, "
    "slant {slant}).":
        "字距、字高、倾斜和字形比例均匀（字距偏差 {pitch}，字高偏差 {height}，倾斜 {slant}）。",
    "spacing varies {v} (limit {lim})": "字距偏差 {v}（上限 {lim}）",
    "height varies {v} (limit {lim})": "字高偏差 {v}（上限 {lim}）",
    "slanted by {v} (limit {lim})": "倾斜 {v}（上限 {lim}）",
    "character width/height {v} outside {lo}–{hi}": "字符宽高比 {v}，超出 {lo}–{hi}",
    "The characters are deformed: {problems}.": "字符变形：{problems}。",
    "Characters are {h} high, below the {min} minimum.": "字符高度 {h}，低于 {min} 的下限。",
    "Characters are {h} high (minimum {min}).": "字符高度 {h}（下限 {min}）。",
    "{v} character heights": "{v} 个字高",
    "No doubled or smeared impression.": "没有重影或拖影。",
    "a doubled impression offset by {off} (limit {lim})": "有重影，错位 {off}（上限 {lim}）",
    "smeared characters (edge sharpness {v} of the line's, at least {lim} needed)":
        "有字符拖影（边缘清晰度为整行的 {v}，至少应为 {lim}）",
    "Shifted impression: {problems}.": "拓印错位：{problems}。",
    "Read with {engines}; not every OCR engine was available.":
        "使用 {engines} 识别；部分文字识别引擎不可用。",
    "{w} × {h} mm ± {t} mm": "{w} × {h} mm ± {t} mm",
    "The print outline could not be measured (required {need}): check the size by hand.":
        "无法测量相片轮廓（要求 {need}）：请人工核对尺寸。",
    "{w} × {h} mm": "{w} × {h} mm",
    "The print measures {got}; required {need}.": "相片尺寸 {got}，要求 {need}。",
    "The print measures {got}, outside the required {need}.":
        "相片尺寸 {got}，不符合要求的 {need}。",
    "The print measures about {got} (required {need}), but an edge is unclear against the "
    "scanner bed: check by hand.":
        "相片尺寸约 {got}（要求 {need}），但有边缘与扫描底色难以区分：请人工核对。",
    "{r} mm ± {t} mm": "{r} mm ± {t} mm",
    "The corners could not be measured (required {need}): check them by hand.":
        "无法测量圆角（要求 {need}）：请人工核对。",
    "Corner radius could not be measured at the {corners} corner(s); required {need}.":
        "{corners}角的圆角半径无法测量；要求 {need}。",
    "All four corner radii ({values}) are within {need}.":
        "四个圆角半径（{values}）均在 {need} 范围内。",
    "Corner radius out of tolerance at the {corners} corner(s): {values}; required {need}.":
        "{corners}角的圆角半径超差：{values}；要求 {need}。",
    "Corner radii {values} were not measured reliably (required {need}): check them by hand.":
        "圆角半径 {values} 测量不可靠（要求 {need}）：请人工核对。",
    "Long to short side {a}, within {lo}–{hi} (88:60).":
        "长短边之比 {a}，在 {lo}–{hi} 之内（88:60）。",
    "Long to short side {a}, outside {lo}–{hi} (88:60).":
        "长短边之比 {a}，超出 {lo}–{hi}（88:60）。",
    "{n} number plate(s) visible on the vehicle; none is allowed.":
        "车辆上可见 {n} 块号牌；不得悬挂号牌。",
    "A number plate is visible on another vehicle, not on the vehicle photographed: check "
    "it by eye.": "相片中其他车辆上可见号牌，不是被拍摄车辆的号牌：请目视核对。",
    "Something like a number plate is in the photo: check it by eye.":
        "相片中有疑似号牌的物体：请目视核对。",
    "No number plate is visible.": "未见号牌。",
    "No vehicle could be located in the photo: check by eye.": "相片中找不到车辆：请目视核对。",
    "The vehicle fills {fill} of the photo (allowed {window}).":
        "车辆占相片的 {fill}（允许 {window}）。",
    "The vehicle fills only {fill} of the photo, less than {lo}.":
        "车辆只占相片的 {fill}，少于 {lo}。",
    "The vehicle fills {fill} of the photo, more than {hi}.": "车辆占相片的 {fill}，多于 {hi}。",
    "The vehicle fills about {fill} of the photo (allowed {window}), but its outline is "
    "uncertain: check by eye.":
        "车辆约占相片的 {fill}（允许 {window}），但车辆轮廓不确定：请目视核对。",
    "The vehicle is cut off at the {sides} of the picture.": "车辆在画面{sides}被截断。",
    "The whole vehicle is inside the picture.": "车辆完整位于画面内。",
    "Taken from {got} (required {need}).": "拍摄角度为{got}（要求 {need}）。",
    "Taken from {got}; required {need}.": "拍摄角度为{got}，要求 {need}。",
    "Probably taken from {got} (required {need}), but the estimate is uncertain: check by eye.":
        "拍摄角度约为{got}（要求 {need}），但估计不确定：请目视核对。",
    "A body colour unlike the papers fails (else: check by eye)":
        "车身颜色与资料不符即判不合格（否则转人工核查）",
    "Minimum colour confidence to fail (0-1)": "判不合格所需的最低颜色置信度（0–1）",
    "Probably taken from {got} (required {need}), but two wheels look nearly round: the "
    "camera may stand far to the side. Check by eye.":
        "拍摄角度约为{got}（要求 {need}），但有两个车轮看起来接近正圆：相机可能位于车辆"
        "侧面很远的位置。请目视核对。",
    "Probably taken from {got} (required {need}), but the lamps point to the other end "
    "of the vehicle: check by eye whether its front or its rear faces the camera.":
        "拍摄角度约为{got}（要求 {need}），但车灯显示朝向相机的可能是车辆另一端：请目视"
        "核对朝向相机的是车头还是车尾。",
    "Too few edges in the picture to judge its sharpness: check by eye.":
        "画面中边缘太少，无法判断清晰度：请目视核对。",
    "Edges blurred by {blur} px (at most {max} px).": "边缘模糊 {blur} px（上限 {max} px）。",
    "The photo is blurred: edges spread over {blur} px, more than {max} px.":
        "相片模糊：边缘模糊 {blur} px，超过 {max} px。",
    "Well exposed: mean brightness {luma} (allowed {lo}–{hi}), {clip} of pixels clipped.":
        "曝光正常：平均亮度 {luma}（允许 {lo}–{hi}），{clip} 的像素过曝或欠曝。",
    "{v} of pixels blown out (limit {lim})": "{v} 的像素过曝（上限 {lim}）",
    "{v} of pixels crushed to black (limit {lim})": "{v} 的像素欠曝成黑色（上限 {lim}）",
    "{v} of the vehicle blown out (limit {lim})": "车辆区域 {v} 过曝（上限 {lim}）",
    "{v} of the vehicle crushed to black (limit {lim})": "车辆区域 {v} 欠曝成黑色（上限 {lim}）",
    "too dark (mean brightness {v}, at least {lim})": "过暗（平均亮度 {v}，至少 {lim}）",
    "too bright (mean brightness {v}, at most {lim})": "过亮（平均亮度 {v}，至多 {lim}）",
    "Badly exposed: {problems}.": "曝光不当：{problems}。",
    "The picture is black-and-white: a colour photo is required.":
        "相片为黑白：须为彩色相片。",
    "The scan is black-and-white: if the print is in colour, scan it again in colour.":
        "扫描件为黑白：如相片为彩色，请用彩色模式重新扫描。",
    "The body colour could not be determined: check by eye.": "无法判断车身颜色：请目视核对。",
    "The body colour reads as {got}; the papers give no colour.":
        "车身颜色判断为{got}；资料上未填写颜色。",
    "The body colour {got} matches the papers.": "车身颜色{got}与资料一致。",
    "The body colour reads as {got}, but the papers say {want}.":
        "车身颜色判断为{got}，但资料上为{want}。",
    "The body colour probably reads as {got}, but the papers say {want}: check by eye.":
        "车身颜色可能为{got}，但资料上为{want}：请目视核对。",
    # --- measured / limit column (vincheck/gui/texts.py)
    "characters": "个字符",
    "strips": "份",
    "character heights": "个字高",
    "spacing spread": "字距偏差",
    "height spread": "字高偏差",
    "slant °": "倾斜°",
    "width/height": "宽高比",
    "spacing mm": "字距 mm",
    "height mm": "字高 mm",
    "double offset": "重影错位",
    "double score": "重影得分",
    "double dx px": "重影横移 px",
    "double dy px": "重影纵移 px",
    "sharpness": "清晰度",
    "width": "宽",
    "height": "高",
    "tolerance": "公差",
    "radius": "半径",
    "nominal": "标称",
    "min": "最小",
    "max": "最大",
    "mean brightness": "平均亮度",
    "crushed": "欠曝",
    "blown out": "过曝",
    "clipped max": "过曝/欠曝上限",
    "edge blur max px": "边缘模糊上限 px",
    "one VIN": "同一代号",
    "known DPI": "已知分辨率",
    "not required": "不要求",
    # --- evidence labels on the image (vincheck.gui.shape_labels)
    "plate anchor": "号牌定位",
    "plate_anchor": "号牌定位",
    "segmentation": "分割",
    "detector": "检测器",
    "motorcycle": "摩托车",
    "truck": "货车",
    "bus": "客车",
    "start": "起始符",
    "end": "终止符",
    "front face": "车头",
    "rear face": "车尾",
    "face": "正面",
    "top_left": "左上",
    "top_right": "右上",
    "bottom_right": "右下",
    "bottom_left": "左下",
    # --- the certificate (合格证) box and file type
    "Certificate": "合格证",
    "Treat as certificate": "作为合格证",
    "Drop scans and photos here; each is sorted as a rubbing sheet, a photo or the "
    "certificate. Right-click to correct.":
        "将扫描件和相片拖放到此处；每个文件会自动归为拓印膜、相片或合格证。右键可更正。",
    "VIN": "车辆识别代号",
    "Use": "采用",
    "Put this value into the case": "将此值填入案件",
    "barcode": "二维码/条码",
    "OCR": "文字识别",
    "Read from the {source} with confidence {c:.0%}": "读自{source}，置信度 {c:.0%}",
    "filled in": "已填入",
    "please confirm": "请确认后采用",
    "read: {text}": "读到：{text}",
    "Reading {name}…": "正在读取 {name}…",
    "{name}: read in {ms:.1f} s": "{name}：读取用时 {ms:.1f} 秒",
    "not found": "未找到",
    "Where it was read": "读取位置",
    "Cannot read {name}: {reason}": "无法读取 {name}：{reason}",
    # --- scanning
    "Scan…": "扫描…",
    "S&can…": "扫描(&C)…",
    "Scan pages from the scanner into the case (Ctrl+Shift+S)":
        "从扫描仪扫描页面并加入案件（Ctrl+Shift+S）",
    "Scan": "扫描",
    "Scanner": "扫描仪",
    "Resolution": "分辨率",
    "Pages": "页数",
    "More than one: from the document feeder": "多于一页时：从自动进纸器扫描",
    "Search again": "重新查找",
    "300 dpi (certificate, photo prints)": "300 dpi（合格证、冲印相片）",
    "600 dpi (rubbing sheets)": "600 dpi（拓印膜）",
    "Scanning is not available: {reason}": "无法扫描：{reason}",
    "Looking for scanners…": "正在查找扫描仪…",
    "{n} scanner(s) found.": "找到 {n} 台扫描仪。",
    "No scanner found. Check that it is switched on and connected, then search again.":
        "未找到扫描仪。请检查扫描仪已开机并已连接，然后重新查找。",
    "Cannot look for scanners: {reason}": "无法查找扫描仪：{reason}",
    "Scanning at {dpi} dpi…": "正在以 {dpi} dpi 扫描…",
    "Stopping the scan…": "正在停止扫描…",
    "{n} page(s) scanned.": "已扫描 {n} 页。",
    "The scan failed: {reason}. Nothing was added to the case.":
        "扫描失败：{reason}。未向案件添加任何文件。",
    "The scan was cancelled. Nothing was added to the case.":
        "扫描已取消。未向案件添加任何文件。",
    "{n} scanned page(s) saved in {folder} and added to the case.":
        "已扫描 {n} 页，保存在 {folder}，并已加入案件。",
}
