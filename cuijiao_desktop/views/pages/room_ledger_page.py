"""分户账: one room's ledger, opened from search or lists through ``MainWindow.open_room``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import room_ledger as ledger_service
from cuijiao_desktop.views.pages.base import Page


class RoomLedgerPage(Page):
    """The ledger of one room. Not in the navigation list; 返回 (Alt+Left) goes back."""

    sig_back = Signal()
    sig_loaded = Signal(object)  # RoomLedger

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Room ledger"), "owners", parent)
        self._runner = runner
        self._user = user
        self._today = today
        self.room_id: int | None = None
        self.ledger = None

        bar = QHBoxLayout()
        self.back_button = QPushButton(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack), self.tr("Back"))
        self.back_button.setObjectName("ledgerBack")
        self.back_button.setToolTip(self.tr("Return to the previous page (Alt+Left)"))
        self.back_button.clicked.connect(self.sig_back)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.body.addLayout(bar)
        back_shortcut = QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self)
        back_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_shortcut.activated.connect(self.sig_back)

        self.room_label = QLabel()
        self.room_label.setObjectName("ledgerRoom")
        font = QFont(self.room_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.room_label.setFont(font)
        self.room_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.room_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("ledgerError")
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.body.addWidget(self.error_label)
        self.body.addStretch(1)

    def load(self, room_id: int) -> None:
        """Show the ledger of ``room_id`` (loaded in the background)."""
        self.room_id = room_id
        self.refresh()

    def refresh(self) -> None:
        """Reload the current room from the database."""
        super().refresh()
        if self.room_id is None:
            return
        self._runner.submit(
            ledger_service.room_ledger, room_id=self.room_id, today=self._today(),
            on_result=self._on_loaded, on_error=self._on_failed,
        )

    def _on_loaded(self, ledger) -> None:
        if self.room_id != ledger.header.room_id:
            return  # an older request for another room
        self.ledger = ledger
        self.error_label.hide()
        h = ledger.header
        self.room_label.setText(f"{h.estate_name}  {h.room_code}")
        self.sig_loaded.emit(ledger)

    def _on_failed(self, exc: BaseException) -> None:
        self.error_label.setText(error_message(exc))
        self.error_label.show()
