"""报表 driven through the main window on the hand-built ledger of the monthly statistics: the month's
dashboards and 汇总 table, the workbench's collection-rate card, and the building map opening rooms."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from sqlalchemy import select
from stats_ledger import A1, A2, B5, C1, C2, EXPECTED, build_stats_ledger

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import AuditLog
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.building_map import MapRoom
from cuijiao_desktop.services.stats import summary
from cuijiao_desktop.views.actions import NAV_IDS, ActionId
from cuijiao_desktop.views.main_window import MainWindow
from cuijiao_desktop.views.pages.reports import ReportsPage, dashboard_tab
from cuijiao_desktop.views.pages.reports.building_map import grid_layout
from cuijiao_desktop.views.pages.reports.charts import percent_text

TODAY = date(2026, 4, 15)  # "last month", the report's default, is March 2026: the ledger's month


@pytest.fixture
def ledger(session_factory):
    return build_stats_ledger(session_factory)


@pytest.fixture
def window(qtbot, runner, ui_settings, db_url, ledger) -> MainWindow:
    w = MainWindow(runner, ledger.finance, ui_settings, db_url=db_url, db_description=describe_url(db_url),
                   today=lambda: TODAY)
    qtbot.addWidget(w)
    w.resize(1300, 860)
    w.show()
    qtbot.waitExposed(w)
    return w


def _reports(window: MainWindow) -> ReportsPage:
    page = window.pages[ActionId.NAV_REPORTS]
    assert isinstance(page, ReportsPage)
    return page


def _row(table, r: int) -> list[str]:
    return [table.item(r, c).text() for c in range(table.columnCount())]


def _money_row(name: str, f: dict) -> list[str]:
    return [name, str(f["households"]), *(format_money(f[k]) for k in (
        "billed_fen", "collected_fen", "recovered_fen", "prepaid_fen", "opening_arrears_fen", "closing_arrears_fen")),
        percent_text_of(f["collected_fen"], f["billed_fen"]), percent_text_of(f["households_paid"], f["households"])]


def percent_text_of(n: int, d: int) -> str:
    from fractions import Fraction

    return percent_text(Fraction(n, d))


def test_the_month_dashboards_and_summary_show_the_ledger_figures(qtbot, window, ledger, tmp_path, read_factory,
                                                                  monkeypatch):
    # 工作台: this month (April as of today) and last month (March as of its end)
    card = window.pages[ActionId.NAV_WORKBENCH].rate_card
    assert [p.month for p in card.points][-2:] == ["2026-03", "2026-04"]
    assert card.amount_labels[1].text() == "37.3%"  # March: 190.00 of 510.00 collected
    assert card.household_labels[1].text() == "households 42.9%"  # 3 of 7 rooms paid
    assert card.amount_labels[0].text() == "100.0%"  # April: the one bill was prepaid
    # F5 on the same day reads only this month and last month again; the older points are kept
    asked, before = [], card.points
    real = summary.rate_trend
    monkeypatch.setattr(summary, "rate_trend", lambda s, **kw: asked.append(kw["months"]) or real(s, **kw))
    window.pages[ActionId.NAV_WORKBENCH].refresh()
    assert asked == [2] and card.points == before and len(before) == summary.SUMMARY_MONTHS

    page = _reports(window)
    tab = page.dashboard
    with qtbot.waitSignal(tab.sig_loaded):
        window.show_page(NAV_IDS.index(ActionId.NAV_REPORTS))
    # the exports of deliverable 5 are the page's third tab
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())][2] == "Exports"
    assert page.tabs.widget(2).widget() is page.exports
    assert tab.selected_month() == "2026-03"
    stats = tab.data.stats
    assert stats.month == "2026-03" and stats.as_of == date(2026, 3, 31)
    assert "37.3%" in tab.headline.text() and "42.9%" in tab.headline.text()
    assert format_money(EXPECTED["total"]["closing_arrears_fen"]) in tab.headline.text()

    # 汇总 by estate (two estates) and the total
    assert tab.table.rowCount() == 3
    assert _row(tab.table, 0) == _money_row("锦绣", EXPECTED["by_estate"]["锦绣"])
    assert _row(tab.table, 1) == _money_row("翠湖", EXPECTED["by_estate"]["翠湖"])
    assert _row(tab.table, 2) == _money_row("Total", EXPECTED["total"])

    # the charts draw these figures
    assert len(tab.trend_chart.chart().series()) == 2 and not tab.trend_chart.empty_text
    assert sum(s.count() for s in tab.trend_chart.chart().series()) == 6  # Jan–Mar; the empty months have no rate
    ageing = tab.ageing_chart.chart().series()[0]
    assert [s.at(i) * 100 for i, s in enumerate(ageing.barSets())][:3] == [32000, 2500, 6000]
    assert [(b.label, b.fen) for b in tab.buildings_chart.bars.bars] == [
        (A1, EXPECTED["by_building"][A1]["closing_arrears_fen"]), (A2, 9000), (B5, 4000)]
    assert [c.collector for c in tab.collectors_chart.ranked] == [C1, C2]

    # the tab holds what it draws only: no detail rows, fee items or reasons
    assert tab.data.stats.extra.get("details_left_out") and tab.data.stats.details == ()

    # 导出月报: the workbook of the figures shown, audited as an export of personal data; the full
    # statistics are computed for it, so its 欠费明细 lists every room in arrears
    path = tmp_path / "月报-2026-03.xlsx"
    with qtbot.waitSignal(tab.sig_exported):
        tab.export_to(path)
    book = load_workbook(path, read_only=True)
    assert {"汇总", "欠费明细"} <= set(book.sheetnames)
    assert book["汇总"]["A1"].value.startswith("锦程物业服务中心 物业费收缴月报 2026年03月")  # the office's name
    codes = {row[2] for row in book["欠费明细"].iter_rows(values_only=True) if len(row) > 2}
    assert {d[0] for d in EXPECTED["details"]} <= codes
    book.close()
    with read_factory.begin() as s:
        audit = s.execute(select(AuditLog.action, AuditLog.username, AuditLog.detail)
                          .order_by(AuditLog.id.desc())).first()
    assert tuple(audit[:2]) == ("export.stats", ledger.finance.username)
    detail = json.loads(audit[2])  # which month, estate and day left the program
    assert (detail["month"], detail["estate"], detail["as_of"]) == ("2026-03", "", "2026-03-31")
    assert "月报-2026-03.xlsx" in tab.status_label.text()

    # one estate: its buildings and the total
    with qtbot.waitSignal(tab.sig_loaded):
        tab.estate_combo.setCurrentIndex(tab.estate_combo.findData("锦绣"))
    assert tab.data.stats.estate == "锦绣"
    assert [_row(tab.table, r)[0] for r in range(tab.table.rowCount())] == [A1, A2, "Total"]
    assert _row(tab.table, 2) == _money_row("Total", EXPECTED["by_estate"]["锦绣"])

    # a building's row, or its bar, shows its building map
    with qtbot.waitSignal(page.building_map.sig_loaded):
        tab.table.cellDoubleClicked.emit(1, 0)
    assert page.tabs.currentWidget() is page.building_map
    assert (page.building_map.view.data.estate, page.building_map.view.data.building) == ("锦绣", "2")
    page.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(page.building_map.sig_loaded):
        tab.buildings_chart.bar_set.clicked.emit(1)  # drawn bottom up: index 1 is the top bar, 锦绣 1栋
    assert page.building_map.view.data.building == "1"
    page.tabs.setCurrentWidget(tab)

    # a month without bills draws empty charts that say so
    with qtbot.waitSignal(tab.sig_loaded):
        tab.month_combo.setCurrentIndex(tab.month_combo.findData("2025-06"))
    assert tab.trend_chart.empty_text and tab.ageing_chart.empty_text
    assert tab.table.item(tab.table.rowCount() - 1, 8).text() == "—"
    assert tab.busy_bar.isHidden() and tab.error_label.isHidden()

    # figures that do not balance are refused with the service's words
    def unbalanced(*_a, **_k):
        raise DomainError("stats.unbalanced", month="2025-06", scope="锦绣", formula_fen=1, bills_fen=2)

    monkeypatch.setattr(dashboard_tab.stats_service, "month_report", unbalanced)
    tab.refresh()
    assert tab.error_label.isVisible() and "do not balance" in tab.error_label.text()
    assert tab.busy_bar.isHidden() and not tab.export_button.isEnabled()


def test_the_building_map_opens_a_room_by_click_and_by_enter(qtbot, window, ledger, monkeypatch):
    page = _reports(window)
    window.show_page(NAV_IDS.index(ActionId.NAV_REPORTS))
    tab = page.building_map
    with qtbot.waitSignal(tab.sig_loaded):
        page.tabs.setCurrentWidget(tab)
    assert [tab.estate_combo.itemText(i) for i in range(tab.estate_combo.count())] == ["锦绣", "翠湖"]
    view = tab.view
    assert (view.data.estate, view.data.building) == ("锦绣", "1")
    rooms = {r.code: r for r in view.data.rooms}
    assert set(rooms) == {"1-1-101", "1-1-102", "1-1-103"}
    r103 = rooms["1-1-103"]
    assert r103.arrears_fen == 14500 and format_money(14500) in view.tooltip_text(r103)
    # floor 1 on the bottom row, the three rooms side by side
    assert {view.cell_rect(r.room_id).top() for r in rooms.values()} == {view.cell_rect(r103.room_id).top()}

    rect = view.cell_rect(r103.room_id)
    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *a: shown.append(text))
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.mapToGlobal(rect.center())))
    assert shown == [view.tooltip_text(r103)] and "1-1-103" in shown[0]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() is window.room_ledger_page
    assert window.room_ledger_page.room_id == r103.room_id

    window.go_back()
    assert window.current_page() is page
    view.setFocus()
    view.set_current_room(rooms["1-1-101"].room_id)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.current_room().code == "1-1-102"
    assert page.selected_room_id() == rooms["1-1-102"].room_id  # 收款 (F9) takes it
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert window.room_ledger_page.room_id == rooms["1-1-102"].room_id

    # another estate's building
    window.go_back()
    with qtbot.waitSignal(tab.sig_loaded):
        tab.estate_combo.setCurrentIndex(1)
    assert {r.code for r in view.data.rooms} == {"5-1-501", "5-1-502"}


def test_finance_closes_and_reopens_the_month_from_the_page(qtbot, window, ledger, monkeypatch, read_factory):
    from PySide6.QtWidgets import QMessageBox

    from cuijiao_desktop.services.stats import month_close_info

    page = _reports(window)
    tab = page.dashboard
    with qtbot.waitSignal(tab.sig_loaded):
        window.show_page(NAV_IDS.index(ActionId.NAV_REPORTS))
    assert tab.close_button.isVisible() and tab.close_button.isEnabled()
    assert not tab.reopen_button.isEnabled() and tab.closed_label.isHidden()

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    from cuijiao_desktop.services import stats as stats_service
    from cuijiao_desktop.services.tx import is_read_only

    writes = []
    real_close = stats_service.close_month

    def spy_close(session, actor, month, *, today=None, prepared=None):  # the write task only writes
        writes.append(prepared)
        return real_close(session, actor, month, today=today, prepared=prepared)

    monkeypatch.setattr(stats_service, "close_month", spy_close)
    with qtbot.waitSignal(tab.sig_loaded):
        tab.close_button.click()
    assert "2026-03" in asked[0]
    assert is_read_only(stats_service.prepare_close)
    assert len(writes) == 1 and writes[0] is not None and writes[0][""].month == "2026-03"
    with read_factory.begin() as s:
        info = month_close_info(s, "2026-03")
    assert info is not None and info.closed_by == ledger.finance.display_name
    assert tab.data.stats.closed_at == info.closed_at  # the frozen figures are shown
    assert tab.closed_label.isVisible() and ledger.finance.display_name in tab.closed_label.text()
    assert not tab.close_button.isEnabled() and tab.reopen_button.isEnabled()
    assert tab.status_label.text().startswith("2026-03 is closed.")
    assert _row(tab.table, 2) == _money_row("Total", EXPECTED["total"])

    tab.reopen_button.click()
    dialog = tab.reopen_dialog
    dialog.confirm_button.click()  # no reason: refused inline
    assert dialog.reason_error.isVisible() and dialog.isVisible()
    dialog.reason_edit.setPlainText("A payment of March was entered late")
    with qtbot.waitSignal(tab.sig_loaded):
        dialog.confirm_button.click()
    with read_factory.begin() as s:
        assert month_close_info(s, "2026-03") is None
    assert tab.data.stats.closed_at is None and tab.closed_label.isHidden()
    assert tab.close_button.isEnabled() and not tab.reopen_button.isEnabled()

    # this month is not over: it cannot be closed
    with qtbot.waitSignal(tab.sig_loaded):
        tab.month_combo.setCurrentIndex(tab.month_combo.findData("2026-04"))
    assert not tab.close_button.isEnabled()


def test_the_grid_puts_floors_top_down_and_units_side_by_side():
    def room(i, number, unit, floor):
        return MapRoom(i, f"x-{number}", number, unit, floor, "", 0, None)

    rooms = (room(1, "101", "1", 1), room(2, "102", "1", 1), room(3, "201", "1", 2), room(4, "101", "2", 1),
             room(5, "1a", "2", 1), room(6, "P1", None, None))
    grid = grid_layout(rooms, floor_text=lambda f: f"{f}F", unit_text=lambda u: u or "-")
    where = {c.room.room_id: (c.row, c.col) for c in grid.cells}
    assert grid.floors == ("2F", "1F", "—")  # top floor first; rooms without a floor in the last row
    assert [u[0] for u in grid.units] == ["-", "1", "2"]
    assert where[3] == (0, 1) and where[1] == (1, 1) and where[2] == (1, 2)  # 201 above 101
    assert where[6] == (2, 0)
    assert where[4][0] == where[5][0] == 1 and where[4][1] != where[5][1]  # odd numbering: its own column
    assert grid.columns == 5


def test_a_long_floor_wraps_onto_further_lines():
    rooms = tuple(MapRoom(i, f"B1-{i:03d}", f"{i:03d}", None, -1, "", 0, None) for i in range(1, 46))
    grid = grid_layout(rooms, floor_text=lambda f: f"{f}F", unit_text=lambda u: "", max_columns=20)
    assert grid.floors == ("-1F", "", "") and grid.columns == 20
    where = {c.room.number: (c.row, c.col) for c in grid.cells}
    assert where["001"] == (0, 0) and where["020"] == (0, 19) and where["021"] == (1, 0) and where["045"] == (2, 4)
