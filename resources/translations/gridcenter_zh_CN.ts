<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>连接地址</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Server version</source>
        <translation>数据库版本</translation>
    </message>
    <message>
        <source>Schema revision</source>
        <translation>结构版本（Alembic）</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>登录用户</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt / PySide6</source>
        <translation>Qt / PySide6</translation>
    </message>
    <message>
        <source>System</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>使用的第三方库</translation>
    </message>
    <message>
        <source>About GridCenter</source>
        <translation>关于 GridCenter</translation>
    </message>
    <message>
        <source>GridCenter Desktop {version}</source>
        <translation>GridCenter 网格指挥中心桌面端 {version}</translation>
    </message>
    <message>
        <source>The dispatch desk of a town&apos;s grid-governance command centre: take in tickets, dispatch them to grids and departments, follow them until closed, and report the figures.</source>
        <translation>镇网格化社会治理指挥中心的调度工作台：受理工单，派往网格和部门，跟踪办结，统计上报。</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可协议</translation>
    </message>
    <message>
        <source>GridCenter ships these libraries; each keeps its own licence. Qt for Python (PySide6) and psycopg are used under the LGPL: they are separate files in the program folder and may be replaced.</source>
        <translation>GridCenter 随附以下第三方库，各库适用其自身的许可协议。Qt for Python（PySide6）和 psycopg 按 LGPL 使用：它们是程序文件夹中的独立文件，可以替换。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Third-party licences</source>
        <translation>第三方许可</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy all of this as text (for a support request)</source>
        <translation>将以上全部信息复制为文本（用于向技术支持反映问题）</translation>
    </message>
    <message>
        <source>asking the database…</source>
        <translation>正在查询数据库…</translation>
    </message>
    <message>
        <source>Copied. Paste it into your message to the administrator.</source>
        <translation>已复制。请粘贴到发给管理员的消息中。</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <source>Platform category: {category}</source>
        <translation>平台分类：{category}</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>What you typed is kept; press Reload before OK.</source>
        <translation>您填写的内容已保留；请先点击“重新载入”再确定。</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>工单(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Ad&amp;ministration</source>
        <translation>系统管理(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Place (grid and category)…</source>
        <translation>定位归类(&amp;P)…</translation>
    </message>
    <message>
        <source>Set or correct the ticket&apos;s grid and category (the to-be-placed list)</source>
        <translation>设定或更正工单的所属网格和分类（待定位清单）</translation>
    </message>
    <message>
        <source>&amp;Dispatch…</source>
        <translation>派单(&amp;D)…</translation>
    </message>
    <message>
        <source>Go to the dispatch form of the selected ticket</source>
        <translation>转到所选工单的派单表</translation>
    </message>
    <message>
        <source>Add depar&amp;tments…</source>
        <translation>加派(&amp;T)…</translation>
    </message>
    <message>
        <source>Send the ticket being handled to more departments, with their own times</source>
        <translation>把正在办理的工单加派给更多部门，各有自己的时限</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>签收(&amp;A)…</translation>
    </message>
    <message>
        <source>A department or grid accepts the ticket</source>
        <translation>部门或网格签收工单</translation>
    </message>
    <message>
        <source>&amp;Return…</source>
        <translation>退回(&amp;R)…</translation>
    </message>
    <message>
        <source>A department returns the ticket to the centre</source>
        <translation>部门把工单退回指挥中心</translation>
    </message>
    <message>
        <source>&amp;Feed back…</source>
        <translation>反馈(&amp;F)…</translation>
    </message>
    <message>
        <source>Record what was done</source>
        <translation>登记办理结果</translation>
    </message>
    <message>
        <source>Review and &amp;close…</source>
        <translation>审核办结(&amp;C)…</translation>
    </message>
    <message>
        <source>Sign off the result and close the ticket</source>
        <translation>审核办理结果并办结工单</translation>
    </message>
    <message>
        <source>Send &amp;back for more work…</source>
        <translation>驳回重办(&amp;B)…</translation>
    </message>
    <message>
        <source>The result is not good enough: back to the handlers</source>
        <translation>办理结果不合格：退给办理单位重办</translation>
    </message>
    <message>
        <source>Solved in the &amp;grid…</source>
        <translation>网格内解决(&amp;G)…</translation>
    </message>
    <message>
        <source>The grid solved it on the spot</source>
        <translation>网格现场已解决</translation>
    </message>
    <message>
        <source>&amp;Urge…</source>
        <translation>催办(&amp;U)…</translation>
    </message>
    <message>
        <source>Remind the handlers of the deadline</source>
        <translation>提醒办理单位注意时限</translation>
    </message>
    <message>
        <source>&amp;Supervise…</source>
        <translation>督办(&amp;S)…</translation>
    </message>
    <message>
        <source>Put a department under supervision for this ticket</source>
        <translation>就本工单对部门督办</translation>
    </message>
    <message>
        <source>A department did not accept in time (吹哨报到): supervise it</source>
        <translation>有部门未按时签收（吹哨报到）：督办该部门</translation>
    </message>
    <message>
        <source>Ask for an &amp;extension…</source>
        <translation>申请延期(&amp;E)…</translation>
    </message>
    <message>
        <source>A department asks for more time, with a reason and a date</source>
        <translation>部门申请延长办理时限（须写明理由和申请时限）</translation>
    </message>
    <message>
        <source>Decide on the e&amp;xtension…</source>
        <translation>延期审批(&amp;X)…</translation>
    </message>
    <message>
        <source>Approve or refuse a department&apos;s request for more time</source>
        <translation>同意或不同意部门的延期申请</translation>
    </message>
    <message>
        <source>Suspend (put on &amp;hold)…</source>
        <translation>挂起(&amp;H)…</translation>
    </message>
    <message>
        <source>Stop the ticket&apos;s clock (waiting for the reporter …)</source>
        <translation>暂停工单计时（如等待群众补充材料）</translation>
    </message>
    <message>
        <source>Resume hand&amp;ling…</source>
        <translation>恢复办理(&amp;L)…</translation>
    </message>
    <message>
        <source>Start the clock again; the deadlines move on by the time suspended</source>
        <translation>恢复计时；时限按挂起的工作时间顺延</translation>
    </message>
    <message>
        <source>&amp;Merge into another ticket…</source>
        <translation>合并到其他工单(&amp;M)…</translation>
    </message>
    <message>
        <source>The same problem reported again: keep the other ticket</source>
        <translation>同一问题重复反映：保留另一张工单</translation>
    </message>
    <message>
        <source>Call&amp;back…</source>
        <translation>回访(&amp;K)…</translation>
    </message>
    <message>
        <source>Record the reporter&apos;s satisfaction</source>
        <translation>登记反映人满意度</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新办理(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a closed ticket again</source>
        <translation>重新打开已办结的工单</translation>
    </message>
    <message>
        <source>Set the place o&amp;n the map…</source>
        <translation>地图定位(&amp;V)…</translation>
    </message>
    <message>
        <source>Click the map (or type the coordinates) to set or correct where the matter is</source>
        <translation>在地图上点选（或输入坐标）设定或更正事发位置</translation>
    </message>
    <message>
        <source>Put a joint meeting or joint inspection (departments, findings) on record</source>
        <translation>记录联席会议或联合检查（参加部门、检查情况）</translation>
    </message>
    <message>
        <source>Issue a numbered rectification notice with its deadline</source>
        <translation>按编号下发责令整改通知书并设定整改期限</translation>
    </message>
    <message>
        <source>&amp;Print the handling form…</source>
        <translation>打印处理单(&amp;Y)…</translation>
    </message>
    <message>
        <source>Print preview of the selected ticket&apos;s handling form: the ticket, its assignments, results and timeline</source>
        <translation>打印预览所选工单的处理单：工单信息、承办情况、办理结果和处理过程</translation>
    </message>
    <message>
        <source>Print the rectification n&amp;otice…</source>
        <translation>打印整改通知书(&amp;I)…</translation>
    </message>
    <message>
        <source>Print preview of the selected ticket&apos;s rectification notice</source>
        <translation>打印预览所选工单的责令整改通知书</translation>
    </message>
    <message>
        <source>Print the &amp;ledger of this view…</source>
        <translation>打印当前视图台账(&amp;L)…</translation>
    </message>
    <message>
        <source>Print preview of the tickets the queue shows now, as a ledger on A4</source>
        <translation>打印预览工单列表当前显示的工单（A4 台账）</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Language, theme, the queue&apos;s font size, the report period and the export folder of this computer</source>
        <translation>本机的界面语言、主题、工单列表字号、默认统计时段和导出文件夹</translation>
    </message>
    <message>
        <source>Grid &amp;work settings…</source>
        <translation>网格工作设置(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Whistle: escalate a missed acceptance…</source>
        <translation>超时督办(&amp;W)…</translation>
    </message>
    <message>
        <source>Record a &amp;joint meeting or inspection…</source>
        <translation>记录联席会议/联合检查(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Issue a rectification notice…</source>
        <translation>下发整改通知书(&amp;Z)…</translation>
    </message>
    <message>
        <source>&amp;Verify a notice&apos;s rectification…</source>
        <translation>整改复查(&amp;Q)…</translation>
    </message>
    <message>
        <source>Record whether the party rectified by the deadline</source>
        <translation>记录当事人是否按期整改到位</translation>
    </message>
    <message>
        <source>Go to the &amp;queue</source>
        <translation>转到工单列表(&amp;Q)</translation>
    </message>
    <message>
        <source>Go to the grid &amp;tree</source>
        <translation>转到网格树(&amp;T)</translation>
    </message>
    <message>
        <source>Go to the &amp;dispatch form</source>
        <translation>转到派单(&amp;D)</translation>
    </message>
    <message>
        <source>Go to the &amp;charts</source>
        <translation>转到统计图表(&amp;C)</translation>
    </message>
    <message>
        <source>Go to the ticket d&amp;etail</source>
        <translation>转到工单详情(&amp;E)</translation>
    </message>
    <message>
        <source>Go to the &amp;map</source>
        <translation>转到地图(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>新建工单(&amp;N)…</translation>
    </message>
    <message>
        <source>Register a new ticket</source>
        <translation>登记一张新工单</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the ledger or a report to Excel</source>
        <translation>把台账或报表导出为 Excel</translation>
    </message>
    <message>
        <source>Export the &amp;map as a picture…</source>
        <translation>导出地图图片(&amp;M)…</translation>
    </message>
    <message>
        <source>Save the grid map with each grid&apos;s open and overdue tickets as a PNG</source>
        <translation>将网格地图（各网格在办、超期工单数）保存为 PNG 图片</translation>
    </message>
    <message>
        <source>&amp;Import tickets…</source>
        <translation>导入工单(&amp;I)…</translation>
    </message>
    <message>
        <source>Import tickets from a 12345 or district platform sheet, or Open311</source>
        <translation>从 12345 或区平台导出的表格（或 Open311 文件）导入工单</translation>
    </message>
    <message>
        <source>Import &amp;base data…</source>
        <translation>导入基础数据(&amp;B)…</translation>
    </message>
    <message>
        <source>Import areas, grids, grid members, departments and users from an Excel workbook</source>
        <translation>从 Excel 工作簿导入区域、网格、网格成员、部门和用户</translation>
    </message>
    <message>
        <source>Download the base-data &amp;template…</source>
        <translation>下载基础数据模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Save the empty Excel workbook the town&apos;s lists are filled into</source>
        <translation>保存空白的 Excel 模板，用来填写本镇的名单</translation>
    </message>
    <message>
        <source>Choose &amp;database…</source>
        <translation>选择数据库(&amp;D)…</translation>
    </message>
    <message>
        <source>Open the demo, this computer&apos;s database or a server</source>
        <translation>打开演示数据、本机数据库或服务器数据库</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search tickets</source>
        <translation>搜索工单(&amp;S)</translation>
    </message>
    <message>
        <source>Find tickets by code, words or reporter</source>
        <translation>按编号、文字或反映人查找工单</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Reload tickets, counts and charts from the database</source>
        <translation>从数据库重新读取工单、计数和图表</translation>
    </message>
    <message>
        <source>&amp;Next pane</source>
        <translation>下一个窗格(&amp;N)</translation>
    </message>
    <message>
        <source>Move the cursor to the next dock</source>
        <translation>把光标移到下一个窗格</translation>
    </message>
    <message>
        <source>&amp;Previous pane</source>
        <translation>上一个窗格(&amp;P)</translation>
    </message>
    <message>
        <source>Move the cursor to the previous dock</source>
        <translation>把光标移到上一个窗格</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>恢复默认布局(&amp;L)</translation>
    </message>
    <message>
        <source>Rectification notice re&amp;gister…</source>
        <translation>整改通知书台账(&amp;Z)…</translation>
    </message>
    <message>
        <source>Every rectification notice, those due for a check-back first; to Excel</source>
        <translation>全部整改通知书，到期待复查的在前；可导出 Excel</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>界面语言(&amp;G)…</translation>
    </message>
    <message>
        <source>Special groups, rental housing and hidden dangers of each grid</source>
        <translation>各网格的特殊群体、出租房屋和安全隐患台账</translation>
    </message>
    <message>
        <source>Each grid worker&apos;s month: tickets reported, visits, registers, first response; the grid&apos;s 1+1+N team; to Excel</source>
        <translation>每名网格员本月的上报工单、走访、台账和首次响应，网格“1+1+N”队伍；可导出Excel</translation>
    </message>
    <message>
        <source>&amp;Video channels…</source>
        <translation>视频通道(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Household visits…</source>
        <translation>走访(&amp;H)…</translation>
    </message>
    <message>
        <source>Record grid workers&apos; visits, import the app&apos;s sheet, monthly coverage against the target, households not visited</source>
        <translation>录入网格员走访、导入移动端走访表、按月统计走访覆盖率、列出久未走访的住户</translation>
    </message>
    <message>
        <source>Regis&amp;ters…</source>
        <translation>台账(&amp;A)…</translation>
    </message>
    <message>
        <source>The video channels: status, offline for a day, open a stream, import</source>
        <translation>视频通道：状态、离线超过一天的通道、打开视频、导入</translation>
    </message>
    <message>
        <source>Grid &amp;workers&apos; desk…</source>
        <translation>网格员工作台(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;L)…</translation>
    </message>
    <message>
        <source>Who signed in, exported and looked at personal data; export to Excel</source>
        <translation>查看谁登录、导出报表和查看个人信息，并可导出为 Excel</translation>
    </message>
    <message>
        <source>&amp;Change my password…</source>
        <translation>修改密码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Sign out / switch user…</source>
        <translation>注销/切换用户(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign out and let another user (say, the supervisor) sign in at this desk</source>
        <translation>注销当前用户，让其他用户（如值班长）在本机登录</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>Create users, disable or enable them, reset their passwords</source>
        <translation>新建用户、停用或启用用户、重置密码</translation>
    </message>
    <message>
        <source>A&amp;reas and grids…</source>
        <translation>区域与网格(&amp;R)…</translation>
    </message>
    <message>
        <source>Villages, communities and grids with their codes and 1+1+N teams</source>
        <translation>村、社区和网格及其代码和“1+1+N”网格队伍</translation>
    </message>
    <message>
        <source>&amp;Departments…</source>
        <translation>部门管理(&amp;D)…</translation>
    </message>
    <message>
        <source>The departments and units tickets are sent to</source>
        <translation>工单派往的部门和单位</translation>
    </message>
    <message>
        <source>Deadline ru&amp;les…</source>
        <translation>时限规则(&amp;E)…</translation>
    </message>
    <message>
        <source>Time limits per category and urgency</source>
        <translation>按类别和紧急程度设置的办理时限</translation>
    </message>
    <message>
        <source>&amp;Town settings…</source>
        <translation>本镇设置(&amp;T)…</translation>
    </message>
    <message>
        <source>Town name, the centre&apos;s name on reports, notice numbers, report period</source>
        <translation>镇名、报表上的中心名称、通知书编号、报表周期</translation>
    </message>
    <message>
        <source>Monthly visit target, months without a visit, map tile server</source>
        <translation>每月走访目标、未走访提醒月数、地图瓦片服务器</translation>
    </message>
    <message>
        <source>Import grid &amp;boundaries…</source>
        <translation>导入网格边界(&amp;B)…</translation>
    </message>
    <message>
        <source>Grid polygons from a GeoJSON file (WGS-84 or GCJ-02) for the map</source>
        <translation>从 GeoJSON 文件导入各网格的边界多边形（WGS-84 或 GCJ-02），供地图使用</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every command&apos;s keys</source>
        <translation>所有命令的快捷键</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>The folder of the desk&apos;s log and error reports (for the IT staff)</source>
        <translation>本机日志与错误报告所在文件夹（供信息技术人员查看）</translation>
    </message>
    <message>
        <source>&amp;About GridCenter</source>
        <translation>关于网格指挥中心(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Admin</name>
    <message>
        <source>The connection to the database was lost; nothing was changed. Try again once the status bar says the connection is back.</source>
        <translation>与数据库的连接已断开，未做任何更改。状态栏显示连接恢复后请重试。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>The new database has no users yet. Create the administrator account; the administrator then adds the operators and supervisors.</source>
        <translation>新数据库还没有用户。请创建管理员账号，之后由管理员添加调度员和值班长。</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>姓名(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>AreaFormDialog</name>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>National statistics code</source>
        <translation>国家统计用区划代码</translation>
    </message>
    <message>
        <source>Civil-affairs gazetteer code</source>
        <translation>民政区划代码</translation>
    </message>
    <message>
        <source>New area under {parent}</source>
        <translation>在{parent}下新建区域</translation>
    </message>
    <message>
        <source>New town</source>
        <translation>新建镇</translation>
    </message>
    <message>
        <source>Under:</source>
        <translation>上级：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <source>(last)</source>
        <translation>（排在最后）</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑{name}</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Code &amp;system:</source>
        <translation>代码来源(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>排序(&amp;O)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Optional: the town&apos;s 9-digit statistical code (the first 9 digits of its villages&apos; codes).</source>
        <translation>选填：本镇 9 位统计代码（即各村 12 位代码的前 9 位）。</translation>
    </message>
    <message>
        <source>Optional: 12 digits, the town&apos;s 9 then 001-199 for a community or 200-999 for a village. Leave it empty when it is not known for sure.</source>
        <translation>选填：12位，前9位为本镇代码，后3位社区为001-199、村为200-999。不确定时请留空。</translation>
    </message>
    <message>
        <source>Optional: the town&apos;s own numbering, letters, digits and hyphens.</source>
        <translation>选填：本镇自编号，可用字母、数字和连字符。</translation>
    </message>
</context>
<context>
    <name>AreasDialog</name>
    <message>
        <source>Areas and grids</source>
        <translation>区域与网格</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Show &amp;retired areas</source>
        <translation>显示已撤销的区域(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>新建(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>移动(&amp;M)…</translation>
    </message>
    <message>
        <source>Mer&amp;ge into…</source>
        <translation>合并到(&amp;G)…</translation>
    </message>
    <message>
        <source>Re&amp;tire…</source>
        <translation>撤销(&amp;T)…</translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation>恢复(&amp;S)</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>网格队伍</translation>
    </message>
    <message>
        <source>Retired areas keep their tickets and history and are hidden from the pickers. Codes are optional: leave one empty rather than guess it.</source>
        <translation>撤销的区域保留其工单和历史，不再出现在选择列表中。代码为选填：不确定时留空，不要猜测。</translation>
    </message>
    <message>
        <source>Merged into {grid}</source>
        <translation>已并入{grid}</translation>
    </message>
    <message>
        <source>Retired {date}</source>
        <translation>{date}撤销</translation>
    </message>
    <message>
        <source>&amp;Add the town…</source>
        <translation>新建本镇(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Add under…</source>
        <translation>新建下级(&amp;A)…</translation>
    </message>
    <message>
        <source>{source} was merged into {target}: open tickets moved: {tickets}, team members moved: {members}.</source>
        <translation>{source}已并入{target}：转入未办结工单{tickets}张，网格成员{members}名。</translation>
    </message>
    <message>
        <source>Retire area</source>
        <translation>撤销区域</translation>
    </message>
    <message>
        <source>Retire {name}? It disappears from the pickers; its tickets and history are kept and it can be restored.</source>
        <translation>撤销{name}？撤销后不再出现在选择列表中；其工单和历史保留，可以恢复。</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Add files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Photos (JPEG, PNG), PDF and Office documents; or drop files here</source>
        <translation>照片（JPEG、PNG）、PDF 和 Office 文档；也可把文件拖到这里</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No photos or documents. Drop files here or press Add files…</source>
        <translation>暂无照片或文档。可把文件拖到这里，或点“添加附件…”</translation>
    </message>
    <message>
        <source>No photos or documents.</source>
        <translation>暂无照片或文档。</translation>
    </message>
    <message>
        <source>Added by {name} at {time}</source>
        <translation>{name} 于 {time} 添加</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>Sent with the feedback of {who}</source>
        <translation>随 {who} 的反馈上传</translation>
    </message>
    <message>
        <source>Add photos and documents</source>
        <translation>添加照片和文档</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文档</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Adding {n} file(s)…</source>
        <translation>正在添加 {n} 个文件…</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>删除附件</translation>
    </message>
    <message>
        <source>Remove {name} from ticket {code}? The timeline keeps a note of it.</source>
        <translation>从工单 {code} 删除 {name}？办理记录中会留下这次删除。</translation>
    </message>
    <message>
        <source>Removing {name}…</source>
        <translation>正在删除 {name}…</translation>
    </message>
    <message>
        <source>No program on this computer opens {name}.</source>
        <translation>本机没有能打开 {name} 的程序。</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>ticket code, e.g. GC20220301-0042</source>
        <translation>工单编号，如 GC20220301-0042</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} rows to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BaseImport</name>
    <message>
        <source>Nothing to import: the database already has every row.</source>
        <translation>没有需要导入的内容：数据库中已有所有行。</translation>
    </message>
    <message>
        <source>{sheet}: {added} added, {updated} updated</source>
        <translation>{sheet}：新增 {added} 行，更新 {updated} 行</translation>
    </message>
    <message>
        <source>Imported. {parts}.</source>
        <translation>导入完成。{parts}。</translation>
    </message>
</context>
<context>
    <name>BaseImportDialog</name>
    <message>
        <source>Import base data</source>
        <translation>导入基础数据</translation>
    </message>
    <message>
        <source>Areas and grids, grid members, departments and users from GridCenter&apos;s template. Rows are matched by code, or by name within their parent; a workbook with any problem is not imported at all.</source>
        <translation>按 GridCenter 模板导入区域和网格、网格成员、部门和用户。已有数据按编码匹配，没有编码时按同一上级下的名称匹配；工作簿中只要有一行有问题，就整个不导入。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Importing… every row is written, or none if one is refused.</source>
        <translation>正在导入…… 所有行一起写入；只要有一行被拒绝，就一行也不写入。</translation>
    </message>
    <message>
        <source>Nothing was imported: the data changed since the preview. Look at the new preview, then import again.</source>
        <translation>没有导入任何内容：预览之后数据已有变化。请查看新的预览，然后再导入。</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>没有导入任何内容：{reason}</translation>
    </message>
    <message>
        <source>The import failed; nothing was written.</source>
        <translation>导入失败，没有写入任何内容。</translation>
    </message>
</context>
<context>
    <name>BaseTemplate</name>
    <message>
        <source>Save the base-data template as</source>
        <translation>基础数据模板另存为</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template not saved</source>
        <translation>模板未保存</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}). Choose another folder.</source>
        <translation>无法写入 {path}（{reason}）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Save the example workbook as</source>
        <translation>示例工作簿另存为</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Show &amp;phone (recorded)</source>
        <translation>显示电话（记入审计日志）(&amp;P)</translation>
    </message>
    <message>
        <source>Reporter: {who}</source>
        <translation>来电人：{who}</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未登记）</translation>
    </message>
    <message>
        <source>(no result text)</source>
        <translation>（无办理结果文字）</translation>
    </message>
    <message>
        <source>Answered with {code}: {result}</source>
        <translation>已随 {code} 办结：{result}</translation>
    </message>
    <message>
        <source>Result told: {result}</source>
        <translation>答复内容：{result}</translation>
    </message>
    <message>
        <source>Called back {n} times before; last: {when} {how} {rating}</source>
        <translation>此前已回访 {n} 次；最近一次：{when} {how} {rating}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own password before you start work.</source>
        <translation>您的密码由管理员设置。开始工作前，请设置您自己的密码。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
</context>
<context>
    <name>ChannelDialog</name>
    <message>
        <source>Edit video channel</source>
        <translation>修改视频通道</translation>
    </message>
    <message>
        <source>Add video channel</source>
        <translation>新增视频通道</translation>
    </message>
    <message>
        <source>(no grid)</source>
        <translation>（未指定网格）</translation>
    </message>
    <message>
        <source>WGS-84, e.g. 120.4012</source>
        <translation>WGS-84，如 120.4012</translation>
    </message>
    <message>
        <source>WGS-84, e.g. 31.2905</source>
        <translation>WGS-84，如 31.2905</translation>
    </message>
    <message>
        <source>Channel number</source>
        <translation>通道编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Stream address</source>
        <translation>视频流地址</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>权属单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ChannelField</name>
    <message>
        <source>Open stream</source>
        <translation>打开视频</translation>
    </message>
</context>
<context>
    <name>ChannelTableModel</name>
    <message>
        <source>Channel number</source>
        <translation>通道编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>状态开始时间</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>权属单位</translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Loading figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Villages and communities</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Tickets by status</source>
        <translation>各状态工单数</translation>
    </message>
    <message>
        <source>Created and closed</source>
        <translation>受理与办结</translation>
    </message>
    <message>
        <source>Top categories</source>
        <translation>事项类别排行</translation>
    </message>
    <message>
        <source>Open and overdue tickets</source>
        <translation>未办结与超期工单</translation>
    </message>
    <message>
        <source>Departments on time, %</source>
        <translation>主办部门按时办结率（%）</translation>
    </message>
    <message>
        <source>Ranking:</source>
        <translation>排行：</translation>
    </message>
    <message>
        <source>{start} to {end}: {total} tickets, {closed} closed ({rate}), {overdue} open and overdue</source>
        <translation>{start} 至 {end}：工单 {total} 件，办结 {closed} 件（结案率 {rate}），超期未办结 {overdue} 件</translation>
    </message>
    <message>
        <source>accepted on time: {rate}</source>
        <translation>签收及时率 {rate}</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>A sheet exported from the 12345 hotline or the district platform (.xlsx, or .csv in UTF-8 or GB18030), or an Open311 requests.json. Nothing is written before you have seen the preview.</source>
        <translation>从 12345 热线或区平台导出的表格（.xlsx，或 UTF-8、GB18030 编码的 .csv），或 Open311 的 requests.json。看过预览之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>The platform&apos;s file (.xlsx, .csv, .json)</source>
        <translation>平台导出的文件（.xlsx、.csv、.json）</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>来源平台(&amp;P)：</translation>
    </message>
    <message>
        <source>Column &amp;mapping:</source>
        <translation>列对照方案(&amp;M)：</translation>
    </message>
    <message>
        <source>Choose the platform&apos;s file</source>
        <translation>选择平台导出的文件</translation>
    </message>
    <message>
        <source>Platform files (*.xlsx *.csv *.json);;All files (*)</source>
        <translation>平台文件 (*.xlsx *.csv *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Recognise the headers</source>
        <translation>自动识别表头</translation>
    </message>
    <message>
        <source>Headers are recognised by their usual names (工单编号, 来电时间, 诉求内容 …); a saved mapping reads a platform&apos;s own headers. Columns nobody recognises are asked about next.</source>
        <translation>按常用列名（工单编号、来电时间、诉求内容……）自动识别表头；保存过的方案按平台自己的表头读取。无法识别的列会在下一步询问。</translation>
    </message>
</context>
<context>
    <name>CoverageChart</name>
    <message>
        <source>Target {n}</source>
        <translation>目标 {n} 户</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
</context>
<context>
    <name>CoverageModel</name>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Households visited</source>
        <translation>走访户数</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访次数</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>GridCenter</source>
        <translation>GridCenter</translation>
    </message>
    <message>
        <source>Open its folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>The folder could not be opened. It is:
{path}</source>
        <translation>无法打开该文件夹，其位置是：
{path}</translation>
    </message>
    <message>
        <source>The report&apos;s path was copied.</source>
        <translation>报告路径已复制。</translation>
    </message>
</context>
<context>
    <name>DateDialog</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>DeadlineRulesDialog</name>
    <message>
        <source>Deadline rules</source>
        <translation>时限规则</translation>
    </message>
    <message>
        <source>A change applies to tickets registered or dispatched after it is saved; tickets already running keep their deadlines. Working days skip weekends and public holidays (see the working-day calendar).</source>
        <translation>修改保存后，只对之后受理或派发的工单生效；已在办理的工单保持原时限。工作日不含周末和法定节假日（见工作日历）。</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>Acceptance and report-in</source>
        <translation>签收与报到时限</translation>
    </message>
    <message>
        <source>Changed from the default</source>
        <translation>已改动（与默认不同）</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset to default</source>
        <translation>恢复默认(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation>时限(&amp;L)：</translation>
    </message>
    <message>
        <source>Accept within</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <source>Report in after a whistle within</source>
        <translation>吹哨报到时限</translation>
    </message>
    <message>
        <source>Finish within</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1小时</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <source>1 working day</source>
        <translation>1个工作日</translation>
    </message>
    <message>
        <source>{n} working days</source>
        <translation>{n}个工作日</translation>
    </message>
    <message>
        <source>{rule} (default {default})</source>
        <translation>{rule}（默认{default}）</translation>
    </message>
</context>
<context>
    <name>DemoAccountsDialog</name>
    <message>
        <source>Demo accounts</source>
        <translation>演示账户</translation>
    </message>
    <message>
        <source>The demo data is ready. These are its accounts and passwords; they are shown only now, so copy them somewhere safe. The demo is for trying GridCenter out, never for real work.</source>
        <translation>演示数据已生成。以下是演示账户及其密码，仅显示这一次，请复制并妥善保存。演示数据仅供试用，切勿用于实际工作。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>DepartmentFormDialog</name>
    <message>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑{name}</translation>
    </message>
    <message>
        <source>Tickets may be &amp;sent to it</source>
        <translation>可向其派单(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>made up from the name when left empty</source>
        <translation>留空时自动生成</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>联系人(&amp;O)：</translation>
    </message>
    <message>
        <source>Contact &amp;phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Untick it for a unit kept on record (for contacts and notices) that tickets are not dispatched to.</source>
        <translation>仅作登记（用于联系和通知书）、不接收派单的单位，请取消勾选。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>DepartmentsDialog</name>
    <message>
        <source>Departments</source>
        <translation>部门管理</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Tickets sent here</source>
        <translation>可派单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Show &amp;retired departments</source>
        <translation>显示已撤销的部门(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;tire…</source>
        <translation>撤销(&amp;T)…</translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation>恢复(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>A department that has had tickets cannot be deleted: retire it, and its past work stays in the ledger and the statistics.</source>
        <translation>办理过工单的部门不能删除，只能撤销；撤销后其办理记录仍保留在台账和统计中。</translation>
    </message>
    <message>
        <source>Retired {date}</source>
        <translation>{date}撤销</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Retire department</source>
        <translation>撤销部门</translation>
    </message>
    <message>
        <source>Retire {name}? No new tickets can be sent to it; its past work is kept and it can be restored.</source>
        <translation>撤销{name}？撤销后不能再向其派单；其办理记录保留，可以恢复。</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>删除部门</translation>
    </message>
    <message>
        <source>Delete {name} for good? Only a department never used can be.</source>
        <translation>永久删除{name}？只有从未使用过的部门才能删除。</translation>
    </message>
</context>
<context>
    <name>DetailDock</name>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h}小时{m}分钟</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m}分钟</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文档</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>派遣记录</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <source>Finish by</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理过程</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Reached by</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Show phone</source>
        <translation>显示电话</translation>
    </message>
    <message>
        <source>Show the reporter&apos;s name and phone to call back (recorded in the audit log)</source>
        <translation>显示反映人姓名和电话以便回访（将记入审计日志）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派遣时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Urged / supervised</source>
        <translation>催办/督办</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>并入工单</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>办结答复</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <source>Source platform</source>
        <translation>来源平台</translation>
    </message>
    <message>
        <source>Platform ticket number</source>
        <translation>平台编号</translation>
    </message>
    <message>
        <source>Platform category</source>
        <translation>平台分类</translation>
    </message>
    <message>
        <source>Still to be placed</source>
        <translation>待定位</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Extension requested</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Select a ticket in the queue to see its details.</source>
        <translation>在工单列表中选择一张工单以查看详情。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将超期</translation>
    </message>
    <message>
        <source>urged {n} times{supervised}</source>
        <translation>催办 {n} 次{supervised}</translation>
    </message>
    <message>
        <source>, supervised</source>
        <translation>，已督办</translation>
    </message>
    <message>
        <source>since {at}: {reason}</source>
        <translation>自 {at} 起：{reason}</translation>
    </message>
    <message>
        <source>{who} asks to move {old} to {new} ({by}, {at}): {reason}</source>
        <translation>{who} 申请由 {old} 延至 {new}（{by}，{at}）：{reason}</translation>
    </message>
    <message>
        <source>grid not known yet</source>
        <translation>网格未定</translation>
    </message>
    <message>
        <source>platform category not mapped yet (imported as Other)</source>
        <translation>平台分类尚未对照（暂按“其他”导入）</translation>
    </message>
    <message>
        <source>Answered with {code}</source>
        <translation>已随 {code} 办结</translation>
    </message>
    <message>
        <source>reopened for handling</source>
        <translation>已重新办理</translation>
    </message>
    <message>
        <source>no rating</source>
        <translation>未评价</translation>
    </message>
    <message>
        <source>Returned: {reason}</source>
        <translation>退回：{reason}</translation>
    </message>
    <message>
        <source>Public reply: {text}</source>
        <translation>公开答复：{text}</translation>
    </message>
    <message>
        <source>not accepted in time</source>
        <translation>超时未签收</translation>
    </message>
    <message>
        <source>escalated {at}</source>
        <translation>已督办 {at}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print preview of this ticket&apos;s handling form or notice</source>
        <translation>打印预览本工单的处理单或整改通知书</translation>
    </message>
    <message>
        <source>Handling form…</source>
        <translation>处理单…</translation>
    </message>
    <message>
        <source>Rectification notice…</source>
        <translation>整改通知书…</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>{late} late</source>
        <translation>超时{late}</translation>
    </message>
    <message>
        <source>added: {names}</source>
        <translation>加派：{names}</translation>
    </message>
    <message>
        <source>assisting finish by {at}</source>
        <translation>协办办结时限 {at}</translation>
    </message>
    <message>
        <source>lead: {name}</source>
        <translation>主办：{name}</translation>
    </message>
    <message>
        <source>assisting: {names}</source>
        <translation>协办：{names}</translation>
    </message>
    <message>
        <source>with files: {names}</source>
        <translation>附件：{names}</translation>
    </message>
    <message>
        <source>whistle</source>
        <translation>吹哨报到</translation>
    </message>
    <message>
        <source>place: {lon:.6f}, {lat:.6f}</source>
        <translation>位置：{lon:.6f}，{lat:.6f}</translation>
    </message>
    <message>
        <source>in {grid}</source>
        <translation>位于{grid}</translation>
    </message>
    <message>
        <source>merged reporters answered: {codes}</source>
        <translation>同时答复合并的来电：{codes}</translation>
    </message>
    <message>
        <source>kept ticket: {code}</source>
        <translation>保留工单：{code}</translation>
    </message>
    <message>
        <source>duplicate {code} merged in (reporter {reporter} {phone})</source>
        <translation>重复工单 {code} 已并入（反映人 {reporter} {phone}）</translation>
    </message>
    <message>
        <source>grid: {old} → {new}</source>
        <translation>网格：{old} → {new}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>category: {old} → {new}</source>
        <translation>分类：{old} → {new}</translation>
    </message>
    <message>
        <source>mapping remembered: {external} → {category}</source>
        <translation>已记住分类对照：{external} → {category}</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
</context>
<context>
    <name>DispatchForm</name>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Show the ticket as it is now; what you typed stays</source>
        <translation>显示工单的当前状态；您填写的内容保留</translation>
    </message>
    <message>
        <source>To the grid</source>
        <translation>派至网格</translation>
    </message>
    <message>
        <source>To departments</source>
        <translation>派至部门</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单方式</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>主办部门</translation>
    </message>
    <message>
        <source>Assisting departments</source>
        <translation>协办部门</translation>
    </message>
    <message>
        <source>Departments report in within</source>
        <translation>部门须在以下时间内报到</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Whistle</source>
        <translation>吹哨报到</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <source>Finish by</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Assisting finish by</source>
        <translation>协办办结时限</translation>
    </message>
    <message>
        <source>Tick to give the assisting departments a finish-by of their own</source>
        <translation>勾选后可为协办部门单独设定办结时限</translation>
    </message>
    <message>
        <source>What the handlers should do, whom to call…</source>
        <translation>承办单位要做什么、联系谁……</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>派单说明</translation>
    </message>
    <message>
        <source>Dispatch (Ctrl+Enter)</source>
        <translation>派单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>What you typed is kept; press Reload before dispatching.</source>
        <translation>您填写的内容已保留；请先点击“重新载入”再派发。</translation>
    </message>
    <message>
        <source>Select a ticket in the queue to dispatch it.</source>
        <translation>在工单列表中选择一张工单进行派单。</translation>
    </message>
    <message>
        <source>no grid</source>
        <translation>无网格</translation>
    </message>
    <message>
        <source>{status} · {category} · {priority} · {where} · deadline {deadline}</source>
        <translation>{status} · {category} · {priority} · {where} · 时限 {deadline}</translation>
    </message>
    <message>
        <source>To the grid ({grid})</source>
        <translation>派至网格（{grid}）</translation>
    </message>
    <message>
        <source>This ticket is {status}: there is nothing to dispatch.</source>
        <translation>该工单{status}，无需派单。</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Suggested: solve it in the grid</source>
        <translation>建议：网格内解决</translation>
    </message>
    <message>
        <source>Suggested: lead {lead}</source>
        <translation>建议：主办 {lead}</translation>
    </message>
    <message>
        <source>, assisting {names}</source>
        <translation>，协办 {names}</translation>
    </message>
    <message>
        <source> (from {n} similar tickets)</source>
        <translation>（依据 {n} 张同类工单）</translation>
    </message>
    <message>
        <source> (the category&apos;s usual departments)</source>
        <translation>（该类别的常规承办部门）</translation>
    </message>
    <message>
        <source>Ticket {code} dispatched.</source>
        <translation>工单 {code} 已派发。</translation>
    </message>
</context>
<context>
    <name>Docks</name>
    <message>
        <source>Ticket queue</source>
        <translation>工单列表</translation>
    </message>
    <message>
        <source>Grid tree</source>
        <translation>网格树</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>统计图表</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Ticket detail</source>
        <translation>工单详情</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Show the tickets to be &amp;placed</source>
        <translation>查看待定位工单(&amp;P)</translation>
    </message>
    <message>
        <source>{n} ticket(s) imported.</source>
        <translation>已导入 {n} 张工单。</translation>
    </message>
    <message>
        <source>Nothing new was imported.</source>
        <translation>没有导入新的工单。</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Already imported before (left unchanged)</source>
        <translation>此前已导入（未改动）</translation>
    </message>
    <message>
        <source>  of the added, to be placed (no grid guessed)</source>
        <translation>  其中待定位（无法判断网格）</translation>
    </message>
    <message>
        <source>  of the added, category not yet mapped (imported as 其他)</source>
        <translation>  其中分类未对照（按“其他”导入）</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>The rejected rows could not be saved ({reason}); import the sheet again with the rows fixed (the imported ones are recognised and skipped).</source>
        <translation>未导入的行没能保存（{reason}）；请修改这些行后重新导入这张表（已导入的行会被识别并跳过）。</translation>
    </message>
    <message>
        <source>The rejected rows, with a 原因 column, were saved to {path}.</source>
        <translation>未导入的行（带“原因”列）已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something unexpected went wrong. The window keeps working: you can carry on, and if the last action did not finish, try it again.</source>
        <translation>发生了意外错误。窗口仍可继续使用：您可以继续工作，如果刚才的操作没有完成，请再试一次。</translation>
    </message>
    <message>
        <source>GridCenter could not start because of an unexpected error.</source>
        <translation>由于意外错误，GridCenter 无法启动。</translation>
    </message>
    <message>
        <source>GridCenter stopped unexpectedly the last time it ran. What was known about it was written to a report.</source>
        <translation>GridCenter 上次运行时意外退出，相关信息已写入一份报告。</translation>
    </message>
    <message>
        <source>{lead}

A report was written to:
{path}

If this happens again, send that file to your administrator.</source>
        <translation>{lead}

错误报告已保存到：
{path}

如果再次出现此问题，请将该文件发送给系统管理员。</translation>
    </message>
    <message>
        <source>{lead}

The details were written to the log file:
{path}

If this happens again, send that file to your administrator.</source>
        <translation>{lead}

详细信息已写入日志文件：
{path}

如果再次出现此问题，请将该文件发送给系统管理员。</translation>
    </message>
    <message>
        <source>GridCenter</source>
        <translation>网格指挥中心</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
    <message>
        <source>The tickets from the 12345 and district platforms closed in the period, in the columns of the sheet they came in, to upload back to the platform</source>
        <translation>期间内办结的 12345 热线、区平台转来的工单，按其导入时的表格列顺序输出，供上传回平台</translation>
    </message>
    <message>
        <source>What the queue shows now</source>
        <translation>工单列表当前显示的工单</translation>
    </message>
    <message>
        <source>Tickets registered in the period</source>
        <translation>期间内受理的工单</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Ticket code, e.g. GC20220301-0001</source>
        <translation>工单编号，如 GC20220301-0001</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报表：</translation>
    </message>
    <message>
        <source>Ledger of:</source>
        <translation>台账范围：</translation>
    </message>
    <message>
        <source>Ticket &amp;ledger</source>
        <translation>工单台账(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;tatistical report</source>
        <translation>统计报表(&amp;T)</translation>
    </message>
    <message>
        <source>Rectification &amp;notice</source>
        <translation>责令整改通知书(&amp;N)</translation>
    </message>
    <message>
        <source>Reply sheet for the &amp;platforms</source>
        <translation>办理结果回复表(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>期间(&amp;D)：</translation>
    </message>
    <message>
        <source>Tic&amp;ket:</source>
        <translation>工单(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>报表另存为</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Writing tickets: {done} of {total}</source>
        <translation>正在写入工单：{done} / {total}</translation>
    </message>
    <message>
        <source>Counting the figures…</source>
        <translation>正在统计数据…</translation>
    </message>
    <message>
        <source>Drawing the sheets and charts…</source>
        <translation>正在生成工作表和图表…</translation>
    </message>
    <message>
        <source>Saving the file…</source>
        <translation>正在保存文件…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Saved {path}: no ticket from a platform was closed in the period; check the dates.</source>
        <translation>已保存 {path}：期间内没有办结的平台工单，请核对日期。</translation>
    </message>
    <message>
        <source>Saved {path}: {count} ticket(s) to send back.</source>
        <translation>已保存 {path}：共 {count} 张工单待回复平台。</translation>
    </message>
    <message>
        <source>The export failed; nothing was written.</source>
        <translation>导出失败，未写入任何文件。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>You may not write to {folder}. Choose another folder.</source>
        <translation>没有写入 {folder} 的权限，请选择其他文件夹。</translation>
    </message>
    <message>
        <source>{name} is open in another program (Excel or WPS). Close it and export again.</source>
        <translation>{name} 正被其他程序（Excel 或 WPS）打开，请关闭后重新导出。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space or choose another disk.</source>
        <translation>磁盘已满，请清理空间或选择其他磁盘。</translation>
    </message>
    <message>
        <source>{path} is a folder. Give a file name.</source>
        <translation>{path} 是一个文件夹，请输入文件名。</translation>
    </message>
    <message>
        <source>{path} could not be written.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何文件。</translation>
    </message>
    <message>
        <source>No program on this computer opens {name}. The file is saved at {path}; open it with a spreadsheet program (WPS, Excel, LibreOffice) or copy it from its folder.</source>
        <translation>本机没有可以打开 {name} 的程序。文件已保存在 {path}；请用电子表格程序（WPS、Excel、LibreOffice）打开，或从所在文件夹复制。</translation>
    </message>
    <message>
        <source>The folder could not be opened here. The file is saved at {path}.</source>
        <translation>无法在此打开该文件夹。文件已保存在 {path}。</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>The connection to the server was lost; what you typed is kept. Try again once the status bar says the connection is back.</source>
        <translation>与服务器的连接已断开，已填写的内容仍保留。请在状态栏显示连接恢复后重试。</translation>
    </message>
</context>
<context>
    <name>FirstPasswordsDialog</name>
    <message>
        <source>New users&apos; first passwords</source>
        <translation>新用户的初始密码</translation>
    </message>
    <message>
        <source>The import created these users. Their first passwords are shown only now: copy them and pass each on in person. Each user chooses a new password at the first sign-in.</source>
        <translation>导入创建了以下用户。初始密码只在此时显示一次：请复制下来，当面交给本人。每个用户首次登录时须设置新密码。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Setting up {town}…</source>
        <translation>正在设置{town}……</translation>
    </message>
    <message>
        <source>Importing the lists…</source>
        <translation>正在导入名单……</translation>
    </message>
    <message>
        <source>Naming the town…</source>
        <translation>正在保存镇的名称……</translation>
    </message>
    <message>
        <source>Set up your town</source>
        <translation>设置本镇</translation>
    </message>
    <message>
        <source>The administrator was created, but the town&apos;s name could not be saved. Enter it under Administration → Town settings.</source>
        <translation>管理员已创建，但镇的名称未能保存。请在“系统管理 → 本镇设置”中填写。</translation>
    </message>
    <message>
        <source>{town} is set up, but the lists were not imported; nothing of them was written. Fix the workbook, then use File → Import base data.</source>
        <translation>{town}已设置好，但名单没有导入，其中的内容一行也没有写入。请改正工作簿，然后使用“文件 → 导入基础数据”。</translation>
    </message>
    <message>
        <source>{sheet} row {row}, {column}: {reason}</source>
        <translation>“{sheet}”表第 {row} 行，{column}：{reason}</translation>
    </message>
    <message>
        <source>The town code has only digits.</source>
        <translation>镇的编码只能是数字。</translation>
    </message>
    <message>
        <source>The town code has 9 digits (the town&apos;s statistical code: the first 9 digits of its villages&apos; codes).</source>
        <translation>镇代码为 9 位数字（本镇统计代码，即各村代码的前 9 位）。</translation>
    </message>
</context>
<context>
    <name>FollowUpBox</name>
    <message>
        <source>Inspections and notices</source>
        <translation>联合检查与整改通知书</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>参加部门</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
</context>
<context>
    <name>GridMapImportDialog</name>
    <message>
        <source>Import grid boundaries</source>
        <translation>导入网格边界</translation>
    </message>
    <message>
        <source>A GeoJSON FeatureCollection with one polygon per grid. Features are matched to grids by their code or name property; a file with any problem is not imported at all. Files from AMap or Tencent maps are in GCJ-02.</source>
        <translation>GeoJSON 要素集合，每个网格一个面。要素按编码或名称属性对应到网格；文件中只要有一处问题，就整个不导入。高德、腾讯地图导出的文件为 GCJ-02 坐标。</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>WGS-84 (GPS)</source>
        <translation>WGS-84（GPS 坐标）</translation>
    </message>
    <message>
        <source>GCJ-02 (AMap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>&amp;Coordinate system:</source>
        <translation>坐标系(&amp;C)：</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Grid boundaries</source>
        <translation>网格边界</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON 文件 (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Overlap of {area} m²</source>
        <translation>重叠 {area} 平方米</translation>
    </message>
    <message>
        <source>{n} feature(s) have problems: nothing can be imported.</source>
        <translation>{n} 个要素有问题，不能导入。</translation>
    </message>
    <message>
        <source>{n} grid(s) get their boundary.</source>
        <translation>将为 {n} 个网格导入边界。</translation>
    </message>
    <message>
        <source>{n} overlap(s) between grids, listed below.</source>
        <translation>网格之间有 {n} 处重叠，见下表。</translation>
    </message>
    <message>
        <source>{n} grid(s) still without a boundary.</source>
        <translation>仍有 {n} 个网格没有边界。</translation>
    </message>
    <message>
        <source>not a GeoJSON Feature</source>
        <translation>不是 GeoJSON 要素</translation>
    </message>
    <message>
        <source>no code or name property</source>
        <translation>没有编码或名称属性</translation>
    </message>
    <message>
        <source>no such grid</source>
        <translation>没有这个网格</translation>
    </message>
    <message>
        <source>more than one grid has this name: add a village property</source>
        <translation>同名网格不止一个，请加上村（社区）属性</translation>
    </message>
    <message>
        <source>the grid is retired</source>
        <translation>网格已撤销</translation>
    </message>
    <message>
        <source>the same grid as feature {detail}</source>
        <translation>与第 {detail} 个要素是同一个网格</translation>
    </message>
    <message>
        <source>not a Polygon or MultiPolygon</source>
        <translation>不是面（Polygon 或 MultiPolygon）</translation>
    </message>
    <message>
        <source>coordinates cannot be read</source>
        <translation>坐标无法读取</translation>
    </message>
    <message>
        <source>has no area</source>
        <translation>面积为零</translation>
    </message>
    <message>
        <source>the boundary crosses itself at {detail}</source>
        <translation>边界自相交，交点 {detail}</translation>
    </message>
    <message>
        <source>invalid boundary: {detail}</source>
        <translation>边界无效：{detail}</translation>
    </message>
    <message>
        <source>coordinates out of longitude/latitude range</source>
        <translation>坐标超出经纬度范围</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported the boundaries of {n} grid(s).</source>
        <translation>已导入 {n} 个网格的边界。</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>没有导入任何数据：{reason}</translation>
    </message>
    <message>
        <source>The import failed; nothing was written.</source>
        <translation>导入失败，没有写入任何数据。</translation>
    </message>
</context>
<context>
    <name>GridTeamModel</name>
    <message>
        <source> (party member)</source>
        <translation>（党员）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>GridTreeDock</name>
    <message>
        <source>Filter: name or pinyin initials, e.g. yl</source>
        <translation>筛选：名称或拼音首字母，如 yl</translation>
    </message>
    <message>
        <source>Select a grid to see its 1+1+N team.</source>
        <translation>选择一个网格，查看其“1+1+N”团队。</translation>
    </message>
    <message>
        <source>{name}: the 1+1+N team</source>
        <translation>{name}：“1+1+N”团队</translation>
    </message>
    <message>
        <source>{level} {name}: select one of its grids to see the team.</source>
        <translation>{level}{name}：选择其下的网格以查看团队。</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <source>{name} (retired)</source>
        <translation>{name}（已撤销）</translation>
    </message>
    <message>
        <source>{level} {name}: {open} open tickets, {overdue} overdue</source>
        <translation>{level}{name}：未办结 {open} 件，超期 {overdue} 件</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
</context>
<context>
    <name>GridWorkSettingsDialog</name>
    <message>
        <source>Grid work settings</source>
        <translation>网格工作设置</translation>
    </message>
    <message>
        <source> households</source>
        <translation> 户</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Each grid worker&apos;s monthly visit coverage is measured against the target; households not visited for the set months are listed in the visits window.</source>
        <translation>每名网格员每月的走访覆盖率按此目标计算；超过设定月数未走访的住户列在“走访”窗口中。</translation>
    </message>
    <message>
        <source>Monthly visit &amp;target:</source>
        <translation>每月走访目标(&amp;T)：</translation>
    </message>
    <message>
        <source>List households not visited for:</source>
        <translation>列出未走访超过：</translation>
    </message>
    <message>
        <source>Map tile &amp;server:</source>
        <translation>地图瓦片服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>Optional: the town&apos;s intranet map; leave empty for a plain ground.</source>
        <translation>可选：本镇内网地图服务；留空则地图只画网格边界。</translation>
    </message>
</context>
<context>
    <name>GridWorkersWindow</name>
    <message>
        <source>Grid workers&apos; desk</source>
        <translation>网格员工作台</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Grid team (1+1+N)</source>
        <translation>网格队伍（1+1+N）</translation>
    </message>
    <message>
        <source>Tickets reported (latest)</source>
        <translation>最近上报的工单</translation>
    </message>
    <message>
        <source>Visits (latest)</source>
        <translation>最近的走访</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} grid workers · {reported} tickets reported · {households} households visited</source>
        <translation>网格员 {n} 名 · 上报工单 {reported} 件 · 走访 {households} 户</translation>
    </message>
    <message>
        <source>Grid team (1+1+N): {grid}</source>
        <translation>网格队伍（1+1+N）：{grid}</translation>
    </message>
    <message>
        <source>party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>This month: {n} tickets in the grid, {r} answered, average first response {h}</source>
        <translation>本月网格内工单 {n} 件，已响应 {r} 件，平均首次响应 {h}</translation>
    </message>
    <message>
        <source>{h:.1f} h</source>
        <translation>{h:.1f} 小时</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Export the grid workers&apos; figures</source>
        <translation>导出网格员工作情况</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} grid workers to {path}</source>
        <translation>已导出 {n} 名网格员的工作情况到 {path}</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import my lists</source>
        <translation>导入本镇名单</translation>
    </message>
    <message>
        <source>Choose the filled-in workbook. Nothing is written until the administrator exists; a workbook with problems is refused as a whole.</source>
        <translation>请选择填好的工作簿。创建管理员之前不会写入任何内容；有问题的工作簿整个不导入。</translation>
    </message>
    <message>
        <source>This workbook is for {other}, but the town you named is {town}. Go back and correct the town&apos;s name and code, or choose your town&apos;s workbook.</source>
        <translation>这个工作簿是{other}的，而您填写的镇是{town}。请返回改正镇的名称和编码，或选择本镇的工作簿。</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>No workbook chosen yet.</source>
        <translation>还没有选择工作簿。</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>To add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>改动</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}……</translation>
    </message>
    <message>
        <source>{n} problem(s) in {name}: nothing can be imported until they are fixed in the workbook. Each is listed below with its sheet, row and column.</source>
        <translation>{name} 中有 {n} 个问题：在工作簿中改正之前，不能导入任何内容。下面逐条列出每个问题所在的工作表、行和列。</translation>
    </message>
    <message>
        <source>{name} holds nothing new: the database already has every row.</source>
        <translation>{name} 中没有新内容：数据库中已有所有行。</translation>
    </message>
    <message>
        <source>{name} is ready: {adds} row(s) to add, {updates} to update.</source>
        <translation>{name} 可以导入：新增 {adds} 行，更新 {updates} 行。</translation>
    </message>
    <message>
        <source>{path} could not be read ({reason}).</source>
        <translation>无法读取 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>The workbook could not be read.</source>
        <translation>无法读取这个工作簿。</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>问题（{n}）</translation>
    </message>
    <message>
        <source>To add ({n})</source>
        <translation>新增（{n}）</translation>
    </message>
    <message>
        <source>To update ({n})</source>
        <translation>更新（{n}）</translation>
    </message>
    <message>
        <source>Notes ({n})</source>
        <translation>提示（{n}）</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Pending dispatch</source>
        <translation>待派发</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派发</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Ordinary matter</source>
        <translation>一般事项</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <source>Petition</source>
        <translation>信访</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>意见建议</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Grid patrol</source>
        <translation>网格员巡查</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>群众来访</translation>
    </message>
    <message>
        <source>Letters and visits</source>
        <translation>来信来访</translation>
    </message>
    <message>
        <source>District command platform</source>
        <translation>区集成指挥平台</translation>
    </message>
    <message>
        <source>Video surveillance</source>
        <translation>视频监控</translation>
    </message>
    <message>
        <source>Public-opinion contact day</source>
        <translation>社情民意联系日</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <source>Assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <source>Awaiting acceptance</source>
        <translation>待签收</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Fed back</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Feed back</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Review and close</source>
        <translation>审核办结</translation>
    </message>
    <message>
        <source>Reject and redo</source>
        <translation>审核不通过</translation>
    </message>
    <message>
        <source>Solve in the grid</source>
        <translation>网格内解决</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>定位归类</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Remove a file</source>
        <translation>删除附件</translation>
    </message>
    <message>
        <source>Add departments</source>
        <translation>加派</translation>
    </message>
    <message>
        <source>Escalate missed acceptance</source>
        <translation>超时督办</translation>
    </message>
    <message>
        <source>Notice check-back</source>
        <translation>整改复查</translation>
    </message>
    <message>
        <source>Ask for an extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Decide on an extension</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resume handling</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <source>Set the place on the map</source>
        <translation>地图定位</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Part-time grid worker</source>
        <translation>兼职网格员</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Building leader</source>
        <translation>楼栋长</translation>
    </message>
    <message>
        <source>Other member</source>
        <translation>其他成员</translation>
    </message>
    <message>
        <source>Micro grid</source>
        <translation>微网格</translation>
    </message>
    <message>
        <source>External unit</source>
        <translation>外部单位</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录成功</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号被锁定</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Exported a report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Viewed personal data</source>
        <translation>查看个人信息</translation>
    </message>
    <message>
        <source>Created a user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Disabled a user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Enabled a user</source>
        <translation>启用用户</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Changed a user</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>Changed the holiday calendar</source>
        <translation>修改节假日</translation>
    </message>
    <message>
        <source>Other administration</source>
        <translation>其他管理操作</translation>
    </message>
    <message>
        <source>Changed areas or grids</source>
        <translation>变更区域或网格</translation>
    </message>
    <message>
        <source>Changed a grid team</source>
        <translation>变更网格队伍</translation>
    </message>
    <message>
        <source>Changed a department</source>
        <translation>变更部门</translation>
    </message>
    <message>
        <source>Changed a deadline rule</source>
        <translation>变更办理时限规则</translation>
    </message>
    <message>
        <source>Changed town settings</source>
        <translation>变更本镇设置</translation>
    </message>
    <message>
        <source>Imported base data</source>
        <translation>导入基础数据</translation>
    </message>
    <message>
        <source>Imported tickets</source>
        <translation>导入工单</translation>
    </message>
    <message>
        <source>Changed an import profile or category mapping</source>
        <translation>修改导入方案或分类对照</translation>
    </message>
    <message>
        <source>Archived audit rows</source>
        <translation>归档审计记录</translation>
    </message>
    <message>
        <source>Built demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>Imported grid boundaries</source>
        <translation>导入网格边界</translation>
    </message>
    <message>
        <source>Changed a register</source>
        <translation>台账变更</translation>
    </message>
    <message>
        <source>Imported a register</source>
        <translation>台账导入</translation>
    </message>
    <message>
        <source>Viewed personal data in a register</source>
        <translation>查看台账个人信息</translation>
    </message>
    <message>
        <source>12345 hotline platform</source>
        <translation>12345热线平台</translation>
    </message>
    <message>
        <source>District integrated command platform</source>
        <translation>区集成指挥平台</translation>
    </message>
    <message>
        <source>Open311 GeoReport</source>
        <translation>Open311 GeoReport</translation>
    </message>
    <message>
        <source>Other platform</source>
        <translation>其他平台</translation>
    </message>
    <message>
        <source>Household visit</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Special group</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <source>Rental housing</source>
        <translation>出租房屋</translation>
    </message>
    <message>
        <source>Hidden danger</source>
        <translation>安全隐患</translation>
    </message>
    <message>
        <source>Video channel</source>
        <translation>视频通道</translation>
    </message>
    <message>
        <source>Elderly living alone</source>
        <translation>独居老人</translation>
    </message>
    <message>
        <source>Empty-nest elderly</source>
        <translation>空巢老人</translation>
    </message>
    <message>
        <source>Person with disabilities</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Minor in difficulty</source>
        <translation>困境儿童</translation>
    </message>
    <message>
        <source>Subsistence allowance</source>
        <translation>低保特困人员</translation>
    </message>
    <message>
        <source>Under community correction</source>
        <translation>社区矫正对象</translation>
    </message>
    <message>
        <source>Released from prison</source>
        <translation>刑满释放人员</translation>
    </message>
    <message>
        <source>Drug rehabilitation</source>
        <translation>社区戒毒康复人员</translation>
    </message>
    <message>
        <source>Severe mental disorder</source>
        <translation>严重精神障碍患者</translation>
    </message>
    <message>
        <source>Person needing attention</source>
        <translation>重点人员</translation>
    </message>
    <message>
        <source>Fire safety</source>
        <translation>消防</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>用电</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>房屋建筑</translation>
    </message>
    <message>
        <source>Work safety</source>
        <translation>安全生产</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>交通</translation>
    </message>
    <message>
        <source>Flood and water</source>
        <translation>防汛涉水</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>食品</translation>
    </message>
    <message>
        <source>Other danger</source>
        <translation>其他隐患</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation>中风险</translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <source>To be rectified</source>
        <translation>待整改</translation>
    </message>
    <message>
        <source>Being rectified</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>Struck off</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Faulty</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Entered at the desk</source>
        <translation>调度台录入</translation>
    </message>
    <message>
        <source>Imported from the app</source>
        <translation>移动端导入</translation>
    </message>
    <message>
        <source>Platform ticket number</source>
        <translation>平台工单编号</translation>
    </message>
    <message>
        <source>Time received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Subcategory</source>
        <translation>小类</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Nature of request</source>
        <translation>诉求性质</translation>
    </message>
    <message>
        <source>Time closed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重办</translation>
    </message>
    <message>
        <source>Urge</source>
        <translation>催办</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Duplicate merged in</source>
        <translation>重复工单并入</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已化解</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>未化解</translation>
    </message>
    <message>
        <source>Dispatch operator</source>
        <translation>调度员</translation>
    </message>
    <message>
        <source>Shift supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>只读用户</translation>
    </message>
    <message>
        <source>Grid leader</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Police officer</source>
        <translation>警官</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>法官</translation>
    </message>
    <message>
        <source>Prosecutor</source>
        <translation>检察官</translation>
    </message>
    <message>
        <source>Lawyer</source>
        <translation>律师</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Town office</source>
        <translation>镇属部门</translation>
    </message>
    <message>
        <source>Stationed agency</source>
        <translation>派驻机构</translation>
    </message>
    <message>
        <source>Village or community committee</source>
        <translation>村委会/居委会</translation>
    </message>
    <message>
        <source>Public utility</source>
        <translation>公用事业单位</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>反映人姓名</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>反映人电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>主办部门</translation>
    </message>
    <message>
        <source>Assisting departments</source>
        <translation>协办部门</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <source>Finish by</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Assisting departments&apos; accept by</source>
        <translation>协办部门签收时限</translation>
    </message>
    <message>
        <source>Assisting departments&apos; finish by</source>
        <translation>协办部门办结时限</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>派单说明</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Reached by</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <source>This ticket</source>
        <translation>本工单</translation>
    </message>
    <message>
        <source>Number of people</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Source platform</source>
        <translation>来源平台</translation>
    </message>
    <message>
        <source>Platform category</source>
        <translation>平台诉求类型</translation>
    </message>
    <message>
        <source>Grid or category</source>
        <translation>网格或分类</translation>
    </message>
    <message>
        <source>Remembering the category mapping</source>
        <translation>记住分类对照</translation>
    </message>
    <message>
        <source>Import profile name</source>
        <translation>导入方案名称</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列对照</translation>
    </message>
    <message>
        <source>Profile&apos;s platform</source>
        <translation>方案所属平台</translation>
    </message>
    <message>
        <source>Ticket to merge into</source>
        <translation>并入的工单</translation>
    </message>
    <message>
        <source>The import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>File for the rows not imported</source>
        <translation>未导入行的另存文件</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Database address</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Proposed finish-by time</source>
        <translation>申请办结时限</translation>
    </message>
    <message>
        <source>Approved finish-by time</source>
        <translation>批准办结时限</translation>
    </message>
    <message>
        <source>Extension request</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <source>Registered from</source>
        <translation>受理开始日期</translation>
    </message>
    <message>
        <source>Registered until</source>
        <translation>受理截止日期</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Tickets to export</source>
        <translation>导出范围</translation>
    </message>
    <message>
        <source>Handling result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Reply to the public</source>
        <translation>答复群众内容</translation>
    </message>
    <message>
        <source>Complaint founded</source>
        <translation>诉求是否属实</translation>
    </message>
    <message>
        <source>Problem solved</source>
        <translation>问题是否解决</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Holiday name</source>
        <translation>节假日名称</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Scroll position</source>
        <translation>列表位置</translation>
    </message>
    <message>
        <source>Number of rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Count limit</source>
        <translation>计数上限</translation>
    </message>
    <message>
        <source>Row number</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Preset view</source>
        <translation>预设视图</translation>
    </message>
    <message>
        <source>Archive rows before</source>
        <translation>归档日期</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>原密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Area name</source>
        <translation>区域名称</translation>
    </message>
    <message>
        <source>Area code</source>
        <translation>区域代码</translation>
    </message>
    <message>
        <source>Code system</source>
        <translation>代码来源</translation>
    </message>
    <message>
        <source>Area level</source>
        <translation>区域层级</translation>
    </message>
    <message>
        <source>Parent area</source>
        <translation>上级区域</translation>
    </message>
    <message>
        <source>Grid to merge into</source>
        <translation>并入的网格</translation>
    </message>
    <message>
        <source>Grid member</source>
        <translation>网格成员</translation>
    </message>
    <message>
        <source>Member name</source>
        <translation>成员姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Member role</source>
        <translation>成员职务</translation>
    </message>
    <message>
        <source>Serving since</source>
        <translation>任职起始日</translation>
    </message>
    <message>
        <source>Last day of service</source>
        <translation>任职截止日</translation>
    </message>
    <message>
        <source>First day in the new grid</source>
        <translation>到新网格任职首日</translation>
    </message>
    <message>
        <source>New grid</source>
        <translation>新网格</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>Open311 file</source>
        <translation>导出文件</translation>
    </message>
    <message>
        <source>Department name</source>
        <translation>部门名称</translation>
    </message>
    <message>
        <source>Department code</source>
        <translation>部门代码</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Kind of time limit</source>
        <translation>时限类别</translation>
    </message>
    <message>
        <source>Town name</source>
        <translation>镇（街道）名称</translation>
    </message>
    <message>
        <source>Town code</source>
        <translation>镇（街道）统计代码</translation>
    </message>
    <message>
        <source>Centre&apos;s full name</source>
        <translation>指挥中心全称</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <source>Notice number pattern</source>
        <translation>通知书编号格式</translation>
    </message>
    <message>
        <source>Default report period</source>
        <translation>默认报表周期</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文档</translation>
    </message>
    <message>
        <source>Photo thumbnail</source>
        <translation>照片缩略图</translation>
    </message>
    <message>
        <source>Largest file allowed</source>
        <translation>单个文件大小上限</translation>
    </message>
    <message>
        <source>Meeting or inspection</source>
        <translation>会议或检查类型</translation>
    </message>
    <message>
        <source>Date held</source>
        <translation>召开/检查日期</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <source>Others present</source>
        <translation>其他参加人员</translation>
    </message>
    <message>
        <source>Party to rectify</source>
        <translation>被责令整改单位/个人</translation>
    </message>
    <message>
        <source>Party&apos;s address</source>
        <translation>当事人地址</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Rectification requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <source>Joint inspection</source>
        <translation>联合检查</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Monthly visit target</source>
        <translation>每月走访目标（户）</translation>
    </message>
    <message>
        <source>Months without a visit</source>
        <translation>未走访提醒月数</translation>
    </message>
    <message>
        <source>Map tile server address</source>
        <translation>地图瓦片服务地址</translation>
    </message>
    <message>
        <source>Reporting grid worker</source>
        <translation>上报网格员</translation>
    </message>
    <message>
        <source>Rectangle drawn on the map</source>
        <translation>地图框选范围</translation>
    </message>
    <message>
        <source>Special group member</source>
        <translation>特殊群体人员</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Contact person&apos;s phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Care given</source>
        <translation>帮扶情况</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>房东</translation>
    </message>
    <message>
        <source>Landlord&apos;s phone</source>
        <translation>房东电话</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>承租人数</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间数</translation>
    </message>
    <message>
        <source>Next inspection</source>
        <translation>下次检查</translation>
    </message>
    <message>
        <source>Hazards</source>
        <translation>存在隐患</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现人</translation>
    </message>
    <message>
        <source>Rectification deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Rectified on</source>
        <translation>整改完成日期</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改说明</translation>
    </message>
    <message>
        <source>Channel number</source>
        <translation>通道编号</translation>
    </message>
    <message>
        <source>Stream address</source>
        <translation>视频流地址</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>权属单位</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Grid boundary file</source>
        <translation>网格边界文件</translation>
    </message>
    <message>
        <source>Location on the map</source>
        <translation>地图位置</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Household register number</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>must be filled in</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>is too long</source>
        <translation>太长</translation>
    </message>
    <message>
        <source>is too short</source>
        <translation>太短</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>is no longer active</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>is not in a valid format</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <source>is not a phone number we accept (for example 13912345678, +86 139 1234 5678, 0512-66881234 or 66881234)</source>
        <translation>不是可接受的电话号码（例如 13912345678、+86 139 1234 5678、0512-66881234 或 66881234）</translation>
    </message>
    <message>
        <source>contains control characters (such as NUL); remove them</source>
        <translation>含有不可见的控制字符（如空字符），请删除</translation>
    </message>
    <message>
        <source>lies in the past</source>
        <translation>早于当前时间</translation>
    </message>
    <message>
        <source>must not be before the accept-by time</source>
        <translation>不能早于签收时限</translation>
    </message>
    <message>
        <source>is later than a whistle allows for this urgency</source>
        <translation>晚于该紧急程度吹哨报到允许的时限</translation>
    </message>
    <message>
        <source>is in the wrong order</source>
        <translation>先后顺序不对</translation>
    </message>
    <message>
        <source>is already in use</source>
        <translation>已被使用</translation>
    </message>
    <message>
        <source>cannot be the ticket itself</source>
        <translation>不能是工单本身</translation>
    </message>
    <message>
        <source>must be a grid</source>
        <translation>必须是网格</translation>
    </message>
    <message>
        <source>is the same as now; choose another grid or category</source>
        <translation>与现在相同，请选择其他网格或分类</translation>
    </message>
    <message>
        <source>is only possible for a ticket imported with a platform category</source>
        <translation>只适用于带有平台分类的导入工单</translation>
    </message>
    <message>
        <source>must be greater than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <source>is out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <source>must be a web address containing {z}, {x} and {y}</source>
        <translation>应为网址，并含有 {z}、{x}、{y}</translation>
    </message>
    <message>
        <source>is not a grid worker of that grid on that day</source>
        <translation>不是该网格当日的网格员</translation>
    </message>
    <message>
        <source>is wrong</source>
        <translation>不正确</translation>
    </message>
    <message>
        <source>is locked for now; try again later</source>
        <translation>暂时被锁定，请稍后再试</translation>
    </message>
    <message>
        <source>must not be before the start</source>
        <translation>不能早于开始日期</translation>
    </message>
    <message>
        <source>was itself merged into another ticket</source>
        <translation>本身已被合并到其他工单</translation>
    </message>
    <message>
        <source>is already closed; reopen it or handle the new report on its own</source>
        <translation>已办结；请重办该工单，或单独处理新的反映</translation>
    </message>
    <message>
        <source>is only possible after a dissatisfied callback</source>
        <translation>只有在回访不满意后才能执行</translation>
    </message>
    <message>
        <source>cannot be given by a reporter who was not reached</source>
        <translation>在未联系上来电人时不能填写</translation>
    </message>
    <message>
        <source>was merged into a ticket that is not closed yet; call the reporter back once it is</source>
        <translation>已合并到尚未办结的工单，待该工单办结后再回访来电人</translation>
    </message>
    <message>
        <source>was merged: it is answered by the ticket it was merged into; reopen that one</source>
        <translation>已合并，由所并入的工单答复来电人；如需重新办理，请重办那张工单</translation>
    </message>
    <message>
        <source>contains nothing that can be searched for</source>
        <translation>不含可搜索的文字</translation>
    </message>
    <message>
        <source>must be an .xlsx file</source>
        <translation>必须是 .xlsx 文件</translation>
    </message>
    <message>
        <source>must be a .png file</source>
        <translation>必须是 .png 文件</translation>
    </message>
    <message>
        <source>is larger than the town allows for one file (20 MB unless changed)</source>
        <translation>超过了本镇允许的单个文件大小（默认 20 MB）</translation>
    </message>
    <message>
        <source>is empty (0 bytes)</source>
        <translation>是空文件（0 字节）</translation>
    </message>
    <message>
        <source>is a program, whatever its name says; only photos and documents are kept</source>
        <translation>是可执行程序（不论文件名如何）；只能保存照片和文档</translation>
    </message>
    <message>
        <source>is a script or web page; only photos and documents are kept</source>
        <translation>是脚本或网页；只能保存照片和文档</translation>
    </message>
    <message>
        <source>is a compressed archive; unpack it and add the photos or documents inside</source>
        <translation>是压缩包；请解压后添加其中的照片或文档</translation>
    </message>
    <message>
        <source>contains macros; save it as a document without macros and add it again</source>
        <translation>含有宏；请另存为不含宏的文档后重新添加</translation>
    </message>
    <message>
        <source>is not a photo (JPEG, PNG, HEIC) or a document (PDF, Word, Excel, PowerPoint)</source>
        <translation>不是照片（.jpg、.png、.heic）或文档（.pdf、.doc/.docx、.xls/.xlsx、.ppt/.pptx）</translation>
    </message>
    <message>
        <source>is a HEIC photo that this computer cannot show; set the phone to send JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible) and send it again</source>
        <translation>是本机无法显示的 .heic 照片；请把手机相机的格式设为“兼容性最佳”（拍出 .jpg 照片）后重新发送</translation>
    </message>
    <message>
        <source>is damaged in the database (its checksum no longer matches)</source>
        <translation>在数据库中已损坏（校验值不符）</translation>
    </message>
    <message>
        <source>are too many at once (at most 20 files in one go)</source>
        <translation>一次太多（每次最多 20 个文件）</translation>
    </message>
    <message>
        <source>must be a .json or .xml file</source>
        <translation>须为 .json 或 .xml 文件</translation>
    </message>
    <message>
        <source>is in a folder that does not exist</source>
        <translation>所在文件夹不存在</translation>
    </message>
    <message>
        <source>is not a JSON file in UTF-8</source>
        <translation>不是可读取的 .json 文件（请以统一码编码保存）</translation>
    </message>
    <message>
        <source>is not an Open311 requests.json (a list of service requests)</source>
        <translation>不是服务请求列表（.json 文件的内容须为请求的数组）</translation>
    </message>
    <message>
        <source>is an Excel 97-2003 (.xls) or password-protected workbook; save it as an .xlsx workbook without a password and import it again</source>
        <translation>是旧版 97-2003 格式的工作簿（.xls）或加了密码的工作簿；请另存为不带密码的 .xlsx 工作簿后再导入</translation>
    </message>
    <message>
        <source>is a CSV text file, not a workbook; paste its rows into the base-data template and save that as .xlsx</source>
        <translation>是逗号分隔的文本文件（.csv），不是工作簿；请把内容粘贴到基础数据模板中，保存为 .xlsx 后再导入</translation>
    </message>
    <message>
        <source>is not an Excel workbook (.xlsx)</source>
        <translation>不是 .xlsx 格式的工作簿</translation>
    </message>
    <message>
        <source>is a CSV file in an encoding other than UTF-8 or GB18030; save it from Excel or WPS as CSV again</source>
        <translation>是编码无法识别的 .csv 文件；请在电子表格软件中重新另存为 .csv 后再导入</translation>
    </message>
    <message>
        <source>is not a text (CSV) file</source>
        <translation>不是文本格式的 .csv 文件</translation>
    </message>
    <message>
        <source>is not an .xlsx, .csv or Open311 requests.json file</source>
        <translation>不是 .xlsx、.csv 文件或开放 311 标准的 .json 工单列表</translation>
    </message>
    <message>
        <source>has no header row (column names) in its first ten rows</source>
        <translation>的前 10 行中找不到表头（列名）</translation>
    </message>
    <message>
        <source>maps two columns to the same field; each field may come from one column</source>
        <translation>把两列对应到了同一项；每一项只能来自一列</translation>
    </message>
    <message>
        <source>names the same column twice</source>
        <translation>中同一列名出现了两次</translation>
    </message>
    <message>
        <source>has a column name that is too long or contains control characters</source>
        <translation>中有列名太长或含有控制字符</translation>
    </message>
    <message>
        <source>is in use: tickets were imported with it and their reply sheet needs its columns</source>
        <translation>正在使用：已有工单按它导入，回复表需要它的列顺序</translation>
    </message>
    <message>
        <source>has none of the base-data sheets (areas and grids, grid members, departments, users); use the base-data template</source>
        <translation>中没有任何一张基础数据表（区域和网格、网格成员、部门、用户）；请使用基础数据模板</translation>
    </message>
    <message>
        <source>has rows with problems; correct them in the file and import it again</source>
        <translation>中有问题行；请在文件中改正后重新导入</translation>
    </message>
    <message>
        <source>shows problems with the sheet&apos;s columns; map the columns and preview again</source>
        <translation>显示表头（列）有问题；请先对照好各列，再重新预览</translation>
    </message>
    <message>
        <source>is out of date: the data changed after it was made; preview the file again</source>
        <translation>已过时：生成预览后系统中的数据有了变化；请重新预览文件</translation>
    </message>
    <message>
        <source>is less than six months ago (audit rows are kept at least six months)</source>
        <translation>距今不足六个月（审计记录至少保存六个月）</translation>
    </message>
    <message>
        <source>does not match the rows written to the archive; nothing was deleted</source>
        <translation>与归档文件中的记录不一致，未删除任何记录</translation>
    </message>
    <message>
        <source>is not available here</source>
        <translation>在此处不可用</translation>
    </message>
    <message>
        <source>is not waiting to be accepted (it was accepted, returned or withdrawn)</source>
        <translation>不在待签收状态（已被签收、退回或撤回）</translation>
    </message>
    <message>
        <source>must be later than the current finish-by time</source>
        <translation>须晚于当前办结时限</translation>
    </message>
    <message>
        <source>already has an extension request waiting for a decision</source>
        <translation>已有待审批的延期申请</translation>
    </message>
    <message>
        <source>has already been decided</source>
        <translation>已审批过</translation>
    </message>
    <message>
        <source>is no longer open (it was fed back, finished or withdrawn)</source>
        <translation>已不在办理中（已反馈、办结或撤回）</translation>
    </message>
    <message>
        <source>includes a department already working on this ticket</source>
        <translation>中有部门已在办理本工单</translation>
    </message>
    <message>
        <source>is not late yet: its accept-by time has not passed</source>
        <translation>尚未超时：签收时限还没到</translation>
    </message>
    <message>
        <source>has not been accepted yet; accept it before feeding back</source>
        <translation>尚未签收，请先签收再反馈</translation>
    </message>
    <message>
        <source>cannot be sorted by this column</source>
        <translation>不能按此列排序</translation>
    </message>
    <message>
        <source>belongs to another sort order; reload the list</source>
        <translation>属于另一种排序，请刷新列表</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>needs a date and a kind (holiday or working day)</source>
        <translation>须填写日期和类型（休或班）</translation>
    </message>
    <message>
        <source>does not start with a date written as YYYY-MM-DD</source>
        <translation>开头不是“年-月-日”格式的日期（如 2023-01-02）</translation>
    </message>
    <message>
        <source>has a kind other than holiday (休) or working day (班)</source>
        <translation>的类型不是“休”或“班”</translation>
    </message>
    <message>
        <source>cannot be combined with a position after a row</source>
        <translation>不能与“某行之后”的位置同时使用</translation>
    </message>
    <message>
        <source>may only contain letters, digits, dots, dashes and underscores</source>
        <translation>只能包含英文字母、数字、点、连字符和下划线</translation>
    </message>
    <message>
        <source>must not be the login name</source>
        <translation>不能与登录名相同</translation>
    </message>
    <message>
        <source>is too common and easily guessed</source>
        <translation>过于常见，容易被猜到</translation>
    </message>
    <message>
        <source>must differ from the current password</source>
        <translation>必须与原密码不同</translation>
    </message>
    <message>
        <source>cannot be your own account</source>
        <translation>不能是您本人的账号</translation>
    </message>
    <message>
        <source>is the last active administrator and must stay active</source>
        <translation>是最后一个在用的管理员，不能停用</translation>
    </message>
    <message>
        <source>did not reach the server in protected form</source>
        <translation>未以加密形式提交到服务器</translation>
    </message>
    <message>
        <source>is on record but does not take tickets</source>
        <translation>仅登记在册，不接收派单</translation>
    </message>
    <message>
        <source>is in use (tickets were assigned to it or users work for it); retire it instead</source>
        <translation>正在使用（有工单派给它或有用户属于它），不能删除，请改为撤销</translation>
    </message>
    <message>
        <source>is already retired</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>must be more than zero (every ticket would be overdue at once)</source>
        <translation>必须大于零（否则每张工单一登记即超期）</translation>
    </message>
    <message>
        <source>is too long (at most 366 working days or 744 hours)</source>
        <translation>过长（最多366个工作日或744小时）</translation>
    </message>
    <message>
        <source>may only use the placeholders for the town, the year, the serial number and the ticket code</source>
        <translation>只能使用镇名、年份、序号和工单编号这几个占位符</translation>
    </message>
    <message>
        <source>must contain the serial number or the ticket code, or two notices would share a number</source>
        <translation>必须包含序号或工单编号，否则两份通知书会同号</translation>
    </message>
    <message>
        <source>is missing: the town already exists and only the town stands at the top</source>
        <translation>未填写：本镇已存在，只有镇可以位于最上层</translation>
    </message>
    <message>
        <source>is of the wrong level (town, then village or community, then grid, then micro grid)</source>
        <translation>层级不对（依次为镇、村或社区、网格、微网格）</translation>
    </message>
    <message>
        <source>cannot be the area itself or an area inside it</source>
        <translation>不能是该区域本身或其下属区域</translation>
    </message>
    <message>
        <source>still has areas under it in service; move or retire them first</source>
        <translation>下面还有在用的区域；请先移走或撤销它们</translation>
    </message>
    <message>
        <source>still has open tickets; close them or move them (merge the grid into another) first</source>
        <translation>还有未办结的工单；请先办结或移交（将网格并入其他网格）</translation>
    </message>
    <message>
        <source>is not retired</source>
        <translation>未被撤销</translation>
    </message>
    <message>
        <source>already has a grid leader; end or move the current one first</source>
        <translation>已有网格长；请先让现任网格长离任或调动</translation>
    </message>
    <message>
        <source>already has a full-time grid worker; end or move the current one first</source>
        <translation>已有专职网格员；请先让现任专职网格员离任或调动</translation>
    </message>
    <message>
        <source>has already ended this service</source>
        <translation>的这段任职已经结束</translation>
    </message>
    <message>
        <source>must be after the first day of service</source>
        <translation>必须晚于任职起始日</translation>
    </message>
    <message>
        <source>must not lie in the future</source>
        <translation>不能是将来的日期</translation>
    </message>
    <message>
        <source>must not be before the issue date</source>
        <translation>不能早于下发日期</translation>
    </message>
    <message>
        <source>has already been checked back and found rectified</source>
        <translation>已复查合格，无需再次复查</translation>
    </message>
    <message>
        <source>gives a number already in use; it must contain the serial number</source>
        <translation>生成的编号已被使用，格式中必须包含序号</translation>
    </message>
    <message>
        <source>cannot be the same grid</source>
        <translation>不能是同一个网格</translation>
    </message>
    <message>
        <source>no longer fits the codes of the areas under it; change those first</source>
        <translation>与下属区域的代码不再相符；请先修改下属区域的代码</translation>
    </message>
    <message>
        <source>may only contain digits</source>
        <translation>只能包含数字</translation>
    </message>
    <message>
        <source>must have 9 digits (town) or 12 digits (village or community)</source>
        <translation>必须是9位（镇）或12位（村、社区）数字</translation>
    </message>
    <message>
        <source>must begin with the town&apos;s 9-digit code</source>
        <translation>必须以本镇的9位代码开头</translation>
    </message>
    <message>
        <source>of a community must end in 001 to 199</source>
        <translation>（社区）的末三位必须在001至199之间</translation>
    </message>
    <message>
        <source>of a village must end in 200 to 999</source>
        <translation>（村）的末三位必须在200至999之间</translation>
    </message>
    <message>
        <source>may only contain letters, digits and hyphens (at most 32)</source>
        <translation>只能包含字母、数字和连字符（最多32个）</translation>
    </message>
    <message>
        <source>made of digits must begin with its village&apos;s or community&apos;s code</source>
        <translation>若全为数字，必须以所属村或社区的代码开头</translation>
    </message>
    <message>
        <source>is not a GeoJSON FeatureCollection</source>
        <translation>不是要素集合格式的地理数据</translation>
    </message>
    <message>
        <source>holds no features</source>
        <translation>中没有任何要素</translation>
    </message>
    <message>
        <source>declares a coordinate system other than longitude/latitude</source>
        <translation>声明的坐标系不是经纬度</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>must be a .geojson file</source>
        <translation>必须是 .geojson 文件</translation>
    </message>
    <message>
        <source>must be four numbers: west, south, east, north</source>
        <translation>须为四个数：西、南、东、北边界</translation>
    </message>
    <message>
        <source>has a west edge east of its east edge, or a south edge north of its north</source>
        <translation>的西边界在东边界以东，或南边界在北边界以北</translation>
    </message>
    <message>
        <source>is not a valid ID number</source>
        <translation>不是有效的身份证号</translation>
    </message>
    <message>
        <source>has already been struck off</source>
        <translation>已经注销</translation>
    </message>
    <message>
        <source>cannot be before the last inspection</source>
        <translation>不能早于最近检查日期</translation>
    </message>
    <message>
        <source>cannot be before the day it was found</source>
        <translation>不能早于发现日期</translation>
    </message>
    <message>
        <source>is not a stream address a video player can open</source>
        <translation>不是视频播放器能打开的视频流地址</translation>
    </message>
    <message>
        <source>may only be given when the source is video patrol</source>
        <translation>仅在来源为视频巡查时可填写</translation>
    </message>
    <message>
        <source>matches more than one grid: write the village too (village/grid)</source>
        <translation>对应多个网格，请同时写明村（社区）名（村/网格）</translation>
    </message>
    <message>
        <source>Row {number}</source>
        <translation>第{number}行</translation>
    </message>
    <message>
        <source>{field}: the value is not accepted ({rule}).</source>
        <translation>{field}：输入值不被接受（{rule}）。</translation>
    </message>
    <message>
        <source>{field} {rule}.</source>
        <translation>{field}{rule}。</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>Ticket {code} was changed by {who} at {when} after you opened it; the latest version has been loaded.</source>
        <translation>工单 {code} 在您打开后已被 {who} 于 {when} 修改，已载入最新内容。</translation>
    </message>
    <message>
        <source>Ticket {code} was changed by {who} after you opened it; the latest version has been loaded.</source>
        <translation>工单 {code} 在您打开后已被 {who} 修改，已载入最新内容。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not do this: {action}.</source>
        <translation>您的角色（{role}）无权执行此操作：{action}。</translation>
    </message>
    <message>
        <source>The ticket is suspended; resume handling before: {action}.</source>
        <translation>工单已挂起，须先恢复办理才能：{action}。</translation>
    </message>
    <message>
        <source>The ticket is not suspended: nothing to resume.</source>
        <translation>工单未挂起，无需恢复办理。</translation>
    </message>
    <message>
        <source>A ticket that is {status} cannot be handled this way: {action}.</source>
        <translation>状态为“{status}”的工单不能执行此操作：{action}。</translation>
    </message>
    <message>
        <source>Not found: {what} {key}. It may have been deleted.</source>
        <translation>找不到{what} {key}，可能已被删除。</translation>
    </message>
    <message>
        <source>The request was refused: {message}</source>
        <translation>操作被拒绝：{message}</translation>
    </message>
    <message>
        <source>An unexpected error occurred.</source>
        <translation>发生了意外错误。</translation>
    </message>
    <message>
        <source>Edit the working-day calendar</source>
        <translation>编辑工作日历</translation>
    </message>
    <message>
        <source>See a reporter&apos;s name and phone</source>
        <translation>查看反映人姓名和电话</translation>
    </message>
    <message>
        <source>Read the audit log</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>Archive old audit rows</source>
        <translation>归档旧审计记录</translation>
    </message>
    <message>
        <source>Manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>Change the password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Administer the town (areas, teams, departments, time limits, settings)</source>
        <translation>管理本镇（区域、网格团队、部门、时限、设置）</translation>
    </message>
    <message>
        <source>Change import profiles and category mappings</source>
        <translation>修改导入方案和分类对照</translation>
    </message>
    <message>
        <source>Create the first administrator</source>
        <translation>创建首个管理员</translation>
    </message>
    <message>
        <source>Change or import the video channels</source>
        <translation>修改或导入视频通道</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>grid member</source>
        <translation>网格成员</translation>
    </message>
    <message>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>import profile</source>
        <translation>导入方案</translation>
    </message>
    <message>
        <source>video channel</source>
        <translation>视频通道</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Language of the window:</source>
        <translation>窗口界面语言：</translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <source>Villages, grids, teams and departments</source>
        <translation>村社区、网格、网格队伍和部门</translation>
    </message>
    <message>
        <source>GridCenter needs the town&apos;s villages and communities, their grids, each grid&apos;s team, and the departments the centre dispatches to.</source>
        <translation>GridCenter 需要本镇的村和社区、各自的网格、每个网格的队伍，以及指挥中心派单的部门。</translation>
    </message>
    <message>
        <source>&amp;Import my lists from an Excel workbook</source>
        <translation>从 Excel 工作簿导入本镇名单(&amp;I)</translation>
    </message>
    <message>
        <source>Fill in GridCenter&apos;s template (one sheet per list) in Excel or WPS; you see every row before anything is written.</source>
        <translation>在 Excel 或 WPS 中填写 GridCenter 的模板（每种名单一张表）；写入之前会先显示每一行的预览。</translation>
    </message>
    <message>
        <source>&amp;Enter them by hand</source>
        <translation>手工录入(&amp;E)</translation>
    </message>
    <message>
        <source>The desk opens with only the town; add villages, grids, members and departments under Administration. You can still import a workbook later (File → Import base data).</source>
        <translation>工作台打开时只有本镇；请在“系统管理”中添加村社区、网格、成员和部门。以后仍可导入工作簿（文件 → 导入基础数据）。</translation>
    </message>
</context>
<context>
    <name>LocateAction</name>
    <message>
        <source>A department is handling this ticket (or it is closed): saving corrects its place only; it stays in {grid}.</source>
        <translation>该工单已由部门办理（或已办结）：保存只更正位置坐标，工单仍属于{grid}。</translation>
    </message>
    <message>
        <source>Set the place on the map</source>
        <translation>地图定位</translation>
    </message>
    <message>
        <source>Set the place of {code}</source>
        <translation>地图定位：{code}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GridCenter — grid governance command centre</source>
        <translation>网格指挥中心 — 集成指挥调度台</translation>
    </message>
    <message>
        <source>{title} [DEMO DATA]</source>
        <translation>{title}【演示数据】</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>演示数据 · DEMO DATA: made-up tickets and people for trying GridCenter out; never enter real work here.</source>
        <translation>演示数据：工单和人员均为虚构，仅供试用，请勿在此录入实际工作</translation>
    </message>
    <message>
        <source>Ticket {code} registered.</source>
        <translation>工单 {code} 已登记。</translation>
    </message>
    <message>
        <source>Template saved as {path}.</source>
        <translation>模板已保存为 {path}。</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Choose database</source>
        <translation>选择数据库</translation>
    </message>
    <message>
        <source>GridCenter will ask which database to open the next time it starts. Quit now to choose?</source>
        <translation>网格指挥中心下次启动时会询问要打开哪个数据库。现在退出并重新选择吗？</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>The log folder is {path}</source>
        <translation>日志文件夹：{path}</translation>
    </message>
</context>
<context>
    <name>MapDock</name>
    <message>
        <source>Whole town</source>
        <translation>全镇</translation>
    </message>
    <message>
        <source>Show the whole town (Home)</source>
        <translation>显示全镇（Home）</translation>
    </message>
    <message>
        <source>Select a rectangle</source>
        <translation>框选</translation>
    </message>
    <message>
        <source>Drag a rectangle to list its tickets in the queue (or Shift+drag)</source>
        <translation>拖出一个矩形，在工单队列中列出其中的工单（或按住 Shift 拖动）</translation>
    </message>
    <message>
        <source>Video channels</source>
        <translation>视频通道</translation>
    </message>
    <message>
        <source>Place the selected ticket</source>
        <translation>定位所选工单</translation>
    </message>
    <message>
        <source>The next click on the map sets the selected ticket&apos;s place (Esc cancels)</source>
        <translation>下一次点击地图即设定所选工单的位置（Esc 取消）</translation>
    </message>
    <message>
        <source>Colour grids by</source>
        <translation>网格着色依据</translation>
    </message>
    <message>
        <source>open tickets</source>
        <translation>在办工单数</translation>
    </message>
    <message>
        <source>overdue tickets</source>
        <translation>超期工单数</translation>
    </message>
    <message>
        <source>Click the map where the ticket is (Esc cancels).</source>
        <translation>请在地图上点击工单所在位置（Esc 取消）。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Overdue per grid:</source>
        <translation>各网格超期数：</translation>
    </message>
    <message>
        <source>Open per grid:</source>
        <translation>各网格在办数：</translation>
    </message>
    <message>
        <source>{n} tickets on the map</source>
        <translation>地图上 {n} 件工单</translation>
    </message>
    <message>
        <source>; {n} without a place</source>
        <translation>；另有 {n} 件未定位</translation>
    </message>
    <message>
        <source>; no grid boundaries yet</source>
        <translation>；尚未导入网格边界</translation>
    </message>
</context>
<context>
    <name>MapImage</name>
    <message>
        <source>Export the map as a picture</source>
        <translation>导出地图图片</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Drawing the map…</source>
        <translation>正在绘制地图…</translation>
    </message>
    <message>
        <source>Map picture saved as {path}.</source>
        <translation>地图图片已保存为 {path}。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>&amp;Save this mapping as a profile named</source>
        <translation>保存为对照方案(&amp;S)，名称：</translation>
    </message>
    <message>
        <source>e.g. 区平台工单导出</source>
        <translation>例如：区平台工单导出</translation>
    </message>
    <message>
        <source>A saved profile reads this platform&apos;s sheets without asking next time.</source>
        <translation>保存后，下次导入这个平台的表格时不再询问。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>对应字段</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <source>Not recognised: choose what this column holds</source>
        <translation>未识别：请选择这一列的内容</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>{name}: say what each column holds. {n} header(s) were not recognised (in bold); columns set to Ignore are not imported.</source>
        <translation>{name}：请指定每一列的内容。有 {n} 个表头未能识别（粗体）；设为“忽略”的列不导入。</translation>
    </message>
    <message>
        <source>Each field can be chosen for one column only: {fields}.</source>
        <translation>每个字段只能对应一列：{fields}。</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Add a member to {grid}</source>
        <translation>为{grid}添加成员</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>职务(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Serves from:</source>
        <translation>任职起始日(&amp;S)：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>{name} is already on record: the same person will also serve here.</source>
        <translation>{name}已在册：将由同一人兼任本网格。</translation>
    </message>
</context>
<context>
    <name>MergeGridsDialog</name>
    <message>
        <source>Merge {name} into another grid</source>
        <translation>将{name}并入其他网格</translation>
    </message>
    <message>
        <source>The open tickets and the current team of {name} move to the grid chosen here; {name} is then retired. Its closed tickets and past members stay with it, so the statistics of past periods do not change.</source>
        <translation>{name}未办结的工单和现任网格队伍转入这里选择的网格，随后{name}被撤销。已办结的工单和以往成员仍归属{name}，以往各期的统计不变。</translation>
    </message>
    <message>
        <source>&amp;Merge into:</source>
        <translation>并入(&amp;M)：</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>MoveAreaDialog</name>
    <message>
        <source>Move {name}</source>
        <translation>移动{name}</translation>
    </message>
    <message>
        <source>{name} and everything under it move; its tickets and team stay with it.</source>
        <translation>{name}及其全部下级一起移动；其工单和网格队伍随之不变。</translation>
    </message>
    <message>
        <source>&amp;New place:</source>
        <translation>移到(&amp;N)：</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>There is no other place this area can go.</source>
        <translation>该区域没有其他可移入的位置。</translation>
    </message>
</context>
<context>
    <name>MoveMemberDialog</name>
    <message>
        <source>Move {name}</source>
        <translation>调动{name}</translation>
    </message>
    <message>
        <source>{name} serves the new grid from this day; the service here ends the day before, and stays on record.</source>
        <translation>{name}自该日起在新网格任职；在本网格的任职于前一天结束，并保留记录。</translation>
    </message>
    <message>
        <source>&amp;To grid:</source>
        <translation>调往网格(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Role there:</source>
        <translation>新职务(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>起始日(&amp;F)：</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>调动</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Department: {name}</source>
        <translation>部门：{name}</translation>
    </message>
    <message>
        <source>Grid: {name}</source>
        <translation>网格：{name}</translation>
    </message>
    <message>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Department or grid:</source>
        <translation>所属部门或网格：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Enter a login name.</source>
        <translation>请输入登录名。</translation>
    </message>
</context>
<context>
    <name>NoticeRegisterDialog</name>
    <message>
        <source>Rectification notice register</source>
        <translation>整改通知书台账</translation>
    </message>
    <message>
        <source>All notices</source>
        <translation>全部通知书</translation>
    </message>
    <message>
        <source>Due for check-back</source>
        <translation>到期待复查</translation>
    </message>
    <message>
        <source>Checked back</source>
        <translation>已复查</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Check back…</source>
        <translation>复查(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Notice document…</source>
        <translation>通知书文书(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Print notice…</source>
        <translation>打印通知书(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} notices</source>
        <translation>共 {n} 份</translation>
    </message>
    <message>
        <source>Export the notice register</source>
        <translation>导出整改通知书台账</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the notice document</source>
        <translation>保存整改通知书文书</translation>
    </message>
    <message>
        <source>Notice {number} saved as {path}</source>
        <translation>通知书 {number} 已保存为 {path}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} notices to {path}</source>
        <translation>已导出 {n} 份通知书到 {path}</translation>
    </message>
</context>
<context>
    <name>NoticeRegisterModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>(not from an inspection)</source>
        <translation>（不关联联合检查）</translation>
    </message>
    <message>
        <source>{number} (deadline {deadline}, {status})</source>
        <translation>{number}（期限 {deadline}，{status}）</translation>
    </message>
    <message>
        <source>Ticket {code} has no notice waiting for a check-back.</source>
        <translation>工单 {code} 没有待复查的整改通知书。</translation>
    </message>
    <message>
        <source>Joint meeting</source>
        <translation>联席会议</translation>
    </message>
    <message>
        <source>Joint inspection</source>
        <translation>联合检查</translation>
    </message>
    <message>
        <source>Being rectified</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>复查合格</translation>
    </message>
    <message>
        <source>Not rectified</source>
        <translation>复查未整改</translation>
    </message>
    <message>
        <source>Check-back due ({n} days over)</source>
        <translation>到期待复查（逾期 {n} 天）</translation>
    </message>
</context>
<context>
    <name>PaperPreviewDialog</name>
    <message>
        <source>Print preview: {name}</source>
        <translation>打印预览：{name}</translation>
    </message>
    <message>
        <source>Print ({key})</source>
        <translation>打印（{key}）</translation>
    </message>
</context>
<context>
    <name>Passwords</name>
    <message>
        <source>At least {n} characters; not the login name; not a common password.</source>
        <translation>至少 {n} 个字符；不能与登录名相同；不能是常见密码。</translation>
    </message>
    <message>
        <source>The password must have at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>The password must not be the login name.</source>
        <translation>密码不能与登录名相同。</translation>
    </message>
    <message>
        <source>This password is too common; choose another.</source>
        <translation>该密码过于常见，请换一个。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
</context>
<context>
    <name>PendingFiles</name>
    <message>
        <source>Add files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Site photos and documents sent with the result</source>
        <translation>随办理结果上传的现场照片和文档</translation>
    </message>
    <message>
        <source>Add photos and documents</source>
        <translation>添加照片和文档</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文档</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <source>Default period</source>
        <translation>默认期间</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit {name}</source>
        <translation>编辑{name}</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>The change shows in every grid this person serves.</source>
        <translation>修改会显示在此人任职的所有网格中。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>PlacePickDialog</name>
    <message>
        <source>Set the place on the map</source>
        <translation>地图定位</translation>
    </message>
    <message>
        <source>Click the map where the matter is, or type the coordinates. Arrows pan, +/- zoom, Home shows the whole town.</source>
        <translation>在地图上点击事发位置，或输入坐标。方向键平移，+/- 缩放，Home 显示全镇。</translation>
    </message>
    <message>
        <source>WGS-84 (GPS)</source>
        <translation>WGS-84（GPS 坐标）</translation>
    </message>
    <message>
        <source>GCJ-02 (Chinese map services)</source>
        <translation>GCJ-02（国内地图坐标）</translation>
    </message>
    <message>
        <source>Longitude, latitude</source>
        <translation>经度、纬度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Not placed yet</source>
        <translation>尚未定位</translation>
    </message>
    <message>
        <source>Looking up the grid…</source>
        <translation>正在查找所在网格…</translation>
    </message>
    <message>
        <source>Outside every grid&apos;s boundary: only the point is kept</source>
        <translation>不在任何网格边界内：只记录坐标</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>平台编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>与平台的差异</translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation>疑似重复于</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Import all valid rows, and save the rows with problems to an Excel file</source>
        <translation>导入全部有效行，并把有问题的行另存为Excel</translation>
    </message>
    <message>
        <source>Import nothing</source>
        <translation>全部不导入</translation>
    </message>
    <message>
        <source>Import all valid rows</source>
        <translation>导入全部有效行</translation>
    </message>
    <message>
        <source>{name} holds no new ticket to import.</source>
        <translation>{name} 中没有需要导入的新工单。</translation>
    </message>
    <message>
        <source>{name}: {adds} new ticket(s) to add ({to_place} to be placed, {unmapped} with a category not yet mapped), {present} already imported, {rejected} row(s) with problems.</source>
        <translation>{name}：新增 {adds} 张工单（其中待定位 {to_place} 张，分类未对照 {unmapped} 张），已存在 {present} 行，有问题 {rejected} 行。</translation>
    </message>
    <message>
        <source>New ({n})</source>
        <translation>新增 ({n})</translation>
    </message>
    <message>
        <source>Already imported ({n})</source>
        <translation>已存在 ({n})</translation>
    </message>
    <message>
        <source>Suspected duplicates ({n})</source>
        <translation>疑似重复 ({n})</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>问题 ({n})</translation>
    </message>
</context>
<context>
    <name>PrintCommands</name>
    <message>
        <source>Print the ledger</source>
        <translation>打印台账</translation>
    </message>
    <message>
        <source>The current view holds {total} tickets: about {pages} pages. At most {limit} tickets (about {first} pages) are printed at once.

Print the first {limit}? To print the rest, narrow the filter; File → Export writes the whole view to Excel.</source>
        <translation>当前视图共有 {total} 件工单，约 {pages} 页。一次最多打印 {limit} 件（约 {first} 页）。

是否打印前 {limit} 件？如需打印其余工单，请缩小筛选范围；“文件 → 导出”可将整个视图导出为 Excel。</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>{action} ({n} tickets)</source>
        <translation>{action}（{n} 张工单）</translation>
    </message>
    <message>
        <source>No action available</source>
        <translation>没有可执行的操作</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部未办结</translation>
    </message>
    <message>
        <source>Pending dispatch</source>
        <translation>待派发</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>New today</source>
        <translation>今日新增</translation>
    </message>
    <message>
        <source>Handled by me</source>
        <translation>我经手的</translation>
    </message>
    <message>
        <source>To be placed</source>
        <translation>待定位</translation>
    </message>
    <message>
        <source>Not accepted in time</source>
        <translation>超时未签收</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Extension to approve</source>
        <translation>待审批延期</translation>
    </message>
    <message>
        <source>To call back</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>In the map rectangle ✕</source>
        <translation>地图框选范围 ✕</translation>
    </message>
    <message>
        <source>Only tickets inside the rectangle drawn on the map; click to remove</source>
        <translation>只显示地图上框选范围内的工单；点击取消</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将超期</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Area filter on (from the grid tree)</source>
        <translation>已按区域筛选（来自网格树）</translation>
    </message>
    <message>
        <source>Only tickets in {area}</source>
        <translation>仅显示 {area} 的工单</translation>
    </message>
    <message>
        <source>Department filter on</source>
        <translation>已按部门筛选</translation>
    </message>
    <message>
        <source>Tickets I handled</source>
        <translation>我经手的工单</translation>
    </message>
    <message>
        <source>Tickets still to be placed</source>
        <translation>仅显示待定位的工单</translation>
    </message>
    <message>
        <source>Tickets a department has not accepted in time</source>
        <translation>有部门超时未签收的工单</translation>
    </message>
    <message>
        <source>Suspended tickets</source>
        <translation>已挂起的工单</translation>
    </message>
    <message>
        <source>Tickets with a request for more time to decide</source>
        <translation>有待审批延期申请的工单</translation>
    </message>
    <message>
        <source>Reporters still to be called back</source>
        <translation>仅显示待回访的来电人</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} 张工单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>不限时限</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Search code, title, description, address…</source>
        <translation>搜索编号、标题、描述、地址…</translation>
    </message>
    <message>
        <source>Search code, title, description, address, reporter&apos;s name or phone…</source>
        <translation>搜索编号、标题、描述、地址、反映人姓名或电话…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>主办部门</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Not sortable: titles are free text; use the search box to find one.</source>
        <translation>不可排序：标题是自由文本，请用搜索框查找。</translation>
    </message>
    <message>
        <source>Not sortable: pick a village or grid in the grid tree to see its tickets.</source>
        <translation>不可排序：请在网格树中选择村（社区）或网格查看其工单。</translation>
    </message>
    <message>
        <source>Not sortable: a ticket may have several departments; filter by a department from the charts instead.</source>
        <translation>不可排序：一张工单可能有多个部门；请从图表按部门筛选。</translation>
    </message>
    <message>
        <source>Click to group the tickets by this column, in registration order within a group; click again to reverse.</source>
        <translation>点击按此列分组排列（组内按登记时间）；再次点击倒序。</translation>
    </message>
    <message>
        <source>Click to sort; click again to reverse.</source>
        <translation>点击排序；再次点击倒序。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>No longer in the current filter</source>
        <translation>已不在当前筛选中</translation>
    </message>
    <message>
        <source>This ticket no longer matches the filter; it stays here until you move on.</source>
        <translation>此工单已不符合当前筛选条件；在您选择其他工单之前，它保留在这里。</translation>
    </message>
    <message>
        <source>{status} (suspended)</source>
        <translation>{status}（挂起）</translation>
    </message>
    <message>
        <source>To be placed</source>
        <translation>待定位</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register a ticket</source>
        <translation>登记工单</translation>
    </message>
    <message>
        <source>(choose a category)</source>
        <translation>（请选择类别）</translation>
    </message>
    <message>
        <source>mobile or landline, e.g. 0512-66881234</source>
        <translation>手机或固话，如 0512-66881234</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Not placed on the map</source>
        <translation>未在地图上定位</translation>
    </message>
    <message>
        <source>Pick on the &amp;map…</source>
        <translation>地图选点(&amp;M)…</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Village / grid</source>
        <translation>村/网格</translation>
    </message>
    <message>
        <source>Reporting grid worker</source>
        <translation>上报网格员</translation>
    </message>
    <message>
        <source>People (petitions)</source>
        <translation>人数（信访）</translation>
    </message>
    <message>
        <source>Video channel</source>
        <translation>视频通道</translation>
    </message>
    <message>
        <source>Possible duplicates (same grid and category, last 7 days)</source>
        <translation>可能重复的工单（同网格同类别，近 7 天）</translation>
    </message>
    <message>
        <source>Register and merge into the selected ticket</source>
        <translation>登记并合并到所选工单</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>(village / community)</source>
        <translation>（村/社区）</translation>
    </message>
    <message>
        <source>(grid)</source>
        <translation>（网格）</translation>
    </message>
    <message>
        <source>(not a grid worker)</source>
        <translation>（非网格员上报）</translation>
    </message>
    <message>
        <source>{point}: in {grid} (the ticket goes there)</source>
        <translation>{point}：位于{grid}（工单将归入该网格）</translation>
    </message>
    <message>
        <source>{point}: outside every grid&apos;s boundary</source>
        <translation>{point}：不在任何网格边界内</translation>
    </message>
    <message>
        <source>the address names the grid</source>
        <translation>地址中写明了网格</translation>
    </message>
    <message>
        <source>earlier tickets at this village group</source>
        <translation>该村民小组以往的工单</translation>
    </message>
    <message>
        <source>earlier tickets at this address</source>
        <translation>该地址以往的工单</translation>
    </message>
    <message>
        <source>the village has one grid</source>
        <translation>该村只有一个网格</translation>
    </message>
    <message>
        <source>choose the grid</source>
        <translation>请选择网格</translation>
    </message>
    <message>
        <source>From the address: {place} ({reason})</source>
        <translation>根据地址：{place}（{reason}）</translation>
    </message>
    <message>
        <source>Category suggested from {n} earlier tickets with these words ({share:.0%} agree); change it if it does not fit.</source>
        <translation>类别依据 {n} 张含相同词语的既往工单推荐（{share:.0%} 一致）；如不合适请更改。</translation>
    </message>
    <message>
        <source>similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>At most {n} characters</source>
        <translation>至多 {n} 字</translation>
    </message>
    <message>
        <source>What happened, where (at most {n} characters)</source>
        <translation>何处发生何事（至多 {n} 字）</translation>
    </message>
    <message>
        <source>e.g. 迂里村3组42号 (at most {n} characters)</source>
        <translation>如 迂里村3组42号（至多 {n} 字）</translation>
    </message>
    <message>
        <source>Mobile 13912345678, +86 139 1234 5678 or landline 0512-66881234</source>
        <translation>手机 13912345678、+86 139 1234 5678，或座机 0512-66881234</translation>
    </message>
    <message>
        <source>No grid and no address</source>
        <translation>未填网格和地址</translation>
    </message>
    <message>
        <source>This ticket has neither a grid nor an address, so it cannot be sent to a grid and nobody can find the place. Register it anyway?</source>
        <translation>该工单既没有网格也没有地址，无法派往网格，也无人能找到现场。仍要登记吗？</translation>
    </message>
    <message>
        <source>Ticket registered</source>
        <translation>工单已登记</translation>
    </message>
    <message>
        <source>Ticket {code} was registered and merged into {kept}.
{title}</source>
        <translation>工单 {code} 已登记，并已并入工单 {kept}。
{title}</translation>
    </message>
    <message>
        <source>Ticket {code} was registered.
{title}</source>
        <translation>工单 {code} 已登记。
{title}</translation>
    </message>
    <message>
        <source>Tell the caller this code. The ticket is selected in the queue.</source>
        <translation>请将此编号告知反映人。该工单已在工单列表中选中。</translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <source>Name, address or place</source>
        <translation>姓名、地址或地点</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>Strike &amp;off…</source>
        <translation>注销(&amp;O)…</translation>
    </message>
    <message>
        <source>Show &amp;contact…</source>
        <translation>显示联系方式(&amp;C)…</translation>
    </message>
    <message>
        <source>Raise &amp;ticket…</source>
        <translation>上报工单(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Te&amp;mplate…</source>
        <translation>模板(&amp;M)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>{shown} of {n} rows (narrow the search)</source>
        <translation>显示 {shown} 条，共 {n} 条（请缩小查找范围）</translation>
    </message>
    <message>
        <source>Tickets raised from this row: {codes}</source>
        <translation>由此条上报的工单：{codes}</translation>
    </message>
    <message>
        <source>No ticket raised from this row yet.</source>
        <translation>此条尚未上报工单。</translation>
    </message>
    <message>
        <source>Add to the register</source>
        <translation>新增台账</translation>
    </message>
    <message>
        <source>Edit the register row</source>
        <translation>修改台账</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Strike off</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Why is this row struck off?</source>
        <translation>注销原因：</translation>
    </message>
    <message>
        <source>Struck off.</source>
        <translation>已注销。</translation>
    </message>
    <message>
        <source>Show contact</source>
        <translation>显示联系方式</translation>
    </message>
    <message>
        <source>Why do you need the contact (recorded)?</source>
        <translation>查看原因（将记入审计日志）：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact person&apos;s phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Raise a ticket from this row</source>
        <translation>由此条上报工单</translation>
    </message>
    <message>
        <source>Ticket {code} registered.</source>
        <translation>已受理工单 {code}。</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved as {path}.</source>
        <translation>模板已保存为 {path}。</translation>
    </message>
    <message>
        <source>Import a filled-in template</source>
        <translation>导入已填写的模板</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported {n} rows.</source>
        <translation>已导入 {n} 条。</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 处</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>未导入任何数据：</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} rows to {path}</source>
        <translation>已导出 {n} 条到 {path}</translation>
    </message>
</context>
<context>
    <name>Registers</name>
    <message>
        <source>{field}: write a date as 2026-03-02.</source>
        <translation>{field}：请按 2026-03-02 的格式填写日期。</translation>
    </message>
    <message>
        <source>Special groups</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群体类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>Care given</source>
        <translation>帮扶情况</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部群体</translation>
    </message>
    <message>
        <source>On the register</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Struck off</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Contact person&apos;s phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Rental housing</source>
        <translation>出租房屋</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>房东</translation>
    </message>
    <message>
        <source>Landlord&apos;s phone</source>
        <translation>房东电话</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>承租人数</translation>
    </message>
    <message>
        <source>Group rental</source>
        <translation>群租房</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Last inspection</source>
        <translation>最近检查</translation>
    </message>
    <message>
        <source>Next inspection</source>
        <translation>下次检查</translation>
    </message>
    <message>
        <source>Hazards</source>
        <translation>存在隐患</translation>
    </message>
    <message>
        <source>All rentals</source>
        <translation>全部出租房屋</translation>
    </message>
    <message>
        <source>Group rentals only</source>
        <translation>仅群租房</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间数</translation>
    </message>
    <message>
        <source>Hidden dangers</source>
        <translation>安全隐患</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>隐患地点</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现人</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（超期）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Not yet rectified</source>
        <translation>未整改</translation>
    </message>
    <message>
        <source>Rectification overdue</source>
        <translation>整改超期</translation>
    </message>
    <message>
        <source>Rectified or struck off</source>
        <translation>已整改或已销号</translation>
    </message>
    <message>
        <source>Found by (grid worker)</source>
        <translation>发现人（网格员）</translation>
    </message>
    <message>
        <source>Found by (other)</source>
        <translation>发现人（其他）</translation>
    </message>
    <message>
        <source>Rectified on</source>
        <translation>整改完成日期</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改说明</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>no such grid</source>
        <translation>没有这个网格</translation>
    </message>
    <message>
        <source>several grids have this name</source>
        <translation>有多个网格同名</translation>
    </message>
    <message>
        <source>no such grid worker</source>
        <translation>没有这个网格员</translation>
    </message>
    <message>
        <source>several people have this name</source>
        <translation>有多人同名</translation>
    </message>
    <message>
        <source>not one of the list&apos;s words</source>
        <translation>不是下拉列表中的选项</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>不是日期</translation>
    </message>
    <message>
        <source>not a phone number</source>
        <translation>不是电话号码</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>must be 是 or 否</source>
        <translation>应填“是”或“否”</translation>
    </message>
    <message>
        <source>this group is kept by supervisors only</source>
        <translation>此类人员仅由值班长登记</translation>
    </message>
    <message>
        <source>columns missing</source>
        <translation>缺少这些列</translation>
    </message>
    <message>
        <source>the sheet has no rows</source>
        <translation>表格中没有数据</translation>
    </message>
    <message>
        <source>not a coordinate</source>
        <translation>不是坐标</translation>
    </message>
    <message>
        <source>too many rows</source>
        <translation>行数过多</translation>
    </message>
    <message>
        <source>Sheet: {column} {what}</source>
        <translation>表格：{column} {what}</translation>
    </message>
    <message>
        <source>Row {row}, column {column}: {what}</source>
        <translation>第 {row} 行“{column}”列：{what}</translation>
    </message>
</context>
<context>
    <name>RegistersWindow</name>
    <message>
        <source>Registers</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for {name} ({login}). They must choose their own password the next time they sign in; give it to them in person.</source>
        <translation>为 {name}（{login}）设置新密码。该用户下次登录时必须设置自己的密码；请当面告知新密码。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>The town&apos;s default period</source>
        <translation>镇默认统计时段</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>The period the charts and the export dialog open on. A period counted from today can be empty on a database whose tickets end earlier.</source>
        <translation>统计图表和导出对话框打开时的时段。按今天推算的时段，在工单截止于更早日期的数据库上可能没有数据。</translation>
    </message>
    <message>
        <source>The last export&apos;s folder, else Documents</source>
        <translation>上次导出的文件夹，没有则为“文档”</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Queue &amp;font size:</source>
        <translation>工单列表字号(&amp;F)：</translation>
    </message>
    <message>
        <source>Report &amp;period:</source>
        <translation>默认统计时段(&amp;P)：</translation>
    </message>
    <message>
        <source>E&amp;xport folder:</source>
        <translation>导出文件夹(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Kept on this computer, in this system account&apos;s settings file: the same for whoever signs in to GridCenter here.</source>
        <translation>保存在本机当前系统账户的设置文件中，在此登录 GridCenter 的各用户共用。</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Dispatch form, action dialogs</source>
        <translation>派单表、办理对话框</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Next field (also out of a multi-line field)</source>
        <translation>下一项（多行输入框中也可跳出）</translation>
    </message>
    <message>
        <source>Previous field</source>
        <translation>上一项</translation>
    </message>
    <message>
        <source>Type a tab in a multi-line field</source>
        <translation>在多行输入框中输入制表符</translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation>工单列表</translation>
    </message>
    <message>
        <source>Actions of the selected tickets</source>
        <translation>所选工单的操作菜单</translation>
    </message>
    <message>
        <source>From the table back to the filters and the views (Space opens a view)</source>
        <translation>从列表退回筛选栏和视图按钮（空格打开所选视图）</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Locked; try again after {time}.</source>
        <translation>已锁定，请于 {time} 后再试</translation>
    </message>
    <message>
        <source>Locked after too many wrong passwords; try again later.</source>
        <translation>密码错误次数过多，账户已锁定，请稍后再试。</translation>
    </message>
    <message>
        <source>The login name or the password is wrong.</source>
        <translation>登录名或密码不正确。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to GridCenter</source>
        <translation>登录网格指挥中心</translation>
    </message>
    <message>
        <source>Remember password</source>
        <translation>记住密码</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s keyring, never in a settings file.</source>
        <translation>保存在本机的系统密钥环中，绝不写入设置文件。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Not available: this computer&apos;s keyring would keep passwords in a plain file, so GridCenter does not remember passwords here.</source>
        <translation>不可用：本机的密钥环会把密码存为普通文件，因此不在此记住密码。</translation>
    </message>
    <message>
        <source>Not available: this computer has no keyring (password safe) GridCenter can use, and it never keeps passwords in a file.</source>
        <translation>不可用：本机没有可用的系统密钥环（密码保险箱），而本软件绝不把密码存入文件。</translation>
    </message>
    <message>
        <source>Enter your login name.</source>
        <translation>请输入登录名。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Writing tickets: {done} of {total}…</source>
        <translation>正在生成工单：{done} / {total}…</translation>
    </message>
    <message>
        <source>Preparing the database…</source>
        <translation>正在准备数据库…</translation>
    </message>
    <message>
        <source>Writing villages, grids, departments and people…</source>
        <translation>正在写入村（社区）、网格、部门与人员…</translation>
    </message>
    <message>
        <source>All tickets written; building the indexes…</source>
        <translation>工单已全部写入，正在建立索引…</translation>
    </message>
    <message>
        <source>Building the search index (almost done)…</source>
        <translation>正在建立检索索引（即将完成）…</translation>
    </message>
    <message>
        <source>Building the demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>The demo data could not be built: {e}</source>
        <translation>演示数据生成失败：{e}</translation>
    </message>
    <message>
        <source>this program cannot build it</source>
        <translation>本程序无法生成演示数据</translation>
    </message>
    <message>
        <source>This database was set up by a newer version of GridCenter. Update GridCenter to open it.</source>
        <translation>该数据库由更新版本的网格指挥中心创建，请升级本软件后再打开。</translation>
    </message>
    <message>
        <source>The server&apos;s database has an older layout. Ask the administrator to run `gridcenter migrate --db {url}` once, then start again.</source>
        <translation>服务器上的数据库结构较旧。请管理员运行一次 `gridcenter migrate --db {url}`，然后重新启动。</translation>
    </message>
    <message>
        <source>The database {db} has no GridCenter tables yet.</source>
        <translation>数据库 {db} 中还没有本系统的数据表。</translation>
    </message>
    <message>
        <source>The demo data: for trying GridCenter out, never for real work.</source>
        <translation>演示数据：仅供试用，切勿用于实际工作。</translation>
    </message>
    <message>
        <source>Empty database</source>
        <translation>空数据库</translation>
    </message>
    <message>
        <source>The database {db} has no GridCenter tables yet. Set it up as a new GridCenter database?</source>
        <translation>数据库 {db} 中还没有网格指挥中心的数据表。要把它初始化为新的网格指挥中心数据库吗？</translation>
    </message>
    <message>
        <source>No grids yet: add villages, grids and departments under Administration, or import them (File → Import base data).</source>
        <translation>还没有网格：请在“系统管理”中添加村社区、网格和部门，或导入名单（文件 → 导入基础数据）。</translation>
    </message>
    <message>
        <source>No tickets yet: press Ctrl+N to register the first one.</source>
        <translation>还没有工单：按 Ctrl+N 登记第一张工单。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Tickets a department has not accepted by its accept-by time</source>
        <translation>有部门未在签收时限内签收的工单</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>数据库：{db}</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Pending dispatch: …</source>
        <translation>待派发：…</translation>
    </message>
    <message>
        <source>Overdue: …</source>
        <translation>超期：…</translation>
    </message>
    <message>
        <source>Notices to check back: {n}</source>
        <translation>整改待复查 {n}</translation>
    </message>
    <message>
        <source>Pending dispatch: {n}</source>
        <translation>待派发：{n}</translation>
    </message>
    <message>
        <source>Overdue: {n}</source>
        <translation>超期：{n}</translation>
    </message>
    <message>
        <source>Not accepted in time: {n}</source>
        <translation>超时未签收：{n}</translation>
    </message>
    <message>
        <source>Pending dispatch: ?</source>
        <translation>待派发：?</translation>
    </message>
    <message>
        <source>Overdue: ?</source>
        <translation>超期：?</translation>
    </message>
    <message>
        <source>The connection to the server was lost; retrying</source>
        <translation>与服务器的连接已断开，正在重试</translation>
    </message>
    <message>
        <source>Connected to the server again; everything reloaded</source>
        <translation>已重新连接到服务器，数据已全部刷新</translation>
    </message>
    <message>
        <source>Other desks&apos; changes are not arriving; reconnecting</source>
        <translation>其他工作站的变更暂未送达，正在重连</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职起始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>任职截止</translation>
    </message>
    <message>
        <source>Show &amp;past members</source>
        <translation>显示以往成员(&amp;P)</translation>
    </message>
    <message>
        <source>A&amp;dd member…</source>
        <translation>添加成员(&amp;D)…</translation>
    </message>
    <message>
        <source>Edit pers&amp;on…</source>
        <translation>编辑人员(&amp;O)…</translation>
    </message>
    <message>
        <source>E&amp;nd service…</source>
        <translation>离任(&amp;N)…</translation>
    </message>
    <message>
        <source>Mo&amp;ve to another grid…</source>
        <translation>调往其他网格(&amp;V)…</translation>
    </message>
    <message>
        <source>Select a grid to see and change its 1+1+N team.</source>
        <translation>选择一个网格，查看和调整其“1+1+N”网格队伍。</translation>
    </message>
    <message>
        <source>1+1+N team of {grid}: one grid leader, one grid worker, and the others</source>
        <translation>{grid}的“1+1+N”网格队伍：1名网格长、1名专职网格员及其他成员</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>End service</source>
        <translation>离任</translation>
    </message>
    <message>
        <source>Last day {name} serves as {role}:</source>
        <translation>{name}担任{role}的最后一天：</translation>
    </message>
</context>
<context>
    <name>TicketChangeStrip</name>
    <message>
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>{action} by {who} at {time}</source>
        <translation>已被 {who} 于 {time} {action}</translation>
    </message>
    <message>
        <source>{code} changed while you had it open: {events}.</source>
        <translation>您打开期间 {code} 已有变动：{events}。</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已变动</translation>
    </message>
    <message>
        <source>It is now {status}.</source>
        <translation>当前状态：{status}。</translation>
    </message>
</context>
<context>
    <name>TicketImport</name>
    <message>
        <source>To be placed</source>
        <translation>待定位</translation>
    </message>
    <message>
        <source>{field}: {ours} → {theirs}</source>
        <translation>{field}：{ours} → {theirs}</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Row {row} of this sheet</source>
        <translation>本表第 {row} 行</translation>
    </message>
    <message>
        <source>Not mapped: {external}</source>
        <translation>未对照：{external}</translation>
    </message>
</context>
<context>
    <name>TicketImportDialog</name>
    <message>
        <source>Import tickets</source>
        <translation>导入工单</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>Change column &amp;mapping…</source>
        <translation>调整列对照(&amp;M)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Read file &gt;</source>
        <translation>读取文件(&amp;R) &gt;</translation>
    </message>
    <message>
        <source>&amp;Preview &gt;</source>
        <translation>预览(&amp;P) &gt;</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>C&amp;lose without importing</source>
        <translation>不导入，关闭(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>%v of %m rows</source>
        <translation>%v / %m 行</translation>
    </message>
    <message>
        <source>Saving the profile {name}…</source>
        <translation>正在保存对照方案“{name}”…</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Importing… Cancel writes nothing: the rows are written all together.</source>
        <translation>正在导入… 所有行一起写入，此时取消不会写入任何内容。</translation>
    </message>
    <message>
        <source>Save the rows with problems as</source>
        <translation>把有问题的行另存为</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be written.</source>
        <translation>正在取消… 不会写入任何内容。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>已取消导入：没有写入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported: some of these rows were imported since the preview (by another desk?). This is the preview read again; look at it, then import.</source>
        <translation>没有导入：预览之后其中一些行已被导入（可能是另一台工作站）。下面是重新读取的预览，请查看后再导入。</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>没有导入：{reason}</translation>
    </message>
    <message>
        <source>{path} could not be read ({reason}).</source>
        <translation>无法读取 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>The import failed; nothing was written.</source>
        <translation>导入失败，没有写入任何内容。</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>无法读取这个文件。</translation>
    </message>
    <message>
        <source>Stopped reading.</source>
        <translation>已停止读取。</translation>
    </message>
</context>
<context>
    <name>TownPage</name>
    <message>
        <source>Your town</source>
        <translation>本镇</translation>
    </message>
    <message>
        <source>The name appears in the window, the reports and the notices. The code is the town&apos;s 9-digit statistical code; leave it empty when you are not sure.</source>
        <translation>名称会出现在窗口、报表和通知书上。编码是镇的 9 位统计用区划代码；不确定时请留空。</translation>
    </message>
    <message>
        <source>e.g. 某某镇</source>
        <translation>例如：某某镇</translation>
    </message>
    <message>
        <source>9 digits, optional</source>
        <translation>9 位数字，可不填</translation>
    </message>
    <message>
        <source>&amp;Town name:</source>
        <translation>镇名称(&amp;T)：</translation>
    </message>
    <message>
        <source>Town c&amp;ode:</source>
        <translation>镇编码(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>TownSettingsDialog</name>
    <message>
        <source>Town settings</source>
        <translation>本镇设置</translation>
    </message>
    <message>
        <source>9 digits (the first 9 of the villages&apos; codes)</source>
        <translation>9 位数字（各村代码的前 9 位）</translation>
    </message>
    <message>
        <source>These names are printed on the reports for superiors and on the rectification notices. The town&apos;s name and code are also the top of the area tree.</source>
        <translation>这些名称会印在上报的报表和责令整改通知书上。镇名和代码也是区域树的最上级。</translation>
    </message>
    <message>
        <source>&amp;Town name:</source>
        <translation>镇名(&amp;T)：</translation>
    </message>
    <message>
        <source>Town &amp;code:</source>
        <translation>镇代码(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;entre&apos;s full name:</source>
        <translation>中心全称(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Issuing authority:</source>
        <translation>发文单位(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Notice number pattern:</source>
        <translation>通知书编号格式(&amp;N)：</translation>
    </message>
    <message>
        <source>{town} is the town&apos;s name, {year} the year, {seq} the notice&apos;s number within the year, {code} the ticket&apos;s code.</source>
        <translation>{town}为镇名，{year}为年份，{seq}为当年的通知书序号，{code}为工单编号。</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <source>Default report &amp;period:</source>
        <translation>默认报表周期(&amp;P)：</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>(town)</source>
        <translation>（镇名）</translation>
    </message>
    <message>
        <source>The pattern cannot be filled in: use only {town}, {year}, {seq} and {code}.</source>
        <translation>该格式无法生成编号：只能使用{town}、{year}、{seq}和{code}。</translation>
    </message>
</context>
<context>
    <name>TownSetupWizard</name>
    <message>
        <source>Set up your town</source>
        <translation>设置本镇</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <source>New user…</source>
        <translation>新建用户…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Disable {name} ({login})? They can no longer sign in.</source>
        <translation>停用 {name}（{login}）？停用后该用户将无法登录。</translation>
    </message>
</context>
<context>
    <name>VideoChannelPicker</name>
    <message>
        <source>Type part of the channel&apos;s name or number</source>
        <translation>输入通道名称或编号的一部分</translation>
    </message>
</context>
<context>
    <name>VideoChannels</name>
    <message>
        <source>Video channel</source>
        <translation>视频通道</translation>
    </message>
    <message>
        <source>column is missing</source>
        <translation>缺少此列</translation>
    </message>
    <message>
        <source>Row {row}, {where}: {what}</source>
        <translation>第 {row} 行，{where}：{what}</translation>
    </message>
    <message>
        <source>This channel has no stream address.</source>
        <translation>该通道没有视频流地址。</translation>
    </message>
    <message>
        <source>No player on this computer opens {url}. The address is on the clipboard; a player command can be set in GRIDCENTER_VIDEO_PLAYER (e.g. vlc).</source>
        <translation>本机没有能打开 {url} 的播放器。地址已复制到剪贴板；可在环境变量 GRIDCENTER_VIDEO_PLAYER 中指定播放器命令（如 vlc）。</translation>
    </message>
</context>
<context>
    <name>VideoChannelsWindow</name>
    <message>
        <source>Video channels</source>
        <translation>视频通道</translation>
    </message>
    <message>
        <source>Number, name or owner unit</source>
        <translation>通道编号、名称或权属单位</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Offline for a day or &amp;longer</source>
        <translation>离线超过一天(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open stream</source>
        <translation>打开视频(&amp;O)</translation>
    </message>
    <message>
        <source>Mark &amp;as</source>
        <translation>标记为(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>新增(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>WGS-84 (GPS)</source>
        <translation>WGS-84（GPS 坐标）</translation>
    </message>
    <message>
        <source>GCJ-02 (Chinese map services)</source>
        <translation>GCJ-02（国内地图坐标）</translation>
    </message>
    <message>
        <source>The coordinates&apos; system where the sheet does not say</source>
        <translation>表格未注明坐标系时按此坐标系读取</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} channels</source>
        <translation>共 {n} 个通道</translation>
    </message>
    <message>
        <source>Import video channels</source>
        <translation>导入视频通道</translation>
    </message>
    <message>
        <source>Sheets (*.xlsx *.csv)</source>
        <translation>表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 处</translation>
    </message>
    <message>
        <source>Nothing was imported: {n} problems in the sheet.</source>
        <translation>未导入任何通道：表格中有 {n} 处问题。</translation>
    </message>
    <message>
        <source>Imported: {added} added, {updated} updated, {unchanged} unchanged.</source>
        <translation>导入完成：新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个。</translation>
    </message>
</context>
<context>
    <name>VisitsWindow</name>
    <message>
        <source>Household visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>&amp;Record a visit</source>
        <translation>录入走访(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Coverage</source>
        <translation>走访覆盖(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Not visited</source>
        <translation>久未走访(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Import sheet…</source>
        <translation>导入走访表(&amp;I)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Problem found: raise a grid-patrol ticket</source>
        <translation>发现问题：同时上报网格员巡查工单(&amp;P)</translation>
    </message>
    <message>
        <source>(choose a category)</source>
        <translation>（请选择类别）</translation>
    </message>
    <message>
        <source>(the findings&apos; first line)</source>
        <translation>（默认取走访情况第一行）</translation>
    </message>
    <message>
        <source>Record (Ctrl+Enter)</source>
        <translation>保存走访 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation>网格员(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>走访日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Head of household:</source>
        <translation>户主(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>走访情况(&amp;F)：</translation>
    </message>
    <message>
        <source>Household register n&amp;o.:</source>
        <translation>户号(&amp;O)：</translation>
    </message>
    <message>
        <source>Ticket categor&amp;y:</source>
        <translation>工单类别(&amp;Y)：</translation>
    </message>
    <message>
        <source>Ticket &amp;title:</source>
        <translation>工单标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Choose a grid.</source>
        <translation>请选择网格。</translation>
    </message>
    <message>
        <source>This grid has no grid worker.</source>
        <translation>该网格没有网格员。</translation>
    </message>
    <message>
        <source>Visit recorded; ticket {code} raised from it.</source>
        <translation>走访已保存，并上报工单 {code}。</translation>
    </message>
    <message>
        <source>Visit recorded.</source>
        <translation>走访已保存。</translation>
    </message>
    <message>
        <source>A new household was added to the grid.</source>
        <translation>已在该网格新建住户。</translation>
    </message>
    <message>
        <source>The visit typed in the form is not recorded. Close and discard it?</source>
        <translation>表中填写的走访尚未保存。关闭并放弃吗？</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>last </source>
        <translation>最近 </translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>{workers} grid workers, {behind} under the target of {target} ({far} under 85 %); the town: {households} households, {rate:.1f} %</source>
        <translation>网格员 {workers} 名，{behind} 名未达每月 {target} 户目标（其中 {far} 名不足 85%）；全镇走访 {households} 户，覆盖率 {rate:.1f} %</translation>
    </message>
    <message>
        <source>Export visit coverage</source>
        <translation>导出走访覆盖情况</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} rows to {path}</source>
        <translation>已导出 {n} 条到 {path}</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Household register no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Last visited</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>{n} households not visited for {months} months or more</source>
        <translation>{n} 户超过 {months} 个月未走访</translation>
    </message>
    <message>
        <source> (the first {shown} shown)</source>
        <translation>（显示前 {shown} 户）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <source>Import the visit sheet</source>
        <translation>导入走访表</translation>
    </message>
    <message>
        <source>Sheets (*.xlsx *.csv)</source>
        <translation>表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>{name}: {rows} rows; {new} visits to import, {already} imported before, {bad} rows with problems.</source>
        <translation>{name}：共 {rows} 行；可导入 {new} 条，已导入过 {already} 条，有问题 {bad} 行。</translation>
    </message>
    <message>
        <source>Import the good rows, save the bad ones…</source>
        <translation>导入无问题的行，另存有问题的行…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Save the rows not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>Imported {n} visits ({households} new households, {tickets} tickets raised).</source>
        <translation>已导入走访记录 {n} 条（新建住户 {households} 户，上报工单 {tickets} 件）。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>This is not a database address. Write it like {example}.</source>
        <translation>这不是数据库地址，请按 {example} 的格式填写。</translation>
    </message>
    <message>
        <source>Could not reach the database server. Check the address, that the server is running and that this computer may connect to it. ({detail})</source>
        <translation>无法连接数据库服务器。请检查地址是否正确、服务器是否在运行、本机是否允许连接。（{detail}）</translation>
    </message>
    <message>
        <source>Could not open the database: {detail}</source>
        <translation>无法打开数据库：{detail}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to GridCenter</source>
        <translation>欢迎使用网格指挥中心</translation>
    </message>
    <message>
        <source>Which database should GridCenter open?</source>
        <translation>网格指挥中心要打开哪个数据库？</translation>
    </message>
    <message>
        <source>GridCenter has no database on this computer yet. How would you like to start?</source>
        <translation>本机还没有网格指挥中心的数据库。您想如何开始？</translation>
    </message>
    <message>
        <source>Open the demo data</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Guangfu Town with its 48 grids and a year of tickets, built on this computer now; a progress bar shows how far it is.</source>
        <translation>光福镇 48 个网格及一年的工单，现在在本机生成；进度条显示生成进度。</translation>
    </message>
    <message>
        <source>Open the database on this computer</source>
        <translation>打开本机数据库</translation>
    </message>
    <message>
        <source>The local database file in your data folder.</source>
        <translation>数据文件夹中的本机数据库文件。</translation>
    </message>
    <message>
        <source>Create an empty database</source>
        <translation>新建空数据库</translation>
    </message>
    <message>
        <source>A new database file on this computer; a short wizard sets up your town, its lists and its first administrator.</source>
        <translation>在本机新建数据库文件；一个简短的向导帮您设置本镇、导入名单并创建第一个管理员。</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <source>Use the command centre&apos;s shared PostgreSQL database.</source>
        <translation>使用指挥中心共享的 PostgreSQL 数据库。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close GridCenter without opening a database</source>
        <translation>不打开数据库，关闭网格指挥中心</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>only if the server asks for one</source>
        <translation>仅当服务器要求时填写</translation>
    </message>
    <message>
        <source>Connection password:</source>
        <translation>连接密码：</translation>
    </message>
    <message>
        <source>Test and connect</source>
        <translation>测试并连接</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>This database was set up by a newer GridCenter; update GridCenter.</source>
        <translation>该数据库由更新版本的网格指挥中心创建，请升级本软件。</translation>
    </message>
</context>
<context>
    <name>WhatsNew</name>
    <message>
        <source>(system)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>New from another desk: {action} by {who} at {time}</source>
        <translation>其他坐席新增：{who} 于 {time} {action}</translation>
    </message>
    <message>
        <source>Changed at another desk: {action} by {who} at {time}</source>
        <translation>其他坐席变动：{who} 于 {time} {action}</translation>
    </message>
    <message>
        <source>Whistle: departments must report in</source>
        <translation>吹哨报到：部门须限时报到</translation>
    </message>
    <message>
        <source>{code} {title} was dispatched with a whistle by {who} at {time}.</source>
        <translation>{code} {title} 已由 {who} 于 {time} 吹哨派单。</translation>
    </message>
    <message>
        <source>{priority} ticket</source>
        <translation>{priority}工单</translation>
    </message>
    <message>
        <source>{code} {title} was registered by {who} at {time}.</source>
        <translation>{code} {title} 已由 {who} 于 {time} 受理登记。</translation>
    </message>
</context>
<context>
    <name>WhatsNewPresenter</name>
    <message>
        <source>Sound for new tickets</source>
        <translation>新工单提示音</translation>
    </message>
    <message>
        <source>({n} new) {title}</source>
        <translation>（{n} 张新工单）{title}</translation>
    </message>
</context>
<context>
    <name>WorkbookChooser</name>
    <message>
        <source>The filled-in workbook (.xlsx)</source>
        <translation>填好的工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>&amp;Choose workbook…</source>
        <translation>选择工作簿(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the empty &amp;template…</source>
        <translation>保存空白模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Save the e&amp;xample…</source>
        <translation>保存示例(&amp;X)…</translation>
    </message>
    <message>
        <source>A filled-in workbook to follow: the demo town&apos;s areas, grids, teams, departments and users</source>
        <translation>可参照填写的示例工作簿：演示镇的区域、网格、网格队伍、部门和用户</translation>
    </message>
    <message>
        <source>No workbook yet?</source>
        <translation>还没有工作簿？</translation>
    </message>
    <message>
        <source>Choose the base-data workbook</source>
        <translation>选择基础数据工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>WorkerFiguresModel</name>
    <message>
        <source>Village</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报工单</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访次数</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>走访户数/目标</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Special groups</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <source>Rentals</source>
        <translation>出租房屋</translation>
    </message>
    <message>
        <source>Dangers found</source>
        <translation>发现隐患</translation>
    </message>
    <message>
        <source>Awaiting response</source>
        <translation>待响应/网格工单</translation>
    </message>
    <message>
        <source>First response (h)</source>
        <translation>平均首次响应(小时)</translation>
    </message>
</context>
<context>
    <name>WorkflowDialogs</name>
    <message>
        <source>(from the feedback)</source>
        <translation>（来自反馈）</translation>
    </message>
    <message>
        <source>(choose the rating)</source>
        <translation>（请选择满意度）</translation>
    </message>
    <message>
        <source>(not placed yet)</source>
        <translation>（尚未定位）</translation>
    </message>
    <message>
        <source>(unchanged: {grid})</source>
        <translation>（不变：{grid}）</translation>
    </message>
    <message>
        <source>(unchanged: {category}, not mapped yet)</source>
        <translation>（不变：{category}，尚未对照）</translation>
    </message>
    <message>
        <source>(unchanged: {category})</source>
        <translation>（不变：{category}）</translation>
    </message>
    <message>
        <source>{who} ({role}), asked by {by} on {at}
Reason: {reason}
Finish by now: {old}
Proposed: {new}</source>
        <translation>{who}（{role}），{by} 于 {at} 登记
理由：{reason}
现办结时限：{old}
申请延至：{new}</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>同意延期</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和文档</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Result fed back</source>
        <translation>反馈的办理结果</translation>
    </message>
    <message>
        <source>Add departments</source>
        <translation>加派</translation>
    </message>
    <message>
        <source>Departments to add</source>
        <translation>加派部门</translation>
    </message>
    <message>
        <source>Whistle (report in within hours)</source>
        <translation>吹哨报到（数小时内报到）</translation>
    </message>
    <message>
        <source>Own accept-by time</source>
        <translation>单独签收时限</translation>
    </message>
    <message>
        <source>Own finish-by time</source>
        <translation>单独办结时限</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>派单说明</translation>
    </message>
    <message>
        <source>Accept an assignment</source>
        <translation>签收派遣</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Return an assignment</source>
        <translation>退回派遣</translation>
    </message>
    <message>
        <source>Feed back the result</source>
        <translation>反馈办理结果</translation>
    </message>
    <message>
        <source>The complaint is true</source>
        <translation>诉求属实</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>公开答复内容</translation>
    </message>
    <message>
        <source>Site photos and documents</source>
        <translation>现场照片和文档</translation>
    </message>
    <message>
        <source>Review and close</source>
        <translation>审核办结</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Send back for more work</source>
        <translation>退回重办</translation>
    </message>
    <message>
        <source>Solved in the grid</source>
        <translation>网格内解决</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重办</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Department supervised</source>
        <translation>被督办部门</translation>
    </message>
    <message>
        <source>Escalate a missed acceptance</source>
        <translation>超时未签收督办</translation>
    </message>
    <message>
        <source>Not accepted in time</source>
        <translation>超时未签收</translation>
    </message>
    <message>
        <source>Merge into another ticket</source>
        <translation>合并到其他工单</translation>
    </message>
    <message>
        <source>Ticket code to keep</source>
        <translation>保留的工单编号</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Reached by</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Dissatisfied: handle it again</source>
        <translation>不满意，重新办理</translation>
    </message>
    <message>
        <source>Place (grid and category)</source>
        <translation>定位归类</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所属网格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Remember this category mapping for later imports</source>
        <translation>记住此分类对照（以后导入自动对照）</translation>
    </message>
    <message>
        <source>Ask for an extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Proposed finish by</source>
        <translation>申请办结时限</translation>
    </message>
    <message>
        <source>Decide on an extension</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>申请内容</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Finish by (when approved)</source>
        <translation>批准的办结时限</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resume handling</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <source>Set (otherwise by the rules)</source>
        <translation>设定（否则按时限规则）</translation>
    </message>
    <message>
        <source>Record a joint meeting or inspection</source>
        <translation>记录联席会议/联合检查</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date held</source>
        <translation>召开/检查日期</translation>
    </message>
    <message>
        <source>Departments present</source>
        <translation>参加部门</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Others present</source>
        <translation>其他参加人员</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <source>Issue a rectification notice</source>
        <translation>下发整改通知书</translation>
    </message>
    <message>
        <source>From the inspection</source>
        <translation>依据的联合检查</translation>
    </message>
    <message>
        <source>Party to rectify</source>
        <translation>被责令整改单位/个人</translation>
    </message>
    <message>
        <source>Party&apos;s address</source>
        <translation>当事人地址</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Rectification requirements</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Check back a notice</source>
        <translation>整改复查</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>复查合格</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>复查情况</translation>
    </message>
    <message>
        <source>Not possible now</source>
        <translation>当前无法执行</translation>
    </message>
    <message>
        <source>Nothing to escalate</source>
        <translation>无需督办</translation>
    </message>
    <message>
        <source>On ticket {code} every department accepted in time or still has time.</source>
        <translation>工单 {code} 的各部门均已按时签收或尚未超时。</translation>
    </message>
    <message>
        <source>Nothing to decide</source>
        <translation>无待审批申请</translation>
    </message>
    <message>
        <source>No request for more time waits on ticket {code}.</source>
        <translation>工单 {code} 没有待审批的延期申请。</translation>
    </message>
    <message>
        <source>None of the {n} tickets was urged: {why}</source>
        <translation>{n} 张工单均未催办：{why}</translation>
    </message>
    <message>
        <source>Ticket {code} is now {status}; this action no longer applies.</source>
        <translation>工单 {code} 现在{status}，此操作已不适用。</translation>
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
        <source>{unit}: complaint true {true}, solved {solved}</source>
        <translation>{unit}：诉求属实 {true}，已解决 {solved}</translation>
    </message>
    <message>
        <source>Public reply: {text}</source>
        <translation>公开答复：{text}</translation>
    </message>
    <message>
        <source>No result has been fed back.</source>
        <translation>尚无反馈的办理结果。</translation>
    </message>
    <message>
        <source>{assignment}, to accept by {at}</source>
        <translation>{assignment}，签收时限 {at}</translation>
    </message>
    <message>
        <source>Urge</source>
        <translation>催办</translation>
    </message>
</context>
</TS>
