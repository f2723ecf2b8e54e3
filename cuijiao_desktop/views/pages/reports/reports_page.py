"""报表: tabs for 月报与看板 (the month's dashboards, the monthly workbook, the month close), 楼栋图
(the building map) and 导出 (the call log, visits, notices issued and the SMS batch file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from cuijiao_desktop.views.pages.base import TabbedPage
from cuijiao_desktop.views.pages.reports.building_map import BuildingMapTab
from cuijiao_desktop.views.pages.reports.dashboard_tab import DashboardTab
from cuijiao_desktop.views.pages.reports.exports_tab import ExportsTab


class _Scrolled(QScrollArea):
    """A tab's widget in a frameless scroll area; ``refresh()`` reaches the widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(widget)

    def refresh(self) -> None:
        self.widget().refresh()


class ReportsPage(TabbedPage):
    """The reports. ``sig_open_room(room_id)`` when a room is opened from the building map."""

    sig_open_room = Signal(int)

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, settings=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reports"), "reports", "reportTabs", parent)
        self._runner = runner
        self._user = user
        self.tabs.setDocumentMode(True)
        self.dashboard = DashboardTab(runner, user, today=today, settings=settings)
        self.building_map = BuildingMapTab(runner, today=today)
        self.building_map.sig_open_room.connect(self.sig_open_room.emit)
        self.dashboard.sig_show_building.connect(self.show_building)
        self.add_tab(self.dashboard, self.tr("Monthly report and dashboards"))
        self.add_tab(self.building_map, self.tr("Building map"))
        self.exports = ExportsTab(runner, user, today=today, settings=settings)
        # scrolled: its four sections must not set the main window's minimum size
        self.add_tab(_Scrolled(self.exports), self.tr("Exports"))
        self.place_tabs()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (the exports tab comes this way); returns its index. A tab with a ``refresh()``
        method is refreshed when first shown and after F5; one with ``sig_open_room`` opens rooms."""
        signal = getattr(widget, "sig_open_room", None)
        if signal is not None and widget is not self.building_map:
            signal.connect(self.sig_open_room.emit)
        return self.tabs.addTab(widget, title)

    def show_tab(self, widget: QWidget) -> None:
        """Bring ``widget``'s tab to the front."""
        self.tabs.setCurrentWidget(widget)

    def show_building(self, estate: str, building: str) -> None:
        """The building map of a building chosen on the dashboards (a bar, a row of the summary)."""
        self.building_map.want_building(estate, building)
        self.tabs.setCurrentWidget(self.building_map)  # shown the first time, it loads and then shows it

    def selected_room_id(self) -> int | None:
        """The room with the focus on the building map (收款 F9 takes it)."""
        if self.tabs.currentWidget() is self.building_map:
            return self.building_map.current_room_id()
        return None

    def current_room_id(self) -> int | None:
        """The same room, for 记录联系 (F6)."""
        return self.selected_room_id()
