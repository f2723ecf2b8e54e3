"""Qt's own dialogs speak Chinese: Qt's qtbase_zh_CN and our supplement for what it lacks.

Why they were half English: qtbase_zh_CN.qm (shipped in PySide6-Essentials' translations folder,
and loaded) still translates Qt 5's texts ("Look in:", "Files of type:"), while Qt 6 asks for
"&Look in:" and "Files of &type:" (with a mnemonic). resources/i18n/qtbase_extra_zh_CN.ts adds
those, and app.install_translators installs it after Qt's file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QTreeView,
    QWidget,
    QWizard,
    QWizardPage,
)

from cuijiao_desktop.app import install_translators
from cuijiao_desktop.paths import translations_dir

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _visible_texts(widget: QWidget) -> list[str]:
    """Every text Qt wrote on the dialog: labels, buttons, tool tips, headers (not the user's data)."""
    texts = [widget.windowTitle()]
    for w in widget.findChildren(QLabel):
        texts.append(w.text())
    for w in widget.findChildren(QAbstractButton):
        texts += [w.text(), w.toolTip()]
    for view in widget.findChildren(QTreeView):
        model = view.model()
        if model is not None:
            texts += [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())]
    return [t for t in texts if t]


def _english(texts: list[str], *, allowed: tuple[str, ...] = ()) -> list[str]:
    return [t for t in texts if _LATIN_WORD.search(t) and not any(a in t for a in allowed)]


def test_qt_and_its_supplement_are_installed(qapp):
    try:
        installed = install_translators(qapp, "zh_CN")
        assert len(installed) == 3  # ours, Qt's qtbase_zh_CN, the supplement
        assert (translations_dir() / "qtbase_extra_zh_CN.qm").exists()
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # from Qt's own file
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # from the supplement
    finally:
        install_translators(qapp, "en")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"


def test_why_the_file_dialog_was_half_english(qapp):
    """Qt's own zh_CN file has the Qt 5 text but not the Qt 6 one (if Qt fixes it, drop the supplement's entry)."""
    qt = QTranslator()
    assert qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert qt.translate("QFileDialog", "Look in:") == "查找范围："
    assert qt.translate("QFileDialog", "&Look in:") == ""  # untranslated: Qt shows the English source


def test_the_file_dialog_is_chinese(zh, qtbot, tmp_path: Path):
    (tmp_path / "欠费明细.xlsx").write_bytes(b"")
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        dialog = QFileDialog(None, "导出欠费明细", str(tmp_path), "Excel 工作簿 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog (Linux; Windows uses its own)
        dialog.setAcceptMode(mode)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        texts = _visible_texts(dialog)
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts and "文件名称(&N)：" in texts
        assert {"名称", "大小", "类型", "修改日期"} <= set(texts)
        assert _english(texts, allowed=("Excel",)) == []
        combos = [c.itemText(i) for c in dialog.findChildren(QComboBox) for i in range(c.count())]
        assert "Excel 工作簿 (*.xlsx)" in combos
        dialog.reject()


def test_message_boxes_buttons_and_other_standard_dialogs_are_chinese(zh, qtbot):
    sb = QMessageBox.StandardButton
    buttons = sb.NoButton
    for b in (sb.Ok, sb.Save, sb.SaveAll, sb.Open, sb.Yes, sb.YesToAll, sb.No, sb.NoToAll, sb.Abort, sb.Retry,
              sb.Ignore, sb.Close, sb.Cancel, sb.Discard, sb.Help, sb.Apply, sb.Reset, sb.RestoreDefaults):
        buttons |= b
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "确定吗？", buttons)
    box.setDetailedText("详情")
    qtbot.addWidget(box)
    box.show()
    texts = [b.text() for b in box.buttons()]
    assert "是(&Y)" in texts and "否(&N)" in texts and "取消" in texts
    assert _english(_visible_texts(box)) == []

    bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(bb)
    assert [b.text() for b in bb.buttons()] == ["确定", "取消"] or {b.text() for b in bb.buttons()} == {"确定", "取消"}

    wizard = QWizard()
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    qtbot.addWidget(wizard)
    wizard.show()
    assert _english(_visible_texts(wizard)) == []

    for dialog in (QProgressDialog("导出中…", "取消", 0, 10), QInputDialog()):
        qtbot.addWidget(dialog)
        dialog.show()
        assert _english(_visible_texts(dialog)) == []

    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    assert [a.text().split("\t")[0] for a in menu.actions() if a.text()][:2] == ["撤消(&U)", "重做(&R)"]
    assert _english([a.text().split("\t")[0] for a in menu.actions()]) == []


def test_print_dialogs_are_chinese(zh, qtbot):
    print_support = pytest.importorskip("PySide6.QtPrintSupport")
    printer = print_support.QPrinter()
    for dialog in (print_support.QPrintDialog(printer), print_support.QPageSetupDialog(printer)):
        qtbot.addWidget(dialog)
        dialog.show()
        labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog) and w.text()]
        # paper names ("A4", "Letter") and units are data; the labels are not
        assert _english(labels, allowed=("PDF", "mm", "A4")) == [], labels
        dialog.reject()
