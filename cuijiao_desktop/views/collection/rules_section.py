"""设置 → 联系规则: quiet hours and the weekly maximum of contacts per room (managers change them)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.contacts import format_hhmm, parse_hhmm
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import contacts as contact_service
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, set_inline
from cuijiao_desktop.views.pages.settings_page import SettingsSection


class ContactRulesSection(SettingsSection):
    """The office's contact rules. A contact against them warns before saving; the override is recorded."""

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactRulesSection")
        self._runner = runner
        self._user = user
        self.rules = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        box = QGroupBox(self.tr("Contacting owners"))
        form = QFormLayout(box)
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("quietStart")
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("quietEnd")
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumWidth(80)
            edit.setPlaceholderText("21:00")
        quiet = QWidget()
        line = QHBoxLayout(quiet)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.start_edit)
        line.addWidget(QLabel("–"))
        line.addWidget(self.end_edit)
        line.addStretch(1)
        start_label = QLabel(self.tr("&Quiet hours"))
        start_label.setBuddy(self.start_edit)
        form.addRow(start_label, quiet)
        self.weekly_spin = QSpinBox()
        self.weekly_spin.setObjectName("weeklyMax")
        self.weekly_spin.setRange(0, contact_service.MAX_WEEKLY)
        self.weekly_spin.setSpecialValueText(self.tr("no limit"))
        weekly_label = QLabel(self.tr("&Contacts per room per week at most"))
        weekly_label.setBuddy(self.weekly_spin)
        form.addRow(weekly_label, self.weekly_spin)
        note = QLabel(self.tr("Calls, messages and visits in the quiet hours, or beyond the weekly maximum, ask for a "
                              "confirmation before they are saved, and the confirmation is recorded with the "
                              "contact. An owner who comes to the desk is never counted."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5F6B7A;")
        form.addRow(note)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveContactRules")
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        self.status_label = QLabel()
        self.status_label.setObjectName("contactRulesStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        form.addRow(self.status_label)
        outer.addWidget(box)
        outer.addStretch(1)
        editable = user is not None and user.can(Permission.EDIT_LADDER)
        for w in (self.start_edit, self.end_edit, self.weekly_spin):
            w.setEnabled(editable)
        self.save_button.setVisible(editable)

    def refresh(self) -> None:
        """Load the rules."""
        self._runner.submit(contact_service.contact_rules, on_result=self._show,
                            on_error=lambda exc: set_inline(self.status_label, error_message(exc)))

    def _show(self, rules) -> None:
        self.rules = rules
        self.start_edit.setText(format_hhmm(rules.quiet_start))
        self.end_edit.setText(format_hhmm(rules.quiet_end))
        self.weekly_spin.setValue(rules.weekly_max)

    def save(self) -> None:
        """Check the times beside the form, then save on the task runner."""
        for edit in (self.start_edit, self.end_edit):
            try:
                parse_hhmm(edit.text())
            except DomainError as exc:
                set_inline(self.status_label, error_message(exc))
                edit.setFocus()
                return
        set_inline(self.status_label, self.tr("Saving…"), HINT_STYLE)
        self._runner.submit(
            contact_service.update_contact_rules, actor=self._user, quiet_start=self.start_edit.text(),
            quiet_end=self.end_edit.text(), weekly_max=self.weekly_spin.value(),
            on_result=lambda rules: (self._show(rules), set_inline(self.status_label, self.tr("Saved."), HINT_STYLE)),
            on_error=lambda exc: set_inline(self.status_label, error_message(exc)),
        )
