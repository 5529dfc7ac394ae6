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
        <source>filled in</source>
        <translation>已填入</translation>
    </message>
    <message>
        <source>please confirm</source>
        <translation>请确认后采用</translation>
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
        <source>What to do: {advice}</source>
        <translation>处理办法：{advice}</translation>
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
        <source>Checked with limits other than the regulation's</source>
        <translation>本次检查使用了与法规不同的限值</translation>
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
    <name>Legend</name>
    <message>
        <source>where a missing symbol belongs</source>
        <translation>缺失起止符应在位置</translation>
    </message>
    <message>
        <source>characters read</source>
        <translation>识别的字符</translation>
    </message>
    <message>
        <source>rubbing strip</source>
        <translation>拓印条</translation>
    </message>
    <message>
        <source>start / end symbol</source>
        <translation>起止符</translation>
    </message>
    <message>
        <source>number plate</source>
        <translation>号牌</translation>
    </message>
    <message>
        <source>photo outline</source>
        <translation>相片轮廓</translation>
    </message>
    <message>
        <source>corner</source>
        <translation>圆角</translation>
    </message>
    <message>
        <source>vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>view</source>
        <translation>视角</translation>
    </message>
    <message>
        <source>exposure</source>
        <translation>曝光</translation>
    </message>
    <message>
        <source>other evidence</source>
        <translation>其他证据</translation>
    </message>
    <message>
        <source>selected finding</source>
        <translation>所选项目</translation>
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
        <source>&amp;Review</source>
        <translation>核查(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New case (next vehicle)</source>
        <translation>新建案件 / 下一辆(&amp;N)</translation>
    </message>
    <message>
        <source>Next item to &amp;review</source>
        <translation>下一个待核查项(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Previous item to review</source>
        <translation>上一个待核查项(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Accept the selected item</source>
        <translation>接受所选项目(&amp;A)</translation>
    </message>
    <message>
        <source>R&amp;eject the selected item</source>
        <translation>拒绝所选项目(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo the last decision</source>
        <translation>撤销上一个决定(&amp;U)</translation>
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
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
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
        <source>Accept: the item counts as passed (F9; F8 goes to the next item to review, Ctrl+Z takes a decision back)</source>
        <translation>接受：该项按合格计（F9；F8 转到下一个待核查项，Ctrl+Z 撤销决定）</translation>
    </message>
    <message>
        <source>Reject: the item counts as failed (F10; Ctrl+Z takes a decision back)</source>
        <translation>拒绝：该项按不合格计（F10；Ctrl+Z 撤销决定）</translation>
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
        <source>A check is running: wait for it or cancel it (Esc) before adding files.</source>
        <translation>正在检查：请等待检查结束或先取消检查（Esc），再添加文件。</translation>
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
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf);;Case files (*.json)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf);;案件文件 (*.json)</translation>
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
        <source>The findings below were computed with the earlier settings (their verdict then: {verdict}); they are not a verdict under the settings now. Press F5 to check again.</source>
        <translation>以下检查项是按先前的设置得出的（当时的结论：{verdict}），不代表按现行设置的结论。请按 F5 重新检查。</translation>
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
        <source>sample case, not recorded</source>
        <translation>示例案件，不记入记录</translation>
    </message>
    <message>
        <source>Settings changed — check again (F5)</source>
        <translation>设置已更改——请重新检查（F5）</translation>
    </message>
    <message>
        <source>What to do: {advice}</source>
        <translation>处理办法：{advice}</translation>
    </message>
    <message>
        <source>Check details: {message}</source>
        <translation>检测详情（英文）：{message}</translation>
    </message>
    <message>
        <source>Show the check's own details</source>
        <translation>显示检查程序的详细信息</translation>
    </message>
    <message>
        <source>Decision taken back.</source>
        <translation>已撤销该决定。</translation>
    </message>
    <message>
        <source>Nothing is left to review.</source>
        <translation>没有待人工核查的项目了。</translation>
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
        <source>This is the bundled sample case: it is not recorded as a vehicle. Press Ctrl+N for the next vehicle.</source>
        <translation>这是自带的示例案件，不作为车辆记入记录。按 Ctrl+N 开始下一辆车。</translation>
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
        <source>The shared records database is unreachable; this result is shown but NOT recorded. Check the network, then check the case again to record it. ({reason})</source>
        <translation>无法连接共享记录数据库；此结果已显示，但未记录。请检查网络，然后重新检查此案件以记录。（{reason}）</translation>
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
        <source>The case was saved without its result: the result was computed with settings changed since. Check again (F5) and save to keep a result.</source>
        <translation>案件已保存，但未保存其结果：该结果是按已更改前的设置得出的。请重新检查（F5）后再保存，以保留结果。</translation>
    </message>
    <message>
        <source>No report from this result: it was computed with settings changed since. Check again (F5) first.</source>
        <translation>不能用此结果生成报告：它是按已更改前的设置得出的。请先重新检查（F5）。</translation>
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
        <source>Run the check before printing a report.</source>
        <translation>请先运行检查，再打印报告。</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Report sent to the printer.</source>
        <translation>报告已发送到打印机。</translation>
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
    <message>
        <source>New case: enter the VIN from the certificate and add the files.</source>
        <translation>新建案件：请输入合格证上的车辆识别代号并添加文件。</translation>
    </message>
    <message>
        <source>The case was changed, so its result was cleared. Press F5 to check it again.</source>
        <translation>案件已更改，原检查结果已清除。请按 F5 重新检查。</translation>
    </message>
    <message>
        <source>Enter your name as operator first: it goes on every record and report (Settings ▸ Operator name).</source>
        <translation>请先填写操作员姓名：每条记录和每份报告都会写上（设置 ▸ 操作员姓名）。</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Your name as operator (kept in the settings; it goes on every record and report):</source>
        <translation>操作员姓名（保存在设置中；每条记录和每份报告都会写上）：</translation>
    </message>
    <message>
        <source>the image file is damaged</source>
        <translation>图像文件已损坏</translation>
    </message>
    <message>
        <source>the image data are damaged</source>
        <translation>图像数据已损坏</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <source>the file is not there (moved or deleted?)</source>
        <translation>文件不在原处（已移动或删除？）</translation>
    </message>
    <message>
        <source>it is a folder, not an image file</source>
        <translation>这是文件夹，不是图像文件</translation>
    </message>
    <message>
        <source>the file may not be read (permission denied)</source>
        <translation>无权读取该文件</translation>
    </message>
    <message>
        <source>it is not an image file vincheck can read (PNG, JPEG, TIFF, BMP or PDF)</source>
        <translation>不是本软件能读取的图像文件（PNG、JPEG、TIFF、BMP 或 PDF）</translation>
    </message>
    <message>
        <source>the image has no pixels</source>
        <translation>图像没有像素</translation>
    </message>
    <message>
        <source>the PDF has no pages</source>
        <translation>PDF 文件没有页面</translation>
    </message>
    <message>
        <source>the image is too large for the memory of this computer</source>
        <translation>图像太大，本机内存不足以打开</translation>
    </message>
    <message>
        <source>the image file is incomplete (a download or copy cut short?)</source>
        <translation>图像文件不完整（下载或复制未完成？）</translation>
    </message>
    <message>
        <source>it is not a regular file (a pipe or device?)</source>
        <translation>这不是普通文件（是管道或设备？）</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>the PDF file is damaged</source>
        <translation>PDF 文件已损坏</translation>
    </message>
    <message>
        <source>the PDF is protected by a password: save the scan again without one</source>
        <translation>PDF 文件设有密码：请不加密码重新保存扫描件</translation>
    </message>
    <message>
        <source>the image has {mpx} Mpx, over the limit of {limit} Mpx: scan it at a lower resolution</source>
        <translation>图像有 {mpx} 百万像素，超过 {limit} 百万像素的上限：请以较低分辨率扫描</translation>
    </message>
    <message>
        <source>its {n} pages have {mpx} Mpx together, over the limit of {limit} Mpx: split the file or scan at a lower resolution</source>
        <translation>其 {n} 页合计 {mpx} 百万像素，超过 {limit} 百万像素的上限：请拆分文件或以较低分辨率扫描</translation>
    </message>
    <message>
        <source>the file has {n} pages; at most {limit} are checked per file: split it</source>
        <translation>文件有 {n} 页；每个文件最多检查 {limit} 页：请拆分</translation>
    </message>
    <message>
        <source>page {page} has {mpx} Mpx, over the limit of {limit} Mpx: scan it at a lower resolution</source>
        <translation>第 {page} 页有 {mpx} 百万像素，超过 {limit} 百万像素的上限：请以较低分辨率扫描</translation>
    </message>
    <message>
        <source>the file has {mb} MB, over the limit of {limit} MB</source>
        <translation>文件大小 {mb} MB，超过 {limit} MB 的上限</translation>
    </message>
    <message>
        <source>the image is {w} x {h} px: too long and thin for a scan or photo</source>
        <translation>图像为 {w} × {h} 像素：过于细长，不像扫描件或相片</translation>
    </message>
    <message>
        <source>page {page} of the PDF has no size</source>
        <translation>PDF 第 {page} 页没有尺寸</translation>
    </message>
    <message>
        <source>it has {n} page(s), no page {page}</source>
        <translation>共 {n} 页，没有第 {page} 页</translation>
    </message>
    <message>
        <source>{format} images are not supported: save the scan as PNG, JPEG, TIFF, BMP or PDF</source>
        <translation>不支持 {format} 图像：请将扫描件保存为 PNG、JPEG、TIFF、BMP 或 PDF</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面集(&amp;S)：</translation>
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
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Limits marked ▣ are the regulation's own; they can be changed only after the station administrator unlocks them.</source>
        <translation>带 ▣ 的是法规本身的限值，须由站点管理员解锁后才能更改。</translation>
    </message>
    <message>
        <source>The station administrator has unlocked the regulation limits (▣): a check made with changed limits is marked in its record and report.</source>
        <translation>站点管理员已解锁法规限值（▣）：使用更改后限值的检查会在记录和报告中注明。</translation>
    </message>
    <message>
        <source>Range: {range}</source>
        <translation>范围：{range}</translation>
    </message>
    <message>
        <source>Regulation value: {value}</source>
        <translation>法规值：{value}</translation>
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
        <source>start expected</source>
        <translation>起始符应在此</translation>
    </message>
    <message>
        <source>end expected</source>
        <translation>终止符应在此</translation>
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
</context>
</TS>