"""导出 tab: the SMS section previews the first message live and writes the batch file (audited); the
visits section offers the five visit statuses."""

from __future__ import annotations

import csv
from datetime import date

from factories import make_room_with_bills
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, Contact, RoomPerson
from cuijiao_desktop.domain.enums import ContactKind, Role, VisitStatus
from cuijiao_desktop.domain.sms import DEFAULT_SMS_TEMPLATE
from cuijiao_desktop.services.sms_batch import sms_template
from cuijiao_desktop.views.pages.reports.exports_tab import ExportsTab

TODAY = date(2026, 8, 1)


def test_the_sms_section_previews_and_exports_the_batch(zh, qtbot, runner, users, session_factory, ui_settings,
                                                        tmp_path):
    a = make_room_with_bills(session_factory, code="3-2-1502")
    make_room_with_bills(session_factory, code="3-2-1503", months=2)  # its owner has no phone at all
    with session_factory.begin() as s:
        owner = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == a.room_id))
        s.add(Contact(person_id=owner, kind=ContactKind.MOBILE, value="13800138000", last4="8000", is_primary=True))

    tab = ExportsTab(runner, users[Role.MANAGER], today=lambda: TODAY, settings=ui_settings)
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitSignal(tab.sig_sample, timeout=3000):
        tab.activate()
    assert tab.sms_rooms.text() == "已选 2 户"
    assert tab.sms_estate.count() == 2 and tab.calls_staff.count() > 1  # the choices arrived
    statuses = tab.visits_status  # the five visit statuses, in the calendar's words
    assert [statuses.itemData(i) for i in range(statuses.count())] == [None, *VisitStatus]
    assert [statuses.itemText(i) for i in (2, 4)] == ["已预约确认", "未遇（无人在家）"]
    assert tab.sms_template.toPlainText() == DEFAULT_SMS_TEMPLATE and "张先生/女士" in tab.sms_preview.text()

    tab.sms_template.setPlainText("{称呼}，{房号}欠{欠费金额}，请于{缴费期限}前缴纳。")
    assert tab.sms_preview.text() == "张先生/女士，3栋2单元15**欠¥1,500.00，请于2026年8月8日前缴纳。"
    assert tab.sms_count.text() == "42 字 · 1 条短信  请勿在免打扰时段（21:00–08:00）发送。"
    tab.sms_template.setPlainText("{称呼}" + "请缴费" * 30)
    assert "按 2 条计费" in tab.sms_count.text()
    tab.sms_template.setPlainText("{称呼}{身份证号}")
    assert "无法识别的占位符" in tab.sms_preview.text() and tab.sms_count.text() == ""
    tab.sms_template.setPlainText("=HYPERLINK(\"x\") {称呼}，{房号}欠{欠费金额}。")
    tab.sms_save.click()  # the office's wording from now on, on every desk
    assert tab.status.text() == "本处的短信模板已保存。"
    with session_factory() as s:
        assert sms_template(s) == tab.sms_template.toPlainText()

    path = tmp_path / "短信.csv"
    with qtbot.waitSignal(tab.sig_exported, timeout=5000):
        tab.export_sms_to(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["手机号码", "短信内容"],
                    ["13800138000", "'=HYPERLINK(\"x\") 张先生/女士，3栋2单元15**欠¥1,500.00。"]]
    assert tab.sms_left_out.toPlainText() == "测试花园 3-2-1503：无有效手机号码"
    assert "已写入短信 1 条" in tab.status.text() and "1 户未发短信" in tab.status.text()
    assert tab.sms_button.isEnabled()
    with session_factory() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export.sms")).one()
    assert entry.username == users[Role.MANAGER].username and '"rows": 1' in entry.detail

    # rooms carried over from the arrears table replace the filters
    with qtbot.waitSignal(tab.sig_sample, timeout=3000):
        tab.carry_rooms([a.room_id], "3栋")
    assert tab.sms_rooms.text() == "已选 1 户" and not tab.sms_estate.isEnabled()
    assert tab.sms_selection().room_ids == (a.room_id,) and "3栋" in tab.sms_carried.text()
    with qtbot.waitSignal(tab.sig_sample, timeout=3000):
        tab.sms_clear_carried.click()
    assert tab.sms_rooms.text() == "已选 2 户" and tab.sms_estate.isEnabled()

    collector = ExportsTab(runner, users[Role.COLLECTOR], today=lambda: TODAY, settings=ui_settings)
    qtbot.addWidget(collector)
    assert not collector.sms_button.isEnabled() and collector.calls_button.isEnabled()
    assert collector.sms_save.isHidden()
