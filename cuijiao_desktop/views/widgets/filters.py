"""What the filter bars above the lists share: the search field, and a list that follows typing
only once the clerk pauses (each keystroke would otherwise filter or query again)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QLineEdit


def search_edit(name: str, placeholder: str, *, min_width: int | None = None) -> QLineEdit:
    """A search field with a clear button; ``placeholder`` says what it finds."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    if min_width is not None:
        edit.setMinimumWidth(min_width)
    return edit


def debounced(parent: QObject, ms: int, slot: Callable[[], object], *signals: SignalInstance) -> QTimer:
    """A single-shot timer that calls ``slot`` ``ms`` milliseconds after the last of ``signals`` fired."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    for signal in signals:
        signal.connect(lambda *_: timer.start())
    return timer
