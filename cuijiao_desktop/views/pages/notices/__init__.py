"""通知与公示: notice batches, delivery proof, public boards and the notice templates, one tab each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTemporaryDir
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.views.pages.base import Page

from .batch_tab import BatchTab
from .boards_tab import BoardsTab
from .delivery_tab import DeliveryTab
from .templates_tab import TemplatesTab


def default_data_dir() -> Path:
    """The office's data folder (templates it edited, proof files, printed batches)."""
    from cuijiao_desktop.datadir import app_data_dir

    return app_data_dir()


class NoticesPage(Page):
    """Tabs: 批量通知, 送达登记, 公示, 通知模板 (each shown to the roles that may use it)."""

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, settings=None,
                 data_dir: Callable[[], Path] = default_data_dir, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Notices and boards"), "notices", parent)
        self._temp = QTemporaryDir()
        scratch = Path(self._temp.path())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("noticeTabs")
        self.tabs.setDocumentMode(True)
        self.batch = BatchTab(runner, user, today=today, settings=settings, data_dir=data_dir, scratch=scratch)
        self.delivery = DeliveryTab(runner, user, today=today, data_dir=data_dir)
        self.boards = BoardsTab(runner, user, today=today, settings=settings, scratch=scratch)
        self.templates = TemplatesTab(runner, user, data_dir=data_dir)
        self._scrolls: dict[QWidget, QScrollArea] = {}
        self._add(self.batch, self.tr("Notice batches"))
        self._add(self.delivery, self.tr("Delivery proof"))
        if user.can(Permission.PRINT_BOARDS):
            self._add(self.boards, self.tr("Public boards"))
        self._add(self.templates, self.tr("Templates"))
        self.body.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self._activate_tab())

    def _add(self, tab: QWidget, title: str) -> None:
        """Each tab scrolls as one when the window is smaller than it needs."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(tab)
        self._scrolls[tab] = scroll
        self.tabs.addTab(scroll, title)

    def current_tab(self) -> QWidget | None:
        """The tab on screen (inside its scroll area)."""
        scroll = self.tabs.currentWidget()
        return scroll.widget() if isinstance(scroll, QScrollArea) else None

    def show_tab(self, tab: QWidget) -> None:
        """Bring ``tab`` to the front."""
        self.tabs.setCurrentWidget(self._scrolls[tab])

    def activate(self) -> None:
        super().activate()
        self._activate_tab()

    def _activate_tab(self) -> None:
        tab = self.current_tab()
        if hasattr(tab, "activate"):
            tab.activate()

    def refresh(self) -> None:
        """F5: reload the tab on screen."""
        super().refresh()
        tab = self.current_tab()
        if hasattr(tab, "refresh"):
            tab.refresh()

    def carry_rooms(self, room_ids: Sequence[int], description: str = "") -> None:
        """Rooms chosen in the arrears table: the next batch is for them."""
        self.show_tab(self.batch)
        self.batch.carry_rooms(room_ids, description)
