"""通知模板: the wording of the ten notices, edited per office and checked when saved.

A template that threatens to cut water, power, heating or gas (Civil Code art. 944) or discloses
the debt to third parties is refused with the article cited. Saving gives the template its next
version; 恢复默认 goes back to the shipped wording (the office's version is kept in its history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.notices import LEVELS, PLACEHOLDERS, NoticeTemplate, check_template
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import notice_templates


class TemplatesTab(QWidget):
    """The ten templates: a list on the left, the editor on the right."""

    def __init__(self, runner, user, *, data_dir: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._data_dir = data_dir
        self.templates: dict[int, NoticeTemplate] = {}
        self.current: NoticeTemplate | None = None
        self._loaded = False
        self.can_edit = user.can(Permission.EDIT_LADDER)
        self._build()

    def _build(self) -> None:
        self.levels = QListWidget()
        self.levels.setObjectName("templateLevels")
        self.levels.setMaximumWidth(240)
        self.levels.currentRowChanged.connect(self._show_level)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("templateTitle")
        self.deadline_spin = QSpinBox()
        self.deadline_spin.setObjectName("templateDeadline")
        self.deadline_spin.setRange(1, 90)
        self.deadline_spin.setSuffix(self.tr(" days after the notice date"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("templateText")
        self.text_edit.setTabChangesFocus(True)
        self.version_label = QLabel()
        self.version_label.setObjectName("templateVersion")
        self.version_label.setStyleSheet("color: #5F6B7A;")
        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Pay by:"), self.deadline_spin)
        placeholders = "　".join(f"{{{k}}} {v}" for k, v in PLACEHOLDERS.items())
        help_label = QLabel(self.tr("Paragraphs are separated by an empty line. Placeholders: {list}").format(
            list=placeholders))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #5F6B7A;")
        help_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton(self.tr("Check wording"))
        self.check_button.setObjectName("templateCheck")
        self.check_button.clicked.connect(self.check)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("templateSave")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Back to the standard wording"))
        self.reset_button.setObjectName("templateReset")
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        buttons.addWidget(self.version_label, 1)
        for b in (self.check_button, self.reset_button, self.save_button):
            buttons.addWidget(b)
        self.save_button.setVisible(self.can_edit)
        self.reset_button.setVisible(self.can_edit)
        for w in (self.title_edit, self.text_edit):
            w.setReadOnly(not self.can_edit)
        self.deadline_spin.setEnabled(self.can_edit)
        self.status = QLabel()
        self.status.setObjectName("templateStatus")
        self.status.setWordWrap(True)
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(self.text_edit, 1)
        lay.addWidget(help_label)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        if not self.can_edit:
            lay.addWidget(QLabel(self.tr("Only managers change the wording.")))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.levels)
        split.addWidget(right)
        split.setSizes([220, 800])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.addWidget(split, 1)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def activate(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        self._runner.submit(notice_templates.load_templates, self._data_dir(), with_session=False,
                            on_result=self._show_templates, on_error=self._show_error)

    def _show_templates(self, templates: dict[int, NoticeTemplate]) -> None:
        row = max(0, self.levels.currentRow())
        self.templates = templates
        self.levels.blockSignals(True)
        self.levels.clear()
        for level, t in sorted(templates.items()):
            mark = self.tr(" (office)") if t.source == "office" else ""
            item = QListWidgetItem(self.tr("No. {n} · {title}{mark}").format(n=level, title=t.title, mark=mark))
            if LEVELS[level].needs_signature:
                item.setToolTip(self.tr("The owner signs the receipt slip from the 6th notice on."))
            self.levels.addItem(item)
        self.levels.blockSignals(False)
        self.levels.setCurrentRow(row)
        self._show_level(row)

    def _show_level(self, row: int) -> None:
        t = self.templates.get(row + 1)
        self.current = t
        if t is None:
            return
        self.title_edit.setText(t.title)
        self.deadline_spin.setValue(t.deadline_days)
        self.text_edit.setPlainText("\n\n".join(t.paragraphs))
        source = self.tr("changed by this office") if t.source == "office" else self.tr("standard wording")
        self.version_label.setText(self.tr("Version {v}, {source}").format(v=t.version, source=source))
        self.reset_button.setEnabled(t.source == "office")
        self.status.clear()

    def edited(self) -> NoticeTemplate | None:
        """The template as the form shows it."""
        if self.current is None:
            return None
        paragraphs = tuple(p.strip() for p in self.text_edit.toPlainText().replace("\r", "").split("\n\n") if p.strip())
        return replace(self.current, title=self.title_edit.text().strip(), deadline_days=self.deadline_spin.value(),
                       paragraphs=paragraphs)

    def check(self) -> bool:
        t = self.edited()
        if t is None:
            return False
        try:
            check_template(t)
        except DomainError as exc:
            self._show_error(exc)
            return False
        self.status.setStyleSheet("color: #1E5631;")
        self.status.setText(self.tr("The wording is lawful: no threat to cut utilities, no disclosure to third "
                                    "parties, every placeholder known."))
        return True

    def save(self) -> None:
        if not self.can_edit or not self.check():
            return
        t = self.edited()
        self._runner.submit(notice_templates.save_template, actor=self._user, data_dir=self._data_dir(), template=t,
                            on_result=self._saved, on_error=self._show_error)

    def _saved(self, t: NoticeTemplate) -> None:
        self.refresh()
        self.status.setStyleSheet("color: #1E5631;")
        self.status.setText(self.tr("Saved as version {v}. The next batch prints it.").format(v=t.version))

    def reset(self) -> None:
        if self.current is None or not self.can_edit:
            return
        answer = QMessageBox.question(self, self.tr("Standard wording"), self.tr(
            "Go back to the standard wording of notice no. {n}? This office's version is kept in the template "
            "history.").format(n=self.current.level))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._runner.submit(notice_templates.reset_template, actor=self._user, data_dir=self._data_dir(),
                            level=self.current.level, on_result=lambda _t: self.refresh(), on_error=self._show_error)

    def _show_error(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #B3261E;")
        self.status.setText(error_message(exc))
