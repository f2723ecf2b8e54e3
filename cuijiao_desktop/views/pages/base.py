"""Common frame of a main-window page: a title row and a body."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cuijiao_desktop.views.icons import icon


class Page(QWidget):
    """A page of the main window. ``activate()`` runs each time the page is shown."""

    def __init__(self, title: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(16)
        header = QHBoxLayout()
        header.setSpacing(10)
        icon_label = QLabel()
        icon_label.setPixmap(icon(icon_name).pixmap(28, 28))
        header.addWidget(icon_label)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        header.addWidget(self.title_label)
        header.addStretch(1)
        self.header_right = QLabel()
        self.header_right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.header_right.setStyleSheet("color: #5F6B7A;")
        header.addWidget(self.header_right)
        outer.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer.addLayout(self.body, 1)
        self._loaded = False

    def activate(self) -> None:
        """Called when the page becomes visible: loads its data the first time."""
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Reload the page's data (F5). Subclasses call ``super().refresh()`` first."""
        self._loaded = True

    def selected_room_id(self) -> int | None:
        """The room selected on this page, which 收款 (F9) takes; None when the page has no selection."""
        return None

    def mark_stale(self) -> None:
        """The data behind the page changed elsewhere: reload it the next time it is shown."""
        self._loaded = False
