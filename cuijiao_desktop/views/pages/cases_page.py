"""The cases work in one navigation page (案件 and 问题跟进 as tabs).

The collection work's 催缴记录 page (``views/pages/collection_page.py``) takes these two tabs
with its ``add_tab`` when both are merged; until then this page holds them in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.pages.cases_tab import CasesTab
from cuijiao_desktop.views.pages.service_issues_tab import ServiceIssuesTab


class CasesPage(Page):
    """Tabs with ``refresh()``; each loads when first shown. ``sig_open_room(room_id)``."""

    sig_open_room = Signal(int)

    def __init__(self, title: str, icon_name: str, runner, user, *, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, icon_name, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("casesPageTabs")
        self.tabs.setDocumentMode(True)
        self.body.addWidget(self.tabs, 1)
        self._shown: set[int] = set()
        self.cases_tab = CasesTab(runner, user, today=today)
        self.issues_tab = ServiceIssuesTab(runner, user, today=today)
        self.add_tab(self.cases_tab, self.tr("Cases"))
        self.add_tab(self.issues_tab, self.tr("Service issues"))
        self.tabs.currentChanged.connect(self._on_tab)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """Add a tab (a widget with ``refresh()`` and, if it opens rooms, ``sig_open_room``)."""
        self.tabs.addTab(widget, title)
        signal = getattr(widget, "sig_open_room", None)
        if signal is not None:
            signal.connect(self.sig_open_room)

    def _on_tab(self, index: int) -> None:
        if index not in self._shown and self._loaded:
            self._shown.add(index)
            self.tabs.widget(index).refresh()

    def refresh(self) -> None:
        """Reload the tab on screen; the others reload when next shown."""
        super().refresh()
        self._shown = {self.tabs.currentIndex()}
        self.tabs.currentWidget().refresh()
