"""The arrears page driven through its widgets: filters and footer, sorting, opening a room, export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from factories import make_room_with_bills
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from cuijiao_desktop.db.models import CollectionCase
from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import Role, Stage
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.reports.xlsx import MONEY_FORMAT
from cuijiao_desktop.services import arrears as arrears_service
from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel, RowRole, SortRole
from cuijiao_desktop.views.pages.arrears_page import ArrearsPage

TODAY = date(2026, 9, 1)
Col = ArrearsTableModel.Column


@pytest.fixture
def office(session_factory, users):
    """Three rooms in arrears: 3-2-1502 ¥1,500 (6 months), 3-2-1501 ¥200 (2), 5-1-101 in T2 ¥2,400 (8)."""
    a = make_room_with_bills(session_factory, months=6, monthly_fen=25_000, code="3-2-1502")
    b = make_room_with_bills(session_factory, months=2, monthly_fen=10_000, code="3-2-1501", first_period=202607)
    c = make_room_with_bills(session_factory, months=8, monthly_fen=30_000, code="5-1-101", estate_code="T2")
    with session_factory.begin() as s:
        s.add(CollectionCase(room_id=a.room_id, stage=Stage.VISIT, collector_id=users[Role.COLLECTOR].id,
                             opened_on=date(2026, 6, 1)))
    return {"a": a.room_id, "b": b.room_id, "c": c.room_id}


@pytest.fixture
def page(qtbot, runner, office, ui_settings):
    p = ArrearsPage(runner, today=lambda: TODAY, settings=ui_settings)
    qtbot.addWidget(p)
    p.resize(1300, 700)
    p.show()
    qtbot.waitExposed(p)
    with qtbot.waitSignal(p.sig_loaded):
        p.activate()
    return p


def _codes(p: ArrearsPage) -> list[str]:
    return [r.room_code for r in p.model.rows()]


def test_loads_every_room_sorted_by_total_with_footer(page, office):
    assert _codes(page) == ["5-1-101", "3-2-1502", "3-2-1501"]  # largest arrears first
    assert page.count_label.text() == "3 rooms"
    assert page.total_label.text() == f"Total arrears {format_money(240_000 + 150_000 + 20_000)}"
    assert page.late_label.text() == "Late fees ¥0.00"
    assert "1 month ¥400.00" in page.bucket_label.text()  # the August bills of 5-1-101 and 3-2-1501
    assert page.busy_bar.isHidden() and page.error_label.isHidden()
    assert page.export_button.isEnabled()
    assert page.status_label.text() == "As of 2026-09-01"


def test_filters_change_the_rows_and_the_footer(qtbot, page, office):
    estate_t2 = page.estate_combo.findText("测试花园", Qt.MatchFlag.MatchExactly)
    assert estate_t2 > 0
    # two estates share the test name: choose the one that holds 5-1-101
    for i in range(1, page.estate_combo.count()):
        page.estate_combo.setCurrentIndex(i)
        if _codes(page) == ["5-1-101"]:
            break
    assert page.count_label.text() == "1 of 3 rooms"
    assert page.total_label.text() == "Total arrears ¥2,400.00"
    assert page.building_combo.count() == 2  # "all" and building 5 of that estate

    page.clear_filters()
    assert page.count_label.text() == "3 rooms"

    qtbot.keyClicks(page.min_edit, "1,000")
    page.apply_filters()
    assert sorted(_codes(page)) == ["3-2-1502", "5-1-101"]
    page.max_edit.insert("¥1500")  # QTest types ASCII only
    page.apply_filters()
    assert _codes(page) == ["3-2-1502"]
    assert page.total_label.text() == "Total arrears ¥1,500.00"

    page.max_edit.setText("abc")  # not money: shown beside the field, ignored by the filter
    page.apply_filters()
    assert "#B3261E" in page.max_edit.styleSheet()
    assert page.max_edit.toolTip() == "This is not a valid amount of money."
    assert sorted(_codes(page)) == ["3-2-1502", "5-1-101"]

    page.clear_filters()
    page.stage_combo.setCurrentIndex(page.stage_combo.findData(Stage.VISIT))
    assert _codes(page) == ["3-2-1502"]
    page.stage_combo.setCurrentIndex(page.stage_combo.findData(arrears_service.NO_VALUE))
    assert sorted(_codes(page)) == ["3-2-1501", "5-1-101"]
    page.stage_combo.setCurrentIndex(0)
    page.bucket_combo.setCurrentIndex(page.bucket_combo.findData(AgeBucket.M6_12))  # oldest due 01-10 / 02-10
    assert sorted(_codes(page)) == ["3-2-1502", "5-1-101"]
    page.bucket_combo.setCurrentIndex(0)

    page.text_edit.insert("3栋")
    qtbot.waitUntil(lambda: page.count_label.text() == "2 of 3 rooms")  # debounced as you type
    assert sorted(_codes(page)) == ["3-2-1501", "3-2-1502"]
    assert page.total_label.text() == "Total arrears ¥1,700.00"


def test_header_click_sorts_the_python_list(qtbot, page):
    header = page.table.horizontalHeader()

    def click(col: int) -> None:
        x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click(Col.TOTAL)  # was descending: now ascending
    assert _codes(page) == ["3-2-1501", "3-2-1502", "5-1-101"]
    click(Col.MONTHS)
    assert [r.months for r in page.model.rows()] == [2, 6, 8]
    click(Col.ROOM)
    assert _codes(page) == ["3-2-1501", "3-2-1502", "5-1-101"]
    click(Col.ROOM)
    assert _codes(page) == ["5-1-101", "3-2-1502", "3-2-1501"]
    page.text_edit.setText("3-2")  # a filter keeps the chosen order
    page.apply_filters()
    assert _codes(page) == ["3-2-1502", "3-2-1501"]


def test_enter_and_double_click_open_the_room(qtbot, page, office):
    page.table.setFocus()
    page.table.selectRow(1)
    with qtbot.waitSignal(page.sig_open_room) as blocker:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [office["a"]]
    rect = page.table.visualRect(page.model.index(2, Col.OWNER))
    with qtbot.waitSignal(page.sig_open_room) as blocker:
        QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # the view needs a press
        QTest.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [office["b"]]


@pytest.mark.both_engines  # the export of PostgreSQL's numbers once printed fen as yuan (issue 14)
def test_export_writes_the_filtered_rows_in_display_order(qtbot, page, tmp_path):
    page.text_edit.setText("3-2")
    page.apply_filters()
    path = tmp_path / "arrears.xlsx"
    with qtbot.waitSignal(page.sig_exported) as blocker:
        page.export_to(path)
    assert blocker.args == [str(path)]
    assert page.export_button.isEnabled() and page.export_handle is None
    ws = load_workbook(path).active
    assert ws["A1"].value == "欠费明细"  # no office name set in the test database
    header = [c.value for c in ws[3]]
    total = header.index("欠费")
    rows = [[c.value for c in ws[r]] for r in (4, 5)]
    assert [r[header.index("房号")] for r in rows] == ["1502", "1501"]
    assert [Decimal(str(r[total])).quantize(Decimal("0.01")) for r in rows] == [Decimal("1500.00"), Decimal("200.00")]
    assert ws.cell(row=4, column=total + 1).number_format == MONEY_FORMAT
    assert ws.cell(row=4, column=header.index("电话") + 1).number_format == "@"
    totals = [c.value for c in ws[6]]
    assert totals[0] == "合计（2户）"
    assert Decimal(str(totals[total])).quantize(Decimal("0.01")) == Decimal("1700.00")
    assert page.status_label.text() == f"Exported 2 rooms to {path}"


def test_a_failed_load_is_shown_inline(qtbot, runner, office, monkeypatch):
    def broken(session, *, today):
        raise ValidationError("validation.invalid")

    monkeypatch.setattr(arrears_service, "query_arrears", broken)
    p = ArrearsPage(runner, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.refresh()
    assert p.error_label.text() == "The arrears could not be loaded: This value is not valid."
    assert p.busy_bar.isHidden() and p.model.rowCount() == 0 and not p.export_button.isEnabled()


def test_model_passes_qtmodeltester(qtmodeltester, session_factory, office):
    with session_factory() as s:
        rows = arrears_service.query_arrears(s, today=TODAY)
    model = ArrearsTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(Col.TOTAL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    top = model.index(0, Col.TOTAL)
    assert model.data(top) == "¥2,400.00" and model.data(top, SortRole) == 240_000
    assert model.data(top, Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.data(top, RowRole).room_code == "5-1-101"
    assert model.data(model.index(0, Col.OLDEST)) == "2026-01"
    assert model.data(model.index(0, Col.STAGE)) == "No case"
    assert model.headerData(Col.M3_6, Qt.Orientation.Horizontal) == "3–6 months"
    for col in Col:  # every column sorts both ways without error
        model.sort(col, Qt.SortOrder.AscendingOrder)
        model.sort(col, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 3


def test_main_window_shows_the_page_and_enter_opens_the_ledger(qtbot, runner, users, ui_settings, db_url, office):
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.views.actions import NAV_IDS, ActionId
    from cuijiao_desktop.views.main_window import MainWindow

    window = MainWindow(runner, users[Role.CLERK], ui_settings, db_url=db_url, db_description=describe_url(db_url),
                        today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)  # shortcuts need the active window
    page = window.pages[ActionId.NAV_ARREARS]
    assert isinstance(page, ArrearsPage)
    window.show_page(NAV_IDS.index(ActionId.NAV_ARREARS))
    assert window.current_page() is page and page.model.rowCount() == 3
    page.table.setFocus()
    page.table.selectRow(0)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page() is window.room_ledger_page
    assert window.room_ledger_page.room_id == office["c"]
    QTest.keyClick(window.room_ledger_page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page() is page


def test_a_payment_in_the_ledger_reloads_the_arrears_list(qtbot, runner, users, ui_settings, db_url, office,
                                                          session_factory, tmp_path, monkeypatch):
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.views.actions import NAV_IDS, ActionId
    from cuijiao_desktop.views.main_window import MainWindow

    monkeypatch.setenv("CUIJIAO_NO_OPEN", "1")
    window = MainWindow(runner, users[Role.MANAGER], ui_settings, db_url=db_url,
                        db_description=describe_url(db_url), today=lambda: TODAY)
    window.room_ledger_page._receipts_folder = lambda: tmp_path / "receipts"
    qtbot.addWidget(window)
    window.show()
    page = window.pages[ActionId.NAV_ARREARS]
    window.show_page(NAV_IDS.index(ActionId.NAV_ARREARS))
    before = {r.room_id: r.total_fen for r in page.model.rows()}
    window.open_room(office["c"])
    window.room_ledger_page.take_payment()
    dialog = window.room_ledger_page.payment_dialog
    QTest.keyClicks(dialog.amount_edit, "10")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.receipt is not None
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    window.go_back()
    assert window.current_page() is page
    after = {r.room_id: r.total_fen for r in page.model.rows()}
    assert after[office["c"]] == before[office["c"]] - 1_000
