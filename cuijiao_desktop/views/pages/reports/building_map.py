"""楼栋图: one building's rooms drawn floor by floor, coloured by the age of their arrears.

:class:`BuildingMapView` paints the whole grid itself (one widget, not one per room: a 30-floor ×
4-unit building is a few hundred cells): floors from the top floor down, the units side by side,
each room a cell in the ledger's age colours. A click, or Enter on the cell with the keyboard
focus (arrow keys move it), opens the room; the tooltip names the room, its owner and its arrears.
:class:`BuildingMapTab` adds the estate → building chooser, the legend and the building's totals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import building_map as map_service
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import BUCKET_LABELS, label
from cuijiao_desktop.views.models.ledger_models import BUCKET_COLOURS, PAID_COLOURS

#: A room that owes nothing overdue: the ledger's "paid" colours.
CLEAR_COLOURS = PAID_COLOURS
_GRID_LINE = QColor("#C9D1DA")
_FOCUS = QColor("#0F4C81")
_CAPTION = QColor("#5F6B7A")
#: Places on one line of a floor in one unit; more wrap onto further lines (car parks, rows of shops).
MAX_COLUMNS = 20


@dataclass(frozen=True)
class Cell:
    """Where a room is drawn: its grid row (0 = the top floor) and column."""

    room: map_service.MapRoom
    row: int
    col: int


@dataclass(frozen=True)
class GridLayout:
    """The grid of a building: rows of floors (labels), column groups of units (label, first column, width)."""

    cells: tuple[Cell, ...]
    floors: tuple[str, ...]
    units: tuple[tuple[str, int, int], ...]
    columns: int


def _slot(room: map_service.MapRoom) -> str:
    """The room's place on its floor: the number without the floor (1502 → 02), else the number."""
    prefix = str(room.floor) if room.floor is not None else ""
    if prefix and room.number.startswith(prefix) and len(room.number) > len(prefix):
        return room.number[len(prefix):]
    return room.number


