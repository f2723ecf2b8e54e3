<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator account; the administrator can then add the other staff.</source>
        <translation>数据库中还没有用户。请先创建管理员账号，之后由管理员添加其他员工。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>letters and digits, e.g. admin</source>
        <translation>字母和数字，例如 admin</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示姓名(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Demo database: sign in as {users}, password {password}</source>
        <translation>演示数据库：可用 {users} 登录，密码 {password}</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Property fee collection</source>
        <translation>物业费催缴</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Property fee collection</source>
        <translation>物业费催缴</translation>
    </message>
    <message>
        <source>look up owners, tenants and rooms by room number, name or phone, and keep their contacts up to date.</source>
        <translation>按房号、姓名或电话查找业主、租户和房屋，并维护他们的联系方式。</translation>
    </message>
    <message>
        <source>the list of rooms with overdue fees, by age of the debt, reason and person in charge, sortable and exportable to Excel.</source>
        <translation>按账龄、欠费原因和责任人列出欠费房屋，可排序并导出 Excel。</translation>
    </message>
    <message>
        <source>log every call, message and notice with its outcome, and chase promised payments on the day.</source>
        <translation>记录每次电话、短信和通知及其结果，并在承诺缴费当天跟进。</translation>
    </message>
    <message>
        <source>plan home visits by two members of staff and record what was agreed and what comes next.</source>
        <translation>安排两名员工上门催缴，记录约定事项和下一步安排。</translation>
    </message>
    <message>
        <source>print written notices with proof of delivery, and public boards with names and room numbers masked.</source>
        <translation>打印书面催缴通知书并记录送达凭证，打印隐去姓名和房号的欠费公示。</translation>
    </message>
    <message>
        <source>collection rate, arrears by age and the work of each collector, exported to Excel.</source>
        <translation>收缴率、按账龄统计的欠费和每位催收员的工作量，可导出 Excel。</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Search room no. / name / phone</source>
        <translation>搜索房号/姓名/电话</translation>
    </message>
    <message>
        <source>Search is not built yet; it will come in a later version.</source>
        <translation>搜索功能尚未完成，将在后续版本提供。</translation>
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
        <source>SQLite database (*.sqlite3)</source>
        <translation>SQLite 数据库 (*.sqlite3)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup saved to {path}</source>
        <translation>备份已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This feature will come in a later version:</source>
        <translation>此功能将在后续版本提供：</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>物业服务中心</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Bank:</source>
        <translation>开户银行：</translation>
    </message>
    <message>
        <source>Bank account:</source>
        <translation>银行账号：</translation>
    </message>
    <message>
        <source>Seal image:</source>
        <translation>印章图片：</translation>
    </message>
    <message>
        <source>Editing the office details will come in a later version.</source>
        <translation>修改服务中心信息的功能将在后续版本提供。</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>当前登录</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>This is a demo database with invented owners and amounts.</source>
        <translation>这是演示数据库，业主和金额均为虚构。</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房屋总数</translation>
    </message>
    <message>
        <source>Rooms managed by the office</source>
        <translation>本服务中心管理的房屋</translation>
    </message>
    <message>
        <source>Rooms in arrears</source>
        <translation>欠费户数</translation>
    </message>
    <message>
        <source>Rooms with fees overdue after the due date</source>
        <translation>过了缴费期仍有欠费的房屋</translation>
    </message>
    <message>
        <source>Total arrears</source>
        <translation>欠费总额</translation>
    </message>
    <message>
        <source>Overdue fees of all rooms</source>
        <translation>所有房屋的逾期欠费</translation>
    </message>
    <message>
        <source>Promises due today</source>
        <translation>今日到期承诺</translation>
    </message>
    <message>
        <source>Owners who promised to pay by today</source>
        <translation>承诺今天前缴费的业主</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>今日上门</translation>
    </message>
    <message>
        <source>Home visits planned for today</source>
        <translation>今天计划的上门催缴</translation>
    </message>
    <message>
        <source>Open service issues</source>
        <translation>未解决服务问题</translation>
    </message>
    <message>
        <source>Complaints raised while collecting, not yet solved</source>
        <translation>催缴中业主反映、尚未解决的问题</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Updated at {time}. Press F5 to refresh.</source>
        <translation>更新于 {time}。按 F5 刷新。</translation>
    </message>
    <message>
        <source>The figures could not be loaded: {error}</source>
        <translation>无法加载数据：{error}</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>About Cuijiao</source>
        <translation>关于物业费催缴</translation>
    </message>
    <message>
        <source>Property fee collection</source>
        <translation>物业费催缴</translation>
    </message>
    <message>
        <source>Keeps track of overdue property fees and of every step taken to collect them: reminders, calls, notices, visits and promises.</source>
        <translation>管理逾期物业费及每一步催缴工作：提醒、电话、通知书、上门和缴费承诺。</translation>
    </message>
    <message>
        <source>Built with Qt {qt} and Python.</source>
        <translation>基于 Qt {qt} 和 Python 开发。</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Today&apos;s figures and work</source>
        <translation>今日数据与待办</translation>
    </message>
    <message>
        <source>Owners and rooms</source>
        <translation>业主与房屋</translation>
    </message>
    <message>
        <source>Owners, tenants and rooms</source>
        <translation>业主、租户和房屋</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Rooms with unpaid fees</source>
        <translation>有未缴费用的房屋</translation>
    </message>
    <message>
        <source>Collection log</source>
        <translation>催缴记录</translation>
    </message>
    <message>
        <source>Calls, messages and promises</source>
        <translation>电话、短信和缴费承诺</translation>
    </message>
    <message>
        <source>Home visits</source>
        <translation>上门计划</translation>
    </message>
    <message>
        <source>Planned and done home visits</source>
        <translation>计划中和已完成的上门催缴</translation>
    </message>
    <message>
        <source>Notices and boards</source>
        <translation>通知与公示</translation>
    </message>
    <message>
        <source>Written notices and public boards</source>
        <translation>书面通知书和欠费公示</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Collection rate and statistics</source>
        <translation>收缴率与统计</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Office details and users</source>
        <translation>服务中心信息和用户</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Find a room, owner or phone number</source>
        <translation>查找房号、业主或电话</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Reload the current page from the database</source>
        <translation>从数据库重新加载当前页面</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <source>Save a copy of the database to a file</source>
        <translation>把数据库的副本保存到文件</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <source>Sign out and return to the sign-in window</source>
        <translation>退出当前账号，回到登录窗口</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the program</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>Show the program in Simplified Chinese</source>
        <translation>以简体中文显示程序</translation>
    </message>
    <message>
        <source>Show the program in English</source>
        <translation>以英文显示程序</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本和许可</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Property fee collection</source>
        <translation>物业费催缴</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>The database could not be opened: {db}</source>
        <translation>无法打开数据库：{db}</translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>The demo data could not be created.</source>
        <translation>无法生成演示数据。</translation>
    </message>
    <message>
        <source>The users could not be read.</source>
        <translation>无法读取用户。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Front desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收专员</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>The operation is not allowed.</source>
        <translation>不允许此操作。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked until {until}.</source>
        <translation>密码错误次数过多，账号已锁定至 {until}。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation>此账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>The password is too short: use at least {minimum} characters.</source>
        <translation>密码太短，至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>A user name has no spaces and at most 64 characters.</source>
        <translation>用户名不能包含空格，且不超过 64 个字符。</translation>
    </message>
    <message>
        <source>This user name is already taken.</source>
        <translation>此用户名已被使用。</translation>
    </message>
    <message>
        <source>Enter the name shown to colleagues.</source>
        <translation>请输入同事看到的姓名。</translation>
    </message>
    <message>
        <source>An administrator already exists. Please sign in.</source>
        <translation>管理员已存在，请直接登录。</translation>
    </message>
    <message>
        <source>There is no such user.</source>
        <translation>没有这个用户。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation>此项内容无效。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <source>This text is too long.</source>
        <translation>内容太长。</translation>
    </message>
    <message>
        <source>This is not a valid amount of money.</source>
        <translation>金额格式不正确。</translation>
    </message>
    <message>
        <source>Someone else changed this record in the meantime. Reload it and try again.</source>
        <translation>此记录已被他人修改，请刷新后重试。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>The database file {path} does not exist.</source>
        <translation>数据库文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>Databases of type {backend} cannot be backed up from here.</source>
        <translation>无法在此备份 {backend} 类型的数据库。</translation>
    </message>
    <message>
        <source>PostgreSQL backups need the pg_dump tool: install the PostgreSQL client tools.</source>
        <translation>备份 PostgreSQL 需要 pg_dump 工具，请安装 PostgreSQL 客户端工具。</translation>
    </message>
    <message>
        <source>The backup failed: {detail}</source>
        <translation>备份失败：{detail}</translation>
    </message>
    <message>
        <source>A password is needed: set ${variable}, or run this in a terminal to type it.</source>
        <translation>需要密码：请设置环境变量 ${variable}，或在终端中运行以便输入。</translation>
    </message>
    <message>
        <source>Demo data needs at least one room and one month.</source>
        <translation>演示数据至少需要一个房间和一个月。</translation>
    </message>
    <message>
        <source>This database already holds rooms: demo data can only go into an empty database.</source>
        <translation>数据库中已有房屋数据，演示数据只能写入空数据库。</translation>
    </message>
    <message>
        <source>The number of days must be between -60 and 3650.</source>
        <translation>天数必须在 -60 到 3650 之间。</translation>
    </message>
    <message>
        <source>Collection wording may never threaten to cut water, power, gas or heating: remove {words}.</source>
        <translation>催缴用语不得以停水、停电、停气、停暖相威胁，请删除：{words}。</translation>
    </message>
    <message>
        <source>Enter the name of the step.</source>
        <translation>请输入步骤名称。</translation>
    </message>
    <message>
        <source>This step of the ladder no longer exists.</source>
        <translation>该催缴步骤已不存在。</translation>
    </message>
    <message>
        <source>Internal error: the payment history of a bill is out of order.</source>
        <translation>内部错误：账单的缴费记录顺序有误。</translation>
    </message>
    <message>
        <source>The late-fee terms are not valid ({field}).</source>
        <translation>滞纳金规则无效（{field}）。</translation>
    </message>
    <message>
        <source>This is not a valid late-fee rate: {text}</source>
        <translation>滞纳金费率格式不正确：{text}</translation>
    </message>
    <message>
        <source>No late fee has been assessed on this bill.</source>
        <translation>此账单尚未计算滞纳金。</translation>
    </message>
    <message>
        <source>The amount to waive must be more than zero.</source>
        <translation>减免金额必须大于零。</translation>
    </message>
    <message>
        <source>Give the reason for the waiver.</source>
        <translation>请填写减免原因。</translation>
    </message>
    <message>
        <source>Only {remaining_fen} of late fee is left to waive on this bill.</source>
        <translation>此账单可减免的滞纳金只剩 {remaining_fen}。</translation>
    </message>
    <message>
        <source>This amount is too large: {text}</source>
        <translation>金额过大：{text}</translation>
    </message>
    <message>
        <source>Amounts have at most two decimal places: {text}</source>
        <translation>金额最多两位小数：{text}</translation>
    </message>
    <message>
        <source>This payment has already been reversed.</source>
        <translation>这笔收款已经冲正过了。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>{amount_fen} is too much for one payment: check the amount.</source>
        <translation>{amount_fen} 超出单笔收款上限，请核对金额。</translation>
    </message>
    <message>
        <source>A reversal cannot itself be reversed: take a new payment instead.</source>
        <translation>冲正记录不能再冲正，请重新收款。</translation>
    </message>
    <message>
        <source>Choose how the money was paid.</source>
        <translation>请选择缴费方式。</translation>
    </message>
    <message>
        <source>This payment no longer exists.</source>
        <translation>这笔收款已不存在。</translation>
    </message>
    <message>
        <source>Give the reason for the reversal.</source>
        <translation>请填写冲正原因。</translation>
    </message>
    <message>
        <source>A chosen bill does not belong to this room or is already paid.</source>
        <translation>所选账单不属于此房屋或已缴清。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a room number (for example 3-2-1502 or 3栋2单元1502).</source>
        <translation>“{text}”不是有效的房号（例如 3-2-1502 或 3栋2单元1502）。</translation>
    </message>
    <message>
        <source>This room no longer exists.</source>
        <translation>该房屋已不存在。</translation>
    </message>
    <message>
        <source>Unknown setting: {field}</source>
        <translation>未知的设置项：{field}</translation>
    </message>
    <message>
        <source>{remaining} more wrong attempts will lock the account.</source>
        <translation>再输错 {remaining} 次，账号将被锁定。</translation>
    </message>
    <message>
        <source>The operation could not be completed ({code}).</source>
        <translation>操作未能完成（{code}）。</translation>
    </message>
    <message>
        <source>An unexpected error occurred: {detail}</source>
        <translation>发生意外错误：{detail}</translation>
    </message>
    <message>
        <source>A file could not be read or written: {detail}</source>
        <translation>无法读写文件：{detail}</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
