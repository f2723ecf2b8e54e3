"""Common frame of a main-window page: a title row and a body."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

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


class TabbedPage(Page):
    """A page of tabs (``self.tabs``). A tab with a ``refresh()`` method is refreshed when first shown
    and after F5; the others reload when next shown. Subclasses add their tabs, then call
    :meth:`place_tabs`."""

    def __init__(self, title: str, icon_name: str, tabs_name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, icon_name, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName(tabs_name)
        self._fresh: set[int] = set()

    def place_tabs(self) -> None:
        """Put the tabs in the page, once the first ones are added: from then on a tab shown is refreshed."""
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        self.body.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        """Reload the tab on screen (F5); the others reload when next shown."""
        super().refresh()
        self._fresh.clear()
        self._refresh_tab()

    def mark_stale(self) -> None:
        super().mark_stale()
        self._fresh.clear()

    def _refresh_tab(self) -> None:
        index = self.tabs.currentIndex()
        widget = self.tabs.widget(index)
        if index in self._fresh or widget is None:
            return
        self._fresh.add(index)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
