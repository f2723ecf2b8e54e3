<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArrearsPage</name>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>任意账龄</translation>
    </message>
    <message>
        <source>Oldest: {age}</source>
        <translation>最早欠费：{age}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Total arrears in yuan, e.g. 1000 or 1,000.50</source>
        <translation>欠费（元），如 1000 或 1,000.50</translation>
    </message>
    <message>
        <source>Room, owner, initials or last 4 phone digits</source>
        <translation>房号/业主/首字母/手机尾号</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>清除全部筛选</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>No open case</source>
        <translation>未立案</translation>
    </message>
    <message>
        <source>Any collector</source>
        <translation>全部催收员</translation>
    </message>
    <message>
        <source>Nobody assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>No reason recorded</source>
        <translation>未记录原因</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>{estate}Building {name}</source>
        <translation>{estate}{name}栋</translation>
    </message>
    <message>
        <source>{n} of {all} rooms</source>
        <translation>{n} / {all} 户</translation>
    </message>
    <message>
        <source>{n} rooms</source>
        <translation>{n} 户</translation>
    </message>
    <message>
        <source>Total arrears {amount}</source>
        <translation>欠费合计 {amount}</translation>
    </message>
    <message>
        <source>Late fees {amount}</source>
        <translation>滞纳金 {amount}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <source>The arrears could not be loaded: {error}</source>
        <translation>欠费数据加载失败：{error}</translation>
    </message>
    <message>
        <source>Export arrears to Excel</source>
        <translation>导出欠费明细到Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting {n} rooms…</source>
        <translation>正在导出 {n} 户…</translation>
    </message>
    <message>
        <source>Exported {n} rooms to {path}</source>
        <translation>已导出 {n} 户到 {path}</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>导出已取消：未写入任何文件。</translation>
    </message>
    <message>
        <source>Exporting to Excel…</source>
        <translation>正在导出到Excel…</translation>
    </message>
</context>
<context>
    <name>ChangeTenantDialog</name>
    <message>
        <source>Change tenant</source>
        <translation>更换租户</translation>
    </message>
    <message>
        <source>Current tenant: {name}, since {start}</source>
        <translation>当前租户：{name}，自 {start} 起</translation>
    </message>
    <message>
        <source>The room has no tenant now.</source>
        <translation>该房屋目前没有租户。</translation>
    </message>
    <message>
        <source>Date of the change</source>
        <translation>变更日期</translation>
    </message>
    <message>
        <source>The tenant pays the fees (agreed with the owner)</source>
        <translation>由租户缴费（已与业主约定）</translation>
    </message>
    <message>
        <source>Tenant moved out (no new tenant)</source>
        <translation>租户已搬出（无新租户）</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Rejected rows are left out; export them, fix them and import them later.</source>
        <translation>尚未写入任何数据。被拒绝的行不会导入；可导出后修改，再次导入。</translation>
    </message>
    <message>
        <source>Export rejected rows…</source>
        <translation>导出被拒绝的行…</translation>
    </message>
    <message>
        <source>Rejected rows:</source>
        <translation>被拒绝的行：</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source> (new)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <source>Into {estate}: {created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected, {skipped} skipped (blank, totals, notes)</source>
        <translation>导入到{estate}：新增 {created}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}，跳过 {skipped}（空行、合计行、备注行）</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>导出被拒绝的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved {rows} rows to {path}</source>
        <translation>已保存 {rows} 行到 {path}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