def grid_layout(rooms: tuple[map_service.MapRoom, ...], *, floor_text: Callable[[int], str],
                unit_text: Callable[[str | None], str], max_columns: int = MAX_COLUMNS) -> GridLayout:
    """Lay ``rooms`` out: one row per floor (top floor first; rooms without a floor in a last row),
    one column group per unit (in building order), one column per place on the floor. A floor with
    more than ``max_columns`` places in a unit (a car park, a row of shops) wraps onto further lines."""
    floors: list[int | None] = sorted({r.floor for r in rooms if r.floor is not None}, reverse=True)
    if any(r.floor is None for r in rooms):
        floors.append(None)
    units = sorted({r.unit for r in rooms}, key=natural_key)
    placed: list[tuple[map_service.MapRoom, int, int]] = []  # room, unit index, place index
    widths: list[int] = []
    for u, unit in enumerate(units):
        in_unit = [r for r in rooms if r.unit == unit]
        slots = sorted({_slot(r) for r in in_unit}, key=lambda s: (len(s), natural_key(s)))
        slot_col = {s: i for i, s in enumerate(slots)}
        taken: set[tuple[int | None, int]] = set()
        width = 0
        for r in in_unit:
            c = slot_col[_slot(r)]
            while (r.floor, c) in taken:  # two rooms claim one place (odd numbering): the next free one
                c += 1
            taken.add((r.floor, c))
            width = max(width, c + 1)
            placed.append((r, u, c))
        widths.append(min(width, max_columns))
    lines = {f: 1 for f in floors}
    for r, _u, c in placed:
        lines[r.floor] = max(lines[r.floor], c // max_columns + 1)
    first_row, labels = {}, []
    for f in floors:
        first_row[f] = len(labels)
        labels += [floor_text(f) if f is not None else "—"] + [""] * (lines[f] - 1)
    starts = [sum(widths[:u]) for u in range(len(units))]
    cells = tuple(Cell(r, first_row[r.floor] + c // max_columns, starts[u] + c % max_columns) for r, u, c in placed)
    groups = tuple((unit_text(unit), starts[u], widths[u]) for u, unit in enumerate(units))
    return GridLayout(cells, tuple(labels), groups, sum(widths))


class BuildingMapView(QWidget):
    """The painted grid. ``sig_open_room(room_id)`` on a click or Enter; ``sig_current(room)`` when
    the keyboard focus moves to another room."""

    sig_open_room = Signal(int)
    sig_current = Signal(object)  # MapRoom | None

    CELL_H = 26
    GAP = 3
    UNIT_GAP = 16
    MARGIN = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buildingMapView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Building map"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.data: map_service.BuildingMap | None = None
        self.layout_: GridLayout = GridLayout((), (), (), 0)
        self._rects: list[tuple[QRect, Cell]] = []
        self._by_room: dict[int, int] = {}
        self.current: int | None = None  # index into self._rects
        self._hover: int | None = None
        self._cell_w = 56
        self._left = 56
        self._top = 24

    # data
    def set_map(self, data: map_service.BuildingMap | None) -> None:
        """Show ``data`` (None: nothing)."""
        self.data = data
        rooms = data.rooms if data is not None else ()
        self.layout_ = grid_layout(rooms, floor_text=lambda f: self.tr("{n}F").format(n=f),
                                   unit_text=self._unit_text)
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(c.room.number) for c in self.layout_.cells), default=30)
        self._cell_w = max(44, widest + 14)
        self._left = self.MARGIN + max((metrics.horizontalAdvance(t) for t in self.layout_.floors), default=20) + 10
        self._top = self.MARGIN + metrics.height() + 6
        self._rects = []
        for cell in self.layout_.cells:
            self._rects.append((self._cell_rect(cell), cell))
        self._by_room = {cell.room.room_id: i for i, (_rect, cell) in enumerate(self._rects)}
        self.current = None
        self._hover = None
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def _unit_text(self, unit: str | None) -> str:
        return self.tr("Unit {unit}").format(unit=unit) if unit else ""

    def _group_index(self, col: int) -> int:
        return next((i for i, (_t, first, width) in enumerate(self.layout_.units) if first <= col < first + width), 0)

    def _x(self, col: int) -> int:
        return self._left + col * (self._cell_w + self.GAP) + self._group_index(col) * self.UNIT_GAP

    def _cell_rect(self, cell: Cell) -> QRect:
        return QRect(self._x(cell.col), self._top + cell.row * (self.CELL_H + self.GAP), self._cell_w, self.CELL_H)

    def sizeHint(self) -> QSize:
        cols, rows = self.layout_.columns, len(self.layout_.floors)
        if not cols:
            return QSize(200, 60)
        width = self._x(cols - 1) + self._cell_w + self.MARGIN
        return QSize(width, self._top + rows * (self.CELL_H + self.GAP) + self.MARGIN)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # looking up cells (tests use these too)
    def cell_rect(self, room_id: int) -> QRect:
        """The rectangle of the room's cell in widget coordinates (empty when the room is not drawn)."""
        i = self._by_room.get(room_id)
        return self._rects[i][0] if i is not None else QRect()

    def room_at(self, pos: QPoint) -> map_service.MapRoom | None:
        """The room drawn at ``pos``, or None."""
        i = self._index_at(pos)
        return self._rects[i][1].room if i is not None else None

    def _index_at(self, pos: QPoint) -> int | None:
        return next((i for i, (rect, _cell) in enumerate(self._rects) if rect.contains(pos)), None)

    def current_room(self) -> map_service.MapRoom | None:
        """The room with the keyboard focus, or None."""
        return self._rects[self.current][1].room if self.current is not None else None

    def set_current_room(self, room_id: int) -> None:
        """Put the keyboard focus on the room's cell."""
        i = self._by_room.get(room_id)
        if i is not None:
            self._set_current(i)

    def _set_current(self, i: int | None) -> None:
        if i == self.current:
            return
        old = self.current
        self.current = i
        for j in (old, i):
            if j is not None:
                self.update(self._rects[j][0].adjusted(-3, -3, 3, 3))
        room = self.current_room()
        if room is not None:
            self.setAccessibleDescription(self.tooltip_text(room))
        self.sig_current.emit(room)

    def tooltip_text(self, room: map_service.MapRoom) -> str:
        """The room, its owner and what it owes (the tooltip and the accessible description)."""
        head = f"{room.code}  {room.owner}".strip()
        if room.arrears_fen <= 0:
            return "\n".join((head, self.tr("No overdue arrears")))
        return "\n".join((head, self.tr("Arrears {amount}, oldest {age}").format(
            amount=format_money(room.arrears_fen), age=label(BUCKET_LABELS, room.bucket))))

    # painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = event.rect()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(_CAPTION)
        for text, first, width in self.layout_.units:
            if text:
                left = self._x(first)
                right = self._x(first + width - 1) + self._cell_w
                painter.drawText(QRect(left, self.MARGIN, right - left, self._top - self.MARGIN - 4),
                                 Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(self.font())
        for row, text in enumerate(self.layout_.floors):
            y = self._top + row * (self.CELL_H + self.GAP)
            painter.drawText(QRect(self.MARGIN, y, self._left - self.MARGIN - 8, self.CELL_H),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        for i, (rect, cell) in enumerate(self._rects):
            if not rect.intersects(area):
                continue
            bg, fg = self.colours(cell.room)
            painter.setPen(QPen(_GRID_LINE if i != self._hover else QColor("#5B8FC7"), 1))
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 3, 3)
            painter.setPen(QColor(fg))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell.room.number)
        if self.current is not None and self.hasFocus():
            rect = self._rects[self.current][0]
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(_FOCUS, 2.5))
            painter.drawRoundedRect(rect.adjusted(-1, -1, 0, 0), 3, 3)
        painter.end()

    @staticmethod
    def colours(room: map_service.MapRoom) -> tuple[str, str]:
        """Background and text colour of a room's cell (the ledger's age colours)."""
        if room.bucket is None or room.arrears_fen <= 0:
            return CLEAR_COLOURS
        return BUCKET_COLOURS[room.bucket]

    # mouse and keyboard
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            room = self.room_at(event.pos())
            if room is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_text(room), self, self.cell_rect(room.room_id))
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self._index_at(event.position().toPoint())
        if i != self._hover:
            for j in (self._hover, i):
                if j is not None:
                    self.update(self._rects[j][0].adjusted(-2, -2, 2, 2))
            self._hover = i
            self.setCursor(Qt.CursorShape.PointingHandCursor if i is not None else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self.update(self._rects[self._hover][0].adjusted(-2, -2, 2, 2))
            self._hover = None
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self._index_at(event.position().toPoint())
        if i is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._set_current(i)
            self.sig_open_room.emit(self._rects[i][1].room.room_id)
            return
        super().mousePressEvent(event)

    def focusInEvent(self, event) -> None:
        if self.current is None and self._rects:
            self._set_current(self._top_left())
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current is not None:
            self.sig_open_room.emit(self._rects[self.current][1].room.room_id)
            return
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves and self._rects:
            self._move(*moves[key])
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self._rects:
            self._set_current(self._top_left() if key == Qt.Key.Key_Home else
                              max(range(len(self._rects)), key=lambda i: (self._rects[i][1].row, self._rects[i][1].col)))
            self.parent_scroll_to(self._rects[self.current][0])
            return
        super().keyPressEvent(event)

    def _top_left(self) -> int:
        """The cell of the top floor's first room (where the keyboard starts)."""
        return min(range(len(self._rects)), key=lambda i: (self._rects[i][1].row, self._rects[i][1].col))

    def _move(self, d_row: int, d_col: int) -> None:
        """The nearest cell in the direction of the arrow (rooms missing on a floor are skipped)."""
        if self.current is None:
            self._set_current(self._top_left())
            return
        here = self._rects[self.current][1]
        best, best_key = None, None
        for i, (_rect, cell) in enumerate(self._rects):
            dr, dc = cell.row - here.row, cell.col - here.col
            ahead = dr * d_row if d_row else dc * d_col
            if ahead <= 0:
                continue
            side = abs(dc) if d_row else abs(dr)
            key = (side, ahead) if d_col else (ahead, side)
            if best_key is None or key < best_key:
                best, best_key = i, key
        if best is not None:
            self._set_current(best)
            self.parent_scroll_to(self._rects[best][0])

    def parent_scroll_to(self, rect: QRect) -> None:
        """Keep the focused cell in sight inside a scroll area."""
        parent = self.parentWidget()
        scroll = parent.parentWidget() if parent is not None else None
        if isinstance(scroll, QScrollArea):
            centre = rect.center()
            scroll.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height())


