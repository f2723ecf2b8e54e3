"""工作台: today's figures from ``services.overview.office_overview``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import overview
from cuijiao_desktop.views.pages.base import Page


class FigureCard(QFrame):
    """One figure: a caption, a big value and a one-line explanation."""

    def __init__(self, caption: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setStyleSheet(
            "#figureCard { background: #FFFFFF; border: 1px solid #D9E0E7; border-radius: 8px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(4)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5F6B7A;")
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet("color: #1F3B57;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8592A0;")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set_value(self, text: str) -> None:
        """Show ``text`` as the figure."""
        self.value.setText(text)


class WorkbenchPage(Page):
    """Rooms, rooms in arrears, total arrears, promises and visits due today, open issues."""

    sig_loaded = Signal(object)  # Overview

    def __init__(self, runner, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Workbench"), "workbench", parent)
        self._runner = runner
        self._today = today
        self.overview = None
        self.cards: dict[str, FigureCard] = {
            "rooms": FigureCard(self.tr("Rooms"), self.tr("Rooms managed by the office")),
            "rooms_in_arrears": FigureCard(
                self.tr("Rooms in arrears"), self.tr("Rooms with fees overdue after the due date")
            ),
            "arrears_fen": FigureCard(self.tr("Total arrears"), self.tr("Overdue fees of all rooms")),
            "promises_due_today": FigureCard(
                self.tr("Promises due today"), self.tr("Owners who promised to pay by today")
            ),
            "visits_today": FigureCard(self.tr("Visits today"), self.tr("Home visits planned for today")),
            "open_issues": FigureCard(
                self.tr("Open service issues"), self.tr("Complaints raised while collecting, not yet solved")
            ),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 3, i % 3)
        for col in range(3):
            grid.setColumnStretch(col, 1)
        self.body.addLayout(grid)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #5F6B7A;")
        self.status_label.setWordWrap(True)
        self.body.addWidget(self.status_label)
        self.body.addStretch(1)

    def refresh(self) -> None:
        """Reload the figures off the GUI thread."""
        super().refresh()
        today = self._today()
        self.header_right.setText(QLocale().toString(today, QLocale.FormatType.LongFormat))
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(
            overview.office_overview, today=today, on_result=self._show, on_error=self._show_error
        )

    def _show(self, ov) -> None:
        self.overview = ov
        locale = QLocale()
        for key, card in self.cards.items():
            value = getattr(ov, key)
            card.set_value(format_money(value) if key == "arrears_fen" else locale.toString(int(value)))
        self.status_label.setText(
            self.tr("Updated at {time}. Press F5 to refresh.").format(time=datetime.now().strftime("%H:%M"))
        )
        self.sig_loaded.emit(ov)

    def _show_error(self, exc: BaseException) -> None:
        for card in self.cards.values():
            card.set_value("—")
        self.status_label.setText(self.tr("The figures could not be loaded: {error}").format(error=error_message(exc)))