</context>
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
    <name>ImportWizard</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Checking {rows} rows…</source>
        <translation>正在检查 {rows} 行…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Importing {kind}…</source>
        <translation>正在导入{kind}…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：没有导入任何数据。</translation>
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
        <source>Room number (3-2-1502, 3栋1502, 1502), name, pinyin initials (zs) or the last 4 digits of a phone. Ctrl+F</source>
        <translation>房号（3-2-1502、3栋1502、1502）、姓名、拼音首字母（zs）或手机尾号4位。Ctrl+F</translation>
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
        <source>Select a room in the list, or search for it with Ctrl+F, then press F9.</source>
        <translation>请先在列表中选中一个房间，或按 Ctrl+F 搜索，再按 F9 收款。</translation>
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
    <name>MappingPage</name>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Check the header row and the column of each field; fix them if needed.</source>
        <translation>请核对表头行及各字段对应的列，如有错误请修改。</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>表头行：</translation>
    </message>
    <message>
        <source>First rows below the header:</source>
        <translation>表头下的前几行：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Take payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Confirm payment</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <source>Enter in the amount moves here; Enter here or Ctrl+Enter anywhere records the payment</source>
        <translation>在金额框按回车会跳到这里；在这里按回车，或在任意位置按 Ctrl+回车，即登记收款</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>e.g. 750 or 1,234.50</source>
        <translation>如 750 或 1,234.50</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>缴费日期</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>缴款人</translation>
    </message>
    <message>
        <source>transaction number of WeChat, Alipay, card or bank</source>
        <translation>微信、支付宝、刷卡或银行的交易流水号</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Collect late fees of the bills this payment settles</source>
        <translation>同时收取本次结清账单的滞纳金</translation>
    </message>
    <message>
        <source>The principal is always paid first; late fees only from what is left, never while the bill is owed.</source>
        <translation>始终先缴本金；滞纳金只从余额中收取，账单未结清时不收滞纳金。</translation>
    </message>
    <message>
        <source>Tick bills to pay only those; with none ticked the oldest bills are paid first.</source>
        <translation>勾选账单则只缴这些；不勾选时从最早的账单开始缴。</translation>
    </message>
    <message>
        <source>Waive late fee…</source>
        <translation>减免滞纳金…</translation>
    </message>
    <message>
        <source>Waive (part of) the selected bill&apos;s late fee, with a reason (manager)</source>
        <translation>减免所选账单的（部分）滞纳金，须填写原因（主管）</translation>
    </message>
    <message>
        <source>Fill in total owed</source>
        <translation>填入应缴合计</translation>
    </message>
    <message>
        <source>Fill in the total owed of the ticked bills (or of all open bills), not yet due included</source>
        <translation>填入所勾选账单（未勾选时为全部未缴账单）的应缴合计，含未到期的</translation>
    </message>
    <message>
        <source>Arrears: {amount}</source>
        <translation>欠费：{amount}</translation>
    </message>
    <message>
        <source>Not yet due: {amount}</source>
        <translation>未到期：{amount}</translation>
    </message>
    <message>
        <source>Total owed: {amount}</source>
        <translation>应缴合计：{amount}</translation>
    </message>
    <message>
        <source>Late fees due: {amount}</source>
        <translation>应缴滞纳金：{amount}</translation>
    </message>
    <message>
        <source>Prepaid credit: {amount}</source>
        <translation>预存余额：{amount}</translation>
    </message>
    <message>
        <source>someone else / not recorded</source>
        <translation>他人代缴 / 未记录</translation>
    </message>
    <message>
        <source>Type the amount received to see where it goes.</source>
        <translation>输入收到的金额，即可看到分配明细。</translation>
    </message>
    <message>
        <source>Pays {count} bill(s) with {amount}</source>
        <translation>分配到 {count} 笔账单，共 {amount}</translation>
    </message>
    <message>
        <source>{count} of them in part</source>
        <translation>其中 {count} 笔部分缴纳</translation>
    </message>
    <message>
        <source>late fees {amount}</source>
        <translation>滞纳金 {amount}</translation>
    </message>
    <message>
        <source>{amount} becomes prepaid credit</source>
        <translation>{amount} 转为预存</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Enter the amount received.</source>
        <translation>请输入收到的金额。</translation>
    </message>
    <message>
        <source>{amount} by {method} for {room}</source>
        <translation>{room}，{method}收款 {amount}</translation>
    </message>
    <message>
        <source>{amount} became prepaid credit</source>
        <translation>{amount} 已转为预存</translation>
    </message>
    <message>
        <source>Payment recorded</source>
        <translation>收款已登记</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Writing the receipt PDF…</source>
        <translation>正在生成收据PDF…</translation>
    </message>
    <message>
        <source>Receipt saved as {path}</source>
        <translation>收据已保存为 {path}</translation>
    </message>
    <message>
        <source>The payment is saved, but the receipt PDF could not be written: {reason}</source>
        <translation>收款已保存，但收据PDF未能生成：{reason}</translation>
    </message>
    <message>
        <source>Waive late fee</source>
        <translation>减免滞纳金</translation>
    </message>
    <message>
        <source>Amount to waive on {bill} (due {amount}):</source>
        <translation>{bill}的减免金额（应缴 {amount}）：</translation>
    </message>
    <message>
        <source>Reason for the waiver:</source>
        <translation>减免原因：</translation>
    </message>
