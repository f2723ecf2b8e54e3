"""A page that is not built yet: says so plainly, shows no data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from cuijiao_desktop.views.pages.base import Page


class PlaceholderPage(Page):
    """States that the feature comes in a later version and what it will do."""

    def __init__(self, title: str, icon_name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(title, icon_name, parent)
        box = QFrame()
        box.setObjectName("placeholderBox")
        box.setStyleSheet(
            "#placeholderBox { background: #F6F8FA; border: 1px dashed #B8C2CC; border-radius: 8px; }"
        )
        layout = QVBoxLayout(box)
        layout.setContentsMargins(24, 24, 24, 24)
        self.message_label = QLabel(self.tr("This feature will come in a later version:"))
        self.message_label.setStyleSheet("font-weight: bold; color: #3C4A57;")
        self.description_label = QLabel(description)
        self.description_label.setWordWrap(True)
        self.description_label.setStyleSheet("color: #3C4A57;")
        layout.addWidget(self.message_label)
        layout.addWidget(self.description_label)
        self.body.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addStretch(1)

    def text(self) -> str:
        """The full notice shown (for tests)."""
        return f"{self.message_label.text()} {self.description_label.text()}"
