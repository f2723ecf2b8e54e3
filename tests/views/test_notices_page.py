"""通知与公示 driven through its widgets: list, preview and issue a batch; delivery proof; templates;
the board privacy settings; the statement from the room ledger."""

from __future__ import annotations

import shutil

import pytest
from print_room_data import TODAY, make_arrears
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from cuijiao_desktop.db.models import AuditLog, Notice
from cuijiao_desktop.domain.enums import DeliveryMethod, Role
from cuijiao_desktop.services import boards
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.pages.board_privacy_section import BoardPrivacySection
from cuijiao_desktop.views.pages.notices import NoticesPage

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture
def rooms(session_factory):
    return make_arrears(session_factory)


@pytest.fixture
def page(qtbot, runner, users, rooms, ui_settings, tmp_path):
    p = NoticesPage(runner, users[Role.MANAGER], today=lambda: TODAY, settings=ui_settings,
                    data_dir=lambda: tmp_path / "data")
    qtbot.addWidget(p)
    p.resize(1300, 800)
    p.show()
    qtbot.waitExposed(p)
    p.activate()
    return p


def _count(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Notice))


def test_list_preview_and_issue_a_batch_into_a_file(page, session_factory, tmp_path, monkeypatch):
    tab = page.batch
    assert tab.model.rowCount() == 0
    page.refresh()  # F5 (the window's 刷新) lists the notices
    assert tab.model.rowCount() == 3 and "3 notices" in tab.summary.text()
    assert tab.print_button.isEnabled() and tab.save_button.isEnabled()
    tab.preview()
    assert tab.viewer.page_count() == 3 and _count(session_factory) == 0
    out = tmp_path / "batch.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: out)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.issue_and_save()
    assert out.exists() and _count(session_factory) == 3
    assert "TZ202611000001" in tab.status.text() and "TZ202611000003" in tab.status.text()
    tab.plan()  # the next batch climbs the ladder
    assert {tab.model.row_at(i).level for i in range(3)} == {2}


def test_rooms_carried_over_from_the_arrears_list(page, rooms):
    page.carry_rooms([rooms["5-1-302"]], "filtered")
    tab = page.batch
    assert tab.model.rowCount() == 1 and tab.model.row_at(0).room_code == "5-1-302"
    assert tab.carried_label.isVisible() and not tab.estate_combo.isEnabled()
    tab.clear_carried.click()
    tab.plan()
    assert tab.model.rowCount() == 3


def test_delivery_proof_by_scanning_the_number(page, session_factory, users, tmp_path, rooms):
    from cuijiao_desktop.services.notices import NoticeSelection, issue_notices

    with session_factory.begin() as s:
        serial = issue_notices(s, actor=users[Role.CLERK], selection=NoticeSelection(level=6), today=TODAY,
                               data_dir=tmp_path).documents[0].serial
    tab = page.delivery
    page.show_tab(tab)
    tab.serial_edit.setText(serial.lower())
    tab.look_up()
    assert serial in tab.card.text() and tab.save_button.isEnabled()
    tab.way_combo.setCurrentIndex(tab.way_combo.findData("wechat"))
    tab.record()
    assert "screenshot" in tab.status.text()
    shot = tmp_path / "chat.png"
    shot.write_bytes(b"\x89PNG chat")
    tab.set_proof(str(shot))
    tab.record()
    assert serial in tab.status.text() and tab.recent.count() == 1 and tab.serial_edit.text() == ""
    with session_factory() as s:
        n = s.scalars(select(Notice).where(Notice.serial == serial)).one()
        assert n.delivery_method is DeliveryMethod.WECHAT and n.proof_path.startswith("evidence/")
    assert (tmp_path / "data" / n.proof_path).exists()


def test_a_template_that_threatens_to_cut_water_is_not_saved(page, tmp_path):
    tab = page.templates
    page.show_tab(tab)
    tab.levels.setCurrentRow(2)
    tab.text_edit.setPlainText(tab.text_edit.toPlainText() + "\n\n逾期不缴将停水。")
    tab.save()
    assert "第九百四十四条" in tab.status.text()
    assert not (tmp_path / "data" / "templates" / "notice_03.txt").exists()
    tab.text_edit.setPlainText(tab.text_edit.toPlainText().replace("逾期不缴将停水。", "感谢您的理解。"))
    tab.save()
    assert (tmp_path / "data" / "templates" / "notice_03.txt").exists()
    assert "v2" in tab.version_label.text()


def test_boards_tab_previews_without_auditing_and_saves_with_audit(page, session_factory, tmp_path, monkeypatch):
    tab = page.boards
    page.show_tab(tab)
    tab.months_spin.setValue(1)
    tab.preview()
    assert tab.viewer.page_count() == 1 and "3 rooms" in tab.status.text()
    out = tmp_path / "board.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: out)
    tab.publish(to_printer=False)
    assert out.exists()
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "board.print")) == 1


def test_loosening_the_board_policy_warns_and_needs_confirmation(qtbot, runner, users, session_factory, monkeypatch):
    section = BoardPrivacySection(runner, users[Role.ADMIN])
    qtbot.addWidget(section)
    section.refresh()
    section.names_check.setChecked(True)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: None)  # cancelled
    section.save()
    assert not section.names_check.isChecked()
    with session_factory() as s:
        assert boards.get_masking_policy(s) == boards.DEFAULT_POLICY
    section.names_check.setChecked(True)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: next(
        b for b in self.buttons() if self.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole))
    section.save()
    with session_factory() as s:
        assert boards.get_masking_policy(s).show_owner_name
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "board.masking_policy")) == 1


def test_statement_from_the_room_ledger(qtbot, runner, users, rooms, ui_settings, monkeypatch):
    from cuijiao_desktop.views.dialogs.pdf_dialog import PdfDialog
    from cuijiao_desktop.views.dialogs.statement_dialog import StatementDialog
    from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage

    ledger = RoomLedgerPage(runner, users[Role.CLERK], today=lambda: TODAY, settings=ui_settings)
    qtbot.addWidget(ledger)
    ledger.show()
    ledger.load(rooms["3-2-1502"])
    shown = []
    monkeypatch.setattr(StatementDialog, "exec", lambda self: StatementDialog.DialogCode.Accepted)
    monkeypatch.setattr(PdfDialog, "open", lambda self: shown.append(self))
    ledger.print_statement()
    assert shown and shown[0].path.exists() and shown[0].preview.page_count() >= 1
    assert not ledger.dossier_button.isVisible()  # a clerk does not export the dossier


def test_printing_renders_every_page_onto_the_printer(qtbot, tmp_path, session_factory):
    """print_pdf through a QPrinter writing a PDF file (no printer on the test machine)."""
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from cuijiao_desktop.reports.notice_pdf import write_notices_pdf
    from cuijiao_desktop.services.notices import NoticeSelection, plan_notices
    from cuijiao_desktop.views.widgets.pdf_preview import print_pdf

    make_arrears(session_factory)
    with session_factory() as s:
        batch = plan_notices(s, selection=NoticeSelection(), today=TODAY, data_dir=tmp_path)
    source = write_notices_pdf(batch, tmp_path / "n.pdf").path
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    assert print_pdf(source, None, title="test", ask=False, printer=printer)
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert "Pages:           3" in info and "595 x 842" in info  # A4 portrait