</context>
<context>
    <name>PersonEditDialog</name>
    <message>
        <source>name, if not the person</source>
        <translation>如非本人，请填写姓名</translation>
    </message>
    <message>
        <source>Not an owner / unknown</source>
        <translation>非业主 / 不详</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>无偏好</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Owner type</source>
        <translation>业主类型</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>首选联系方式</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Contacts (the ticked one is the main number)</source>
        <translation>联系方式（勾选的为主号码）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number / account</source>
        <translation>号码 / 账号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主号码</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系方式</translation>
    </message>
    <message>
        <source>Owner / tenant: {name}</source>
        <translation>业主 / 租户：{name}</translation>
    </message>
    <message>
        <source>New {role}</source>
        <translation>新增{role}</translation>
    </message>
    <message>
        <source>Someone else changed this person after you opened it. Reload to see their changes (what you typed here will be replaced).</source>
        <translation>您打开后，其他人修改了此人的资料。请重新加载查看其修改（您在此输入的内容将被替换）。</translation>
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
    <name>ReceiptDone</name>
    <message>
        <source>Open / print receipt</source>
        <translation>打开 / 打印收据</translation>
    </message>
    <message>
        <source>Open the receipt PDF in the PDF viewer to print it</source>
        <translation>在PDF阅读器中打开收据以便打印</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Row as read</source>
        <translation>原始内容</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>{file} was imported into {estate}: {created} new, {updated} updated, {unchanged} unchanged; {rejected} rows were left out. The import is recorded in the audit log.</source>
        <translation>{file} 已导入到{estate}：新增 {created}，更新 {updated}，未变 {unchanged}；{rejected} 行未导入。本次导入已记入操作日志。</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Reverse payment</source>
        <extracomment>A reason must say something: at least this many characters.</extracomment>
        <translation>冲正收款</translation>
    </message>
    <message>
        <source>A reversal adds a negative entry that cancels this payment bill by bill; the payment itself stays in the books. Take a new payment afterwards if money was received.</source>
        <translation>冲正会新增一笔负数记录，逐笔抵消这次收款；原收款记录仍保留在账上。如确实收到了钱，请冲正后重新收款。</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>缴费日期</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>缴款人</translation>
    </message>
    <message>
        <source>prepaid credit {amount}</source>
        <translation>预存 {amount}</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Why is this payment reversed? (required)</source>
        <translation>为什么要冲正这笔收款？（必填）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Give the reason in at least {n} characters.</source>
        <translation>原因至少填写 {n} 个字。</translation>
    </message>
    <message>
        <source>Payment reversed</source>
        <translation>收款已冲正</translation>
    </message>
    <message>
        <source>Reversal number</source>
        <translation>冲正单号</translation>
    </message>
    <message>
        <source>{amount} reversed from receipt {no}</source>
        <translation>已从收据 {no} 冲正 {amount}</translation>
    </message>
    <message>
        <source>Writing the reversal voucher PDF…</source>
        <translation>正在生成冲正凭证PDF…</translation>
    </message>
    <message>
        <source>Voucher saved as {path}</source>
        <translation>凭证已保存为 {path}</translation>
    </message>
    <message>
        <source>The reversal is saved, but the PDF could not be written: {reason}</source>
        <translation>冲正已保存，但PDF未能生成：{reason}</translation>
    </message>
