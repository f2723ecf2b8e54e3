<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgeingChart</name>
    <message>
        <source>Arrears by age</source>
        <translation>账龄分布（期末欠费）</translation>
    </message>
    <message>
        <source>Nothing is unpaid.</source>
        <translation>没有未缴费用。</translation>
    </message>
    <message>
        <source>{age}: {amount}, {n} rooms</source>
        <translation>{age}：{amount}，{n} 户</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>Booking call</source>
        <translation>预约电话</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>号码(&amp;N)</translation>
    </message>
    <message>
        <source>Nobody answered</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>&amp;Who answered</source>
        <translation>接听人(&amp;W)</translation>
    </message>
    <message>
        <source>The owner &amp;confirmed the day and time</source>
        <translation>业主已确认日期和时间(&amp;C)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>The call is kept in the room&apos;s contact history; a confirmed visit is reminded of in the worklist on the day before.</source>
        <translation>这通电话记入该房屋的联系记录；已确认的上门会在前一天出现在工作台的提醒中。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>(no number on file)</source>
        <translation>（未登记号码）</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Save anyway? The override is recorded with the call.</source>
        <translation>仍要保存吗？此次例外将随通话记录一并登记。</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
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
        <source>Notices…</source>
        <translation>打印通知…</translation>
    </message>
    <message>
        <source>List the written notices for the rooms shown, on the notices page</source>
        <translation>在“通知与公示”页为所列房屋列出书面催缴通知</translation>
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
        <source>Open room ledger</source>
        <translation>打开分户账</translation>
    </message>
    <message>
        <source>Collection case (F7)</source>
        <translation>催缴案件(F7)</translation>
    </message>
    <message>
        <source>Plan a home visit…</source>
        <translation>安排上门…</translation>
    </message>
    <message>
        <source>Copied {number} ({room})</source>
        <translation>已复制 {number}（{room}）</translation>
    </message>
    <message>
        <source>filtered</source>
        <translation>已筛选</translation>
    </message>
    <message>
        <source>all rooms in arrears</source>
        <translation>全部欠费房屋</translation>
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
    <name>AuditLog</name>
    <message>
        <source>Payments and reversals</source>
        <extracomment>Groups of actions for the &quot;what&quot; filter (prefix → label).</extracomment>
        <translation>收款与冲正</translation>
    </message>
    <message>
        <source>Late fees and waivers</source>
        <translation>滞纳金与减免</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房屋</translation>
    </message>
    <message>
        <source>Owners and tenants</source>
        <translation>业主与租户</translation>
    </message>
    <message>
        <source>Phone numbers shown</source>
        <translation>查看完整号码</translation>
    </message>
    <message>
        <source>Sign-ins and users</source>
        <translation>登录与用户</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Office details</source>
        <translation>服务中心信息</translation>
    </message>
    <message>
        <source>Collection ladder</source>
        <translation>催缴流程</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>payment taken</source>
        <extracomment>Words for the actions (others show their code).</extracomment>
        <translation>收款</translation>
    </message>
    <message>
        <source>payment reversed</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>late fee waived</source>
        <translation>减免滞纳金</translation>
    </message>
    <message>
        <source>late fees recomputed</source>
        <translation>重算滞纳金</translation>
    </message>
    <message>
        <source>room added</source>
        <translation>新增房屋</translation>
    </message>
    <message>
        <source>room changed</source>
        <translation>修改房屋</translation>
    </message>
    <message>
        <source>person linked to room</source>
        <translation>关联住户</translation>
    </message>
    <message>
        <source>tenancy ended</source>
        <translation>结束租约</translation>
    </message>
    <message>
        <source>tenant changed</source>
        <translation>更换租户</translation>
    </message>
    <message>
        <source>person added</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>person changed</source>
        <translation>修改人员</translation>
    </message>
    <message>
        <source>full phone number shown</source>
        <translation>查看完整号码</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>screen unlocked</source>
        <translation>解锁屏幕</translation>
    </message>
    <message>
        <source>user added</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>first administrator created</source>
        <translation>创建首位管理员</translation>
    </message>
    <message>
        <source>own password changed</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>role changed</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>user disabled</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>user enabled</source>
        <translation>启用用户</translation>
    </message>
    <message>
        <source>office details changed</source>
        <translation>修改了服务中心信息</translation>
    </message>
    <message>
        <source>office picture changed</source>
        <translation>更换服务中心图片</translation>
    </message>
    <message>
        <source>office picture removed</source>
        <translation>移除服务中心图片</translation>
    </message>
    <message>
        <source>audit log exported</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>database upgraded</source>
        <translation>升级数据库</translation>
    </message>
    <message>
        <source>demo data created</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房屋</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditSection</name>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Room, e.g. 3-2-1502</source>
        <translation>房号，如 3-2-1502</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>操作人：</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>‹ Newer</source>
        <translation>‹ 较新</translation>
    </message>
    <message>
        <source>Older ›</source>
        <translation>较早 ›</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>Check that no row of the log was changed, deleted or inserted</source>
        <translation>检查日志中是否有记录被改动、删除或插入</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>{first}–{last} of {total}</source>
        <translation>{first}–{last}，共 {total} 条</translation>
    </message>
    <message>
        <source>Audit entry {n}</source>
        <translation>审计记录 {n}</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作代码</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房屋</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>{n} entries, exported {day}</source>
        <translation>共 {n} 条，导出于 {day}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>正在导出审计日志…</translation>
    </message>
    <message>
        <source>Verifying the audit log…</source>
        <translation>正在校验审计日志…</translation>
    </message>
    <message>
        <source>The audit log is intact: {n} entries, no broken link.
Last entry: no. {seq}, hash {hash}</source>
        <translation>审计日志完好：共 {n} 条，哈希链无断开。
链尾：第 {seq} 条，哈希 {hash}</translation>
    </message>
    <message>
        <source>entry {seq} was changed after it was written</source>
        <translation>第 {seq} 条记录写入后被改动过</translation>
    </message>
    <message>
        <source>entries from no. {expected} were deleted (the next one is no. {seq})</source>
        <translation>第 {expected} 条起的记录被删除了（下一条是第 {seq} 条）</translation>
    </message>
    <message>
        <source>entry {seq} does not follow the one before it (that one was replaced, or this one inserted)</source>
        <translation>第 {seq} 条与前一条接不上（前一条被改写或替换，或此条是插入的）</translation>
    </message>
    <message>
        <source>The audit log was tampered with: {what}.
{n} entries before it are intact.</source>
        <translation>审计日志被篡改：{what}。
此前的 {n} 条完好。</translation>
    </message>
</context>
<context>
    <name>BatchTab</name>
    <message>
        <source>at least </source>
        <translation>至少 </translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>any arrears</source>
        <translation>不限月数</translation>
    </message>
    <message>
        <source>Next notice of each room</source>
        <translation>每户发其下一次通知</translation>
    </message>
    <message>
        <source>Notice no. {n} for every room</source>
        <translation>每户都发第{n}次通知</translation>
    </message>
    <message>
        <source>A4, one notice a page</source>
        <translation>A4，每页一份</translation>
    </message>
    <message>
        <source>A5, two notices on an A4 sheet</source>
        <translation>A5，每张 A4 两份</translation>
    </message>
    <message>
        <source>List notices (F5)</source>
        <translation>列出通知 (F5)</translation>
    </message>
    <message>
        <source>Use the filters instead</source>
        <translation>改用筛选条件</translation>
    </message>
    <message>
        <source>Choose the rooms, then list the notices (F5).</source>
        <translation>选择房屋范围，然后列出通知（F5）。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Show the notices as they will print (numbers are given when issued)</source>
        <translation>按打印效果预览通知（发出时才编号）</translation>
    </message>
    <message>
        <source>Issue and print…</source>
        <translation>发出并打印…</translation>
    </message>
    <message>
        <source>Choose the printer, then record the notices with their numbers and print them (Ctrl+P)</source>
        <translation>选择打印机后登记通知编号并打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>Issue and save PDF…</source>
        <translation>发出并保存 PDF…</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>Any collector</source>
        <translation>全部催收员</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>全部阶段</translation>
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
        <source>The choice changed: list the notices again (F5).</source>
        <translation>范围已改变：请重新列出通知（F5）。</translation>
    </message>
    <message>
        <source>{n} rooms carried over from the arrears list</source>
        <translation>已从欠费列表带入 {n} 户</translation>
    </message>
    <message>
        <source>Listing…</source>
        <translation>正在列出…</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{n} × no. {level}</source>
        <translation>第{level}次 {n} 份</translation>
    </message>
    <message>
        <source>{n} notices ({levels}), total {amount}</source>
        <translation>共 {n} 份通知（{levels}），合计 {amount}</translation>
    </message>
    <message>
        <source>No room of this choice gets a notice now.</source>
        <translation>所选范围内目前没有需要发通知的房屋。</translation>
    </message>
    <message>
        <source> … and {n} more</source>
        <translation>…… 另有 {n} 户</translation>
    </message>
    <message>
        <source>Left out ({n}): {rooms}</source>
        <translation>未发（{n} 户）：{rooms}</translation>
    </message>
    <message>
        <source>notices-preview-{n}.pdf</source>
        <translation>催缴通知预览-{n}.pdf</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Preview cancelled.</source>
        <translation>已取消预览。</translation>
    </message>
    <message>
        <source>Preview: the notices get their numbers when they are issued.</source>
        <translation>预览：通知在发出时才取得编号。</translation>
    </message>
    <message>
        <source>Issue notices</source>
        <translation>发出通知</translation>
    </message>
    <message>
        <source>Record {n} notices with their numbers and the date {date}? Each room&apos;s notice then counts as sent; record its delivery when it has reached the owner.</source>
        <translation>登记 {n} 份通知（编号并以 {date} 为通知日期）？登记后视为已发出；送达业主后请在“送达登记”中登记送达。</translation>
    </message>
    <message>
        <source>Print notices</source>
        <translation>打印催缴通知</translation>
    </message>
    <message>
        <source>Save notices</source>
        <translation>保存催缴通知</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Issuing…</source>
        <translation>正在发出…</translation>
    </message>
    <message>
        <source>Issued {n} notices, numbers {first} to {last}. PDF: {path}</source>
        <translation>已发出 {n} 份通知，编号 {first} 至 {last}。PDF：{path}</translation>
    </message>
    <message>
        <source>Printing did not finish: print the saved PDF again from its folder.</source>
        <translation>打印未完成：请从保存的 PDF 文件重新打印。</translation>
    </message>
    <message>
        <source>Cancelled: no notice was recorded.</source>
        <translation>已取消：没有登记任何通知。</translation>
    </message>
    <message>
        <source>Issuing notices…</source>
        <translation>正在发出催缴通知…</translation>
    </message>
</context>
<context>
    <name>BillAdjustDialog</name>
    <message>
        <source>Change bill amount</source>
        <translation>调整账单金额</translation>
    </message>
    <message>
        <source>The bill keeps its history: the old amount, the new one, the reason and who changed it are recorded. The amount cannot go below what was already paid, discounted or waived on the bill.</source>
        <translation>账单保留历史：原金额、新金额、原因和调整人都会记录。金额不能低于该账单已缴、已优惠或已减免的部分。</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Amount now</source>
        <translation>现金额</translation>
    </message>
    <message>
        <source>paid {paid}, discount {discount}, waived {waived}</source>
        <translation>已缴 {paid}，优惠 {discount}，减免 {waived}</translation>
    </message>
    <message>
        <source>On the bill</source>
        <translation>账单上已有</translation>
    </message>
    <message>
        <source>New &amp;amount (yuan)</source>
        <translation>新金额（元）(&amp;A)</translation>
    </message>
    <message>
        <source>Why does the amount change? (required, e.g. area corrected)</source>
        <translation>为什么调整金额？（必填，如：面积更正）</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>BillingDialog</name>
    <message>
        <source>Generate bills</source>
        <translation>生成账单</translation>
    </message>
    <message>
        <source>Bills of a month for every room, from the fee standards in force on the month&apos;s first day. A room gets one bill per fee item and month: running a month again issues only what is missing. Prepaid credit pays the new bills right after.</source>
        <translation>按当月第一天有效的收费标准为每个房间生成一个月的账单。同一房间、收费项目和月份只生成一张：再次生成同一月份只会补上缺少的账单。生成后立即用预存款抵扣新账单。</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>账期(&amp;M)</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>&amp;Estate</source>
        <translation>小区(&amp;E)</translation>
    </message>
    <message>
        <source>day </source>
        <translation>每月 </translation>
    </message>
    <message>
        <source> of each month</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>&amp;Due by</source>
        <translation>缴费截止(&amp;D)</translation>
    </message>
    <message>
        <source>Press Preview to see what the run issues. Nothing is written yet.</source>
        <translation>按“预览”查看将生成的账单，此时不会写入任何数据。</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Count and total the bills of the month without writing anything (Enter)</source>
        <translation>统计本月将生成的账单数量和金额，不写入数据（回车）</translation>
    </message>
    <message>
        <source>&amp;Generate bills</source>
        <translation>生成账单(&amp;G)</translation>
    </message>
    <message>
        <source>Write the previewed bills and spend prepaid credit on them</source>
        <translation>写入预览中的账单，并用预存款抵扣</translation>
    </message>
    <message>
        <source>bills due {date}</source>
        <translation>应缴日期 {date}</translation>
    </message>
    <message>
        <source> (saved as the office&apos;s due day when the bills are generated)</source>
        <translation>（生成账单时保存为本单位的缴费截止日）</translation>
    </message>
    <message>
        <source>Working out the bills…</source>
        <translation>正在计算账单…</translation>
    </message>
    <message>
        <source>all estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>Issued {count} bills of {month} for {scope}: {net} to pay (billed {amount}, discounts {discount}), due {due}.</source>
        <translation>已为{scope}生成 {month} 账单 {count} 张：应缴 {net}（应收 {amount}，优惠减免 {discount}），应缴日期 {due}。</translation>
    </message>
    <message>
        <source>The run issues {count} bills of {month} for {scope}: {net} to pay (billed {amount}, discounts {discount}), due {due}.</source>
        <translation>将为{scope}生成 {month} 账单 {count} 张：应缴 {net}（应收 {amount}，优惠减免 {discount}），应缴日期 {due}。</translation>
    </message>
    <message>
        <source>Every bill of {month} for {scope} is already issued: there is nothing to generate.</source>
        <translation>{scope}的 {month} 账单已全部生成，无需再生成。</translation>
    </message>
    <message>
        <source>{count} bills of the month were issued before and stay as they are.</source>
        <translation>本月已有 {count} 张账单，保持不变。</translation>
    </message>
    <message>
        <source>Prepaid credit paid {amount} of them for {rooms} rooms.</source>
        <translation>其中 {amount} 已由 {rooms} 户的预存款抵扣。</translation>
    </message>
    <message>
        <source>Prepaid credit of {rooms} rooms will pay {amount} of them.</source>
        <translation>其中 {amount} 将由 {rooms} 户的预存款抵扣。</translation>
    </message>
    <message>
        <source>{count} × {why}</source>
        <translation>{count} 处{why}</translation>
    </message>
    <message>
        <source> (the first {n} are listed)</source>
        <translation>（下表列出前 {n} 处）</translation>
    </message>
    <message>
        <source>Not billed:</source>
        <translation>未计费：</translation>
    </message>
    <message>
        <source>Generating the bills of {month}…</source>
        <translation>正在生成 {month} 账单…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：没有写入任何数据。</translation>
    </message>
</context>
<context>
    <name>BoardPrivacySection</name>
    <message>
        <source>Public boards (arrears and thank-you lists) are posted inside the estate. By law (Personal Information Protection Law art. 25) personal information may not be made public without each person&apos;s separate consent, so by default a board shows only building, unit, a masked room number, the months and the amount.</source>
        <translation>公示（欠费公示与鸣谢榜）张贴在小区内。依据《个人信息保护法》第二十五条，未经本人单独同意不得公开个人信息，因此公示默认只显示楼栋、单元、遮蔽后的房号、月数和金额。</translation>
    </message>
    <message>
        <source>Show owner names, masked (e.g. {example})</source>
        <translation>显示遮蔽后的业主姓名（如 {example}）</translation>
    </message>
    <message>
        <source>Room digits shown:</source>
        <translation>房号显示前几位：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Only an administrator changes this policy.</source>
        <translation>只有管理员可以修改此规则。</translation>
    </message>
    <message>
        <source>Room 3-2-1502 shows as {masked}</source>
        <translation>房号 3-2-1502 显示为 {masked}</translation>
    </message>
    <message>
        <source>Show more on public boards?</source>
        <translation>公示中显示更多信息？</translation>
    </message>
    <message>
        <source>Personal Information Protection Law, art. 25: personal information may not be made public without the person&apos;s separate consent. Courts have found that posting an owner&apos;s name with the debt infringes their rights.</source>
        <translation>《个人信息保护法》第二十五条：个人信息处理者不得公开其处理的个人信息，取得个人单独同意的除外。已有法院判决认定公示业主姓名及欠费侵害其权益。</translation>
    </message>
    <message>
        <source>Continue only if every owner on the boards has agreed separately. The change is recorded with your name.</source>
        <translation>只有在公示涉及的每位业主都已单独同意时才能继续。此次修改将以您的名义记入审计日志。</translation>
    </message>
    <message>
        <source>Every owner agreed: show more</source>
        <translation>业主均已同意：显示更多</translation>
    </message>
    <message>
        <source>Saved. The next board printed follows this policy.</source>
        <translation>已保存。之后打印的公示将按此规则遮蔽。</translation>
    </message>
</context>
<context>
    <name>BoardsTab</name>
    <message>
        <source>Arrears board</source>
        <translation>欠费公示</translation>
    </message>
    <message>
        <source>Thank-you board</source>
        <translation>鸣谢榜</translation>
    </message>
    <message>
        <source>owing at least </source>
        <translation>欠费至少 </translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Data as of:</source>
        <translation>数据截至：</translation>
    </message>
    <message>
        <source>Paid in full for:</source>
        <translation>缴清月份：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Boards stay inside the estate. Rooms that paid since the data date drop off when the board is printed again. Every print is recorded with who printed which rooms.</source>
        <translation>公示只在本小区内张贴。数据截至日之后已缴清的房屋，重新打印时自动去掉。每次打印都记录打印人和所列房屋。</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Building {name}</source>
        <translation>{name}栋</translation>
    </message>
    <message>
        <source>owner names masked (e.g. 张**)</source>
        <translation>业主姓名遮蔽显示（如 张**）</translation>
    </message>
    <message>
        <source>no owner names</source>
        <translation>不显示业主姓名</translation>
    </message>
    <message>
        <source>Masking: {names}, no phones, room numbers keep their first {n} digits (e.g. {example}). Changed in Settings → Public boards.</source>
        <translation>遮蔽规则：{names}，不显示电话，房号只保留前 {n} 位（如 {example}）。在“设置 → 公示与隐私”中修改。</translation>
    </message>
    <message>
        <source>board-preview-{n}.pdf</source>
        <translation>公示预览-{n}.pdf</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Preview: {n} rooms. Nothing is recorded until you print or save.</source>
        <translation>预览：{n} 户。打印或保存时才记录。</translation>
    </message>
    <message>
        <source>Print board</source>
        <translation>打印公示</translation>
    </message>
    <message>
        <source>Save board</source>
        <translation>保存公示</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{n} rooms; the print is recorded in the audit log. {where}</source>
        <translation>共 {n} 户；本次打印已记入审计日志。{where}</translation>
    </message>
