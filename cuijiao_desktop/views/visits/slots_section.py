"""设置 → 上门时段: when visits may take place, on weekdays and at weekends (managers change them).

The calendar shades these hours, and a visit outside them is refused with the window that applies.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from cuijiao_desktop.domain.contacts import format_hhmm
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.views.dialogs.style import set_inline
from cuijiao_desktop.views.pages.settings_page import RulesSection


class VisitSlotsSection(RulesSection):
    """The office's visiting hours: a window on weekdays, one on Saturdays and Sundays."""

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(runner, user, name="visitSlotsSection", title=self.tr("Visiting hours"), parent=parent)
        self.edits: dict[str, QLineEdit] = {}

        def window(caption: str, start_key: str, end_key: str, start_hint: str, end_hint: str) -> None:
            for key, hint in ((start_key, start_hint), (end_key, end_hint)):
                edit = QLineEdit()
                edit.setObjectName(key)
                edit.setMaximumWidth(80)
                edit.setPlaceholderText(hint)
                edit.textEdited.connect(lambda _t: set_inline(self.status_label, ""))
                self.edits[key] = edit
            self.add_time_window(caption, self.edits[start_key], self.edits[end_key])

        window(self.tr("&Weekdays"), "weekday_start", "weekday_end", "18:30", "21:00")
        window(self.tr("Saturdays and &Sundays"), "weekend_start", "weekend_end", "09:00", "21:00")
        self.finish_form(
            self.tr("Owners are visited when they are at home: after work on weekdays, during the day at "
                    "weekends. The calendar shades these hours, and a visit outside them is refused."),
            save_name="saveVisitSlots", status_name="visitSlotsStatus", fields=list(self.edits.values()))

    def refresh(self) -> None:
        """Load the office's visiting hours."""
        self._load(visit_service.visit_slot_rules)

    def _show(self, rules) -> None:
        self.rules = rules
        for key, edit in self.edits.items():
            edit.setText(format_hhmm(getattr(rules, key)))

    def save(self) -> None:
        """Save on the task runner; a time that cannot be read, or a window that ends before it starts, is
        said under the form and that field gets the focus (nothing typed is lost)."""
        self._save(visit_service.update_visit_slots, on_error=self._failed,
                   **{key: edit.text() for key, edit in self.edits.items()})

    def _failed(self, exc: BaseException) -> None:
        set_inline(self.status_label, error_message(exc))
        field = str(getattr(exc, "params", {}).get("field", "")).removeprefix("visits.")
        if field in self.edits:
            self.edits[field].setFocus()