</context>
<context>
    <name>RoomEditDialog</name>
    <message>
        <source>New room</source>
        <translation>新增房屋</translation>
    </message>
    <message>
        <source>Edit room</source>
        <translation>编辑房屋</translation>
    </message>
    <message>
        <source>e.g. 3 or 3栋</source>
        <translation>如 3 或 3栋</translation>
    </message>
    <message>
        <source>empty when the building has no units</source>
        <translation>无单元时留空</translation>
    </message>
    <message>
        <source>e.g. 1502</source>
        <translation>如 1502</translation>
    </message>
    <message>
        <source>square metres, e.g. 89.37</source>
        <translation>平方米，如 89.37</translation>
    </message>
    <message>
        <source>Handed over on</source>
        <translation>交房日期</translation>
    </message>
    <message>
        <source>Pays by bank direct debit</source>
        <translation>银行托收</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room number</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Floor area (㎡)</source>
        <translation>建筑面积（㎡）</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>入住状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>mobile or landline with area code</source>
        <translation>手机或带区号的座机</translation>
    </message>
    <message>
        <source>First owner (optional)</source>
        <translation>首位业主（可选）</translation>
    </message>
    <message>
        <source>Owner name</source>
        <translation>业主姓名</translation>
    </message>
    <message>
        <source>Owner phone</source>
        <translation>业主电话</translation>
    </message>
    <message>
        <source>Owner type</source>
        <translation>业主类型</translation>
    </message>
    <message>
        <source>Someone else changed this room after you opened it. Reload it to see their changes (what you typed here will be replaced).</source>
        <translation>您打开后，其他人修改了此房屋。请重新加载查看其修改（您在此输入的内容将被替换）。</translation>
    </message>
</context>
<context>
    <name>RoomLedgerPage</name>
    <message>
        <source>Room ledger</source>
        <translation>房屋台账</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Return to the previous page (Alt+Left)</source>
        <translation>返回上一页（Alt+←）</translation>
    </message>
    <message>
        <source>Take payment (F9)</source>
        <translation>收款 (F9)</translation>
    </message>
    <message>
        <source>Record money paid for this room and print the receipt</source>
        <translation>登记该房屋的缴费并打印收据</translation>
    </message>
    <message>
        <source>Reverse payment…</source>
        <translation>冲正收款…</translation>
    </message>
    <message>
        <source>Cancel the selected payment by a reversal entry (manager)</source>
        <translation>以冲正记录撤销所选收款（主管）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Paid through</source>
        <translation>已缴至</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Total owed</source>
        <translation>应缴合计</translation>
    </message>
    <message>
        <source>Prepaid credit</source>
        <translation>预存余额</translation>
    </message>
    <message>
        <source>Late fees due</source>
        <translation>应缴滞纳金</translation>
    </message>
    <message>
        <source>Collection stage</source>
        <translation>催缴阶段</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Collection history</source>
        <translation>催缴记录</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>“owes” = part paid</source>
        <translation>“应缴”= 部分缴纳</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>nothing paid</source>
        <translation>从未缴费</translation>
    </message>
    <message>
        <source>no open case</source>
        <translation>未立案</translation>
    </message>
    <message>
        <source>bank direct debit</source>
        <translation>银行托收</translation>
    </message>
    <message>
        <source>on hold until {date}</source>
        <translation>暂缓至 {date}</translation>
    </message>
    <message>
        <source> (pays the fees)</source>
        <translation>（缴费人）</translation>
    </message>
