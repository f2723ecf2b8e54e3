"""对账单 (Ctrl+P in the room ledger): choose the months, then preview, print or save the statement."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget


class StatementDialog(QDialog):
    """Two months (from, to); accepted gives ``periods()`` as YYYYMM."""

    def __init__(self, room_text: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statement of account"))
        self.setObjectName("statementDialog")
        self.from_edit = QDateEdit(QDate(today.year, 1, 1))
        self.to_edit = QDateEdit(QDate(today.year, today.month, 1))
        for edit, name in ((self.from_edit, "statementFrom"), (self.to_edit, "statementTo")):
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM")
            edit.setMaximumDate(QDate(today.year, today.month, 1))
        form = QFormLayout()
        form.addRow(self.tr("Room:"), QLabel(room_text))
        form.addRow(self.tr("From month:"), self.from_edit)
        form.addRow(self.tr("To month:"), self.to_edit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B3261E;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Show statement"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def periods(self) -> tuple[int, int]:
        f, t = self.from_edit.date(), self.to_edit.date()
        return f.year() * 100 + f.month(), t.year() * 100 + t.month()

    def _accept(self) -> None:
        first, last = self.periods()
        if first > last:
            self.error.setText(self.tr("The first month comes after the last one."))
            return
        self.accept()
