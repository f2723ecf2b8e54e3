"""A required reason typed into a form (why an amount changes, why a payment is reversed): the
field with its red message under it, the check that it says something, and the start and failure of
the one task such a dialog runs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.views.dialogs.style import error_label, set_inline

#: A reason must say something: at least this many characters.
MIN_REASON_LENGTH = 4
_TOO_SHORT = QT_TRANSLATE_NOOP("reason", "Give the reason in at least {n} characters.")


def reason_rows(form: QFormLayout, caption: str, *, name: str, error_name: str,
                placeholder: str) -> tuple[QPlainTextEdit, QLabel]:
    """Add the reason field (under ``caption``) and its hidden red message to ``form``."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumHeight(80)
    error = error_label(error_name, wrap=False)
    edit.textChanged.connect(lambda: set_inline(error, ""))
    form.addRow(caption, edit)
    form.addRow("", error)
    return edit, error


def checked_reason(edit: QPlainTextEdit, error: QLabel) -> str | None:
    """The reason typed, or None once ``error`` says it is too short (the field gets the focus)."""
    reason = edit.toPlainText().strip()
    if len(reason) < MIN_REASON_LENGTH:
        set_inline(error, QCoreApplication.translate("reason", _TOO_SHORT).format(n=MIN_REASON_LENGTH))
        edit.setFocus()
        return None
    return reason


def start_with_reason(dialog) -> str | None:
    """The checked reason of ``dialog`` (its ``reason_edit`` and ``reason_error``), the dialog now saving
    (``_saving``, ``confirm_button`` disabled, ``general_error`` cleared); None while it saves already or
    when the reason is too short."""
    if dialog._saving:
        return None
    reason = checked_reason(dialog.reason_edit, dialog.reason_error)
    if reason is None:
        return None
    dialog._saving = True
    dialog.confirm_button.setEnabled(False)
    set_inline(dialog.general_error, "")
    return reason


def reason_task_failed(dialog, exc: BaseException) -> None:
    """The task of ``dialog`` failed: it may be confirmed again, and ``general_error`` says why (nothing
    typed is lost)."""
    dialog._saving = False
    dialog.confirm_button.setEnabled(True)
    set_inline(dialog.general_error, error_message(exc))