class BuildingMapTab(QWidget):
    """The chooser, the legend and the map. ``sig_open_room(room_id)``; ``sig_loaded(BuildingMap)``."""

    sig_open_room = Signal(int)
    sig_loaded = Signal(object)

    def __init__(self, runner, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buildingMapTab")
        self._runner = runner
        self._today = today
        self.buildings: tuple[map_service.MapBuilding, ...] = ()
        self._seq = 0
        self._want_building: int | None = None
        self._want_named: tuple[str, str] | None = None  # (estate, building) asked for before the list came

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 10, 0, 0)
        outer.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.estate_combo = QComboBox()
        self.estate_combo.setObjectName("mapEstate")
        self.estate_combo.setMinimumWidth(140)
        self.building_combo = QComboBox()
        self.building_combo.setObjectName("mapBuilding")
        self.building_combo.setMinimumWidth(90)
        estate_label = QLabel(self.tr("&Estate"))
        estate_label.setBuddy(self.estate_combo)
        building_label = QLabel(self.tr("&Building"))
        building_label.setBuddy(self.building_combo)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Refresh"))
        self.refresh_button.setObjectName("mapRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("mapSummary")
        self.summary_label.setStyleSheet("color: #2A3744;")
        for w in (estate_label, self.estate_combo, building_label, self.building_combo, self.refresh_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.summary_label, 1)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        outer.addLayout(bar)

        self.view = BuildingMapView()
        self.view.sig_open_room.connect(self.sig_open_room.emit)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("mapScroll")
        self.scroll.setWidget(self.view)
        self.scroll.setWidgetResizable(False)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setStyleSheet("QScrollArea#mapScroll { background: #FFFFFF; }")
        self.scroll.viewport().setStyleSheet("background: #FFFFFF;")
        middle = QHBoxLayout()
        middle.setSpacing(10)
        middle.addWidget(self.scroll, 1)
        middle.addWidget(self._legend())  # beside the map, which is tall rather than wide
        outer.addLayout(middle, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("mapStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #5F6B7A;")
        outer.addWidget(self.status_label)

        self.estate_combo.currentIndexChanged.connect(lambda _i: self._fill_buildings())
        self.building_combo.currentIndexChanged.connect(lambda _i: self.load_building())

    def _legend(self) -> QWidget:
        legend = QWidget()
        legend.setObjectName("mapLegend")
        row = QVBoxLayout(legend)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        caption = QLabel(self.tr("Oldest arrears:"))
        caption.setStyleSheet("color: #5F6B7A;")
        row.addWidget(caption)
        entries = [(self.tr("None overdue"), CLEAR_COLOURS)]
        entries += [(label(BUCKET_LABELS, b), BUCKET_COLOURS[b]) for b in AgeBucket]
        for text, (bg, fg) in entries:
            chip = QLabel(text)
            chip.setStyleSheet(f"background: {bg}; color: {fg}; padding: 2px 6px; border-radius: 3px;")
            row.addWidget(chip)
        row.addStretch(1)
        return legend

    # loading
    def refresh(self) -> None:
        """Reload the list of buildings, then the building shown."""
        self._want_building = self.building_combo.currentData()
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(map_service.map_buildings, on_result=self._show_buildings, on_error=self._show_error)

    def _show_buildings(self, buildings: tuple[map_service.MapBuilding, ...]) -> None:
        self.buildings = buildings
        if self._want_named is not None:
            named = self._named(*self._want_named)
            self._want_named = None
            if named is not None:
                self._want_building = named.id
        estate_before = self.estate_combo.currentData()
        self.estate_combo.blockSignals(True)
        self.estate_combo.clear()
        seen: dict[int, str] = {}
        for b in buildings:
            seen.setdefault(b.estate_id, b.estate)
        for eid, name in seen.items():
            self.estate_combo.addItem(name, eid)
        want = next((b.estate_id for b in buildings if b.id == self._want_building), estate_before)
        self.estate_combo.setCurrentIndex(max(0, self.estate_combo.findData(want)))
        self.estate_combo.blockSignals(False)
        if not buildings:
            self.view.set_map(None)
            self.summary_label.setText("")
            self.status_label.setText(self.tr("There are no rooms yet."))
            self.building_combo.clear()
            return
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        estate_id = self.estate_combo.currentData()
        self.building_combo.blockSignals(True)
        self.building_combo.clear()
        for b in self.buildings:
            if b.estate_id == estate_id:
                self.building_combo.addItem(self.tr("Building {name}").format(name=b.name), b.id)
        index = self.building_combo.findData(self._want_building)
        self.building_combo.setCurrentIndex(max(0, index))
        self.building_combo.blockSignals(False)
        self._want_building = None
        self.load_building()

    def show_building(self, building_id: int) -> None:
        """Choose ``building_id`` in the chooser and show it."""
        b = next((b for b in self.buildings if b.id == building_id), None)
        if b is None:
            return
        self._want_building = building_id
        with QSignalBlocker(self.estate_combo):
            self.estate_combo.setCurrentIndex(self.estate_combo.findData(b.estate_id))
        self._fill_buildings()

    def _named(self, estate: str, building: str) -> map_service.MapBuilding | None:
        return next((b for b in self.buildings if b.estate == estate and b.name == building), None)

    def want_building(self, estate: str, building: str) -> None:
        """Show the building named so (from the dashboards): now when the buildings are known, else
        once they are loaded."""
        if not self.buildings:
            self._want_named = (estate, building)
            return
        named = self._named(estate, building)
        if named is not None:
            self.show_building(named.id)

    def load_building(self) -> None:
        """Read the chosen building's rooms off the GUI thread."""
        building_id = self.building_combo.currentData()
        if building_id is None:
            return
        self._seq += 1
        seq = self._seq
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(map_service.building_map, building_id=building_id, today=self._today(),
                            on_result=lambda data, seq=seq: self._show_map(seq, data), on_error=self._show_error)

    def _show_map(self, seq: int, data: map_service.BuildingMap) -> None:
        if seq != self._seq:
            return
        self.view.set_map(data)
        self.summary_label.setText(self.tr("{rooms} rooms, {owing} owing {amount}").format(
            rooms=len(data.rooms), owing=data.rooms_in_arrears, amount=format_money(data.arrears_fen)))
        self.status_label.setText(self.tr("Overdue arrears as of {date}. Click a room, or press Enter on it, "
                                          "to open its ledger.").format(date=data.as_of.isoformat()))
        self.sig_loaded.emit(data)

    def _show_error(self, exc: BaseException) -> None:
        self.status_label.setText(self.tr("The building map could not be loaded: {error}").format(
            error=error_message(exc)))

    def current_room_id(self) -> int | None:
        """The room with the keyboard focus on the map (收款 F9 and F6 take it)."""
        room = self.view.current_room()
        return room.room_id if room is not None else None
