"""Day fields: a business day typed or picked from a calendar, shown as ``2026-03-10``.

``QDate(a_date)`` and ``edit.date().toPython()`` convert between Qt's day and Python's.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


def date_edit(name: str, value: date | None = None) -> QDateEdit:
    """A day field named ``name`` showing ``value`` (today when None), with a calendar to pick from."""
    edit = QDateEdit(QDate(value) if value is not None else QDate.currentDate())
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def optional_date(check: QCheckBox, edit: QDateEdit) -> QWidget:
    """``check`` and ``edit`` on one row: the day can be chosen (and counts) only while ``check`` is on."""
    edit.setEnabled(check.isChecked())
    check.toggled.connect(edit.setEnabled)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(check)
    layout.addWidget(edit, 1)
    return row
