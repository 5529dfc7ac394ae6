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
    "Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf);;Case files (*.json)":
        "图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf);;案件文件 (*.json)",
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
    "The shared records database is unreachable; this result is shown but NOT recorded. "
    "Check the network, then check the case again to record it. ({reason})":
        "无法连接共享记录数据库；此结果已显示，但未记录。请检查网络，然后重新检查此案件"
        "以记录。（{reason}）",
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
    "What to do: {advice}": "处理办法：{advice}",
    # Qt's own dialogs, where qtbase_zh_CN.qm has no Chinese (vincheck/gui/qt_texts.py)
    "&Look in:": "查找范围(&L)：",
    "Files of &type:": "文件类型(&T)：",
    "Page &Set:": "页面集(&S)：",
    "Folder": "文件夹",
    "Drive": "驱动器",
    "Checked with limits other than the regulation's": "本次检查使用了与法规不同的限值",
    "Print pre&view…": "打印预览(&V)…",
    "&Print…": "打印(&P)…",
    "Print preview": "打印预览",
    "Report sent to the printer.": "报告已发送到打印机。",
    "Run the check before printing a report.": "请先运行检查，再打印报告。",
    "Show the check's own details": "显示检查程序的详细信息",
    "Advanced": "高级",
    "Limits marked ▣ are the regulation's own; they can be changed only after the station "
    "administrator unlocks them.": "带 ▣ 的是法规本身的限值，须由站点管理员解锁后才能更改。",
    "The station administrator has unlocked the regulation limits (▣): a check made with "
    "changed limits is marked in its record and report.":
        "站点管理员已解锁法规限值（▣）：使用更改后限值的检查会在记录和报告中注明。",
    "Range: {range}": "范围：{range}",
    "Regulation value: {value}": "法规值：{value}",
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
    # --- finding sentences and value words moved to vincheck.finding_text_zh / vincheck.rules
    "Check details: {message}": "检测详情（英文）：{message}",
    "crushed": "欠曝",
    "blown out": "过曝",
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
    # --- one vehicle after another, review keys (issue 17b)
    "&New case (next vehicle)": "新建案件 / 下一辆(&N)",
    "New case: enter the VIN from the certificate and add the files.":
        "新建案件：请输入合格证上的车辆识别代号并添加文件。",
    "The case was changed, so its result was cleared. Press F5 to check it again.":
        "案件已更改，原检查结果已清除。请按 F5 重新检查。",
    "Enter your name as operator first: it goes on every record and report (Settings ▸ "
    "Operator name).": "请先填写操作员姓名：每条记录和每份报告都会写上（设置 ▸ 操作员姓名）。",
    "Your name as operator (kept in the settings; it goes on every record and report):":
        "操作员姓名（保存在设置中；每条记录和每份报告都会写上）：",
    "A check is running: wait for it or cancel it (Esc) before adding files.":
        "正在检查：请等待检查结束或先取消检查（Esc），再添加文件。",
    "This is the bundled sample case: it is not recorded as a vehicle. Press Ctrl+N for the "
    "next vehicle.": "这是自带的示例案件，不作为车辆记入记录。按 Ctrl+N 开始下一辆车。",
    "sample case, not recorded": "示例案件，不记入记录",
    "Decision taken back.": "已撤销该决定。",
    "Nothing is left to review.": "没有待人工核查的项目了。",
    "&Review": "核查(&R)",
    "Next item to &review": "下一个待核查项(&R)",
    "&Previous item to review": "上一个待核查项(&P)",
    "&Accept the selected item": "接受所选项目(&A)",
    "R&eject the selected item": "拒绝所选项目(&E)",
    "&Undo the last decision": "撤销上一个决定(&U)",
    "Accept: the item counts as passed (F9; F8 goes to the next item to review, Ctrl+Z takes "
    "a decision back)": "接受：该项按合格计（F9；F8 转到下一个待核查项，Ctrl+Z 撤销决定）",
    "Reject: the item counts as failed (F10; Ctrl+Z takes a decision back)":
        "拒绝：该项按不合格计（F10；Ctrl+Z 撤销决定）",
    "Check a dropped complete case at once": "拖入完整案件后立即检查",
    # --- evidence you can read (issue 17b): expected symbol positions, the legend
    "start expected": "起始符应在此",
    "end expected": "终止符应在此",
    "where a missing symbol belongs": "缺失起止符应在位置",
    "characters read": "识别的字符",
    "rubbing strip": "拓印条",
    "start / end symbol": "起止符",
    "number plate": "号牌",
    "photo outline": "相片轮廓",
    "corner": "圆角",
    "view": "视角",
    "exposure": "曝光",
    "other evidence": "其他证据",
    "selected finding": "所选项目",
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
    # --- a result computed under settings changed since (judging_settings)
    "Settings changed — check again (F5)": "设置已更改——请重新检查（F5）",
    "The findings below were computed with the earlier settings (their verdict then: "
    "{verdict}); they are not a verdict under the settings now. Press F5 to check again.":
        "以下检查项是按先前的设置得出的（当时的结论：{verdict}），不代表按现行设置的结论。"
        "请按 F5 重新检查。",
    "No report from this result: it was computed with settings changed since. Check again "
    "(F5) first.":
        "不能用此结果生成报告：它是按已更改前的设置得出的。请先重新检查（F5）。",
    "The case was saved without its result: the result was computed with settings changed "
    "since. Check again (F5) and save to keep a result.":
        "案件已保存，但未保存其结果：该结果是按已更改前的设置得出的。请重新检查（F5）后再保存，"
        "以保留结果。",
    # --- why a file cannot be used (input_reasons)
    "the image file is damaged": "图像文件已损坏",
    "the image data are damaged": "图像数据已损坏",
    "the file is empty (0 bytes)": "文件为空（0 字节）",
    "the file is not there (moved or deleted?)": "文件不在原处（已移动或删除？）",
    "it is a folder, not an image file": "这是文件夹，不是图像文件",
    "the file may not be read (permission denied)": "无权读取该文件",
    "it is not an image file vincheck can read (PNG, JPEG, TIFF, BMP or PDF)":
        "不是本软件能读取的图像文件（PNG、JPEG、TIFF、BMP 或 PDF）",
    "the image has no pixels": "图像没有像素",
    "the PDF has no pages": "PDF 文件没有页面",
    "the image is too large for the memory of this computer": "图像太大，本机内存不足以打开",
    "the image file is incomplete (a download or copy cut short?)":
        "图像文件不完整（下载或复制未完成？）",
    "it is not a regular file (a pipe or device?)": "这不是普通文件（是管道或设备？）",
    "the file cannot be read": "无法读取该文件",
    "the PDF file is damaged": "PDF 文件已损坏",
    "the PDF is protected by a password: save the scan again without one":
        "PDF 文件设有密码：请不加密码重新保存扫描件",
    "the image has {mpx} Mpx, over the limit of {limit} Mpx: scan it at a lower resolution":
        "图像有 {mpx} 百万像素，超过 {limit} 百万像素的上限：请以较低分辨率扫描",
    "page {page} has {mpx} Mpx, over the limit of {limit} Mpx: scan it at a lower resolution":
        "第 {page} 页有 {mpx} 百万像素，超过 {limit} 百万像素的上限：请以较低分辨率扫描",
    "its {n} pages have {mpx} Mpx together, over the limit of {limit} Mpx: split the file or "
    "scan at a lower resolution":
        "其 {n} 页合计 {mpx} 百万像素，超过 {limit} 百万像素的上限：请拆分文件或以较低分辨率扫描",
    "the file has {mb} MB, over the limit of {limit} MB":
        "文件大小 {mb} MB，超过 {limit} MB 的上限",
    "the image is {w} x {h} px: too long and thin for a scan or photo":
        "图像为 {w} × {h} 像素：过于细长，不像扫描件或相片",
    "the file has {n} pages; at most {limit} are checked per file: split it":
        "文件有 {n} 页；每个文件最多检查 {limit} 页：请拆分",
    "page {page} of the PDF has no size": "PDF 第 {page} 页没有尺寸",
    "it has {n} page(s), no page {page}": "共 {n} 页，没有第 {page} 页",
    "{format} images are not supported: save the scan as PNG, JPEG, TIFF, BMP or PDF":
        "不支持 {format} 图像：请将扫描件保存为 PNG、JPEG、TIFF、BMP 或 PDF",
}
