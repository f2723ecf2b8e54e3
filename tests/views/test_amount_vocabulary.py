"""One word for each amount everywhere: 欠费 (due and unpaid), 未到期 (billed, not yet due),
应缴合计 (both) – in the payment dialog, the room ledger, the arrears table and its export."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.labels_zh import ARREARS_ZH, NOT_YET_DUE_ZH, TOTAL_OWED_ZH
from cuijiao_desktop.reports.arrears_xlsx import write_arrears_xlsx
from cuijiao_desktop.services.arrears import query_arrears
from cuijiao_desktop.views.dialogs.payment_dialog import PaymentDialog
from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel
from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage

TODAY = date(2026, 3, 20)  # bills 2026-01..05 due on the 10th: Jan–Mar overdue, Apr–May not yet due


pytestmark = pytest.mark.usefixtures("no_viewer")


@pytest.fixture
def room(session_factory):
    return make_room_with_bills(session_factory, months=5, monthly_fen=12_345)


def test_the_words_are_the_documents_words():
    assert (ARREARS_ZH, NOT_YET_DUE_ZH, TOTAL_OWED_ZH) == ("欠费", "未到期", "应缴合计")


def test_payment_dialog_shows_the_three_amounts(zh, qtbot, runner, users, room, tmp_path):
    dialog = PaymentDialog(runner, users[Role.CLERK], room.room_id, today=TODAY, receipts_folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.owed_label.text() == "欠费：¥370.35    未到期：¥246.90    应缴合计：¥617.25"
    assert dialog.all_button.text() == "填入应缴合计"
    dialog.fill_everything()
    assert dialog.amount_edit.text() == "617.25"


def test_room_ledger_shows_the_same_three_amounts(zh, qtbot, runner, users, ui_settings, room, tmp_path):
    page = RoomLedgerPage(runner, users[Role.CLERK], today=lambda: TODAY, settings=ui_settings,
                          receipts_folder=lambda: tmp_path)
    qtbot.addWidget(page)
    page.show()
    page.load(room.room_id)
    figures = {f.caption.text(): f.value.text() for f in (page.fig_arrears, page.fig_not_due, page.fig_total)}
    assert figures == {"欠费": "¥370.35", "未到期": "¥246.90", "应缴合计": "¥617.25"}


def test_arrears_table_and_export_call_the_overdue_amount_arrears(zh, session_factory, room, tmp_path):
    model = ArrearsTableModel()
    assert model.headerData(ArrearsTableModel.Column.TOTAL, Qt.Orientation.Horizontal) == "欠费"
    with session_factory() as s:
        rows = query_arrears(s, today=TODAY)
    assert [r.total_fen for r in rows] == [37_035]
    path = tmp_path / "欠费明细.xlsx"
    write_arrears_xlsx(rows, path, title="欠费明细", subtitle="")
    header = [c.value for c in next(load_workbook(path).active.iter_rows(min_row=3, max_row=3))]
    assert "欠费" in header and "欠费总额" not in header and "欠款" not in header
