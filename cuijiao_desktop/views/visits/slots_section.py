"""设置 → 上门时段: when visits may take place, on weekdays and at weekends (managers change them).

The calendar shades these hours, and a visit outside them is refused with the window that applies.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.contacts import format_hhmm
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, set_inline
from cuijiao_desktop.views.pages.settings_page import SettingsSection


class VisitSlotsSection(SettingsSection):
    """The office's visiting hours: a window on weekdays, one on Saturdays and Sundays."""

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitSlotsSection")
        self._runner = runner
        self._user = user
        self.rules = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        box = QGroupBox(self.tr("Visiting hours"))
        form = QFormLayout(box)
        self.edits: dict[str, QLineEdit] = {}

        def window(caption: str, start_key: str, end_key: str, start_hint: str, end_hint: str) -> None:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            for key, hint in ((start_key, start_hint), (end_key, end_hint)):
                edit = QLineEdit()
                edit.setObjectName(key)
                edit.setMaximumWidth(80)
                edit.setPlaceholderText(hint)
                edit.textEdited.connect(lambda _t: set_inline(self.status_label, ""))
                self.edits[key] = edit
                line.addWidget(edit)
                if key == start_key:
                    line.addWidget(QLabel("–"))
            line.addStretch(1)
            label = QLabel(caption)
            label.setBuddy(self.edits[start_key])
            form.addRow(label, row)

        window(self.tr("&Weekdays"), "weekday_start", "weekday_end", "18:30", "21:00")
        window(self.tr("Saturdays and &Sundays"), "weekend_start", "weekend_end", "09:00", "21:00")
        note = QLabel(self.tr("Owners are visited when they are at home: after work on weekdays, during the day at "
                              "weekends. The calendar shades these hours, and a visit outside them is refused."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5F6B7A;")
        form.addRow(note)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveVisitSlots")
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        self.status_label = QLabel()
        self.status_label.setObjectName("visitSlotsStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        form.addRow(self.status_label)
        outer.addWidget(box)
        outer.addStretch(1)
        editable = user is not None and user.can(Permission.EDIT_LADDER)
        for edit in self.edits.values():
            edit.setEnabled(editable)
        self.save_button.setVisible(editable)

    def refresh(self) -> None:
        """Load the office's visiting hours."""
        self._runner.submit(visit_service.visit_slot_rules, on_result=self._show,
                            on_error=lambda exc: set_inline(self.status_label, error_message(exc)))

    def _show(self, rules) -> None:
        self.rules = rules
        for key, edit in self.edits.items():
            edit.setText(format_hhmm(getattr(rules, key)))

    def save(self) -> None:
        """Save on the task runner; a time that cannot be read, or a window that ends before it starts, is
        said under the form and that field gets the focus (nothing typed is lost)."""
        set_inline(self.status_label, self.tr("Saving…"), HINT_STYLE)
        self._runner.submit(
            visit_service.update_visit_slots, actor=self._user,
            **{key: edit.text() for key, edit in self.edits.items()},
            on_result=lambda rules: (self._show(rules), set_inline(self.status_label, self.tr("Saved."), HINT_STYLE)),
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        set_inline(self.status_label, error_message(exc))
        field = str(getattr(exc, "params", {}).get("field", "")).removeprefix("visits.")
        if field in self.edits:
            self.edits[field].setFocus()