</context>
<context>
    <name>RoomsPage</name>
    <message>
        <source>Owners and rooms</source>
        <translation>业主与房屋</translation>
    </message>
    <message>
        <source>Any occupancy</source>
        <translation>全部入住状态</translation>
    </message>
    <message>
        <source>Any owner type</source>
        <translation>全部业主类型</translation>
    </message>
    <message>
        <source>With or without arrears</source>
        <translation>有无欠费均可</translation>
    </message>
    <message>
        <source>In arrears</source>
        <translation>有欠费</translation>
    </message>
    <message>
        <source>No arrears</source>
        <translation>无欠费</translation>
    </message>
    <message>
        <source>Room, name, initials or phone</source>
        <translation>房号、姓名、首字母或电话</translation>
    </message>
    <message>
        <source>New room…</source>
        <translation>新增房屋…</translation>
    </message>
    <message>
        <source>Edit room…</source>
        <translation>编辑房屋…</translation>
    </message>
    <message>
        <source>Owner / tenant…</source>
        <translation>业主 / 租户…</translation>
    </message>
    <message>
        <source>Change tenant…</source>
        <translation>更换租户…</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>末页</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单元</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Page {page}/{pages}, {total} rooms</source>
        <translation>第 {page}/{pages} 页，共 {total} 户</translation>
    </message>
    <message>
        <source>The rooms could not be loaded: {error}</source>
        <translation>房屋列表加载失败：{error}</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>No room, name or phone matches “{text}”.</source>
        <translation>没有与“{text}”匹配的房号、姓名或电话。</translation>
    </message>
    <message>
        <source>Showing the first {n}: type more to narrow down.</source>
        <translation>仅显示前 {n} 条：请继续输入以缩小范围。</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
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
    <name>SourcePage</name>
    <message>
        <source>Choose the spreadsheet</source>
        <translation>选择表格文件</translation>
    </message>
    <message>
        <source>Excel (.xlsx, .xls) or CSV (UTF-8 or GBK). The header row is found below any title rows.</source>
        <translation>Excel（.xlsx、.xls）或 CSV（UTF-8 或 GBK）。标题行下方的表头会被自动识别。</translation>
    </message>
    <message>
        <source>Rooms and owners</source>
        <translation>房屋和业主</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The only estate, or a new one</source>
        <translation>唯一的小区，或新建小区</translation>
    </message>
    <message>
        <source>(from the file)</source>
        <translation>（取自文件）</translation>
    </message>
    <message>
        <source>What to import:</source>
        <translation>导入内容：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Estate:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Payment method when the file has none:</source>
        <translation>文件未注明时的缴费方式：</translation>
    </message>
    <message>
        <source>Import from</source>
        <translation>导入自</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
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
        <translation>欠费合计</translation>
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
        <source>Take &amp;payment…</source>
        <translation>收款(&amp;P)…</translation>
    </message>
    <message>
        <source>Take a payment for the room on screen and print the receipt</source>
        <translation>为当前房屋收款并打印收据</translation>
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
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Bring in rooms and owners, bills or payments from an Excel or CSV file</source>
        <translation>从 Excel 或 CSV 文件导入房屋和业主、账单或缴费记录</translation>
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
    <name>arrears</name>
    <message>
        <source>Preparation</source>
        <translation>准备</translation>
    </message>
    <message>
        <source>Friendly reminder</source>
        <translation>温馨提醒</translation>
    </message>
    <message>
        <source>Phone calls</source>
        <translation>电话催缴</translation>
    </message>
    <message>
        <source>Written notice</source>
        <translation>书面催缴</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门拜访</translation>
    </message>
    <message>
        <source>Public board</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Owners&apos; committee</source>
        <translation>业委会协调</translation>
    </message>
    <message>
        <source>Lawyer&apos;s letter</source>
        <translation>律师函</translation>
    </message>
    <message>
        <source>Lawsuit / arbitration</source>
        <translation>诉讼 / 仲裁</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Promised to pay</source>
        <translation>承诺缴费</translation>
    </message>
    <message>
        <source>Pays on a condition</source>
        <translation>有条件缴费</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Phone off</source>
        <translation>关机</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Nobody at home</source>
        <translation>无人在家</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Unhappy with the service</source>
        <translation>对服务不满</translation>
    </message>
    <message>
        <source>Financial hardship</source>
        <translation>经济困难</translation>
    </message>
    <message>
        <source>Does not see the need to pay</source>
        <translation>认为不必缴费</translation>
    </message>
    <message>
        <source>Old dispute / building quality</source>
        <translation>历史遗留 / 房屋质量</translation>
    </message>
    <message>
        <source>Burglary</source>
        <translation>被盗</translation>
    </message>
    <message>
        <source>Waiting for a repair</source>
        <translation>等待维修</translation>
    </message>
    <message>
        <source>Refuses on purpose</source>
        <translation>恶意拒缴</translation>
    </message>
    <message>
        <source>Vacant flat</source>
        <translation>房屋空置</translation>
    </message>
    <message>
        <source>Cannot be reached</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1个月</translation>
    </message>
    <message>
        <source>2 months</source>
        <translation>2个月</translation>
    </message>
    <message>
        <source>3 months</source>
        <translation>3个月</translation>
    </message>
    <message>
        <source>3–6 months</source>
        <translation>3–6个月</translation>
    </message>
    <message>
        <source>6–12 months</source>
        <translation>6–12个月</translation>
    </message>
    <message>
        <source>1–2 years</source>
        <translation>1–2年</translation>
    </message>
    <message>
        <source>2–3 years</source>
        <translation>2–3年</translation>
    </message>
    <message>
        <source>Over 3 years</source>
        <translation>3年以上</translation>
    </message>
    <message>
        <source>Estate</source>
        <extracomment>Bucket columns in the order of ``services.arrears.BUCKETS``.</extracomment>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Total arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>欠费月数</translation>
    </message>
    <message>
        <source>Oldest unpaid</source>
        <translation>最早欠费</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收专员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Promised date</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Arrears overdue by this long</source>
        <translation>按欠费时长分列的金额</translation>
    </message>
    <message>
        <source>No case</source>
        <translation>未立案</translation>
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
    <name>ledger</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card (POS)</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Direct debit</source>
        <translation>托收</translation>
    </message>
    <message>
        <source>Prepaid credit</source>
        <translation>预存余额</translation>
    </message>
    <message>
        <source>Imported history</source>
        <translation>历史导入</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>准备</translation>
    </message>
    <message>
        <source>Friendly reminder</source>
        <translation>温馨提醒</translation>
    </message>
    <message>
        <source>Phone collection</source>
        <translation>电话催缴</translation>
    </message>
    <message>
        <source>Written notice</source>
        <translation>书面催缴</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门拜访</translation>
    </message>
    <message>
        <source>Public board</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Owners&apos; committee</source>
        <translation>业委会协调</translation>
    </message>
    <message>
        <source>Lawyer letter</source>
        <translation>律师函</translation>
    </message>
    <message>
        <source>Lawsuit</source>
        <translation>诉讼</translation>
    </message>
    <message>
        <source>Write-off</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>Residential</source>
        <translation>住宅</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商铺</translation>
    </message>
    <message>
        <source>Parking space</source>
        <translation>车位</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>物业服务中心</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>已入住</translation>
    </message>
    <message>
        <source>Decorating</source>
        <translation>装修中</translation>
    </message>
    <message>
        <source>Vacant</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>Rented out</source>
        <translation>出租</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Part paid</source>
        <translation>部分缴纳</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Instalments</source>
        <translation>分期</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>缓缴</translation>
    </message>
    <message>
        <source>Service issue</source>
        <translation>服务问题</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1个月</translation>
    </message>
    <message>
        <source>2 months</source>
        <translation>2个月</translation>
    </message>
    <message>
        <source>3 months</source>
        <translation>3个月</translation>
    </message>
    <message>
        <source>3–6 months</source>
        <translation>3–6个月</translation>
    </message>
    <message>
        <source>6–12 months</source>
        <translation>6–12个月</translation>
    </message>
    <message>
        <source>1–2 years</source>
        <translation>1–2年</translation>
    </message>
    <message>
        <source>2–3 years</source>
        <translation>2–3年</translation>
    </message>
    <message>
        <source>over 3 years</source>
        <translation>3年以上</translation>
    </message>
    <message>
        <source>Period</source>
        <extracomment>Cell colours: background, text.</extracomment>
        <translation>账期</translation>
    </message>
    <message>
        <source>owes {amount}</source>
        <translation>应缴 {amount}</translation>
    </message>
    <message>
        <source>Billed: {amount}</source>
        <translation>应收：{amount}</translation>
    </message>
    <message>
        <source>Basis: {note}</source>
        <translation>计费依据：{note}</translation>
    </message>
    <message>
        <source>Discount: {amount}</source>
        <translation>优惠：{amount}</translation>
    </message>
    <message>
        <source>Waived: {amount}</source>
        <translation>减免：{amount}</translation>
    </message>
    <message>
        <source>Paid: {amount}</source>
        <translation>已缴：{amount}</translation>
    </message>
    <message>
        <source>Still owed: {amount}</source>
        <translation>应缴：{amount}</translation>
    </message>
    <message>
        <source>Due date: {date}</source>
        <translation>到期日：{date}</translation>
    </message>
    <message>
        <source>Late fee due: {amount}</source>
        <translation>应缴滞纳金：{amount}</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>收据号</translation>
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
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>缴款人</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>reverses {no}</source>
        <translation>冲正 {no}</translation>
    </message>
    <message>
        <source>reversed by {no}</source>
        <translation>已被 {no} 冲正</translation>
    </message>
    <message>
        <source>Fee item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Late fee due</source>
        <translation>应缴滞纳金</translation>
    </message>
    <message>
        <source>This payment</source>
        <translation>本次缴纳</translation>
    </message>
    <message>
        <source>Late fee paid</source>
        <translation>已缴滞纳金</translation>
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
        <source>Your sign-in has ended (signed out, locked or replaced). Please sign in again.</source>
        <translation>您的登录已结束（已退出、已锁屏或在别处重新登录），请重新登录。</translation>
    </message>
    <message>
        <source>This database has user accounts: name one with --user NAME and give its password (the anonymous command line works only on a local SQLite file).</source>
        <translation>此数据库已有用户账号：请用 --user 用户名 指定一个并提供其密码（不登录的命令行只能用于本机的 SQLite 文件）。</translation>
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
        <source>The file {file} cannot be read: {reason}</source>
        <translation>无法读取文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>No header row was found for {kinds}: name the columns (e.g. 房号, 业主, 面积) and try again.</source>
        <translation>未找到{kinds}的表头行：请给各列加上列名（如 房号、业主、面积）后重试。</translation>
    </message>
    <message>
        <source>There is no estate named {name}.</source>
        <translation>没有名为 {name} 的小区。</translation>
    </message>
    <message>
        <source>Choose the estate to import into: {estates}.</source>
        <translation>请选择要导入的小区：{estates}。</translation>
    </message>
    <message>
        <source>Choose the estate to export: {estates}.</source>
        <translation>请选择要导出的小区：{estates}。</translation>
    </message>
    <message>
        <source>There are no rooms yet: import the rooms and owners first.</source>
        <translation>还没有房屋：请先导入房屋和业主。</translation>
    </message>
    <message>
        <source>{count} rows were rejected, so nothing was imported. Fix them, or import only the valid rows.</source>
        <translation>有 {count} 行被拒绝，因此没有导入任何数据。请修改后重试，或只导入有效的行。</translation>
    </message>
    <message>
        <source>The column mapping cannot be used: {problems}</source>
        <translation>列对应关系无法使用：{problems}</translation>
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
        <source>No Chinese TrueType font was found on this computer, so the PDF cannot be written. Install Microsoft YaHei, SimHei or WenQuanYi Micro Hei. Fonts tried: {tried}</source>
        <translation>本机未找到中文 TrueType 字体，无法生成PDF。请安装微软雅黑、黑体或文泉驿微米黑。已尝试的字体：{tried}</translation>
    </message>
    <message>
        <source>Unknown receipt paper size: {paper}</source>
        <translation>未知的收据纸张规格：{paper}</translation>
    </message>
    <message>
        <source>Unknown setting: {field}</source>
        <translation>未知的设置项：{field}</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not an e-mail address.</source>
        <translation>“{text}”不是有效的电子邮箱地址。</translation>
    </message>
    <message>
        <source>Enter the contact or remove the line.</source>
        <translation>请填写联系方式，或删除这一行。</translation>
    </message>
    <message>
        <source>An ID card number has 18 characters (digits, the last may be X).</source>
        <translation>身份证号为18位（数字，最后一位可为X）。</translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>This person no longer exists.</source>
        <translation>此人已不存在。</translation>
    </message>
    <message>
        <source>Only one contact can be the main one.</source>
        <translation>只能有一个主号码。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a phone number: a mobile has 11 digits starting with 13–19, a landline starts with its area code (0571-81234567).</source>
        <translation>“{text}”不是有效的电话号码：手机号为以13–19开头的11位数字，座机须带区号（如 0571-81234567）。</translation>
    </message>
    <message>
        <source>Enter the phone number.</source>
        <translation>请填写电话号码。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not an area: enter square metres, e.g. 89.37.</source>
        <translation>“{text}”不是有效的面积：请填写平方米数，如 89.37。</translation>
    </message>
    <message>
        <source>The area must be more than zero.</source>
        <translation>面积必须大于零。</translation>
    </message>
    <message>
        <source>Enter the floor area in square metres.</source>
        <translation>请填写建筑面积（平方米）。</translation>
    </message>
    <message>
        <source>This area is too large: check the number.</source>
        <translation>面积过大，请核对。</translation>
    </message>
    <message>
        <source>Areas have at most two decimal places.</source>
        <translation>面积最多保留两位小数。</translation>
    </message>
    <message>
        <source>Enter the building.</source>
        <translation>请填写楼栋。</translation>
    </message>
    <message>
        <source>Room {code} already exists in this estate.</source>
        <translation>本小区已有房屋 {code}。</translation>
    </message>
    <message>
        <source>Choose the estate.</source>
        <translation>请选择小区。</translation>
    </message>
    <message>
        <source>Enter the room number.</source>
        <translation>请填写房号。</translation>
    </message>
    <message>
        <source>The current tenancy started on {start}: the change must be after that day.</source>
        <translation>当前租期始于 {start}：变更日期必须晚于该日。</translation>
    </message>
    <message>
        <source>This room has no current tenant.</source>
        <translation>该房屋当前没有租户。</translation>
    </message>
    <message>
        <source>Enter the date the new tenant moves in.</source>
        <translation>请填写新租户的入住日期。</translation>
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
    <name>rooms</name>
    <message>
        <source>Occupied</source>
        <translation>已入住</translation>
    </message>
    <message>
        <source>Being decorated</source>
        <translation>装修中</translation>
    </message>
    <message>
        <source>Vacant</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>Rented out</source>
        <translation>出租</translation>
    </message>
    <message>
        <source>Residential</source>
        <translation>住宅</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商铺</translation>
    </message>
    <message>
        <source>Parking space</source>
        <translation>车位</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>物业服务中心</translation>
    </message>
    <message>
        <source>Lives there</source>
        <translation>自住</translation>
    </message>
    <message>
        <source>Investor</source>
        <translation>投资</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>座机</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Registered letter</source>
        <translation>挂号信</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门拜访</translation>
    </message>
    <message>
        <source>Written notice</source>
        <translation>书面催缴</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Area (㎡)</source>
        <translation>面积（㎡）</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>入住状态</translation>
    </message>
    <message>
        <source>Owner type</source>
        <translation>业主类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
</context>
<context>
    <name>search</name>
    <message>
        <source>Room</source>
        <translation>房号</translation>
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
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>no arrears</source>
        <translation>无欠费</translation>
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