</context>
<context>
    <name>BuildingMapTab</name>
    <message>
        <source>&amp;Estate</source>
        <translation>小区(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Oldest arrears:</source>
        <translation>最早欠费：</translation>
    </message>
    <message>
        <source>None overdue</source>
        <translation>无逾期欠费</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>There are no rooms yet.</source>
        <translation>还没有房屋。</translation>
    </message>
    <message>
        <source>Building {name}</source>
        <translation>{name}栋</translation>
    </message>
    <message>
        <source>{rooms} rooms, {owing} owing {amount}</source>
        <translation>共 {rooms} 户，欠费 {owing} 户，合计 {amount}</translation>
    </message>
    <message>
        <source>Overdue arrears as of {date}. Click a room, or press Enter on it, to open its ledger.</source>
        <translation>逾期欠费截至 {date}。单击房号（或用方向键选中后按回车）打开房屋台账。</translation>
    </message>
    <message>
        <source>The building map could not be loaded: {error}</source>
        <translation>楼栋图无法加载：{error}</translation>
    </message>
</context>
<context>
    <name>BuildingMapView</name>
    <message>
        <source>Building map</source>
        <extracomment>A room that owes nothing overdue: the ledger&apos;s &quot;paid&quot; colours. Places on one line of a floor in one unit; more wrap onto further lines (car parks, rows of shops).</extracomment>
        <translation>楼栋图</translation>
    </message>
    <message>
        <source>{n}F</source>
        <translation>{n}层</translation>
    </message>
    <message>
        <source>Unit {unit}</source>
        <translation>{unit}单元</translation>
    </message>
    <message>
        <source>No overdue arrears</source>
        <translation>无逾期欠费</translation>
    </message>
    <message>
        <source>Arrears {amount}, oldest {age}</source>
        <translation>欠费 {amount}，最早逾期 {age}</translation>
    </message>
</context>
<context>
    <name>BuildingsChart</name>
    <message>
        <source>Arrears by building (end of month)</source>
        <translation>各楼栋期末欠费</translation>
    </message>
    <message>
        <source>Click a bar to see the building&apos;s map</source>
        <translation>单击柱条查看该楼栋的楼栋图</translation>
    </message>
    <message>
        <source>No building owes anything.</source>
        <translation>各楼栋均无欠费。</translation>
    </message>
    <message>
        <source> · {n} other buildings owe {amount}</source>
        <translation> · 其余 {n} 栋合计 {amount}</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>{building}: {amount}
Click to see its map</source>
        <translation>{building}：{amount}
单击查看楼栋图</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>Log a contact</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>联系方式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>号码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Who answered</source>
        <translation>接听人(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>结果(&amp;O)</translation>
    </message>
    <message>
        <source>— not asked —</source>
        <translation>— 未询问 —</translation>
    </message>
    <message>
        <source>&amp;Reason for arrears</source>
        <translation>欠费原因(&amp;R)</translation>
    </message>
    <message>
        <source>Promised &amp;date</source>
        <translation>承诺日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Signed in writing</source>
        <translation>书面签字(&amp;S)</translation>
    </message>
    <message>
        <source>Promised &amp;amount ¥</source>
        <translation>承诺金额 ¥(&amp;A)</translation>
    </message>
    <message>
        <source>Com&amp;plaint raised (opens a service issue)</source>
        <translation>提出投诉（登记服务问题）(&amp;P)</translation>
    </message>
    <message>
        <source>— what about —</source>
        <translation>— 问题类别 —</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>What the owner complains about</source>
        <translation>业主反映的问题</translation>
    </message>
    <message>
        <source>Complaint &amp;text</source>
        <translation>投诉内容(&amp;T)</translation>
    </message>
    <message>
        <source>Not&amp;e</source>
        <translation>备注(&amp;E)</translation>
    </message>
    <message>
        <source>Next &amp;follow-up</source>
        <translation>下次跟进(&amp;F)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>{estate} {room}  {owner}</source>
        <translation>{estate} {room}  {owner}</translation>
    </message>
    <message>
        <source>(no owner on file)</source>
        <translation>（未登记业主）</translation>
    </message>
    <message>
        <source>Overdue {amount}</source>
        <translation>逾期欠费 {amount}</translation>
    </message>
    <message>
        <source>{amount} in all</source>
        <translation>共欠 {amount}</translation>
    </message>
    <message>
        <source>Stage: {stage}</source>
        <translation>阶段：{stage}</translation>
    </message>
    <message>
        <source> ({collector})</source>
        <translation>（{collector}）</translation>
    </message>
    <message>
        <source>On hold until {date}</source>
        <translation>暂停催缴至 {date}</translation>
    </message>
    <message>
        <source>Last contact {date}: {outcome}</source>
        <translation>最近联系 {date}：{outcome}</translation>
    </message>
    <message>
        <source>{n} contacts in the last 7 days</source>
        <translation>近7天联系 {n} 次</translation>
    </message>
    <message>
        <source>Promise {date} {amount} ({state})</source>
        <translation>承诺 {date} {amount}（{state}）</translation>
    </message>
    <message>
        <source>  (marked wrong)</source>
        <translation>  （已标记错误）</translation>
    </message>
    <message>
        <source>The room could not be loaded</source>
        <translation>无法加载该房屋</translation>
    </message>
    <message>
        <source>It is {now}: the office does not contact owners between {start} and {end}.</source>
        <translation>现在是 {now}：本处规定 {start} 至 {end} 不联系业主。</translation>
    </message>
    <message>
        <source>This room was contacted {count} times in the last 7 days; the office&apos;s maximum is {maximum} a week.</source>
        <translation>该房屋近7天已联系 {count} 次，本处规定每周最多 {maximum} 次。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Save anyway? The override is recorded with the contact.</source>
        <translation>仍要保存吗？此次例外将随联系记录一并登记。</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
<context>
    <name>CancelVisitDialog</name>
    <message>
        <source>Cancel visit</source>
        <translation>取消上门</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Why the visit does not take place</source>
        <translation>上门为何取消</translation>
    </message>
    <message>
        <source>Cancel the &amp;visit</source>
        <translation>取消这次上门(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>Not cancelled: {error}</source>
        <translation>未取消：{error}</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Collection case</source>
        <translation>催缴案件</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Stage reached</source>
        <translation>已到阶段</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收专员</translation>
    </message>
    <message>
        <source>Room &amp;ledger</source>
        <translation>分户账(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Plan a home &amp;visit…</source>
        <translation>安排上门(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Mark a step done…</source>
        <translation>标记步骤已完成(&amp;M)…</translation>
    </message>
    <message>
        <source>For steps that leave no call, notice or visit behind: the public board, the owners&apos; committee, the lawsuit</source>
        <translation>用于没有通话、通知书或上门记录的步骤：欠费公示、业委会督促、起诉</translation>
    </message>
    <message>
        <source>Ladder</source>
        <translation>催缴流程</translation>
    </message>
    <message>
        <source>History</source>
        <translation>催缴历史</translation>
    </message>
    <message>
        <source>Instalment plans</source>
        <translation>分期计划</translation>
    </message>
    <message>
        <source>New &amp;instalment plan…</source>
        <translation>新建分期计划(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Approve plan</source>
        <translation>批准分期(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;ject plan…</source>
        <translation>驳回分期(&amp;J)…</translation>
    </message>
    <message>
        <source>Cancel plan…</source>
        <translation>取消分期…</translation>
    </message>
    <message>
        <source>Extensions and holds</source>
        <translation>延期与暂停催缴</translation>
    </message>
    <message>
        <source>Ask for an e&amp;xtension…</source>
        <translation>申请延期(&amp;X)…</translation>
    </message>
    <message>
        <source>Stop c&amp;ollection…</source>
        <translation>暂停催缴(&amp;O)…</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>批准(&amp;P)</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>End &amp;now</source>
        <translation>立即结束(&amp;N)</translation>
    </message>
    <message>
        <source>Instalments and holds</source>
        <translation>分期与暂停</translation>
    </message>
    <message>
        <source>New &amp;service issue…</source>
        <translation>新建服务问题(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Edit issue…</source>
        <translation>编辑问题(&amp;E)…</translation>
    </message>
    <message>
        <source>Service issues</source>
        <translation>问题跟进</translation>
    </message>
    <message>
        <source>No case</source>
        <translation>无案件</translation>
    </message>
    <message>
        <source>closed on {date}</source>
        <translation>已于{date}结案</translation>
    </message>
    <message>
        <source>Collection case {room}</source>
        <translation>催缴案件 {room}</translation>
    </message>
    <message>
        <source>{n} months overdue · opened {date}</source>
        <translation>欠费{n}个月 · {date}立案</translation>
    </message>
    <message>
        <source>done {date}</source>
        <translation>完成于{date}</translation>
    </message>
    <message>
        <source>waits until the debt reaches {amount} or {months} months</source>
        <translation>欠费达到{amount}或{months}个月后进行</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>{date}到期</translation>
    </message>
    <message>
        <source>{n} days late</source>
        <translation>逾期{n}天</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>On hold until {date}: the case is out of every work list.</source>
        <translation>暂停催缴至{date}：期间不进入任何工作清单。</translation>
    </message>
    <message>
        <source>Open service issues: {list}</source>
        <translation>未结服务问题：{list}</translation>
    </message>
    <message>
        <source>{n} request(s) wait for a manager&apos;s decision.</source>
        <translation>{n}项申请待主管审批。</translation>
    </message>
    <message>
        <source>Approve plan</source>
        <translation>批准分期</translation>
    </message>
    <message>
        <source>Approve {n} instalments of together {total}? The owner signs the plan today.</source>
        <translation>批准分{n}期、合计{total}的分期计划？业主今日签署。</translation>
    </message>
    <message>
        <source>Reject plan</source>
        <translation>驳回分期</translation>
    </message>
    <message>
        <source>Why is the plan rejected?</source>
        <translation>驳回理由：</translation>
    </message>
    <message>
        <source>Cancel plan</source>
        <translation>取消分期</translation>
    </message>
    <message>
        <source>Why is the plan ended?</source>
        <translation>取消理由：</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Why is the request rejected?</source>
        <translation>驳回理由：</translation>
    </message>
    <message>
        <source>End now</source>
        <translation>立即结束</translation>
    </message>
    <message>
        <source>Why does it end today (e.g. the leak is fixed)?</source>
        <translation>今日结束的原因（如：漏水已修好）：</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <source>Filter by collector</source>
        <translation>按催收专员筛选</translation>
    </message>
    <message>
        <source>Filter by building</source>
        <translation>按楼栋筛选</translation>
    </message>
    <message>
        <source>Filter by the stage reached</source>
        <translation>按已到阶段筛选</translation>
    </message>
    <message>
        <source>Due, waiting, on hold …</source>
        <translation>到期、等待、暂停……</translation>
    </message>
    <message>
        <source>Room or owner</source>
        <translation>房号或业主</translation>
    </message>
    <message>
        <source>Your cases (责任到人): only the cases you hold are listed.</source>
        <translation>我的案件（责任到人）：只列出由您负责的案件。</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>打开案件(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Update cases</source>
        <translation>更新案件(&amp;U)</translation>
    </message>
    <message>
        <source>Open cases for rooms that reached the threshold and close those that paid (also done every morning)</source>
        <translation>为达到立案标准的房间立案，已缴清的结案（每天早上也会自动进行）</translation>
    </message>
    <message>
        <source>&amp;Split among collectors…</source>
        <translation>分配案件(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>转交(&amp;R)…</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Waiting for a manager</source>
        <translation>待主管审批</translation>
    </message>
    <message>
        <source>Any collector</source>
        <translation>全部催收专员</translation>
    </message>
    <message>
        <source>Nobody assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>{n} cases · {amount} · {due} steps due ({late} late) · {held} on hold</source>
        <translation>{n}个案件 · {amount} · {due}个步骤到期（{late}个逾期）· {held}个暂停</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Open room ledger</source>
        <translation>打开分户账</translation>
    </message>
    <message>
        <source>Plan a home visit…</source>
        <translation>安排上门…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>转交…</translation>
    </message>
    <message>
        <source>{opened} cases opened, {closed} closed.</source>
        <translation>立案{opened}个，结案{closed}个。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own password before you continue (at least {n} characters).</source>
        <translation>您的密码是管理员设置的。继续之前请设置您自己的密码（至少 {n} 个字符）。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
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
    <name>CollectionPage</name>
    <message>
        <source>Collection log</source>
        <translation>催缴记录</translation>
    </message>
    <message>
        <source>Log a contact (F6)</source>
        <translation>记录联系（F6）</translation>
    </message>
    <message>
        <source>Contact log</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Promises to pay</source>
        <translation>承诺缴费</translation>
    </message>
</context>
<context>
    <name>CollectorsChart</name>
    <message>
        <source>Collectors: recovered this month</source>
        <translation>催收业绩：本月追回金额</translation>
    </message>
    <message>
        <source>No collector recovered anything this month.</source>
        <translation>本月没有催收员追回欠费。</translation>
    </message>
    <message>
        <source>{name} ({n} cleared)</source>
        <translation>{name}（清欠 {n} 户）</translation>
    </message>
    <message>
        <source>{name}: recovered {amount}, {cleared} rooms cleared
{calls} calls, {visits} visits, {notices} notices; promises {made} made, {kept} kept, {broken} broken</source>
        <translation>{name}：追回 {amount}，清欠 {cleared} 户
电话 {calls} 次，上门 {visits} 次，通知 {notices} 份；承诺 {made} 次，兑现 {kept} 次，违约 {broken} 次</translation>
    </message>
    <message>
        <source> · {n} recovered nothing</source>
        <translation> · {n} 人本月无追回</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>追回</translation>
    </message>
</context>
<context>
    <name>ContactLogTab</name>
    <message>
        <source>&amp;From</source>
        <translation>日期(&amp;F)</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>全部人员</translation>
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
        <source>Any channel</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>Room or owner</source>
        <translation>房号或业主</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>第一页</translation>
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
        <translation>最后一页</translation>
    </message>
    <message>
        <source>Building {name}</source>
        <translation>{name}栋</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Page {page}/{pages}, {total} contacts</source>
        <translation>第 {page}/{pages} 页，共 {total} 条</translation>
    </message>
    <message>
        <source>The log could not be loaded: {error}</source>
        <translation>无法加载联系记录：{error}</translation>
    </message>
    <message>
        <source>Export the contact log to Excel</source>
        <translation>导出联系记录到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported {n} contacts to {path}</source>
        <translation>已导出 {n} 条联系记录到 {path}</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Exporting to Excel…</source>
        <translation>正在导出 Excel…</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>已取消导出：未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ContactRulesSection</name>
    <message>
        <source>Contacting owners</source>
        <translation>联系业主</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>休息时段(&amp;Q)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>&amp;Contacts per room per week at most</source>
        <translation>每户每周最多联系次数(&amp;C)</translation>
    </message>
    <message>
        <source>Calls, messages and visits in the quiet hours, or beyond the weekly maximum, ask for a confirmation before they are saved, and the confirmation is recorded with the contact. An owner who comes to the desk is never counted.</source>
        <translation>在休息时段内、或超过每周次数的电话、短信、微信和上门，保存前须确认，确认会随联系记录一并登记。业主到前台来访不计入次数。</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <source>yuan</source>
        <extracomment>Buildings drawn one by one in &quot;arrears by building&quot;; the rest are summed into one bar. Collectors drawn in the ranking. The units an amount axis is drawn in (its title, translated in the charts&apos; context).</extracomment>
        <translation>元</translation>
    </message>
    <message>
        <source>10,000 yuan</source>
        <translation>万元</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>All estates</source>
        <extracomment>Months the chooser offers, counting back from the current one.</extracomment>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Estate</source>
        <translation>小区(&amp;E)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Monthly report…</source>
        <translation>导出月报…</translation>
    </message>
    <message>
        <source>The monthly statistics workbook (Excel) of the month shown</source>
        <translation>导出所示月份的月度统计报表（Excel）</translation>
    </message>
    <message>
        <source>Close the month…</source>
        <translation>月结…</translation>
    </message>
    <message>
        <source>Month close: freeze the month&apos;s figures (every estate) as they are now; later payments dated in the month no longer change them</source>
        <translation>月结：按当前数据冻结本月各小区的统计数字，之后补录的本月缴款不再改变月报</translation>
    </message>
    <message>
        <source>Reopen the month…</source>
        <translation>撤销月结…</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Billed this month</source>
        <translation>当月应收</translation>
    </message>
    <message>
        <source>Collected this month</source>
        <translation>当月实收</translation>
    </message>
    <message>
        <source>Arrears recovered</source>
        <translation>欠费追回</translation>
    </message>
    <message>
        <source>Prepaid</source>
        <translation>预交</translation>
    </message>
    <message>
        <source>Opening arrears</source>
        <translation>历史欠费</translation>
    </message>
    <message>
        <source>Closing arrears</source>
        <translation>期末欠费</translation>
    </message>
    <message>
        <source>Rate (amount)</source>
        <translation>收缴率(金额)</translation>
    </message>
    <message>
        <source>Rate (households)</source>
        <translation>收缴率(户数)</translation>
    </message>
    <message>
        <source>Computing the statistics of {month}…</source>
        <translation>正在统计 {month}…</translation>
    </message>
    <message>
        <source>Figures of {month} as of {as_of}; computed at {when}.</source>
        <translation>{month} 的数据截至 {as_of}；统计于 {when}。</translation>
    </message>
    <message>
        <source>The statistics could not be computed: {error}</source>
        <translation>无法统计：{error}</translation>
    </message>
    <message>
        <source>Choose a month to see its figures.</source>
        <translation>请选择月份查看统计。</translation>
    </message>
    <message>
        <source>all estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>&lt;b&gt;{month}&lt;/b&gt;, {scope}: collection rate &lt;b&gt;{amount}&lt;/b&gt; by amount, &lt;b&gt;{households}&lt;/b&gt; by households ({paid} of {rooms} rooms); closing arrears &lt;b&gt;{closing}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{month}&lt;/b&gt;&#x3000;{scope}：收缴率（金额）&lt;b&gt;{amount}&lt;/b&gt;，收缴率（户数）&lt;b&gt;{households}&lt;/b&gt;（{rooms} 户中 {paid} 户缴清）；期末欠费 &lt;b&gt;{closing}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Month closed {when} by {who}</source>
        <translation>已月结：{when}（{who}）</translation>
    </message>
    <message>
        <source>{month} is not over yet</source>
        <translation>{month} 尚未结束</translation>
    </message>
    <message>
        <source>Close {month}</source>
        <translation>{month} 月结</translation>
    </message>
    <message>
        <source>Close {month} for every estate? Its figures are frozen as they are now: payments, reversals and adjustments dated in {month} that arrive later will not change its reports. It can be reopened with a reason.</source>
        <translation>对 {month} 全部小区进行月结？统计数字将按当前数据冻结：之后补录的日期在 {month} 内的缴款、冲正和调整不再改变其月报。月结后可注明原因撤销。</translation>
    </message>
    <message>
        <source>Closing {month}…</source>
        <translation>正在月结 {month}…</translation>
    </message>
    <message>
        <source>{month} is closed.</source>
        <translation>{month} 已月结。</translation>
    </message>
    <message>
        <source>{month} was reopened.</source>
        <translation>{month} 已撤销月结。</translation>
    </message>
    <message>
        <source>The month could not be closed: {error}</source>
        <translation>无法月结：{error}</translation>
    </message>
    <message>
        <source>Summary by estate</source>
        <translation>按小区汇总</translation>
    </message>
    <message>
        <source>Summary by building</source>
        <translation>按楼栋汇总</translation>
    </message>
    <message>
        <source>Double-click a building to see its map</source>
        <translation>双击楼栋查看楼栋图</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Export the monthly report</source>
        <translation>导出月报</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the monthly report of {month}…</source>
        <translation>正在生成 {month} 月报…</translation>
    </message>
    <message>
        <source>The monthly report was saved to {path}</source>
        <translation>月报已保存到 {path}</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>已取消导出，未写入文件。</translation>
    </message>
    <message>
        <source>Exporting the monthly report…</source>
        <translation>正在导出月报…</translation>
    </message>
</context>
<context>
    <name>DatabaseSection</name>
    <message>
        <source>Where the data is</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <source>In use now: {db}</source>
        <translation>当前使用：{db}</translation>
    </message>
    <message>
        <source>&amp;Embedded database on this computer (one desk)</source>
        <translation>本机内置数据库（单台电脑）(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server (several desks)</source>
        <translation>PostgreSQL 服务器（多台电脑）(&amp;P)</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.20 or office-server</source>
        <translation>例如 192.168.1.20 或 office-server</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring of this computer, never in a file. An SQLite file must stay on this computer&apos;s own disk: for several desks use a PostgreSQL server.</source>
        <translation>密码保存在本机的系统密钥环中，不会写入任何文件。SQLite 数据库文件必须放在本机硬盘上；多台电脑同时使用时请使用 PostgreSQL 服务器。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Save and &amp;connect</source>
        <translation>保存并连接(&amp;C)</translation>
    </message>
    <message>
        <source>Save and &amp;reconnect</source>
        <translation>保存并重新连接(&amp;R)</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Last backup:</source>
        <translation>最近备份：</translation>
    </message>
    <message>
        <source>Folder on this computer:</source>
        <translation>本机备份文件夹：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>&amp;Keep automatic backups for:</source>
        <translation>自动备份保留(&amp;K)：</translation>
    </message>
    <message>
        <source>A backup is made automatically on the first start of each day and before every upgrade of the database structure.</source>
        <translation>每天第一次启动程序时、以及每次升级数据库结构之前，都会自动备份。</translation>
    </message>
    <message>
        <source>Backups on this computer:</source>
        <translation>本机的备份：</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restore from another file…</source>
        <translation>从其他文件恢复…</translation>
    </message>
    <message>
        <source>saved in the system keyring</source>
        <translation>已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>no system keyring on this computer</source>
        <translation>本机没有可用的系统密钥环</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The database is empty: this program sets it up at the first start.</source>
        <translation>数据库是空的：程序会在第一次启动时建立数据结构。</translation>
    </message>
    <message>
        <source>The database will be upgraded (after a backup) at the next start.</source>
        <translation>下次启动时会先备份，再升级数据库结构。</translation>
    </message>
    <message>
        <source>The database is ready.</source>
        <translation>数据库可以使用。</translation>
    </message>
    <message>
        <source>The database was upgraded by a newer version of this program: install it first.</source>
        <translation>该数据库已被更新版本的程序升级：请先在本机安装新版本。</translation>
    </message>
    <message>
        <source>Connected to {server}. {state}</source>
        <translation>已连接到 {server}。{state}</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Saved. Reconnect now? Everyone on this computer signs in again.</source>
        <translation>已保存。现在重新连接吗？本机需要重新登录。</translation>
    </message>
    <message>
        <source>Saved: used from the next start.</source>
        <translation>已保存：下次启动时生效。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未备份</translation>
    </message>
    <message>
        <source>{when} on {host}: {path}</source>
        <translation>{when}，{host}：{path}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup saved to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Database backups (*.sqlite3 *.dump);;All files (*)</source>
        <translation>数据库备份 (*.sqlite3 *.dump);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace ALL data of the database with the backup
{path}?

The backup is checked first; the current data is backed up before it is replaced. Close the program on the other desks first.</source>
        <translation>用备份
{path}
替换数据库中的全部数据吗？

会先检查备份文件；替换前会先备份当前数据。请先关闭其他电脑上的程序。</translation>
    </message>
    <message>
        <source>The backup was restored and the books balance. The data before the restore was saved to {path}. Please sign in again.</source>
        <translation>备份已恢复，账目一致。恢复前的数据已备份到 {path}。请重新登录。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
</context>
<context>
    <name>DayEdit</name>
    <message>
        <source>20, 11-20 or +3</source>
        <translation>20、11-20 或 +3</translation>
    </message>
    <message>
        <source>20 = the coming 20th, 11-20 = 20 November, +3 = in 3 days, or 2026-11-20</source>
        <translation>20 = 最近的20号，11-20 = 11月20日，+3 = 3天后，或 2026-11-20</translation>
    </message>
    <message>
        <source>?</source>
        <translation>？</translation>
    </message>
</context>
<context>
    <name>DeliveryTab</name>
    <message>
        <source>Type or scan the notice number, then Enter</source>
        <extracomment>The choices of the form: (key, method, needs a family member).</extracomment>
        <translation>输入或扫描通知编号，按回车</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Notice number:</source>
        <translation>通知编号：</translation>
    </message>
    <message>
        <source>Scan the QR code on the receipt slip, or type the number printed on it.</source>
        <translation>扫描回执上的二维码，或输入回执上印的编号。</translation>
    </message>
    <message>
        <source>Signed for in person by the owner</source>
        <translation>业主本人当面签收</translation>
    </message>
    <message>
        <source>Signed for by an adult family member</source>
        <translation>同住成年家属代签</translation>
    </message>
    <message>
        <source>Registered letter (tracking number)</source>
        <translation>挂号信（邮件单号）</translation>
    </message>
    <message>
        <source>Express mail (tracking number)</source>
        <translation>快递 EMS（快递单号）</translation>
    </message>
    <message>
        <source>SMS (screenshot)</source>
        <translation>短信（截图）</translation>
    </message>
    <message>
        <source>WeChat (screenshot)</source>
        <translation>微信（截图）</translation>
    </message>
    <message>
        <source>E-mail (screenshot)</source>
        <translation>电子邮件（截图）</translation>
    </message>
    <message>
        <source>Left at the door (no proof of delivery)</source>
        <translation>张贴/塞门（不能证明送达）</translation>
    </message>
    <message>
        <source>No file</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Delivered:</source>
        <translation>送达方式：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>送达日期：</translation>
    </message>
    <message>
        <source>Received by:</source>
        <translation>签收人：</translation>
    </message>
    <message>
        <source>Relation to the owner:</source>
        <translation>与业主关系：</translation>
    </message>
    <message>
        <source>Tracking number:</source>
        <translation>单号：</translation>
    </message>
    <message>
        <source>Proof file:</source>
        <translation>证明文件：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Record delivery (Ctrl+Enter)</source>
        <translation>登记送达 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Recorded in this session:</source>
        <translation>本次已登记：</translation>
    </message>
    <message>
        <source>Name of the family member who signed</source>
        <translation>代签家属的姓名</translation>
    </message>
    <message>
        <source>The owner (leave empty)</source>
        <translation>业主本人（可不填）</translation>
    </message>
    <message>
        <source>Screenshot (required):</source>
        <translation>截图（必填）：</translation>
    </message>
    <message>
        <source>Proof: the slip signed by the owner. Attach a scan of it if you have one.</source>
        <translation>证据：业主签字的回执。如有扫描件请一并附上。</translation>
    </message>
    <message>
        <source>Proof: the slip signed by an adult family member living there; write their name.</source>
        <translation>证据：同住成年家属签字的回执；请填写其姓名。</translation>
    </message>
    <message>
        <source>Proof: the tracking number; attach the post office receipt if you have it.</source>
        <translation>证据：挂号信单号；如有邮局回执请一并附上。</translation>
    </message>
    <message>
        <source>Proof: the tracking number; attach the delivery record if you have it.</source>
        <translation>证据：快递单号；如有签收记录请一并附上。</translation>
    </message>
    <message>
        <source>Proof: a screenshot showing the message was sent to the owner&apos;s number.</source>
        <translation>证据：显示短信已发送到业主号码的截图。</translation>
    </message>
    <message>
        <source>Proof: a screenshot of the chat with the notice.</source>
        <translation>证据：含通知内容的微信聊天截图。</translation>
    </message>
    <message>
        <source>Proof: a screenshot or PDF of the sent e-mail.</source>
        <translation>证据：已发送邮件的截图或 PDF。</translation>
    </message>
    <message>
        <source>A notice left at the door does not prove that the owner received it: it will not restart the limitation period. Deliver it in person or by registered letter.</source>
        <translation>张贴或塞门不能证明业主已收到，不会中断诉讼时效。请当面送达或以挂号信寄送。</translation>
    </message>
    <message>
        <source>Proof file</source>
        <translation>证明文件</translation>
    </message>
    <message>
        <source>Pictures and PDF (*.jpg *.jpeg *.png *.pdf *.webp *.bmp *.heic)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.pdf *.webp *.bmp *.heic)</translation>
    </message>
    <message>
        <source>no. {n}</source>
        <translation>第{n}次</translation>
    </message>
    <message>
        <source>Issued {issued}, deadline {deadline}, meant to be: {way}</source>
        <translation>发出 {issued}，缴费期限 {deadline}，计划送达方式：{way}</translation>
    </message>
    <message>
        <source>Delivered with proof on {on} ({way}) to {who}.</source>
        <translation>已于 {on} 送达（{way}），签收人 {who}，有送达证据。</translation>
    </message>
    <message>
        <source>Left at the door on {on}: no proof yet.</source>
        <translation>已于 {on} 张贴/塞门：尚无送达证据。</translation>
    </message>
    <message>
        <source>This notice&apos;s delivery is already recorded with proof.</source>
        <translation>这份通知已登记送达并有证据。</translation>
    </message>
    <message>
        <source>with proof</source>
        <translation>有证据</translation>
    </message>
    <message>
        <source>no proof</source>
        <translation>无证据</translation>
    </message>
    <message>
        <source>Recorded: {serial} {room}, {way}, {on} ({proof}).</source>
        <translation>已登记：{serial} {room}，{way}，{on}（{proof}）。</translation>
    </message>
    <message>
        <source>Next notice: scan or type its number.</source>
        <translation>下一份：扫描或输入编号。</translation>
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
    <name>ExportsTab</name>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>CSV text (.csv)</source>
        <translation>CSV 文本（.csv）</translation>
    </message>
    <message>
        <source>Your role may not export personal data.</source>
        <translation>您的角色不能导出个人信息。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Contact log</source>
        <translation>催缴记录</translation>
    </message>
    <message>
        <source>Contacts from</source>
        <translation>联系日期</translation>
    </message>
    <message>
        <source>Logged by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Home visits</source>
        <translation>上门记录</translation>
    </message>
    <message>
        <source>Planned from</source>
        <translation>计划上门日期</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>上门人员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件格式</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any delivery</source>
        <translation>全部送达情况</translation>
    </message>
    <message>
        <source>Notices issued</source>
        <translation>通知发放记录</translation>
    </message>
    <message>
        <source>Issued from</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达情况</translation>
    </message>
    <message>
        <source>SMS batch file (for the office&apos;s SMS platform)</source>
        <translation>催缴短信批量文件（供本处短信平台导入）</translation>
    </message>
    <message>
        <source>at least </source>
        <translation>至少 </translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>any arrears</source>
        <translation>不限月数</translation>
    </message>
    <message>
        <source>Notice batch no. (optional)</source>
        <translation>通知批次号（可不填）</translation>
    </message>
    <message>
        <source>Pay by</source>
        <translation>缴费期限</translation>
    </message>
    <message>
        <source>Use the filters instead</source>
        <translation>改用筛选条件</translation>
    </message>
    <message>
        <source>Placeholders: {names}. The owner is named by surname only and the room&apos;s last digits are masked.</source>
        <translation>占位符：{names}。短信只称业主的姓氏，房号末两位隐去。</translation>
    </message>
    <message>
        <source>Export SMS file…</source>
        <translation>导出短信文件…</translation>
    </message>
    <message>
        <source>Save as the office&apos;s template</source>
        <translation>保存为本处模板</translation>
    </message>
    <message>
        <source>Every desk starts from this wording</source>
        <translation>各工作台都以此措辞为默认</translation>
    </message>
    <message>
        <source>Rooms that get no message are listed here after the export.</source>
        <translation>导出后，未发短信的房屋及原因列在这里。</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>短信模板</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>第一条短信预览</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>Any collector</source>
        <translation>全部催收员</translation>
    </message>
    <message>
        <source>{estate}Building {name}</source>
        <translation>{estate}{name}栋</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>{n} rooms carried over from the arrears list</source>
        <translation>已从欠费列表带入 {n} 户</translation>
    </message>
    <message>
        <source>{chars} characters · {n} SMS</source>
        <translation>{chars} 字 · {n} 条短信</translation>
    </message>
    <message>
        <source>(over {limit} characters: billed as {n} messages)</source>
        <translation>（超过 {limit} 字：按 {n} 条计费）</translation>
    </message>
    <message>
        <source>{n} rooms chosen</source>
        <translation>已选 {n} 户</translation>
    </message>
    <message>
        <source>No room chosen: an example is shown</source>
        <translation>未选中房屋：显示示例</translation>
    </message>
    <message>
        <source>The office&apos;s SMS template was saved.</source>
        <translation>本处的短信模板已保存。</translation>
    </message>
    <message>
        <source>CSV text (*.csv)</source>
        <translation>CSV 文本 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the contact log</source>
        <translation>导出催缴记录</translation>
    </message>
    <message>
        <source>Export the home visits</source>
        <translation>导出上门记录</translation>
    </message>
    <message>
        <source>Export the notices issued</source>
        <translation>导出通知发放记录</translation>
    </message>
    <message>
        <source>Export the SMS batch file</source>
        <translation>导出催缴短信文件</translation>
    </message>
    <message>
        <source>SMS batch</source>
        <translation>催缴短信</translation>
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
        <source>Exporting the contact log…</source>
        <translation>正在导出催缴记录…</translation>
    </message>
    <message>
        <source>Exported {n} contacts to {path}</source>
        <translation>已导出 {n} 条联系记录到 {path}</translation>
    </message>
    <message>
        <source>Exporting the home visits…</source>
        <translation>正在导出上门记录…</translation>
    </message>
    <message>
        <source>Exported {n} visits to {path}</source>
        <translation>已导出 {n} 条上门记录到 {path}</translation>
    </message>
    <message>
        <source>Exporting the notices issued…</source>
        <translation>正在导出通知发放记录…</translation>
    </message>
    <message>
        <source>Exported {n} notices to {path}</source>
        <translation>已导出 {n} 份通知到 {path}</translation>
    </message>
    <message>
        <source>{room}: {reason}</source>
        <translation>{room}：{reason}</translation>
    </message>
    <message>
        <source>Wrote {n} messages ({segments} SMS to be billed) to {path}.</source>
        <translation>已写入短信 {n} 条（按 {segments} 条计费）到 {path}。</translation>
    </message>
    <message>
        <source>{n} rooms get no message (listed below).</source>
        <translation>{n} 户未发短信（见下方列表）。</translation>
    </message>
    <message>
        <source>It is now within the quiet hours {hours}: send the messages later.</source>
        <translation>现在是免打扰时段（{hours}），请稍后再发送。</translation>
    </message>
    <message>
        <source>Do not send during the quiet hours {hours}.</source>
        <translation>请勿在免打扰时段（{hours}）发送。</translation>
    </message>
    <message>
        <source>Writing the SMS batch file…</source>
        <translation>正在生成短信文件…</translation>
    </message>
</context>
<context>
    <name>FeeItemDialog</name>
    <message>
        <source>New fee item</source>
        <translation>新增收费项目</translation>
    </message>
    <message>
        <source>Edit fee item</source>
        <translation>编辑收费项目</translation>
    </message>
    <message>
        <source>e.g. 物业管理费</source>
        <translation>如 物业管理费</translation>
    </message>
    <message>
        <source>letters and digits, e.g. WYF</source>
        <translation>字母和数字，如 WYF</translation>
    </message>
    <message>
        <source>Payments settle the items of a month in this order</source>
        <translation>同一月份的多个项目，缴款按此顺序冲抵</translation>
    </message>
    <message>
        <source> (day of the month)</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>In use: bills are issued for this item</source>
        <translation>启用：为此项目出账</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>计费方式</translation>
    </message>
    <message>
        <source>Price unit</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Due each month on</source>
        <translation>每月缴费截止日</translation>
    </message>
</context>
<context>
    <name>FeeItemsModel</name>
    <message>
        <source>Fee item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>计费方式</translation>
    </message>
    <message>
        <source>Price unit</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Due day</source>
        <translation>缴费截止日</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>day {day}</source>
        <translation>每月{day}日</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不收</translation>
    </message>
    <message>
        <source>{rate} a day</source>
        <translation>日{rate}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FeeItemsPage</name>
    <message>
        <source>same name</source>
        <extracomment>How a word was matched, as the fee-items page says it.</extracomment>
        <translation>名称相同</translation>
    </message>
    <message>
        <source>the item&apos;s code</source>
        <translation>与项目编码相同</translation>
    </message>
    <message>
        <source>synonym, matched on its own</source>
        <translation>同义词，已自动对应</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>按所选对应</translation>
    </message>
    <message>
        <source>new item</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>no item has this name</source>
        <translation>没有此名称的收费项目</translation>
    </message>
    <message>
        <source>several items could be meant: choose one</source>
        <translation>可能对应多个项目：请选择一个</translation>
    </message>
    <message>
        <source>Fee items</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>The file names its fee items in its own words. Choose the item each word stands for; common synonyms (物业费 = 物业管理费) are matched on their own.</source>
        <translation>文件中的收费项目名称与系统不完全相同。请为每个名称选择对应的收费项目；常见同义词（物业费 = 物业管理费）已自动对应。</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>文件中的名称</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>应收合计</translation>
    </message>
    <message>
        <source>Stands for</source>
        <translation>对应到</translation>
    </message>
    <message>
        <source>New items are charged as their name suggests (物业费 by area, 水费 by meter, others a fixed amount a month); set their standards and late-fee terms afterwards in Settings → Fee items.</source>
        <translation>新建的项目按名称确定计费方式（物业费按面积，水费按表计量，其他按月固定金额）；导入后请在 设置 → 收费项目 中补充收费标准和滞纳金规则。</translation>
    </message>
    <message>
        <source>Only a manager can create fee items: map each word to an existing item, or leave its rows out.</source>
        <translation>只有主管可以新建收费项目：请把每个名称对应到已有项目，或不导入这些行。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>{name} (not in use)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>New fee item “{name}”</source>
        <translation>新建收费项目“{name}”</translation>
    </message>
    <message>
        <source>Leave these rows out</source>
        <translation>不导入这些行</translation>
    </message>
    <message>
        <source>new item, {basis}</source>
        <translation>新建项目，{basis}</translation>
    </message>
    <message>
        <source>its rows are not imported</source>
        <translation>这些行不导入</translation>
    </message>
</context>
<context>
    <name>FeeItemsSection</name>
    <message>
        <source>What the office charges: each fee item, its standards per estate and usage from a date (the billing run uses the one in force on a month&apos;s first day), and its late-fee terms from the service contract.</source>
        <translation>本处收取的费用：每个收费项目、按小区和用途自某日起执行的收费标准（出账时使用当月1日有效的标准），以及物业服务合同约定的滞纳金规则。</translation>
    </message>
    <message>
        <source>Only a manager can change fee items, standards and late-fee terms.</source>
        <translation>只有主管可以修改收费项目、收费标准和滞纳金规则。</translation>
    </message>
    <message>
        <source>&amp;New item…</source>
        <translation>新增项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit item…</source>
        <translation>编辑项目(&amp;E)…</translation>
    </message>
    <message>
        <source>Delete item</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>New &amp;standard…</source>
        <translation>新增标准(&amp;S)…</translation>
    </message>
    <message>
        <source>Edit standard…</source>
        <translation>编辑标准…</translation>
    </message>
    <message>
        <source>Delete standard</source>
        <translation>删除标准</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Late-fee terms</source>
        <translation>滞纳金规则</translation>
    </message>
    <message>
        <source>&amp;Late-fee terms…</source>
        <translation>滞纳金规则(&amp;L)…</translation>
    </message>
    <message>
        <source>No late fee</source>
        <translation>不收滞纳金</translation>
    </message>
    <message>
        <source>No fee items yet: add one, or import a bills file with --create-fee-items.</source>
        <translation>还没有收费项目：请新增，或导入应收账单时新建（命令行 --create-fee-items）。</translation>
    </message>
    <message>
        <source>Standards of {item}</source>
        <translation>{item} 的收费标准</translation>
    </message>
    <message>
        <source>Late-fee terms of {item}</source>
        <translation>{item} 的滞纳金规则</translation>
    </message>
    <message>
        <source>No late fee is charged on {item}.</source>
        <translation>{item} 不收滞纳金。</translation>
    </message>
    <message>
        <source>{rate} of the unpaid amount a day</source>
        <translation>每日按欠款的 {rate} 计收</translation>
    </message>
    <message>
        <source>after {days} days of grace</source>
        <translation>宽限 {days} 天后开始</translation>
    </message>
    <message>
        <source>from the day after the due date</source>
        <translation>自截止日次日起</translation>
    </message>
    <message>
        <source>never more than the principal</source>
        <translation>不超过本金</translation>
    </message>
    <message>
        <source>at most {pct} % of the principal</source>
        <translation>最多为本金的 {pct}%</translation>
    </message>
    <message>
        <source>only from written notice no. {level} on</source>
        <translation>自第 {level} 次书面催缴起计收</translation>
    </message>
    <message>
        <source> Basis: {clause}.</source>
        <translation>依据：{clause}。</translation>
    </message>
    <message>
        <source> Applies from {date}.</source>
        <translation>自 {date} 起执行。</translation>
    </message>
    <message>
        <source>Shared with {items}.</source>
        <translation>与 {items} 共用此规则。</translation>
    </message>
    <message>
        <source>Delete fee item</source>
        <translation>删除收费项目</translation>
    </message>
    <message>
        <source>Delete {item} and its standards? An item that has bills cannot be deleted; set it out of use instead.</source>
        <translation>删除 {item} 及其收费标准？已有账单的项目不能删除，可改为停用。</translation>
    </message>
    <message>
        <source>Delete the standard from {date}? Bills already issued keep their amounts.</source>
        <translation>删除自 {date} 起的收费标准？已出的账单金额不变。</translation>
    </message>
    <message>
        <source>Charge no late fee on {item} from now on? Late fees already assessed stay.</source>
        <translation>从现在起 {item} 不再收取滞纳金？已计算的滞纳金保留。</translation>
    </message>
</context>
<context>
    <name>FeeStandardDialog</name>
    <message>
        <source>New standard of {item}</source>
        <translation>新增 {item} 的收费标准</translation>
    </message>
    <message>
        <source>Edit standard of {item}</source>
        <translation>编辑 {item} 的收费标准</translation>
    </message>
    <message>
        <source>{item} is charged {basis}. The standard in force on the first day of a month bills that month; the one for an estate and usage wins over one for all.</source>
        <translation>{item} 的计费方式：{basis}。出账时使用当月1日有效的标准；指定小区和用途的标准优先于适用全部的标准。</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All usages</source>
        <translation>全部用途</translation>
    </message>
    <message>
        <source>yuan, e.g. 2.35 (0: free of charge)</source>
        <translation>元，如 2.35（0 表示免收）</translation>
    </message>
    <message>
        <source>Reduction for vacant rooms (空置), e.g. 30 %</source>
        <translation>空置房减免比例，如 30%</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>截止于</translation>
    </message>
    <message>
        <source>e.g. 业主大会表决调价</source>
        <translation>如 业主大会表决调价</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Vacancy discount</source>
        <translation>空置减免</translation>
    </message>
    <message>
        <source>Applies from</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FeeStandardsModel</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Vacancy discount</source>
        <translation>空置减免</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All usages</source>
        <translation>全部用途</translation>
    </message>
    <message>
        <source>free of charge</source>
        <translation>免收</translation>
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
    <name>ImageBox</name>
    <message>
        <source>Choose…</source>
        <extracomment>(key, attribute of OfficeDTO)</extracomment>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
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
    <name>IssueDialog</name>
    <message>
        <source>Service issue</source>
        <translation>服务问题</translation>
    </message>
    <message>
        <source>New service issue</source>
        <translation>新建服务问题</translation>
    </message>
    <message>
        <source>Room number, e.g. 3-2-1502</source>
        <translation>房号，如 3-2-1502</translation>
    </message>
    <message>
        <source>R&amp;oom</source>
        <translation>房号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Promised by</source>
        <translation>承诺处理日期(&amp;P)</translation>
    </message>
    <message>
        <source>Who fixes it, e.g. 工程部 王师傅</source>
        <translation>由谁处理，如 工程部 王师傅</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Handler</source>
        <translation>处理人(&amp;H)</translation>
    </message>
    <message>
        <source>Res&amp;ponsible</source>
        <translation>负责人(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Resolution</source>
        <translation>处理结果(&amp;R)</translation>
    </message>
    <message>
        <source>No such room.</source>
        <translation>没有这个房间。</translation>
    </message>
    <message>
        <source>Someone else changed this issue meanwhile. Close and open it again.</source>
        <translation>此问题已被他人修改，请关闭后重新打开。</translation>
    </message>
</context>
<context>
    <name>LadderSection</name>
    <message>
        <source>Each case climbs these steps in order; a step falls due its number of days after the previous one was done. Civil Code art. 944: collection may never cut or threaten to cut water, power, heating or gas, so such steps are refused.</source>
        <translation>每个案件按顺序逐步升级；上一步完成后经过设定天数，下一步到期。《民法典》第九百四十四条：催缴不得采取也不得威胁采取停止供水、供电、供热、供燃气等方式，此类步骤一律拒绝。</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+↑</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Alt+Down</source>
        <translation>Alt+↓</translation>
    </message>
    <message>
        <source>&amp;Add step…</source>
        <translation>新增步骤(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Switch &amp;on/off</source>
        <translation>启用/停用(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save ladder</source>
        <translation>保存流程(&amp;S)</translation>
    </message>
    <message>
        <source>Opening and splitting cases</source>
        <translation>立案与分配</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>By building</source>
        <translation>按楼栋</translation>
    </message>
    <message>
        <source>Balanced by amount</source>
        <translation>按金额均衡</translation>
    </message>
    <message>
        <source>Only cases nobody holds</source>
        <translation>仅分配无人负责的案件</translation>
    </message>
    <message>
        <source>All cases again</source>
        <translation>全部重新分配</translation>
    </message>
    <message>
        <source>A case opens at (¥)</source>
        <translation>立案金额（元）</translation>
    </message>
    <message>
        <source>… owed for at least</source>
        <translation>…且欠费至少</translation>
    </message>
    <message>
        <source>Split by default</source>
        <translation>默认分配方式</translation>
    </message>
    <message>
        <source>Split which cases</source>
        <translation>默认分配范围</translation>
    </message>
    <message>
        <source>Save case &amp;rules</source>
        <translation>保存立案规则(&amp;R)</translation>
    </message>
    <message>
        <source>Only a manager can change the ladder and the case rules.</source>
        <translation>只有主管可以修改催缴流程和立案规则。</translation>
    </message>
    <message>
        <source>Changed: save the ladder to use it (or revert).</source>
        <translation>已修改：保存后生效（或还原）。</translation>
    </message>
    <message>
        <source>Edit step {n}</source>
        <translation>编辑第{n}步</translation>
    </message>
    <message>
        <source>New step</source>
        <translation>新增步骤</translation>
    </message>
    <message>
        <source>The ladder is saved: every case follows it from now on.</source>
        <translation>催缴流程已保存：所有案件即日起按此流程进行。</translation>
    </message>
    <message>
        <source>Saved. Cases open and close by these rules at the next update.</source>
        <translation>已保存。下次更新案件时按此规则立案、结案。</translation>
    </message>
</context>
<context>
    <name>LateFeePolicyDialog</name>
    <message>
        <source>Late-fee terms of {item}</source>
        <translation>{item} 的滞纳金规则</translation>
    </message>
    <message>
        <source>per day, e.g. 0.3‰ or 万分之三</source>
        <translation>每日，如 0.3‰ 或 万分之三</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>% of the principal; empty: never more than the principal</source>
        <translation>占本金的百分比；留空表示不超过本金</translation>
    </message>
    <message>
        <source>from the due date (after the grace days)</source>
        <translation>自截止日起（宽限期后）</translation>
    </message>
    <message>
        <source>from written notice no. </source>
        <translation>自第几次书面催缴起：</translation>
    </message>
    <message>
        <source>e.g. 《物业服务合同》第十二条</source>
        <translation>如 《物业服务合同》第十二条</translation>
    </message>
    <message>
        <source>Daily rate</source>
        <translation>日费率</translation>
    </message>
    <message>
        <source>Days of grace</source>
        <translation>宽限期</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>封顶</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>开始计收</translation>
    </message>
    <message>
        <source>Contract clause</source>
        <translation>合同条款</translation>
    </message>
    <message>
        <source>Applies from</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>These terms are shared with {items}. Saving gives {item} terms of its own; the other items keep theirs.</source>
        <translation>此规则目前与 {items} 共用。保存后 {item} 使用单独的规则，其他项目不变。</translation>
    </message>
    <message>
        <source>{rate} a day: {amount} a day on ¥10,000 owed, {year} % a year</source>
        <translation>日{rate}：欠款 ¥10,000 每天 {amount}，折合年 {year}%</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>{name} ({username}) was away, so the sign-in ended. Enter the password to carry on, or let someone else sign in.</source>
        <translation>{name}（{username}）离开了一段时间，登录已结束。输入密码继续，或换其他人登录。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Unlock in the window in front.</source>
        <translation>请在最前面的窗口中解锁。</translation>
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
        <source>Choose a new password to continue.</source>
        <translation>请设置新密码后再继续。</translation>
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
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Service issues</source>
        <translation>问题跟进</translation>
    </message>
    <message>
        <source>Fee items</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Public boards</source>
        <translation>公示与隐私</translation>
    </message>
    <message>
        <source>Contact rules</source>
        <translation>联系规则</translation>
    </message>
    <message>
        <source>Visiting hours</source>
        <translation>上门时段</translation>
    </message>
    <message>
        <source>Collection ladder</source>
        <translation>催缴流程</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
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
        <source>Last backup: …</source>
        <translation>最近备份：…</translation>
    </message>
    <message>
        <source>Last backup: never</source>
        <translation>最近备份：从未备份</translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>最近备份：{when}</translation>
    </message>
    <message>
        <source>{host}: {path}</source>
        <translation>{host}：{path}</translation>
    </message>
    <message>
        <source>Select a room in the list, or search for it with Ctrl+F, then press F9.</source>
        <translation>请先在列表中选中一个房间，或按 Ctrl+F 搜索，再按 F9 收款。</translation>
    </message>
    <message>
        <source>Choose a room first: search for it with Ctrl+F, or select it in a list.</source>
        <translation>请先选择房屋：按 Ctrl+F 搜索，或在列表中选中。</translation>
    </message>
    <message>
        <source>Contact saved.</source>
        <translation>联系记录已保存。</translation>
    </message>
    <message>
        <source>Select a room first (in the arrears list, or open its ledger).</source>
        <translation>请先选择房间（在欠费列表中选中，或打开其分户账）。</translation>
    </message>
    <message>
        <source>Visit planned: see Home visits.</source>
        <translation>已安排上门：见“上门计划”。</translation>
    </message>
    <message>
        <source>Cases updated: {opened} opened, {closed} closed.</source>
        <translation>案件已更新：立案{opened}个，结案{closed}个。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Updating late fees…</source>
        <translation>正在更新滞纳金…</translation>
    </message>
    <message>
        <source>Late fees are up to date (updated today).</source>
        <translation>滞纳金已是最新（今天已更新）。</translation>
    </message>
    <message>
        <source>Late fees updated to {date}: {count} overdue bills.</source>
        <translation>滞纳金已计算到 {date}：逾期账单 {count} 张。</translation>
    </message>
    <message>
        <source>Updating late fees… ({step}/{steps})</source>
        <translation>正在更新滞纳金…（{step}/{steps}）</translation>
    </message>
    <message>
        <source>Late fees could not be updated: {reason}</source>
        <translation>滞纳金未能更新：{reason}</translation>
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
    <name>NewAccountDialog</name>
    <message>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Tell the new colleague this first password: they choose their own at the first sign-in.</source>
        <translation>把这个初始密码告诉新同事：首次登录时他们须改成自己的密码。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Name shown:</source>
        <translation>显示名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>First password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>新增用户</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices and boards</source>
        <translation>通知与公示</translation>
    </message>
    <message>
        <source>Notice batches</source>
        <translation>批量通知</translation>
    </message>
    <message>
        <source>Delivery proof</source>
        <translation>送达登记</translation>
    </message>
    <message>
        <source>Public boards</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>通知模板</translation>
    </message>
</context>
<context>
    <name>OfficeSection</name>
    <message>
        <source>Service centre</source>
        <translation>服务中心</translation>
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
        <source>e.g. 锦程物业 城西服务中心</source>
        <translation>如：锦程物业 城西服务中心</translation>
    </message>
    <message>
        <source>digits; printed on notices for transfers</source>
        <translation>数字；印在通知书上供转账</translation>
    </message>
    <message>
        <source>Seal (printed on notices)</source>
        <translation>公章（印在通知书上）</translation>
    </message>
    <message>
        <source>Payment QR code</source>
        <translation>收款二维码</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the office details (Ctrl+S)</source>
        <translation>保存服务中心信息（Ctrl+S）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Picture saved.</source>
        <translation>图片已保存。</translation>
    </message>
    <message>
        <source>Picture removed.</source>
        <translation>图片已移除。</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Outcome of the visit</source>
        <translation>上门结果</translation>
    </message>
    <message>
        <source>Press {key}</source>
        <translation>按 {key}</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>结果(&amp;R)</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>A&amp;ttitude</source>
        <translation>态度(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Met</source>
        <translation>见到(&amp;M)</translation>
    </message>
    <message>
        <source>Promised &amp;date</source>
        <translation>承诺日期(&amp;D)</translation>
    </message>
    <message>
        <source>Si&amp;gned in writing</source>
        <translation>书面签字(&amp;G)</translation>
    </message>
    <message>
        <source>Promised &amp;amount ¥</source>
        <translation>承诺金额 ¥(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Notice handed over</source>
        <translation>已当面交付通知书(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;signed for</source>
        <translation>已签收(&amp;S)</translation>
    </message>
    <message>
        <source>(no notice waiting for this room)</source>
        <translation>（该房屋没有待交付的通知书）</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Who signed, when not the owner</source>
        <translation>非业主本人签收时，签收人姓名</translation>
    </message>
    <message>
        <source>Recei&amp;ved by</source>
        <translation>签收人(&amp;V)</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Add &amp;photo…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>P&amp;hotos</source>
        <translation>照片(&amp;H)</translation>
    </message>
    <message>
        <source>Service &amp;issue raised</source>
        <translation>反映了物业服务问题(&amp;I)</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>服务问题</translation>
    </message>
    <message>
        <source>What the owner complains about</source>
        <translation>业主反映的问题</translation>
    </message>
    <message>
        <source>Issue te&amp;xt</source>
        <translation>问题描述(&amp;X)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>R&amp;evisit needed…</source>
        <translation>需要再次上门(&amp;E)…</translation>
    </message>
    <message>
        <source>Plan the next visit now: it is saved with this outcome</source>
        <translation>现在就安排下一次上门：与本次结果一并保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Photo of the visit</source>
        <translation>上门照片</translation>
    </message>
    <message>
        <source>Pictures and PDF (*.jpg *.jpeg *.png *.pdf *.webp *.bmp *.heic)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.pdf *.webp *.bmp *.heic)</translation>
    </message>
    <message>
        <source>next visit {when}</source>
        <translation>下一次上门 {when}</translation>
    </message>
    <message>
        <source>{title} No. {serial}, {amount}</source>
        <translation>{title} 编号 {serial}，{amount}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
<context>
    <name>OutcomeSelector</name>
    <message>
        <source>Press {key}</source>
        <translation>按 {key}</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>Extension for {room}</source>
        <translation>{room} 延期申请</translation>
    </message>
    <message>
        <source>Stop collection of {room}</source>
        <translation>{room} 暂停催缴</translation>
    </message>
    <message>
        <source>An extension gives a hardship case 1 to 2 months; a manager approves it.</source>
        <translation>延期适用于经济困难的业主，期限1至2个月，须主管批准。</translation>
    </message>
    <message>
        <source>While the hold runs the case leaves every work list; a manager approves it.</source>
        <translation>暂停期间案件不进入任何工作清单，须主管批准。</translation>
    </message>
    <message>
        <source>&amp;1 month</source>
        <translation>1个月(&amp;1)</translation>
    </message>
    <message>
        <source>&amp;2 months</source>
        <translation>2个月(&amp;2)</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>截止日期(&amp;U)</translation>
    </message>
    <message>
        <source>e.g. the owner lost his job; the leak complaint is being fixed</source>
        <translation>如：业主失业；漏水投诉正在处理</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <source>Ask for approval</source>
        <translation>提交审批</translation>
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
        <source>e.g. cash receipt found at month end, bank statement came late</source>
        <translation>如：月底清点发现的现金收据、银行回单迟到</translation>
    </message>
    <message>
        <source>Reason for the late entry</source>
        <translation>补录原因</translation>
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
        <source>Collect late fees of the bills this payment settles and of bills already settled</source>
        <translation>收取本次结清账单及已结清账单的滞纳金</translation>
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
        <source> (of them {amount} on bills already paid)</source>
        <translation>（其中已结清账单的 {amount}）</translation>
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
        <source>{amount} of them on bills already paid</source>
        <translation>其中已结清账单的滞纳金 {amount}</translation>
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
        <source>Dated {days} days back: give the reason for the late entry.</source>
        <translation>缴费日期在 {days} 天前：请填写补录原因。</translation>
    </message>
    <message>
        <source>More than {n} days back: the reason is kept in the audit log.</source>
        <translation>超过 {n} 天的补录：原因记入审计日志。</translation>
    </message>
    <message>
        <source>Check the amount</source>
        <translation>请核对金额</translation>
    </message>
    <message>
        <source>{amount} ({words}) is far more than this room owes now plus a year of its bills ({limit}).

Take exactly this amount?</source>
        <translation>收款金额 {amount}（人民币{words}）远超本房应缴合计加一年账单（{limit}）。

确定收取这笔金额吗？</translation>
    </message>
    <message>
        <source>Yes, take {amount}</source>
        <translation>确定收取 {amount}</translation>
    </message>
    <message>
        <source>No, correct the amount</source>
        <translation>不，返回修改金额</translation>
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
    <name>PdfDialog</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be saved: {error}</source>
        <translation>文件无法保存：{error}</translation>
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
    <name>PlanDialog</name>
    <message>
        <source>Instalment plan for {room}</source>
        <translation>{room} 分期缴费计划</translation>
    </message>
    <message>
        <source>What the owner will pay by instalments (the arrears today by default)</source>
        <translation>业主分期缴纳的金额（默认为今日欠费）</translation>
    </message>
    <message>
        <source> instalments</source>
        <translation> 期</translation>
    </message>
    <message>
        <source> month(s) apart</source>
        <translation> 个月一期</translation>
    </message>
    <message>
        <source>Why: e.g. lost his job, pays from his pension on the 5th</source>
        <translation>原因：如失业，每月5日领退休金后缴纳</translation>
    </message>
    <message>
        <source>&amp;Total (¥)</source>
        <translation>总额（元）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Instalments</source>
        <translation>期数(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;First due on</source>
        <translation>首期日期(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;very</source>
        <translation>间隔(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Ask for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>{n} instalments, {first} to {last}, together {total}</source>
        <translation>共{n}期，{first}至{last}，合计{total}</translation>
    </message>
</context>
<context>
    <name>PromisesTab</name>
    <message>
        <source>&amp;Dates</source>
        <translation>承诺日期(&amp;D)</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Every collector</source>
        <translation>全部催收员</translation>
    </message>
    <message>
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The promises could not be loaded: {error}</source>
        <translation>无法加载承诺：{error}</translation>
    </message>
    <message>
        <source>{n} promises: {open} open, {due} due, {kept} kept ({kept_amount}), {broken} broken</source>
        <translation>共 {n} 条承诺：待兑现 {open}，到期 {due}，已兑现 {kept}（{kept_amount}），未兑现 {broken}</translation>
    </message>
    <message>
        <source>The state follows the payments: kept when the room paid the amount between the promise and its date, broken the day after.</source>
        <translation>状态按实收自动判定：承诺之日至承诺日期内缴足即为已兑现，逾期次日未缴足即为未兑现。</translation>
    </message>
</context>
<context>
    <name>RateCard</name>
    <message>
        <source>Collection rate by amount (bold) and by households. Click to open the reports.</source>
        <translation>收缴率：粗体为按金额，其后为按户数。单击打开报表。</translation>
    </message>
    <message>
        <source>Collection rate</source>
        <translation>收缴率</translation>
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
        <source>households {rate}</source>
        <translation>户数 {rate}</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Reassign cases</source>
        <translation>转交案件</translation>
    </message>
    <message>
        <source>Give the {n} selected case(s) to:</source>
        <translation>将选中的{n}个案件转交给：</translation>
    </message>
    <message>
        <source>(nobody: back to the manager&apos;s split)</source>
        <translation>（不指定：由主管重新分配）</translation>
    </message>
    <message>
        <source>Why (optional), e.g. on leave, knows the owner</source>
        <translation>原因（可选），如：休假、与业主熟悉</translation>
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
    <name>ReopenMonthDialog</name>
    <message>
        <source>Reopen {month}</source>
        <translation>撤销 {month} 月结</translation>
    </message>
    <message>
        <source>{month} was closed on {when} by {who}. Reopened, its figures are computed again from the ledger and may change; close it again when they are right. The reason is kept in the audit log.</source>
        <translation>{month} 已于 {when} 由 {who} 月结。撤销后将按台账重新统计，数字可能变化；核对无误后请重新月结。撤销原因记入审计日志。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why is this month reopened? (required)</source>
        <translation>为什么撤销本月月结？（必填）</translation>
    </message>
    <message>
        <source>Reopen the month</source>
        <translation>撤销月结</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Monthly report and dashboards</source>
        <translation>月报与看板</translation>
    </message>
    <message>
        <source>Building map</source>
        <translation>楼栋图</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>New password for {name} ({username}). They must change it at their next sign-in; a lock-out is lifted.</source>
        <translation>为 {name}（{username}）设置新密码。该用户下次登录时须修改密码；锁定同时解除。</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>临时密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
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
    <message>
        <source>New fee items: {names}. Set their standards and late-fee terms in Settings → Fee items.</source>
        <translation>已新建收费项目：{names}。请在 设置 → 收费项目 中补充收费标准和滞纳金规则。</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Reverse payment</source>
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
        <source>paid from prepaid credit {amount}; the reversal gives it back</source>
        <translation>由预存款抵扣 {amount}；冲正后退回预存</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>{amount} of the prepaid credit this payment left has since paid bills ({numbers}). The reversal undoes those spendings first: the bills they paid are owed again, unless other prepaid credit of the room pays them.</source>
        <translation>此笔收款转入的预存款中已有 {amount} 抵扣了账单（{numbers}）。冲正会先撤销这些抵扣：相关账单恢复为未缴，本房如有其他预存款会重新抵扣。</translation>
    </message>
    <message>
        <source>Credit spent</source>
        <translation>预存已抵扣</translation>
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
        <source>Change bill amount…</source>
        <translation>调整账单金额…</translation>
    </message>
    <message>
        <source>Change the amount of the bill selected in the grid, with a reason (finance)</source>
        <translation>调整账单表中所选账单的金额，需填写原因（财务）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Case (F7)</source>
        <translation>案件(F7)</translation>
    </message>
    <message>
        <source>The collection case: ladder, next step, plans, holds, service issues</source>
        <translation>催缴案件：流程、下一步、分期、暂停、服务问题</translation>
    </message>
    <message>
        <source>Statement (Ctrl+P)</source>
        <translation>对账单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Bills, payments and the balance over chosen months, to print for the owner</source>
        <translation>所选月份的应收、缴费与余额，打印给业主核对</translation>
    </message>
    <message>
        <source>Lawyer dossier…</source>
        <translation>律师函与证据材料…</translation>
    </message>
    <message>
        <source>A lawyer-letter draft and the evidence of this room, as one PDF</source>
        <translation>本户的律师函草稿及证据材料（一个 PDF）</translation>
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
        <source>Limitation</source>
        <translation>诉讼时效</translation>
    </message>
    <message>
        <source>Show numbers</source>
        <translation>显示号码</translation>
    </message>
    <message>
        <source>Show the full phone numbers (Ctrl+Shift+H); each time is recorded in the audit log</source>
        <translation>显示完整电话号码（Ctrl+Shift+H）；每次查看都记入审计日志</translation>
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
        <source>Open service issues: {list}</source>
        <translation>未结服务问题：{list}</translation>
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
    <message>
        <source>3 years per bill period (Civil Code art. 188), restarted by an evidenced demand, a promise, an instalment plan or a part payment (art. 195); a notice-board posting does not restart it.</source>
        <translation>按账期计算3年（《民法典》第188条）；有据催告、承诺、分期协议或部分缴费使时效重新计算（第195条）；公告栏张贴不中断时效。</translation>
    </message>
    <message>
        <source>nothing overdue</source>
        <translation>无逾期欠费</translation>
    </message>
    <message>
        <source>earliest end {date}</source>
        <translation>最早 {date} 届满</translation>
    </message>
    <message>
        <source>run out: {periods}</source>
        <translation>已届满：{periods}</translation>
    </message>
    <message>
        <source>ends within 180 days: {periods}</source>
        <translation>180天内届满：{periods}</translation>
    </message>
    <message>
        <source>no period at risk</source>
        <translation>无风险账期</translation>
    </message>
    <message>
        <source>Collection case (F7)</source>
        <translation>催缴案件(F7)</translation>
    </message>
    <message>
        <source>Statement {room}</source>
        <translation>对账单 {room}</translation>
    </message>
    <message>
        <source>Lawyer dossier {room}</source>
        <translation>律师函与证据材料 {room}</translation>
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
    <name>RulesSection</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
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
    <name>ServiceIssuesTab</name>
    <message>
        <source>Open issues</source>
        <translation>未结问题</translation>
    </message>
    <message>
        <source>Past the promised date</source>
        <translation>超过承诺日期</translation>
    </message>
    <message>
        <source>All issues</source>
        <translation>全部问题</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Room, problem or handler</source>
        <translation>房号、问题或处理人</translation>
    </message>
    <message>
        <source>&amp;New issue…</source>
        <translation>新建问题(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Room &amp;ledger</source>
        <translation>分户账(&amp;L)</translation>
    </message>
    <message>
        <source>{n} issues listed · {open} open · {late} past the promised date</source>
        <translation>列出{n}个问题 · 未结{open}个 · 超过承诺日期{late}个</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Open room ledger</source>
        <translation>打开分户账</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
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
        <source>Managers and administrators edit these under “Service centre”.</source>
        <translation>主管和管理员可在“服务中心信息”中修改。</translation>
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
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Service centre</source>
        <translation>服务中心信息</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
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
    <name>SplitDialog</name>
    <message>
        <source>Split cases among collectors</source>
        <translation>分配案件（责任到人）</translation>
    </message>
    <message>
        <source>&amp;Collectors</source>
        <translation>催收专员(&amp;C)</translation>
    </message>
    <message>
        <source>{name} (manager)</source>
        <translation>{name}（主管）</translation>
    </message>
    <message>
        <source>How</source>
        <translation>分配方式</translation>
    </message>
    <message>
        <source>By &amp;building: whole buildings, fewest cases first</source>
        <translation>按楼栋(&amp;B)：整栋分配，案件最少者优先</translation>
    </message>
    <message>
        <source>Balanced by &amp;amount: the largest debts first</source>
        <translation>按金额均衡(&amp;A)：金额大的案件先分</translation>
    </message>
    <message>
        <source>Only cases &amp;nobody of them holds (keep the others)</source>
        <translation>只分配无人负责的案件(&amp;N)（其余保持不变）</translation>
    </message>
    <message>
        <source>Split &amp;all cases again</source>
        <translation>全部重新分配(&amp;A)</translation>
    </message>
    <message>
        <source>Only the cases &amp;listed by the filter ({n})</source>
        <translation>仅分配当前列表中的案件(&amp;L)（{n}个）</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Choose the collectors and how, then preview: nothing changes until you apply.</source>
        <translation>选择催收专员和分配方式后预览：点击应用前不会做任何更改。</translation>
    </message>
    <message>
        <source>Appl&amp;y this split</source>
        <translation>应用此分配(&amp;Y)</translation>
    </message>
    <message>
        <source>The options changed: preview again.</source>
        <translation>选项已改变，请重新预览。</translation>
    </message>
    <message>
        <source>{total} open cases ({amount}): {moves} change hands, {kept} stay where they are.</source>
        <translation>共{total}个未结案件（{amount}）：{moves}个变更负责人，{kept}个保持不变。</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Statement of account</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>Room:</source>
        <translation>房号：</translation>
    </message>
    <message>
        <source>From month:</source>
        <translation>起始月份：</translation>
    </message>
    <message>
        <source>To month:</source>
        <translation>截止月份：</translation>
    </message>
    <message>
        <source>Show statement</source>
        <translation>生成对账单</translation>
    </message>
    <message>
        <source>The first month comes after the last one.</source>
        <translation>起始月份晚于截止月份。</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>What kind of step it is: it decides which history completes it (a call, a notice, a visit …)</source>
        <translation>步骤的类型：决定哪类记录算作完成（电话、通知书、上门……）</translation>
    </message>
    <message>
        <source> days after the previous step</source>
        <translation> 天（上一步完成后）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>In &amp;use</source>
        <translation>启用(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>阶段(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>方式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>等待(&amp;W)</translation>
    </message>
    <message>
        <source>Minimum &amp;amount (¥)</source>
        <translation>最低金额（元）(&amp;A)</translation>
    </message>
    <message>
        <source>Minimum &amp;months</source>
        <translation>最少月数(&amp;M)</translation>
    </message>
    <message>
        <source>Either minimum suffices; below both the case stays on the step before.</source>
        <translation>满足任一条件即可；两者均未达到时，案件停留在上一步。</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>StepDoneDialog</name>
    <message>
        <source>Mark a step done</source>
        <translation>标记步骤已完成</translation>
    </message>
    <message>
        <source>What was done, e.g. posted on the board of building 3</source>
        <translation>完成情况，如：已在3栋公告栏公示</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>步骤(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Done on</source>
        <translation>完成日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <source> days after the notice date</source>
        <translation> 天（自通知日起）</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Pay by:</source>
        <translation>缴费期限：</translation>
    </message>
    <message>
        <source>Paragraphs are separated by an empty line. Placeholders: {list}</source>
        <translation>段落之间空一行。可用占位符：{list}</translation>
    </message>
    <message>
        <source>Check wording</source>
        <translation>检查措辞</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Back to the standard wording</source>
        <translation>恢复标准措辞</translation>
    </message>
    <message>
        <source>Only managers change the wording.</source>
        <translation>只有主管可以修改通知措辞。</translation>
    </message>
    <message>
        <source> (office)</source>
        <translation>（本中心修改）</translation>
    </message>
    <message>
        <source>No. {n} · {title}{mark}</source>
        <translation>第{n}次 · {title}{mark}</translation>
    </message>
    <message>
        <source>The owner signs the receipt slip from the 6th notice on.</source>
        <translation>自第6次通知起，业主须在回执上签收。</translation>
    </message>
    <message>
        <source>changed by this office</source>
        <translation>本中心修改</translation>
    </message>
    <message>
        <source>standard wording</source>
        <translation>标准措辞</translation>
    </message>
    <message>
        <source>Version {v}, {source}</source>
        <translation>版本 {v}，{source}</translation>
    </message>
    <message>
        <source>The wording is lawful: no threat to cut utilities, no disclosure to third parties, every placeholder known.</source>
        <translation>措辞合规：没有以停水停电等相威胁，没有向第三方披露，占位符均可识别。</translation>
    </message>
    <message>
        <source>Saved as version {v}. The next batch prints it.</source>
        <translation>已保存为版本 {v}，下一批通知将使用。</translation>
    </message>
    <message>
        <source>Standard wording</source>
        <translation>标准措辞</translation>
    </message>
    <message>
        <source>Go back to the standard wording of notice no. {n}? This office&apos;s version is kept in the template history.</source>
        <translation>恢复第{n}次通知的标准措辞？本中心修改的版本会保留在模板历史中。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Collection rate, last 12 months</source>
        <translation>近 12 个月收缴率</translation>
    </message>
    <message>
        <source>Nothing was billed in these months.</source>
        <translation>这些月份没有账单。</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>By amount</source>
        <translation>按金额</translation>
    </message>
    <message>
        <source>By households</source>
        <translation>按户数</translation>
    </message>
    <message>
        <source>{month} {name}: {rate}
Collected {collected} of {billed}; {paid} of {rooms} rooms paid</source>
        <translation>{month} {name}：{rate}
应收 {billed}，实收 {collected}；{rooms} 户中 {paid} 户缴清</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
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
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>locked after wrong passwords</source>
        <translation>密码错误次数过多已锁定</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>须改密码</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <source>New user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Screen lock on this computer</source>
        <translation>本机屏幕锁定</translation>
    </message>
    <message>
        <source>Lock the window and end the sign-in after</source>
        <translation>无人操作</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> 分钟后锁定窗口并结束登录</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>User {name} added.</source>
        <translation>已新增用户 {name}。</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of {name}:</source>
        <translation>{name} 的角色：</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name} 现在是{role}。</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Disable {name}? Their open sign-ins end at once and they can no longer sign in.</source>
        <translation>停用 {name}？其当前登录立即结束，且不能再登录。</translation>
    </message>
    <message>
        <source>{name} enabled.</source>
        <translation>已启用 {name}。</translation>
    </message>
    <message>
        <source>{name} disabled.</source>
        <translation>已停用 {name}。</translation>
    </message>
    <message>
        <source>Password of {name} reset: they choose a new one at the next sign-in.</source>
        <translation>已重设 {name} 的密码：该用户下次登录时须设置新密码。</translation>
    </message>
</context>
<context>
    <name>VisitCalendar</name>
    <message>
        <source>Visit calendar</source>
        <translation>上门日历</translation>
    </message>
    <message>
        <source>No staff chosen</source>
        <translation>未选择人员</translation>
    </message>
    <message>
        <source>{n} visits</source>
        <translation>{n} 次上门</translation>
    </message>
    <message>
        <source>+ New visit (Enter)</source>
        <translation>+ 新建上门（Enter）</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit {room}</source>
        <translation>上门 {room}</translation>
    </message>
    <message>
        <source>Plan the next visit</source>
        <translation>安排下一次上门</translation>
    </message>
    <message>
        <source>Plan a home visit</source>
        <translation>安排上门</translation>
    </message>
    <message>
        <source>Choose the room: type its number, the owner&apos;s name or a phone.</source>
        <translation>选择房屋：输入房号、业主姓名或电话。</translation>
    </message>
    <message>
        <source>3-2-1502, 张, zs or the last 4 digits of a phone</source>
        <translation>3-2-1502、张、zs 或电话后4位</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>房屋(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;from</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>到(&amp;O)</translation>
    </message>
    <message>
        <source>D&amp;ay</source>
        <translation>日期(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Staff (two or more)</source>
        <translation>人员（至少两人）(&amp;S)</translation>
    </message>
    <message>
        <source>Why one person goes alone (a manager&apos;s decision, recorded)</source>
        <translation>为何一人单独上门（经理决定，记录在案）</translation>
    </message>
    <message>
        <source>Manager&apos;s o&amp;verride</source>
        <translation>经理特批(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Maintenance worker</source>
        <translation>维修工(&amp;M)</translation>
    </message>
    <message>
        <source>A label such as A组 (optional)</source>
        <translation>如 A组（可不填）</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>小组(&amp;T)</translation>
    </message>
    <message>
        <source>What to bring, what to ask</source>
        <translation>要带什么、要问什么</translation>
    </message>
    <message>
        <source>No&amp;te</source>
        <translation>备注(&amp;E)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Booking call…</source>
        <translation>预约电话(&amp;B)…</translation>
    </message>
    <message>
        <source>O&amp;utcome…</source>
        <translation>上门结果(&amp;U)…</translation>
    </message>
    <message>
        <source>Room &amp;ledger</source>
        <translation>分户账(&amp;L)</translation>
    </message>
    <message>
        <source>visiting hours {start}–{end}</source>
        <translation>上门时段 {start}–{end}</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>One person alone: a manager&apos;s override with its reason is needed.</source>
        <translation>仅一人上门：需要经理特批并写明原因。</translation>
    </message>
    <message>
        <source>Open service issues: {issues}. Take a maintenance worker along?</source>
        <translation>有未处理的服务问题：{issues}。是否带维修工同去？</translation>
    </message>
    <message>
        <source>Overdue {amount}</source>
        <translation>逾期欠费 {amount}</translation>
    </message>
    <message>
        <source>On hold until {date}</source>
        <translation>暂停催缴至 {date}</translation>
    </message>
    <message>
        <source>Already planned {when}</source>
        <translation>已安排 {when}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Appointment confirmed {when}</source>
        <translation>已于 {when} 电话确认</translation>
    </message>
    <message>
        <source>Result: {result}</source>
        <translation>结果：{result}</translation>
    </message>
    <message>
        <source>Attitude: {text}</source>
        <translation>态度：{text}</translation>
    </message>
    <message>
        <source>Alone on {name}&apos;s override</source>
        <translation>经 {name} 特批单人上门</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>已取消：{reason}</translation>
    </message>
    <message>
        <source>Choose the room first.</source>
        <translation>请先选择房屋。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>This visit would collide:</source>
        <translation>这次上门会发生冲突：</translation>
    </message>
    <message>
        <source>Not saved: the visit collides.</source>
        <translation>未保存：与其他安排冲突。</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
<context>
    <name>VisitSlotsSection</name>
    <message>
        <source>Visiting hours</source>
        <translation>上门时段</translation>
    </message>
    <message>
        <source>&amp;Weekdays</source>
        <translation>工作日(&amp;W)</translation>
    </message>
    <message>
        <source>Saturdays and &amp;Sundays</source>
        <translation>周六、周日(&amp;S)</translation>
    </message>
    <message>
        <source>Owners are visited when they are at home: after work on weekdays, during the day at weekends. The calendar shades these hours, and a visit outside them is refused.</source>
        <translation>趁业主在家时上门：工作日在下班后，周末在白天。上门日历会以底色标出这些时段，不在时段内的上门将被拒绝。</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>Home visits</source>
        <translation>上门计划</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ 往前(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>往后 ▶(&amp;N)</translation>
    </message>
    <message>
        <source>Go to a day</source>
        <translation>跳到某一天</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>周(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>日(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Staff:</source>
        <translation>人员(&amp;S)：</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Plan a visit in the slot under the cursor (Enter on an empty slot)</source>
        <translation>在光标所在时段安排上门（在空时段按 Enter）</translation>
    </message>
    <message>
        <source>&amp;Route sheet…</source>
        <translation>路线单(&amp;R)…</translation>
    </message>
    <message>
        <source>The visit sheet of the day under the cursor, for the team or person chosen in Staff, in walking order</source>
        <translation>光标所在日期、“人员”中所选小组或人员的上门路线单（按行走顺序）</translation>
    </message>
    <message>
        <source>Visiting hours</source>
        <translation>上门时段</translation>
    </message>
    <message>
        <source>Booking &amp;call…</source>
        <translation>预约电话(&amp;C)…</translation>
    </message>
    <message>
        <source>Record the phone call that booked the selected visit</source>
        <translation>记录为所选上门预约的电话</translation>
    </message>
    <message>
        <source>&amp;Outcome…</source>
        <translation>上门结果(&amp;O)…</translation>
    </message>
    <message>
        <source>Record what the selected visit came to</source>
        <translation>记录所选上门的结果</translation>
    </message>
    <message>
        <source>New &amp;visit…</source>
        <translation>新建上门(&amp;V)…</translation>
    </message>
    <message>
        <source>Cance&amp;l visit…</source>
        <translation>取消上门(&amp;L)…</translation>
    </message>
    <message>
        <source>Cancel the selected visit, with a reason (Delete)</source>
        <translation>取消所选上门，需写明原因（Delete）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>Team {name}</source>
        <translation>小组 {name}</translation>
    </message>
    <message>
        <source>The visits could not be loaded: {error}</source>
        <translation>上门安排未能加载：{error}</translation>
    </message>
    <message>
        <source>Overdue {amount}</source>
        <translation>逾期欠费 {amount}</translation>
    </message>
    <message>
        <source>Alone, on a manager&apos;s override</source>
        <translation>经理特批单人上门</translation>
    </message>
    <message>
        <source>Cancel this visit: {reason}</source>
        <translation>请取消此次上门：{reason}</translation>
    </message>
    <message>
        <source>Empty slot {when}: Enter or a double click plans a visit; arrows move, Ctrl+arrows move the selected visit.</source>
        <translation>空时段 {when}：按 Enter 或双击安排上门；方向键移动光标，Ctrl+方向键移动所选上门。</translation>
    </message>
    <message>
        <source>{room} {owner} · {when} · {status} · {staff}</source>
        <translation>{room} {owner} · {when} · {status} · {staff}</translation>
    </message>
    <message>
        <source>Open visit…</source>
        <translation>打开上门…</translation>
    </message>
    <message>
        <source>Booking call…</source>
        <translation>预约电话…</translation>
    </message>
    <message>
        <source>Outcome…</source>
        <translation>上门结果…</translation>
    </message>
    <message>
        <source>Cancel visit…</source>
        <translation>取消上门…</translation>
    </message>
    <message>
        <source>Open room ledger</source>
        <translation>打开分户账</translation>
    </message>
    <message>
        <source>New visit here…</source>
        <translation>在此新建上门…</translation>
    </message>
    <message>
        <source>Visit planned.</source>
        <translation>已安排上门。</translation>
    </message>
    <message>
        <source>Visit saved.</source>
        <translation>上门已保存。</translation>
    </message>
    <message>
        <source>Moving {room}…</source>
        <translation>正在移动 {room}…</translation>
    </message>
    <message>
        <source>{room} moved to {when}.</source>
        <translation>{room} 已改到 {when}。</translation>
    </message>
    <message>
        <source>Not moved: {error}</source>
        <translation>未移动：{error}</translation>
    </message>
    <message>
        <source>Visit cancelled.</source>
        <translation>上门已取消。</translation>
    </message>
    <message>
        <source>Booking call saved.</source>
        <translation>预约电话已保存。</translation>
    </message>
    <message>
        <source>Outcome saved.</source>
        <translation>上门结果已保存。</translation>
    </message>
    <message>
        <source>Outcome saved; the next visit is on the calendar.</source>
        <translation>上门结果已保存；下一次上门已排入日历。</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路线单</translation>
    </message>
    <message>
        <source>Route sheet for {day} ready.</source>
        <translation>{day} 的路线单已生成。</translation>
    </message>
    <message>
        <source>Route sheet {day}</source>
        <translation>路线单 {day}</translation>
    </message>
    <message>
        <source>No route sheet: {error}</source>
        <translation>未生成路线单：{error}</translation>
    </message>
    <message>
        <source>Writing the route sheet…</source>
        <translation>正在生成路线单…</translation>
    </message>
</context>
<context>
    <name>WorkCard</name>
    <message>
        <source>Show the list behind this count</source>
        <extracomment>Kinds handled in the call form (the rest open the room ledger).</extracomment>
        <translation>显示此项的清单</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>&amp;Work of</source>
        <translation>查看(&amp;W)</translation>
    </message>
    <message>
        <source>My work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <source>The whole office</source>
        <translation>全处</translation>
    </message>
    <message>
        <source>&amp;Handle (Enter)</source>
        <translation>处理（Enter）(&amp;H)</translation>
    </message>
    <message>
        <source>Open the &amp;room</source>
        <translation>打开房屋台账(&amp;R)</translation>
    </message>
    <message>
        <source>Plan a &amp;visit…</source>
        <translation>安排上门(&amp;V)…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{rooms} rooms · {arrears} in arrears · overdue {amount}</source>
        <translation>{rooms} 户 · 欠费 {arrears} 户 · 逾期欠费 {amount}</translation>
    </message>
    <message>
        <source> {n} rooms on hold are left out (except their limitation and service issues).</source>
        <translation> 暂停催缴的 {n} 户未列入（诉讼时效与服务问题除外）。</translation>
    </message>
    <message>
        <source>Updated at {time}. Press F5 to refresh.</source>
        <translation>更新于 {time}。按 F5 刷新。</translation>
    </message>
    <message>
        <source>Today&apos;s work could not be loaded: {error}</source>
        <translation>无法加载今日工作：{error}</translation>
    </message>
    <message>
        <source>All of today&apos;s work</source>
        <translation>今日全部工作</translation>
    </message>
    <message>
        <source>{what}: {n}</source>
        <translation>{what}：{n}</translation>
    </message>
</context>
<context>
    <name>_CaseForm</name>
    <message>
        <source>The case changed meanwhile. Close and open it again.</source>
        <translation>案件已有变化，请关闭后重新打开。</translation>
    </message>
</context>
<context>
    <name>_FeeDialog</name>
    <message>
        <source>Someone else changed this in the meantime. Reload to see what is stored now (what you typed here will be replaced).</source>
        <translation>在您编辑期间，其他人已修改了此内容。请重新加载查看当前内容（此处输入的内容将被替换）。</translation>
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
        <source>&amp;Log a contact…</source>
        <translation>记录联系(&amp;L)…</translation>
    </message>
    <message>
        <source>Log a call, message or visit to the desk for the room on screen or found</source>
        <translation>为当前或搜索到的房屋记录电话、短信或前台来访</translation>
    </message>
    <message>
        <source>Collection &amp;case…</source>
        <translation>催缴案件(&amp;C)…</translation>
    </message>
    <message>
        <source>The collection case of the selected room: its ladder, next step, plans and holds</source>
        <translation>选中房间的催缴案件：流程、下一步、分期与暂停</translation>
    </message>
    <message>
        <source>&amp;Generate bills…</source>
        <translation>生成账单(&amp;G)…</translation>
    </message>
    <message>
        <source>Issue a month&apos;s bills from the fee standards, with a preview first</source>
        <translation>按收费标准生成一个月的账单，写入前先预览</translation>
    </message>
    <message>
        <source>&amp;Update late fees now</source>
        <translation>立即更新滞纳金(&amp;U)</translation>
    </message>
    <message>
        <source>Work out every overdue bill&apos;s late fee up to today (also done on the day&apos;s first start)</source>
        <translation>计算所有逾期账单截至今天的滞纳金（每天首次启动时也会自动计算）</translation>
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
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Choose a new password for your own account</source>
        <translation>为自己的账号设置新密码</translation>
    </message>
    <message>
        <source>Loc&amp;k screen</source>
        <translation>锁定屏幕(&amp;K)</translation>
    </message>
    <message>
        <source>Cover the window and end the sign-in while you are away</source>
        <translation>离开时遮住窗口并结束登录</translation>
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
        <source>&amp;Billing</source>
        <translation>收费(&amp;B)</translation>
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
        <source>Database settings…</source>
        <translation>数据库设置…</translation>
    </message>
    <message>
        <source>Database settings</source>
        <translation>数据库设置</translation>
    </message>
    <message>
        <source>The daily backup failed: {reason}</source>
        <translation>今日自动备份失败：{reason}</translation>
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
        <extracomment>The last call&apos;s outcome in the arrears list&apos;s short words (the call form and the contact log say views.labels.OUTCOME_LABELS).</extracomment>
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
        <source>Disputes the bill</source>
        <translation>对账单有异议</translation>
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
        <source>Limitation ends</source>
        <translation>时效届满</translation>
    </message>
    <message>
        <source>Arrears overdue by this long</source>
        <translation>按欠费时长分列的金额</translation>
    </message>
    <message>
        <source>When a period&apos;s 3-year limitation ends within 180 days, or has ended: the earliest date</source>
        <translation>当某账期的3年诉讼时效将在180天内届满或已届满时，显示最早的日期</translation>
    </message>
    <message>
        <source>Click to copy the number</source>
        <translation>单击复制号码</translation>
    </message>
    <message>
        <source>No case</source>
        <translation>未立案</translation>
    </message>
    <message>
        <source>Earliest end of the limitation period: {date}</source>
        <translation>诉讼时效最早届满：{date}</translation>
    </message>
    <message>
        <source>Run out: {periods}</source>
        <translation>已届满：{periods}</translation>
    </message>
    <message>
        <source>Ends within 180 days: {periods}</source>
        <translation>180天内届满：{periods}</translation>
    </message>
    <message>
        <source>An evidenced demand (signed, registered, screenshot) or the owner&apos;s promise restarts it; a notice-board posting does not.</source>
        <translation>有据催告（签收、挂号、截图）或业主承诺可使时效重新计算；公告栏张贴不能。</translation>
    </message>
</context>
<context>
    <name>billing</name>
    <message>
        <source>No meter reading for this month: not billed</source>
        <translation>缺少本期抄表读数，未计费</translation>
    </message>
    <message>
        <source>Reading below the previous one: not billed</source>
        <translation>本期读数小于上期，未计费</translation>
    </message>
    <message>
        <source>Handed over after this month: not billed</source>
        <translation>本期尚未交房，未计费</translation>
    </message>
    <message>
        <source>No fee standard applies: nothing billed</source>
        <translation>没有适用的收费标准，未计费</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>存入预存</translation>
    </message>
    <message>
        <source>Spent on bills</source>
        <translation>抵扣账单</translation>
    </message>
    <message>
        <source>Spending reversed</source>
        <translation>撤销抵扣</translation>
    </message>
    <message>
        <source>Deposit reversed</source>
        <translation>预存冲正</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Fee item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>New bills</source>
        <translation>新账单</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠减免</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Already issued</source>
        <translation>已有</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>paid {bills}</source>
        <translation>抵扣 {bills}</translation>
    </message>
    <message>
        <source>from the deposit of {no}</source>
        <translation>来自 {no} 的预存</translation>
    </message>
    <message>
        <source>{amount} of it left</source>
        <translation>尚余 {amount}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <source>{n} buildings: {names}</source>
        <translation>{n}栋：{names}</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收专员</translation>
    </message>
    <message>
        <source>Cases before</source>
        <translation>原有案件</translation>
    </message>
    <message>
        <source>Cases after</source>
        <translation>分配后案件</translation>
    </message>
    <message>
        <source>Arrears after</source>
        <translation>分配后欠费</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原负责人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新负责人</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已结清</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>暂停中</translation>
    </message>
    <message>
        <source>Below the next step&apos;s minimum</source>
        <translation>未达下一步条件</translation>
    </message>
    <message>
        <source>Ladder done</source>
        <translation>流程已完成</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>短信/微信</translation>
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
        <source>Board</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>the wait after the previous step</source>
        <translation>上一步完成后的等待期</translation>
    </message>
    <message>
        <source>the day after the promised date</source>
        <translation>承诺日期次日</translation>
    </message>
    <message>
        <source>a promise was broken</source>
        <translation>承诺未兑现</translation>
    </message>
    <message>
        <source>the day after the next instalment</source>
        <translation>下一期分期日次日</translation>
    </message>
    <message>
        <source>an instalment was missed</source>
        <translation>分期未按时缴纳</translation>
    </message>
    <message>
        <source>the end of a hold or extension</source>
        <translation>暂停或延期结束</translation>
    </message>
    <message>
        <source>Phone</source>
        <extracomment>The channel of a ladder step (a NOTICE step is the notice board here; a logged contact&apos;s channel is views.labels.CHANNEL_LABELS).</extracomment>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
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
        <translation>上门</translation>
    </message>
    <message>
        <source>Notice board</source>
        <translation>公告栏</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>前台面谈</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>履约中</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>有逾期</translation>
    </message>
    <message>
        <source>Paid off</source>
        <translation>已缴清</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
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
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未缴</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Ahead</source>
        <translation>待进行</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未启用</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Collection on hold</source>
        <translation>暂停催缴</translation>
    </message>
    <message>
        <source>Estate</source>
        <extracomment>Colours (background, text) of states that need attention.</extracomment>
        <translation>小区</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>分期</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>立案日期</translation>
    </message>
    <message>
        <source>Due because {reason}</source>
        <translation>到期原因：{reason}</translation>
    </message>
    <message>
        <source>{n} request(s) waiting for a manager</source>
        <translation>{n}项申请待主管审批</translation>
    </message>
    <message>
        <source>{n} days late</source>
        <translation>逾期{n}天</translation>
    </message>
    <message>
        <source>On hold until {date}</source>
        <translation>暂停至{date}</translation>
    </message>
    <message>
        <source>{n} to approve</source>
        <translation>{n}项待批</translation>
    </message>
    <message>
        <source>{amount} or {months} months</source>
        <translation>{amount}或{months}个月</translation>
    </message>
    <message>
        <source>{months} months</source>
        <translation>{months}个月</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Wait (days)</source>
        <translation>等待（天）</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Asked on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Instalments</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期缴纳</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>The step is reached when the debt is at least this amount or this many months old (either one suffices; none set: every debt)</source>
        <translation>欠费金额达到此数或欠费月数达到此数时进入该步骤（满足其一即可；均未设置则任何欠费都适用）</translation>
    </message>
</context>
<context>
    <name>collection</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>前台面谈</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
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
        <translation>上门</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
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
        <translation>拒绝缴费</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Phone off</source>
        <translation>关机/停机</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Says already paid</source>
        <translation>称已缴费</translation>
    </message>
    <message>
        <source>Disputes the bill</source>
        <translation>对账单有异议</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Nobody at home</source>
        <translation>上门无人</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>The owner</source>
        <translation>业主本人</translation>
    </message>
    <message>
        <source>Spouse or family</source>
        <translation>配偶/家人</translation>
    </message>
    <message>
        <source>The tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>Leak</source>
        <translation>漏水</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>保洁</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安保</translation>
    </message>
    <message>
        <source>Greenery</source>
        <translation>绿化</translation>
    </message>
    <message>
        <source>Parking</source>
        <translation>停车</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>电梯</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪音</translation>
    </message>
    <message>
        <source>Building quality</source>
        <translation>房屋质量</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待兑现</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已兑现</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>未兑现</translation>
    </message>
    <message>
        <source>Calls due</source>
        <translation>待跟进电话</translation>
    </message>
    <message>
        <source>Promises due</source>
        <translation>承诺到期</translation>
    </message>
    <message>
        <source>Broken promises</source>
        <translation>承诺未兑现</translation>
    </message>
    <message>
        <source>Notices due</source>
        <translation>待发催缴通知</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>今日上门</translation>
    </message>
    <message>
        <source>Next ladder steps</source>
        <translation>进入下一催缴步骤</translation>
    </message>
    <message>
        <source>Limitation at risk</source>
        <translation>诉讼时效将届满</translation>
    </message>
    <message>
        <source>Overdue service issues</source>
        <translation>服务问题逾期</translation>
    </message>
    <message>
        <source>Follow-up dates reached and ladder calls</source>
        <translation>已到跟进日期及催缴流程要求的电话</translation>
    </message>
    <message>
        <source>Remind the day before, chase on the day</source>
        <translation>前一天提醒，当天跟进</translation>
    </message>
    <message>
        <source>Unpaid after the promised date</source>
        <translation>承诺日期已过仍未缴足</translation>
    </message>
    <message>
        <source>Written notices the ladder asks for</source>
        <translation>催缴流程要求发出的书面通知</translation>
    </message>
    <message>
        <source>Home visits: today&apos;s, and reminders of tomorrow&apos;s</source>
        <translation>上门（今日及明日提醒）</translation>
    </message>
    <message>
        <source>Cases reaching their next step</source>
        <translation>案件进入下一催缴步骤</translation>
    </message>
    <message>
        <source>Periods whose 3 years end within 90 days</source>
        <translation>3年时效将在90天内届满的账期</translation>
    </message>
    <message>
        <source>Complaints past their promised date</source>
        <translation>超过承诺处理日期的投诉</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
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
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>接听人</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>欠费原因</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Promise state</source>
        <translation>承诺状态</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Complaint: {text}</source>
        <translation>投诉：{text}</translation>
    </message>
    <message>
        <source>Promised date</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺金额</translation>
    </message>
    <message>
        <source>Paid towards it</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>承诺于</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收员</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>Friendly reminder</source>
        <translation>温馨提示</translation>
    </message>
    <message>
        <source>Notice of arrears</source>
        <translation>催缴通知书</translation>
    </message>
    <message>
        <source>Final notice</source>
        <translation>最后催告函</translation>
    </message>
    <message>
        <source>Lawyer&apos;s letter</source>
        <translation>律师函</translation>
    </message>
    <message>
        <source>Not delivered yet</source>
        <translation>未送达</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Delivered with proof</source>
        <translation>已送达（有凭证）</translation>
    </message>
    <message>
        <source>Delivered without proof</source>
        <translation>已送达（无凭证）</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>Excel workbook</source>
        <extracomment>Called after every dialog closes (the application checks that its database locks are intact). Type names by extension (the detail view&apos;s &quot;Type&quot; column), decided without reading the file.</extracomment>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>Spreadsheet</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>Database backup</source>
        <translation>数据库备份</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
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
    <message>
        <source>By area (per m² a month)</source>
        <translation>按面积（每平方米每月）</translation>
    </message>
    <message>
        <source>Fixed a month (per household)</source>
        <translation>按月固定（每户）</translation>
    </message>
    <message>
        <source>By meter reading</source>
        <translation>按表计量</translation>
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
        <extracomment>The stage in the ledger&apos;s header: its own words for two stages (诉讼, 核销) where the arrears and cases pages say views.labels.STAGE_LABELS (诉讼 / 仲裁, 已核销).</extracomment>
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
        <source>Collection on hold</source>
        <translation>暂停催缴</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
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
    <message>
        <source>settled</source>
        <translation>已结清</translation>
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
        <source>Step {step}: the wait must be between 0 and 3650 days.</source>
        <translation>第{step}步：等待天数须在0至3650天之间。</translation>
    </message>
    <message>
        <source>Civil Code art. 944: a property service company may not cut water, power, heating or gas to make owners pay, and collection wording may not threaten it. Remove {words}.</source>
        <translation>《民法典》第九百四十四条：物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费，催缴用语也不得以此相威胁。请删除“{words}”。</translation>
    </message>
    <message>
        <source>Step {step}: enter the name of the step.</source>
        <translation>第{step}步：请填写步骤名称。</translation>
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
        <source>The database file {path} is on a network share ({share}). An SQLite file must stay on this computer&apos;s own disk: over a network its locks do not work and the file gets corrupted. For several desks, put the data on a PostgreSQL server (Settings → Database).</source>
        <translation>数据库文件 {path} 位于网络共享上（{share}）。SQLite 数据库文件必须放在本机硬盘上：通过网络访问时文件锁不起作用，文件会损坏。多台电脑同时使用时，请把数据放在 PostgreSQL 服务器上（设置 → 数据库）。</translation>
    </message>
    <message>
        <source>The database was upgraded by a newer version of this program (schema {revision}). This version cannot use it safely: install the newer version on this computer.</source>
        <translation>该数据库已被更新版本的程序升级（结构版本 {revision}），本版本无法安全使用：请在本机安装新版本的程序。</translation>
    </message>
    <message>
        <source>The database structure must be upgraded, and a backup is made first, but this computer has no pg_dump. Install the PostgreSQL client tools, or back up the server yourself and run &quot;cuijiao db upgrade --no-backup&quot;.</source>
        <translation>需要升级数据库结构，升级前要先备份，但本机没有 pg_dump。请安装 PostgreSQL 客户端工具；或自行备份服务器后运行“cuijiao db upgrade --no-backup”。</translation>
    </message>
    <message>
        <source>The system keyring cannot be used ({detail}), so the password cannot be saved here. Put it in the PGPASSWORD variable or a pgpass file, or use a keyring (on Linux: a Secret Service such as GNOME Keyring).</source>
        <translation>无法使用系统密钥环（{detail}），密码不能保存在本机。请把密码放在 PGPASSWORD 环境变量或 pgpass 文件中，或启用密钥环（Linux 上为 Secret Service，例如 GNOME 密钥环）。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>请输入服务器名称或地址。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口必须是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>Enter the name of the database.</source>
        <translation>请输入数据库名称。</translation>
    </message>
    <message>
        <source>Enter the database user.</source>
        <translation>请输入数据库用户。</translation>
    </message>
    <message>
        <source>Cannot connect to the database: {detail}</source>
        <translation>无法连接数据库：{detail}</translation>
    </message>
    <message>
        <source>{path} is the database in use (or one of its files): choose another file for the backup.</source>
        <translation>{path} 是正在使用的数据库（或其附属文件）：请为备份选择其他文件。</translation>
    </message>
    <message>
        <source>{path} is the database in use (or one of its files): the program never opens it as a document.</source>
        <translation>{path} 是正在使用的数据库（或其附属文件）：程序不会把它当作文档打开。</translation>
    </message>
    <message>
        <source>The backup file {path} does not exist.</source>
        <translation>备份文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is the database in use: choose a backup file to restore from.</source>
        <translation>{path} 是正在使用的数据库：请选择要恢复的备份文件。</translation>
    </message>
    <message>
        <source>{path} is not a backup of this program&apos;s database: nothing was changed.</source>
        <translation>{path} 不是本程序数据库的备份：未做任何更改。</translation>
    </message>
    <message>
        <source>{path} is a backup of the other kind of database (SQLite files restore into SQLite, pg_dump files into PostgreSQL): nothing was changed.</source>
        <translation>{path} 是另一种数据库的备份（SQLite 备份只能恢复到 SQLite，pg_dump 备份只能恢复到 PostgreSQL）：未做任何更改。</translation>
    </message>
    <message>
        <source>The backup {path} is damaged ({detail}): nothing was changed.</source>
        <translation>备份 {path} 已损坏（{detail}）：未做任何更改。</translation>
    </message>
    <message>
        <source>The books in the backup {path} do not balance ({count} problems, e.g. {first}): nothing was changed.</source>
        <translation>备份 {path} 中的账目不一致（{count} 处问题，例如 {first}）：未做任何更改。</translation>
    </message>
    <message>
        <source>{count} other connections use the database {database}: close the program on every desk, then restore again. Nothing was changed.</source>
        <translation>还有 {count} 个连接正在使用数据库 {database}：请关闭所有电脑上的程序后再恢复。未做任何更改。</translation>
    </message>
    <message>
        <source>The backup could not be restored: {detail}</source>
        <translation>无法恢复备份：{detail}</translation>
    </message>
    <message>
        <source>The database user {role} cannot restore {database}: a restore creates a new database and renames it into place. Run it as the migration role (the owner of the database), e.g. cuijiao --db postgresql://MIGRATION_ROLE@SERVER/{database} --user ADMIN restore FILE. Nothing was changed.</source>
        <translation>数据库用户 {role} 不能恢复 {database}：恢复要先建立一个新数据库，再改名替换当前数据库。请用迁移角色（数据库的所有者）运行，例如 cuijiao --db postgresql://迁移角色@服务器/{database} --user 管理员 restore 备份文件。未做任何更改。</translation>
    </message>
    <message>
        <source>Restoring replaces all data: confirm with --yes (or run it in a terminal to answer).</source>
        <translation>恢复会替换全部数据：请加 --yes 确认（或在终端中运行以便回答）。</translation>
    </message>
    <message>
        <source>While this was being written, someone else changed the same records ({detail}). Nothing was written: please run it again.</source>
        <translation>写入期间，其他人修改了相同的数据（{detail}）。本次没有写入任何数据：请重新运行。</translation>
    </message>
    <message>
        <source>Your password was reset: choose a new one first (sign in to the program, or run cuijiao --user NAME user passwd).</source>
        <translation>您的密码已被重设：请先设置新密码（登录程序，或运行 cuijiao --user 用户名 user passwd）。</translation>
    </message>
    <message>
        <source>Choose a password different from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <source>The first account of a new database must be an administrator (--role admin).</source>
        <translation>新数据库的第一个账号必须是管理员（--role admin）。</translation>
    </message>
    <message>
        <source>This is the last active administrator: make someone else an administrator first.</source>
        <translation>这是最后一个启用中的管理员：请先把另一位用户设为管理员。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>To change your own password use “Change password…” (it asks for the current one).</source>
        <translation>修改自己的密码请用“修改密码…”（需要输入当前密码）。</translation>
    </message>
    <message>
        <source>This text is too long: at most {maximum} characters.</source>
        <translation>内容过长：最多 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>Enter the name of the service centre.</source>
        <translation>请填写服务中心名称。</translation>
    </message>
    <message>
        <source>A bank account number has only digits (spaces and dashes are allowed).</source>
        <translation>银行账号只能包含数字（可含空格和短横线）。</translation>
    </message>
    <message>
        <source>The picture is too large: at most {maximum_mb} MB.</source>
        <translation>图片过大：最多 {maximum_mb} MB。</translation>
    </message>
    <message>
        <source>Choose a PNG or JPEG picture.</source>
        <translation>请选择 PNG 或 JPEG 图片。</translation>
    </message>
    <message>
        <source>This phone number no longer exists.</source>
        <translation>该电话号码已不存在。</translation>
    </message>
    <message>
        <source>{rows} rows match: narrow the filter to at most {limit} rows to export.</source>
        <translation>符合条件的有 {rows} 条：请缩小筛选范围，每次最多导出 {limit} 条。</translation>
    </message>
    <message>
        <source>Name yourself with --user NAME: the current password is the one you sign in with.</source>
        <translation>请用 --user 用户名 指明本人：当前密码就是登录密码。</translation>
    </message>
    <message>
        <source>Enter the code of the fee item (e.g. WYF).</source>
        <translation>请输入收费项目编码（如 WYF）。</translation>
    </message>
    <message>
        <source>A code has at most 32 letters, digits, - or _ (e.g. WYF), not &quot;{text}&quot;.</source>
        <translation>编码最多 32 个字母、数字、- 或 _（如 WYF），不能是“{text}”。</translation>
    </message>
    <message>
        <source>Another fee item already has the code {code}.</source>
        <translation>已有其他收费项目使用编码 {code}。</translation>
    </message>
    <message>
        <source>Enter the name of the fee item.</source>
        <translation>请输入收费项目名称。</translation>
    </message>
    <message>
        <source>A fee item named {name} already exists.</source>
        <translation>已有名为 {name} 的收费项目。</translation>
    </message>
    <message>
        <source>Choose how the item is charged.</source>
        <translation>请选择计费方式。</translation>
    </message>
    <message>
        <source>The order is a whole number from 0 to 999.</source>
        <translation>排序为 0 到 999 的整数。</translation>
    </message>
    <message>
        <source>The due day is a day of the month from 1 to {maximum}.</source>
        <translation>缴费截止日为每月 1 到 {maximum} 日。</translation>
    </message>
    <message>
        <source>This fee item no longer exists.</source>
        <translation>此收费项目已不存在。</translation>
    </message>
    <message>
        <source>{name} has bills or meter readings and cannot be deleted: untick &quot;In use&quot; instead.</source>
        <translation>{name} 已有账单或抄表记录，不能删除：可取消“启用”。</translation>
    </message>
    <message>
        <source>Choose the fee item.</source>
        <translation>请选择收费项目。</translation>
    </message>
    <message>
        <source>Enter the price, e.g. 2.50.</source>
        <translation>请输入单价，如 2.50。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a price: enter yuan, e.g. 2.50 (0 means free of charge).</source>
        <translation>“{text}”不是有效的单价：请输入元，如 2.50（0 表示免收）。</translation>
    </message>
    <message>
        <source>Prices have at most two decimal places: {text}</source>
        <translation>单价最多两位小数：{text}</translation>
    </message>
    <message>
        <source>Choose the usage of the rooms.</source>
        <translation>请选择房屋用途。</translation>
    </message>
    <message>
        <source>The vacancy discount is a whole percentage from 0 to 100.</source>
        <translation>空置减免为 0 到 100 的整数百分比。</translation>
    </message>
    <message>
        <source>Enter the day the standard applies from.</source>
        <translation>请输入标准的起始日期。</translation>
    </message>
    <message>
        <source>The standard cannot end before it starts.</source>
        <translation>截止日期不能早于起始日期。</translation>
    </message>
    <message>
        <source>This estate no longer exists.</source>
        <translation>此小区已不存在。</translation>
    </message>
    <message>
        <source>This item already has a standard for these rooms from {date}: edit that one instead.</source>
        <translation>此项目已有这些房屋自 {date} 起的收费标准：请编辑该标准。</translation>
    </message>
    <message>
        <source>This fee standard no longer exists.</source>
        <translation>此收费标准已不存在。</translation>
    </message>
    <message>
        <source>Enter the daily rate, e.g. 0.3‰ or 万分之三.</source>
        <translation>请输入日费率，如 0.3‰ 或 万分之三。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a daily rate: write e.g. 0.3‰, 0.03% or 万分之三.</source>
        <translation>“{text}”不是有效的日费率：请写成 0.3‰、0.03% 或 万分之三 等。</translation>
    </message>
    <message>
        <source>{text} a day is more than 1% a day: check the rate in the contract.</source>
        <translation>每日 {text} 超过了每日 1%：请核对合同中的费率。</translation>
    </message>
    <message>
        <source>The days of grace are a whole number from 0 to 365.</source>
        <translation>宽限期为 0 到 365 天的整数。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a cap: enter a percentage of the principal above 0 and at most 100, or leave it empty.</source>
        <translation>“{text}”不是有效的封顶比例：请输入大于 0、不超过 100 的本金百分比，或留空。</translation>
    </message>
    <message>
        <source>The notice is numbered from 1 to {maximum}.</source>
        <translation>书面催缴次数为 1 到 {maximum}。</translation>
    </message>
    <message>
        <source>Enter the day the terms apply from.</source>
        <translation>请输入规则的起始日期。</translation>
    </message>
    <message>
        <source>The fee item {item} chosen for &quot;{word}&quot; does not exist (any more).</source>
        <translation>为“{word}”选择的收费项目 {item} 不存在（或已删除）。</translation>
    </message>
    <message>
        <source>The notice template cannot be read: {reason}</source>
        <translation>无法读取通知模板：{reason}</translation>
    </message>
    <message>
        <source>There is no notice template for level {level}.</source>
        <translation>没有第{level}次通知的模板。</translation>
    </message>
    <message>
        <source>The wording of notice level {level} is not allowed: {findings}. Change it and save again.</source>
        <translation>第{level}次通知的措辞不合规：{findings}。请修改后再保存。</translation>
    </message>
    <message>
        <source>Notice level {level} uses unknown placeholders: {names}.</source>
        <translation>第{level}次通知使用了无法识别的占位符：{names}。</translation>
    </message>
    <message>
        <source>Notice level {level} needs a title and some text.</source>
        <translation>第{level}次通知需要标题和正文。</translation>
    </message>
    <message>
        <source>There is no estate named &quot;{name}&quot;.</source>
        <translation>没有名为“{name}”的小区。</translation>
    </message>
    <message>
        <source>There is no building &quot;{name}&quot;.</source>
        <translation>没有“{name}”栋。</translation>
    </message>
    <message>
        <source>There is no collector named &quot;{name}&quot;.</source>
        <translation>没有名为“{name}”的催收员。</translation>
    </message>
    <message>
        <source>The notice level must be between 1 and 10.</source>
        <translation>通知次数必须在 1 到 10 之间。</translation>
    </message>
    <message>
        <source>No room of this choice gets a notice now ({skipped} rooms left out): nothing was printed.</source>
        <translation>所选范围内目前没有需要发通知的房屋（{skipped} 户未发）：未打印任何内容。</translation>
    </message>
    <message>
        <source>Unknown paper for notices: {paper}</source>
        <translation>未知的通知纸张：{paper}</translation>
    </message>
    <message>
        <source>Room {room} exists in several estates ({estates}): name the estate.</source>
        <translation>房号 {room} 在多个小区都有（{estates}）：请指定小区。</translation>
    </message>
    <message>
        <source>Type or scan the notice number.</source>
        <translation>请输入或扫描通知编号。</translation>
    </message>
    <message>
        <source>There is no notice numbered {serial}.</source>
        <translation>没有编号为 {serial} 的通知。</translation>
    </message>
    <message>
        <source>The delivery of notice {serial} was already recorded with proof on {on}.</source>
        <translation>通知 {serial} 已于 {on} 登记送达并有证据。</translation>
    </message>
    <message>
        <source>The delivery date must be between the day the notice was issued ({issued}) and today ({today}).</source>
        <translation>送达日期须在通知发出日（{issued}）与今天（{today}）之间。</translation>
    </message>
    <message>
        <source>A family member who signs must be one of: {relations}.</source>
        <translation>代签的家属须为：{relations}。</translation>
    </message>
    <message>
        <source>Enter the name of the family member who signed.</source>
        <translation>请填写代签家属的姓名。</translation>
    </message>
    <message>
        <source>Enter the tracking number of the registered letter (8 to 32 letters and digits).</source>
        <translation>请填写挂号信或快递单号（8 到 32 位字母和数字）。</translation>
    </message>
    <message>
        <source>A message is proof only with its screenshot: attach the screenshot file.</source>
        <translation>短信、微信或邮件须附截图才能作为送达证据：请选择截图文件。</translation>
    </message>
    <message>
        <source>A notice left at the door is no proof of delivery and takes no file or tracking number. Record the signed slip or the registered letter instead.</source>
        <translation>张贴或塞门不能证明送达，不能附文件或单号。请改为登记签收回执或挂号信。</translation>
    </message>
    <message>
        <source>A proof file must be a picture or a PDF (not {suffix}).</source>
        <translation>证明文件须为图片或 PDF（不能是 {suffix}）。</translation>
    </message>
    <message>
        <source>The proof file cannot be found: {path}</source>
        <translation>找不到证明文件：{path}</translation>
    </message>
    <message>
        <source>The proof file is larger than {mb} MB.</source>
        <translation>证明文件超过 {mb} MB。</translation>
    </message>
    <message>
        <source>A board may show between 0 and 3 digits of a room number.</source>
        <translation>公示中房号只能显示 0 到 3 位数字。</translation>
    </message>
    <message>
        <source>Showing more on public boards needs every owner&apos;s separate consent. {article}</source>
        <translation>公示显示更多信息须取得每位业主的单独同意。{article}</translation>
    </message>
    <message>
        <source>The first month comes after the last one.</source>
        <translation>起始月份晚于截止月份。</translation>
    </message>
    <message>
        <source>Unknown kind of board: {kind}</source>
        <translation>未知的公示类型：{kind}</translation>
    </message>
    <message>
        <source>Step {step}: the minimum amount cannot be negative.</source>
        <translation>第{step}步：最低金额不能为负数。</translation>
    </message>
    <message>
        <source>Step {step}: the minimum number of months must be between 0 and 600.</source>
        <translation>第{step}步：最少欠费月数须在0至600之间。</translation>
    </message>
    <message>
        <source>Keep at least one step of the ladder active.</source>
        <translation>催缴流程至少要保留一个启用的步骤。</translation>
    </message>
    <message>
        <source>Choose at least one collector.</source>
        <translation>请至少选择一名催收专员。</translation>
    </message>
    <message>
        <source>{name} is not an active collector or manager and cannot hold cases.</source>
        <translation>{name}不是在职的催收专员或主管，不能负责案件。</translation>
    </message>
    <message>
        <source>Some cases changed since the preview (paid, closed or reassigned). Preview again; nothing was changed.</source>
        <translation>预览之后部分案件已有变化（已缴费、已结案或已转交）。请重新预览；本次未做任何更改。</translation>
    </message>
    <message>
        <source>The amount that opens a case cannot be negative.</source>
        <translation>立案金额不能为负数。</translation>
    </message>
    <message>
        <source>The months that open a case must be between 0 and 120.</source>
        <translation>立案月数须在0至120之间。</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>该案件已不存在。</translation>
    </message>
    <message>
        <source>This room has no collection case: its arrears have not reached the office&apos;s threshold.</source>
        <translation>该房间没有催缴案件：欠费尚未达到立案标准。</translation>
    </message>
    <message>
        <source>This case is held by another collector.</source>
        <translation>该案件由其他催收专员负责。</translation>
    </message>
    <message>
        <source>This case is not given to any collector yet: your manager assigns it.</source>
        <translation>该案件尚未分配给催收专员，请由主管分配。</translation>
    </message>
    <message>
        <source>This case was closed on {closed_on}: the room has paid.</source>
        <translation>该案件已于{closed_on}结案：欠费已缴清。</translation>
    </message>
    <message>
        <source>This room already has an open case.</source>
        <translation>该房间已有未结案件。</translation>
    </message>
    <message>
        <source>This room owes nothing overdue: there is nothing to chase.</source>
        <translation>该房间没有逾期欠费，无需催缴。</translation>
    </message>
    <message>
        <source>The date must be between the opening of the case ({opened_on}) and today.</source>
        <translation>日期须在立案日（{opened_on}）与今天之间。</translation>
    </message>
    <message>
        <source>A plan has between 1 and {maximum} instalments.</source>
        <translation>分期计划须为1至{maximum}期。</translation>
    </message>
    <message>
        <source>The total is too small for {count} instalments.</source>
        <translation>总金额太小，无法分成{count}期。</translation>
    </message>
    <message>
        <source>Instalments are at least one month apart.</source>
        <translation>每期至少间隔一个月。</translation>
    </message>
    <message>
        <source>The plan&apos;s total must be more than zero.</source>
        <translation>分期总额须大于零。</translation>
    </message>
    <message>
        <source>Instalment {seq}: the amount must be more than zero.</source>
        <translation>第{seq}期：金额须大于零。</translation>
    </message>
    <message>
        <source>Instalment {seq}: each date must be today or later, and after the instalment before it.</source>
        <translation>第{seq}期：日期不能早于今天，且须晚于上一期。</translation>
    </message>
    <message>
        <source>The instalments add up to {sum_fen}, not to the plan&apos;s total of {total_fen}.</source>
        <translation>各期合计{sum_fen}，与分期总额{total_fen}不符。</translation>
    </message>
    <message>
        <source>This case already has a plan waiting for approval or running: decide or cancel it first.</source>
        <translation>该案件已有待审批或执行中的分期计划：请先审批或取消。</translation>
    </message>
    <message>
        <source>This instalment plan no longer exists.</source>
        <translation>该分期计划已不存在。</translation>
    </message>
    <message>
        <source>This request has already been decided.</source>
        <translation>该申请已审批。</translation>
    </message>
    <message>
        <source>Give the reason, so that the collector knows why.</source>
        <translation>请填写理由，以便催收人员了解原因。</translation>
    </message>
    <message>
        <source>This request no longer exists.</source>
        <translation>该申请已不存在。</translation>
    </message>
    <message>
        <source>Give the reason for the extension.</source>
        <translation>请填写延期理由。</translation>
    </message>
    <message>
        <source>An extension runs 1 to 2 months: choose a date from {earliest} to {latest}.</source>
        <translation>延期期限为1至2个月：请选择{earliest}至{latest}之间的日期。</translation>
    </message>
    <message>
        <source>Give the reason for stopping the collection.</source>
        <translation>请填写暂停催缴的理由。</translation>
    </message>
    <message>
        <source>The end date must be after today.</source>
        <translation>结束日期须晚于今天。</translation>
    </message>
    <message>
        <source>A hold lasts at most {days} days; ask again when it ends if it must go on.</source>
        <translation>暂停催缴最长{days}天；到期后如需继续，请重新申请。</translation>
    </message>
    <message>
        <source>This hold is not running (not approved, or already over).</source>
        <translation>该暂停未在执行中（未批准或已结束）。</translation>
    </message>
    <message>
        <source>Describe the problem.</source>
        <translation>请描述问题。</translation>
    </message>
    <message>
        <source>The promised date cannot be before the day the problem was raised ({raised_on}).</source>
        <translation>承诺处理日期不能早于问题登记日（{raised_on}）。</translation>
    </message>
    <message>
        <source>Say how the problem was solved before marking it done or closed.</source>
        <translation>标记为已处理或已关闭前，请填写处理结果。</translation>
    </message>
    <message>
        <source>This service issue no longer exists.</source>
        <translation>该服务问题已不存在。</translation>
    </message>
    <message>
        <source>Choose how the owner was contacted.</source>
        <translation>请选择联系方式。</translation>
    </message>
    <message>
        <source>Choose the outcome of the contact.</source>
        <translation>请选择联系结果。</translation>
    </message>
    <message>
        <source>Choose the number that was used (add it to the room&apos;s contacts first if it is missing).</source>
        <translation>请选择拨打的号码（如无此号码，请先在房屋资料中添加）。</translation>
    </message>
    <message>
        <source>This number is not among the contacts of the room: add it to the room first.</source>
        <translation>此号码不在该房屋的联系方式中，请先在房屋资料中添加。</translation>
    </message>
    <message>
        <source>Choose who answered.</source>
        <translation>请选择接听人。</translation>
    </message>
    <message>
        <source>A promise can only be recorded when the outcome is a promise to pay.</source>
        <translation>只有结果为承诺缴费时才能登记承诺。</translation>
    </message>
    <message>
        <source>Enter the date the owner promised to pay by.</source>
        <translation>请输入业主承诺的缴费日期。</translation>
    </message>
    <message>
        <source>The promised date cannot be in the past.</source>
        <translation>承诺日期不能早于今天。</translation>
    </message>
    <message>
        <source>A promise more than a year away is a plan: agree an instalment plan instead.</source>
        <translation>承诺日期超过一年，请改为签订分期缴费协议。</translation>
    </message>
    <message>
        <source>Enter the amount the owner promised to pay.</source>
        <translation>请输入承诺缴费金额。</translation>
    </message>
    <message>
        <source>The promised amount must be more than zero.</source>
        <translation>承诺金额必须大于零。</translation>
    </message>
    <message>
        <source>This room owes nothing: there is nothing to promise.</source>
        <translation>该房屋没有欠费，无需承诺。</translation>
    </message>
    <message>
        <source>The promised amount is more than the room owes ({owed_fen}).</source>
        <translation>承诺金额超过该房屋的欠费（{owed_fen}）。</translation>
    </message>
    <message>
        <source>Choose what the complaint is about.</source>
        <translation>请选择投诉的问题类别。</translation>
    </message>
    <message>
        <source>Describe the complaint.</source>
        <translation>请填写投诉内容。</translation>
    </message>
    <message>
        <source>The next follow-up cannot be in the past.</source>
        <translation>下次跟进日期不能早于今天。</translation>
    </message>
    <message>
        <source>The next follow-up is more than a year away.</source>
        <translation>下次跟进日期超过一年。</translation>
    </message>
    <message>
        <source>This contact breaks an office rule (quiet hours or contacts per week): confirm it to save.</source>
        <translation>此次联系违反本处规定（休息时段或每周联系次数），确认后才能保存。</translation>
    </message>
    <message>
        <source>Enter a time as hours and minutes, e.g. 21:00.</source>
        <translation>请按“时:分”输入时间，例如 21:00。</translation>
    </message>
    <message>
        <source>Enter a number of contacts per week from 0 (no limit) to {maximum}.</source>
        <translation>每周联系次数请填 0（不限）至 {maximum}。</translation>
    </message>
    <message>
        <source>Enter a date such as 2026-11-20, 11-20, 20 (the coming 20th) or +3 (in 3 days).</source>
        <translation>请输入日期，例如 2026-11-20、11-20、20（最近的20号）或 +3（3天后）。</translation>
    </message>
    <message>
        <source>Only managers may look at a colleague&apos;s work list.</source>
        <translation>只有主管可以查看同事的工作清单。</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a billing month: write it as 2026-12 (year and month).</source>
        <translation>“{text}”不是账期：请写成 2026-12（年和月）。</translation>
    </message>
    <message>
        <source>The due day must be a day of the month from 1 to 31.</source>
        <translation>缴费截止日须为每月的 1 至 31 日。</translation>
    </message>
    <message>
        <source>A price, area or meter quantity cannot be negative ({field}).</source>
        <translation>单价、面积或计量数不能为负数（{field}）。</translation>
    </message>
    <message>
        <source>A vacancy discount is at most 100 %.</source>
        <translation>空置减免最多为 100%。</translation>
    </message>
    <message>
        <source>There is no estate named {name}. Estates: {names}.</source>
        <translation>没有名为 {name} 的小区。现有小区：{names}。</translation>
    </message>
    <message>
        <source>Another desk issued bills of {period} at the same moment: nothing was written. Run it again.</source>
        <translation>另一台电脑同时在生成 {period} 的账单，本次没有写入任何数据，请重新生成。</translation>
    </message>
    <message>
        <source>A payment cannot be dated in the future ({paid_on}).</source>
        <translation>缴费日期不能晚于今天（{paid_on}）。</translation>
    </message>
    <message>
        <source>This payment is dated {days} days back: give the reason for entering it late.</source>
        <translation>这笔缴费的日期在 {days} 天前：请填写补录原因。</translation>
    </message>
    <message>
        <source>{amount_fen} is far more than this room owes plus a year of its bills ({limit_fen}): confirm the amount first.</source>
        <translation>{amount_fen} 远超本房应缴合计加一年账单（{limit_fen}）：请先确认金额。</translation>
    </message>
    <message>
        <source>This bill no longer exists.</source>
        <translation>此账单已不存在。</translation>
    </message>
    <message>
        <source>The new amount of the bill is not valid.</source>
        <translation>账单的新金额无效。</translation>
    </message>
    <message>
        <source>The new amount is the same as the current one.</source>
        <translation>新金额与现金额相同。</translation>
    </message>
    <message>
        <source>The bill cannot be less than what was already paid, discounted or waived on it ({minimum_fen}): reverse the payment first.</source>
        <translation>账单金额不能低于该账单已缴、已优惠或已减免的部分（{minimum_fen}）：请先冲正相关收款。</translation>
    </message>
    <message>
        <source>Give the reason for changing the bill.</source>
        <translation>请填写调整账单的原因。</translation>
    </message>
    <message>
        <source>Write the text of the message first.</source>
        <translation>请先填写短信内容。</translation>
    </message>
    <message>
        <source>The message has {chars} characters; at most {limit} can be sent.</source>
        <translation>短信共 {chars} 字，最多只能发送 {limit} 字。</translation>
    </message>
    <message>
        <source>The message uses unknown placeholders: {names}.</source>
        <translation>短信中有无法识别的占位符：{names}。</translation>
    </message>
    <message>
        <source>The wording of the message is not allowed: {findings}. Change it first.</source>
        <translation>短信措辞不允许使用：{findings}。请先修改。</translation>
    </message>
    <message>
        <source>There is no notice batch numbered {batch}.</source>
        <translation>没有批次号为 {batch} 的通知批次。</translation>
    </message>
    <message>
        <source>The pay-by date {due} has already passed.</source>
        <translation>缴费期限 {due} 已过，请选择今天或以后的日期。</translation>
    </message>
    <message>
        <source>The statistics of {month} cannot be seen as of {as_of}: choose a day in or after that month.</source>
        <translation>{month} 的统计不能以 {as_of} 为截止日：请选择该月内或该月之后的日期。</translation>
    </message>
    <message>
        <source>There is no estate named {estate}.</source>
        <translation>没有名为 {estate} 的小区。</translation>
    </message>
    <message>
        <source>The figures of {month} do not balance for {scope}: opening arrears + billed − collected − recovered gives {formula_fen}, but the bills show {bills_fen} outstanding. The report was not printed; run &apos;cuijiao db check&apos; and tell your administrator.</source>
        <translation>{month} 的统计在“{scope}”不平衡：历史欠费 + 当月应收 − 当月实收 − 欠费追回 得 {formula_fen}，而账单显示欠费 {bills_fen}。报表未打印；请运行“cuijiao db check”并告知管理员。</translation>
    </message>
    <message>
        <source>{month} is already closed (by {closed_by} on {closed_at}).</source>
        <translation>{month} 已月结（{closed_by}，{closed_at}）。</translation>
    </message>
    <message>
        <source>{month} is not closed.</source>
        <translation>{month} 尚未月结。</translation>
    </message>
    <message>
        <source>{month} cannot be closed before it is over (the office&apos;s date is {today}).</source>
        <translation>{month} 尚未结束，不能月结（今天是 {today}）。</translation>
    </message>
    <message>
        <source>Give the reason for reopening {month}.</source>
        <translation>请填写反月结 {month} 的原因。</translation>
    </message>
    <message>
        <source>The statistics cannot be seen as of {as_of}: that day has not come yet (the office&apos;s date is {today}).</source>
        <translation>不能按 {as_of} 统计：这一天尚未到来（本处今天是 {today}）。</translation>
    </message>
    <message>
        <source>The visit collides with another visit.</source>
        <translation>此上门与另一上门安排冲突。</translation>
    </message>
    <message>
        <source>{name} is already on a visit to {room} from {start} to {end}.</source>
        <translation>{name} 在 {start}–{end} 已安排上门 {room}，时间冲突。</translation>
    </message>
    <message>
        <source>This room already has a visit on {day} ({start}–{end}).</source>
        <translation>此房间在 {day} 已安排上门（{start}–{end}），同一天不能上门两次。</translation>
    </message>
    <message>
        <source>Collection of this room is on hold until {until}: no visit on {day}.</source>
        <translation>此房间暂停催缴至 {until}，{day} 不能安排上门。</translation>
    </message>
    <message>
        <source>This room has nothing overdue any more: no visit is needed.</source>
        <translation>此房间已无逾期欠费，无需上门。</translation>
    </message>
    <message>
        <source>The visit must end after it starts ({start}–{end}).</source>
        <translation>上门结束时间须晚于开始时间（{start}–{end}）。</translation>
    </message>
    <message>
        <source>A visit lasts at least {minutes} minutes.</source>
        <translation>上门时长至少 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>A visit lasts at most {hours} hours.</source>
        <translation>上门时长最多 {hours} 小时。</translation>
    </message>
    <message>
        <source>A visit must end on the day it starts ({day}).</source>
        <translation>上门须在当天（{day}）结束。</translation>
    </message>
    <message>
        <source>{start}–{end} is outside the visiting hours of {day} ({window_start}–{window_end}).</source>
        <translation>{start}–{end} 不在 {day} 的上门时段内（{window_start}–{window_end}）。</translation>
    </message>
    <message>
        <source>Visiting hours must end after they start ({start}–{end}).</source>
        <translation>上门时段的结束时间须晚于开始时间（{start}–{end}）。</translation>
    </message>
    <message>
        <source>Choose who goes on the visit.</source>
        <translation>请选择上门人员。</translation>
    </message>
    <message>
        <source>The same person is chosen twice.</source>
        <translation>同一人员被重复选择。</translation>
    </message>
    <message>
        <source>At most {maximum} staff go on one visit.</source>
        <translation>每次上门最多 {maximum} 人。</translation>
    </message>
    <message>
        <source>Home visits are made by at least {minimum} staff; one person alone needs a manager&apos;s override with a reason.</source>
        <translation>上门催缴须至少 {minimum} 名员工同行；一人单独上门须经主管批准并填写原因。</translation>
    </message>
    <message>
        <source>Only a manager can let one person visit alone.</source>
        <translation>只有主管可以批准一人单独上门。</translation>
    </message>
    <message>
        <source>&quot;{duty}&quot; is not a duty on a visit.</source>
        <translation>&quot;{duty}&quot; 不是有效的上门分工。</translation>
    </message>
    <message>
        <source>This room has an open service issue: consider taking a maintenance worker along.</source>
        <translation>此房间有未处理的服务问题，建议维修工同行。</translation>
    </message>
    <message>
        <source>A visit cannot be planned on a past day ({day}).</source>
        <translation>不能把上门安排在已过去的日期（{day}）。</translation>
    </message>
    <message>
        <source>The reminder must be on or before the day of the visit.</source>
        <translation>提醒日期须在上门当天或之前。</translation>
    </message>
    <message>
        <source>Choose what the visit came to.</source>
        <translation>请选择上门结果。</translation>
    </message>
    <message>
        <source>The visit is on {day}: its outcome can be recorded from that day on.</source>
        <translation>此上门安排在 {day}，当天起才能登记结果。</translation>
    </message>
    <message>
        <source>Nobody was at home, so nobody can have been met.</source>
        <translation>无人在家，不能填写见到的人。</translation>
    </message>
    <message>
        <source>Nobody was at home, so nobody can have signed for the notice.</source>
        <translation>无人在家，通知书不可能被签收。</translation>
    </message>
    <message>
        <source>Say whom you met.</source>
        <translation>请选择见到的人。</translation>
    </message>
    <message>
        <source>Choose the notice that was signed for.</source>
        <translation>请选择已签收的通知书。</translation>
    </message>
    <message>
        <source>The revisit must be on a later day than this visit.</source>
        <translation>再次上门须晚于本次上门的日期。</translation>
    </message>
    <message>
        <source>This visit no longer exists.</source>
        <translation>此上门记录已不存在。</translation>
    </message>
    <message>
        <source>A chosen staff member no longer exists.</source>
        <translation>所选员工已不存在。</translation>
    </message>
    <message>
        <source>{name}&apos;s account is disabled: choose someone else.</source>
        <translation>{name} 的账号已停用，请另选人员。</translation>
    </message>
    <message>
        <source>That collection case belongs to another room.</source>
        <translation>该催缴案件属于其他房间。</translation>
    </message>
    <message>
        <source>A visit cannot move to another room: cancel it and plan a new one.</source>
        <translation>上门不能改到其他房间：请取消后重新安排。</translation>
    </message>
    <message>
        <source>This visit is no longer planned (it is done, failed or cancelled).</source>
        <translation>此上门已不在计划中（已完成、未遇或已取消）。</translation>
    </message>
    <message>
        <source>Give the reason for cancelling the visit.</source>
        <translation>请填写取消上门的原因。</translation>
    </message>
    <message>
        <source>This notice is not one of this room&apos;s.</source>
        <translation>此通知书不属于该房间。</translation>
    </message>
    <message>
        <source>There are no visits on this route to print.</source>
        <translation>这条路线上没有要打印的上门安排。</translation>
    </message>
    <message>
        <source>This building no longer exists.</source>
        <translation>该楼栋已不存在。</translation>
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
        <source>The details are in the log file {path}.</source>
        <translation>详细信息已记入日志文件 {path}。</translation>
    </message>
    <message>
        <source>A file could not be read or written: {detail}</source>
        <translation>无法读写文件：{detail}</translation>
    </message>
</context>
<context>
    <name>notices</name>
    <message>
        <source>Signed for by hand</source>
        <translation>当面签收</translation>
    </message>
    <message>
        <source>Left at the door</source>
        <translation>张贴/塞门</translation>
    </message>
    <message>
        <source>Registered letter</source>
        <translation>挂号信</translation>
    </message>
    <message>
        <source>Express (EMS)</source>
        <translation>快递（EMS）</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <source>No. {n} · {title}</source>
        <translation>第{n}次 · {title}</translation>
    </message>
</context>
<context>
    <name>pdf_preview</name>
    <message>
        <source>No document</source>
        <translation>没有文件</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小 (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大 (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page width (Ctrl+0)</source>
        <translation>适合页面宽度 (Ctrl+0)</translation>
    </message>
    <message>
        <source>The PDF could not be opened.</source>
        <translation>无法打开该 PDF。</translation>
    </message>
    <message>
        <source>{name} · {pages} pages</source>
        <translation>{name} · 共 {pages} 页</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印 {title}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>reason</name>
    <message>
        <source>Give the reason in at least {n} characters.</source>
        <extracomment>A reason must say something: at least this many characters.</extracomment>
        <translation>请至少用 {n} 个字说明原因。</translation>
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
        <translation>办公</translation>
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
        <extracomment>How a person prefers to be reached (the person form&apos;s words).</extracomment>
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
<context>
    <name>visits</name>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>Appointment confirmed</source>
        <translation>已预约确认</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已上门</translation>
    </message>
    <message>
        <source>Failed (nobody home)</source>
        <translation>未遇（无人在家）</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Paid on the spot</source>
        <translation>当场缴费</translation>
    </message>
    <message>
        <source>Promised to pay</source>
        <translation>承诺缴费</translation>
    </message>
    <message>
        <source>Instalments agreed</source>
        <translation>同意分期</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝缴费</translation>
    </message>
    <message>
        <source>Nobody at home</source>
        <translation>无人在家</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>催收专员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维修工</translation>
    </message>
</context>
</TS>
