"""The import wizard driven like a user: file → mapping → check → import; models pass qtmodeltester."""

from __future__ import annotations

import datetime as dt
import os

import openpyxl
import pytest
from factories import write_sheet
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.views.dialogs.import_wizard import ImportWizard, PreviewModel, RejectedModel


@pytest.fixture
def wizard(qtbot, runner, users, ui_settings):
    w = ImportWizard(runner, users[Role.MANAGER], today=dt.date(2026, 2, 1), settings=ui_settings)
    qtbot.addWidget(w)
    w.show()
    return w


def _count(factory, model) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_wizard_imports_the_messy_roster(qtbot, wizard, rooms_xlsx, session_factory, tmp_path, qtmodeltester):
    page = wizard.source_page
    page.file_edit.setText(str(rooms_xlsx))
    page.load_sheet_names()
    assert [page.sheet_box.itemText(i) for i in range(page.sheet_box.count())] == ["业主信息", "错误行"]
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    mp = wizard.mapping_page
    if shots := os.environ.get("CUIJIAO_WIZARD_SHOTS"):
        wizard.grab().save(f"{shots}/import-mapping.png")
    assert mp.header_spin.value() == 4
    assert mp.mapping() == {"building": 1, "unit": 2, "room": 3, "owner": 4, "phone": 5, "area": 6,
                            "occupancy": 7, "note": 8}
    assert mp.preview_model.rowCount() == 11 and mp.preview_model.index(0, 4).data() == "张 三"
    qtmodeltester.check(mp.preview_model)
    wizard.next()
    check = wizard.check_page
    assert wizard.currentPage() is check
    assert "4 new, 0 updated, 0 unchanged, 3 rejected, 4 skipped" in check.counts_label.text()
    model = check.rejected_model
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["11", "12", "13"]
    assert model.index(2, 1).data() == "重复行：房号与第 5 行相同"
    out = tmp_path / "rejected.xlsx"
    check.export_rejected(str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws["A3"].value == "行号" and ws["B4"].value == "缺少房间号"
    assert _count(session_factory, m.Room) == 0
    wizard.grab().save(str(tmp_path / "check.png"))
    if shots := os.environ.get("CUIJIAO_WIZARD_SHOTS"):  # a folder for looking at the pages
        wizard.grab().save(f"{shots}/import-check.png")
    wizard.next()
    assert wizard.currentPage() is wizard.result_page
    assert _count(session_factory, m.Room) == 4
    assert "4 new" in wizard.result_page.label.text()


def test_mapping_can_be_fixed_by_hand(qtbot, wizard, tmp_path, session_factory):
    path = write_sheet(tmp_path / "odd.xlsx", (["编号", "户", "平方"], ["3-2-1502", "张三", 90]))
    wizard.source_page.file_edit.setText(str(path))
    wizard.next()
    mp = wizard.mapping_page
    assert not mp.isComplete()  # no room column recognised
    assert "缺少必需的列：房号" in mp.problems_label.text()
    mp.combos["room"].setCurrentIndex(1)
    mp.combos["owner"].setCurrentIndex(2)
    mp.combos["area"].setCurrentIndex(3)
    assert mp.isComplete() and mp.problems_label.text() == ""
    wizard.next()
    assert "1 new" in wizard.check_page.counts_label.text()
    wizard.next()
    assert _count(session_factory, m.Person) == 1


def test_unreadable_file_stays_on_the_first_page(qtbot, wizard, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nonsense")
    wizard.source_page.file_edit.setText(str(bad))
    wizard.next()
    assert wizard.currentPage() is wizard.source_page
    assert "bad.xlsx" in wizard.source_page.error_label.text()


def test_empty_models_are_valid(qtmodeltester):
    rejected = RejectedModel()
    qtmodeltester.check(rejected)
    preview = PreviewModel()
    preview.set_rows(["a", "b"], [("1", "2"), ("3",)])
    qtmodeltester.check(preview)
    assert rejected.headerData(1, Qt.Orientation.Horizontal) == "Reasons"


def test_wizard_buttons(wizard):
    assert wizard.check_page.buttonText(QWizard.WizardButton.NextButton) == "&Import"


def test_file_import_action_opens_the_wizard_for_managers_only(qtbot, runner, users, ui_settings, db_url,
                                                               monkeypatch):
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.main_window import MainWindow

    opened = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self) or 0)
    for role, allowed in ((Role.CLERK, False), (Role.MANAGER, True), (Role.FINANCE, True)):
        window = MainWindow(runner, users[role], ui_settings, db_url=db_url, db_description=describe_url(db_url),
                            today=lambda: dt.date(2026, 2, 1))
        qtbot.addWidget(window)
        assert window.actions.is_allowed(ActionId.IMPORT) is allowed
        window.actions[ActionId.IMPORT].trigger()
        assert len(opened) == (1 if role is Role.MANAGER else 2 if role is Role.FINANCE else 0)
    assert opened[0].today == dt.date(2026, 2, 1)
