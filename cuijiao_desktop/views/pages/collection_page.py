"""催缴记录: the collection work of the office, in tabs.

联系记录 (the contact log) and 承诺缴费 (promises) are built here; other tabs (cases and assignment,
service issues) are added with :meth:`CollectionPage.add_tab`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.views.collection.log_tab import ContactLogTab
from cuijiao_desktop.views.collection.promises_tab import PromisesTab
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.pages.base import TabbedPage


class CollectionPage(TabbedPage):
    """The tabs of the collection work. ``sig_open_room(room_id)``; ``sig_log_contact()`` asks the
    window for the call form (the 记录联系 button, same as F6)."""

    sig_open_room = Signal(int)
    sig_log_contact = Signal()

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, settings=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Collection log"), "contacts", "collectionTabs", parent)
        self._runner = runner
        self._user = user
        self.log_button = QPushButton(icon("call"), self.tr("Log a contact (F6)"))
        self.log_button.setObjectName("logContactButton")
        self.log_button.setVisible(user is None or user.can(Permission.LOG_CONTACT))
        self.log_button.clicked.connect(self.sig_log_contact.emit)
        self.tabs.setCornerWidget(self.log_button)
        self.log_tab = ContactLogTab(runner, user, today=today, settings=settings)
        self.promises_tab = PromisesTab(runner, user, today=today)
        for tab in (self.log_tab, self.promises_tab):
            tab.sig_open_room.connect(self.sig_open_room.emit)
        self.add_tab(self.log_tab, self.tr("Contact log"))
        self.add_tab(self.promises_tab, self.tr("Promises to pay"))
        self.place_tabs()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab (the cases and service-issue tabs come this way); returns its index. A tab with a
        ``refresh()`` method is refreshed when first shown and after F5."""
        return self.tabs.addTab(widget, title)

    def current_room_id(self) -> int | None:
        """The room under the cursor of the tab on screen (F6 logs a contact for it)."""
        getter = getattr(self.tabs.currentWidget(), "current_room_id", None)
        return getter() if callable(getter) else None
