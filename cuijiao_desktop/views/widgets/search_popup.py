"""Search as you type: a popup list under the toolbar's search box.

:class:`SearchController` watches the box: after a short pause in typing it runs
``services.search.search`` through the task runner, drops results of older queries,
and shows them in :class:`SearchPopup` (a frameless window that never takes the
focus, so typing goes on in the box). Up/Down move, Enter opens, Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import search as search_service
from cuijiao_desktop.views.models.search_model import SearchResultsModel

DEBOUNCE_MS = 100
MAX_HITS = 20


class SearchPopup(QFrame):
    """The list of hits; shown under the box without taking the keyboard focus."""

    sig_activated = Signal(int)  # row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("searchPopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#searchPopup { background: #FFFFFF; border: 1px solid #B8C4D0; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        self.model = SearchResultsModel(self)
        self.view = QTableView()
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(SearchResultsModel.Column.ROOM, QHeaderView.ResizeMode.Stretch)
        for col in (SearchResultsModel.Column.PERSON, SearchResultsModel.Column.PHONE,
                    SearchResultsModel.Column.ARREARS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.view.clicked.connect(lambda index: self.sig_activated.emit(index.row()))
        layout.addWidget(self.view)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setStyleSheet("color: #5F6B7A; padding: 6px 8px;")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def current_row(self) -> int:
        """The highlighted row, -1 when none."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        """Highlight ``row`` (clamped to the list)."""
        count = self.model.rowCount()
        if not count:
            return
        row = max(0, min(row, count - 1))
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.selectRow(row)
        self.view.scrollTo(index)

    def show_rows(self, hits, status: str) -> None:
        """Fill the list; ``status`` is shown under it (empty hides the line)."""
        self.model.set_rows(hits)
        self.view.setVisible(bool(hits))
        self.status.setText(status)
        self.status.setVisible(bool(status))
        if hits:
            self.set_current_row(0)
        rows = min(len(hits), 12)
        height = rows * self.view.verticalHeader().defaultSectionSize() + 2
        self.view.setFixedHeight(max(height, 2))
        self.adjustSize()

    def place_under(self, anchor: QWidget, width: int) -> None:
        """Show the popup under ``anchor``, right-aligned with it."""
        bottom_right = anchor.mapToGlobal(QPoint(anchor.width(), anchor.height() + 2))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(bottom_right.x() - width, bottom_right.y())
        if not self.isVisible():
            self.show()
        self.raise_()


class SearchController(QObject):
    """Connects the search box, the task runner and the popup. Emits ``sig_open_room(room_id)``."""

    sig_open_room = Signal(int)
    sig_results = Signal(str, object)  # query, list of SearchHit (after stale ones were dropped)

    def __init__(
        self, box: QLineEdit, runner, *, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.box = box
        self._runner = runner
        self._today = today
        self.popup = SearchPopup(box.window())
        self.popup.sig_activated.connect(self._activate_row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_query)
        self._seq = 0  # number of the newest query sent
        self._in_flight = False
        self._pending: str | None = None  # text typed while a query was running
        self._open_when_ready = False  # Enter pressed before the results came
        self.last_query = ""
        box.textEdited.connect(self._on_text_edited)
        box.returnPressed.connect(self._on_return)
        box.installEventFilter(self)

    # typing
    def _on_text_edited(self, text: str) -> None:
        self._open_when_ready = False
        if not text.strip():
            self.timer.stop()
            self._seq += 1  # anything still running is now stale
            self.hide_popup()
            return
        self.timer.start()

    def run_query(self) -> None:
        """Send the box's text now (the debounce timer calls this)."""
        self.timer.stop()
        text = self.box.text().strip()
        if not text:
            return
        if self._in_flight:
            self._pending = text
            return
        self._submit(text)

    def _submit(self, text: str) -> None:
        self._seq += 1
        seq = self._seq
        self._in_flight = True
        self._runner.submit(
            search_service.search, text, limit=MAX_HITS, today=self._today(),
            on_result=lambda hits, seq=seq, text=text: self._on_result(seq, text, hits),
            on_error=lambda exc, seq=seq: self._on_error(seq, exc),
            on_finished=self._on_finished,
        )

    def _on_finished(self) -> None:
        self._in_flight = False
        pending, self._pending = self._pending, None
        if pending is not None and pending == self.box.text().strip():
            self._submit(pending)

    def _is_stale(self, seq: int) -> bool:
        return seq != self._seq or self._pending is not None

    def _on_result(self, seq: int, text: str, hits: list) -> None:
        if self._is_stale(seq) or text != self.box.text().strip():
            return  # an older query: a newer one is on its way
        self.last_query = text
        self.sig_results.emit(text, hits)
        if self._open_when_ready:
            self._open_when_ready = False
            if hits:
                self.hide_popup()
                self.sig_open_room.emit(hits[0].room_id)
                return
        status = "" if hits else self.tr("No room, name or phone matches “{text}”.").format(text=text)
        if len(hits) >= MAX_HITS:
            status = self.tr("Showing the first {n}: type more to narrow down.").format(n=MAX_HITS)
        self.popup.show_rows(hits, status)
        if self.box.hasFocus() or self.box.isVisible():
            self.popup.place_under(self.box, max(self.box.width() + 260, 560))

    def _on_error(self, seq: int, exc: BaseException) -> None:
        if self._is_stale(seq):
            return
        self.popup.show_rows([], self.tr("Search failed: {error}").format(error=error_message(exc)))
        self.popup.place_under(self.box, max(self.box.width() + 260, 560))

    # keys
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Up/Down/PageUp/PageDown move in the popup, Esc closes it; focus loss hides it."""
        if obj is self.box:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                key = event.key()
                visible = self.popup.isVisible() and self.popup.model.rowCount() > 0
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                    if not visible:
                        if self.popup.model.rowCount() > 0:
                            self.popup.place_under(self.box, max(self.box.width() + 260, 560))
                        return True
                    step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}[key]
                    self.popup.set_current_row(self.popup.current_row() + step)
                    return True
                if key == Qt.Key.Key_Escape and self.popup.isVisible():
                    self.hide_popup()
                    return True
            elif event.type() == QEvent.Type.FocusOut:
                QTimer.singleShot(150, self._hide_if_unfocused)
        return super().eventFilter(obj, event)

    def _hide_if_unfocused(self) -> None:
        if not self.box.hasFocus() and not self.popup.underMouse():
            self.hide_popup()

    def _on_return(self) -> None:
        text = self.box.text().strip()
        if not text:
            return
        if self.timer.isActive() or self._in_flight or text != self.last_query:
            self._open_when_ready = True  # open the best hit as soon as it arrives
            if self.timer.isActive() or not self._in_flight:
                self.run_query()
            return
        if self.popup.model.rowCount():
            self._activate_row(max(self.popup.current_row(), 0))

    def _activate_row(self, row: int) -> None:
        hit = self.popup.model.row_at(row)
        if hit is None:
            return
        self.hide_popup()
        self.sig_open_room.emit(hit.room_id)

    def highlighted_room_id(self) -> int | None:
        """The room of the highlighted hit while the list is on screen (收款 F9 takes it), else None."""
        if not self.popup.isVisible() or not self.popup.model.rowCount():
            return None
        hit = self.popup.model.row_at(max(self.popup.current_row(), 0))
        return hit.room_id if hit is not None else None

    def hide_popup(self) -> None:
        """Close the popup (the box keeps its text)."""
        self.popup.hide()

    def focus(self) -> None:
        """Ctrl+F: focus the box and select its text; show the last results again."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        if self.box.text().strip() and self.popup.model.rowCount() and self.box.text().strip() == self.last_query:
            self.popup.place_under(self.box, max(self.box.width() + 260, 560))
