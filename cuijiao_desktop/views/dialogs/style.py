"""Shared look of inline messages in dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #B3261E;"
HINT_STYLE = "color: #44546A; background: #EEF3F8; border-radius: 4px; padding: 6px;"


def error_label(name: str, *, wrap: bool = True) -> QLabel:
    """A hidden red message (shown with ``setText`` + ``show`` or :func:`set_inline`); a field's own
    message under it does not ``wrap``."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(wrap)
    label.hide()
    return label


def set_inline(label: QLabel, text: str, style: str = ERROR_STYLE) -> None:
    """Show ``text`` in ``label`` (hidden when empty)."""
    label.setStyleSheet(style)
    label.setText(text)
    label.setVisible(bool(text))
