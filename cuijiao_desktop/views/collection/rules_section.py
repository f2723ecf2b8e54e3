"""设置 → 联系规则: quiet hours and the weekly maximum of contacts per room (managers change them)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from cuijiao_desktop.domain.contacts import format_hhmm, parse_hhmm
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import contacts as contact_service
from cuijiao_desktop.views.dialogs.style import set_inline
from cuijiao_desktop.views.pages.settings_page import RulesSection


class ContactRulesSection(RulesSection):
    """The office's contact rules. A contact against them warns before saving; the override is recorded."""

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(runner, user, name="contactRulesSection", title=self.tr("Contacting owners"), parent=parent)
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("quietStart")
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("quietEnd")
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumWidth(80)
            edit.setPlaceholderText("21:00")
        self.add_time_window(self.tr("&Quiet hours"), self.start_edit, self.end_edit)
        self.weekly_spin = QSpinBox()
        self.weekly_spin.setObjectName("weeklyMax")
        self.weekly_spin.setRange(0, contact_service.MAX_WEEKLY)
        self.weekly_spin.setSpecialValueText(self.tr("no limit"))
        weekly_label = QLabel(self.tr("&Contacts per room per week at most"))
        weekly_label.setBuddy(self.weekly_spin)
        self.form.addRow(weekly_label, self.weekly_spin)
        self.finish_form(
            self.tr("Calls, messages and visits in the quiet hours, or beyond the weekly maximum, ask for a "
                    "confirmation before they are saved, and the confirmation is recorded with the "
                    "contact. An owner who comes to the desk is never counted."),
            save_name="saveContactRules", status_name="contactRulesStatus",
            fields=[self.start_edit, self.end_edit, self.weekly_spin])

    def refresh(self) -> None:
        """Load the rules."""
        self._load(contact_service.contact_rules)

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
        self._save(contact_service.update_contact_rules, quiet_start=self.start_edit.text(),
                   quiet_end=self.end_edit.text(), weekly_max=self.weekly_spin.value(),
                   on_error=lambda exc: set_inline(self.status_label, error_message(exc)))
