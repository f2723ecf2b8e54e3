"""The visit calendar: days × time, painted in one widget (no widget per visit).

Two views share the grid. The **week view** has a column per day; the visits of a day stand side by
side where they overlap, each tagged with its staff's initials. The **day view** has a column (a lane)
per member of staff; a visit stands in the lane of each person who goes, and its copies are selected
together. The office's visiting slots (evenings on weekdays, the day at weekends) are shaded.

The keyboard reaches everything: the arrows move a cursor over the slots and onto visits (Up/Down
jump over a visit), Ctrl+arrows move the selected visit by a slot (Up/Down) or a day/lane
(Left/Right), Enter opens a visit or creates one in the empty slot, Delete cancels a visit. The mouse
does the same: a double click opens or creates, a drag moves a visit in time and across lanes.

The widget only paints and reports: ``sig_create_requested``, ``sig_open_requested``,
``sig_move_requested``, ``sig_cancel_requested``, ``sig_context_requested``; the page talks to the services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from cuijiao_desktop.views.visits.calendar_blocks import (
    CURSOR,
    FLAG,
    OFF_FILL,
    SLOT_FILL,
    STATUS_COLOURS,
    TODAY_FILL,
    CalendarBlock,
    CalendarMode,
    Lane,
    pack_columns,
)

__all__ = ["GUTTER", "STEP_MINUTES", "CalendarBlock", "CalendarMode", "Lane", "VisitCalendar"]

STEP_MINUTES = 30  # one row of the grid, and the step of a move
GUTTER = 56  # the time labels on the left
MIN_ROW_H = 30
MIN_COL_W = 70


@dataclass
class _Placed:
    block: CalendarBlock
    rect: QRectF
    column: int


@dataclass
class _Drag:
    block: CalendarBlock
    column: int  # where it was picked up
    grab_minutes: int  # from the block's start to the mouse
    press: QPointF
    active: bool = False
    target_column: int = 0
    target_start: datetime | None = None
    extra: dict = field(default_factory=dict)


class VisitCalendar(QWidget):
    """The calendar grid. Feed it with :meth:`set_data`; it reports what the user asks for."""

    sig_create_requested = Signal(object, object)  # start (datetime), staff_id or None (the lane)
    sig_open_requested = Signal(int)  # visit id
    sig_move_requested = Signal(int, object, object, object)  # visit id, new start, from staff, to staff
    sig_cancel_requested = Signal(int)  # visit id
    sig_context_requested = Signal(object, object, object)  # visit id or None, slot start, global QPoint
    sig_selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitCalendar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Visit calendar"))
        self.mode = CalendarMode.WEEK
        self.days: list[date] = [date.today()]
        self.lanes: list[Lane] = []
        self.blocks: list[CalendarBlock] = []
        self.first_hour = 8
        self.last_hour = 22
        self.today = date.today()
        self.slots_for: Callable[[date], Sequence[tuple[time, time]]] = lambda _d: ()
        self.cursor_column = 0
        self.cursor_row = 0
        self.selected_id: int | None = None
        self._placed: list[_Placed] = []
        self._drag: _Drag | None = None
        self._header_h = 42
        self._weights_cache: list[float] | None = None
        self.editable = True  # False: look only (no drag, no Ctrl+arrow, no "new visit" hint)
        self.view_top = 0.0  # the first visible pixel row when scrolled: the header band is painted there

    # data
    def set_data(self, *, mode: CalendarMode, days: Sequence[date], lanes: Sequence[Lane],
                 blocks: Sequence[CalendarBlock], today: date,
                 slots_for: Callable[[date], Sequence[tuple[time, time]]] | None = None,
                 hours: tuple[int, int] | None = None) -> None:
        """Show ``blocks`` over ``days`` (seven for the week view, one for the day view)."""
        self.mode = mode
        self.days = list(days) or [today]
        self.lanes = list(lanes)
        self.blocks = list(blocks)
        self.today = today
        if slots_for is not None:
            self.slots_for = slots_for
        if hours is not None:
            self.first_hour, self.last_hour = hours
        self.cursor_column = min(self.cursor_column, self.column_count() - 1)
        self.cursor_row = min(self.cursor_row, self.row_count() - 1)
        if self.selected_id is not None and self.block(self.selected_id) is None:
            self.selected_id = None
        self._drag = None
        self._weights_cache = None
        self.setMinimumSize(GUTTER + MIN_COL_W * min(self.column_count(), 7),
                            self._header_h + MIN_ROW_H * self.row_count())
        self.updateGeometry()
        self.update()
        self.sig_selection_changed.emit()

    def set_view_top(self, y: float) -> None:
        """The scroll area moved: keep the header band on top of what is visible."""
        self.view_top = max(0.0, float(y))
        self.update()

    def _in_header(self, pos: QPointF) -> bool:
        return pos.y() < self.view_top + self._header_h or pos.x() < GUTTER

    def block(self, visit_id: int | None) -> CalendarBlock | None:
        return next((b for b in self.blocks if b.visit_id == visit_id), None)

    def selected_block(self) -> CalendarBlock | None:
        """The visit under the cursor, or None (an empty slot)."""
        return self.block(self.selected_id)

    def column_count(self) -> int:
        if self.mode is CalendarMode.DAY:
            return max(1, len(self.lanes))
        return len(self.days)

    def row_count(self) -> int:
        return max(1, (self.last_hour - self.first_hour) * 60 // STEP_MINUTES)

    def column_day(self, column: int) -> date:
        return self.days[0] if self.mode is CalendarMode.DAY else self.days[column]

    def column_staff(self, column: int) -> int | None:
        if self.mode is CalendarMode.DAY and 0 <= column < len(self.lanes):
            return self.lanes[column].staff_id
        return None

    def row_time(self, row: int) -> time:
        minutes = self.first_hour * 60 + row * STEP_MINUTES
        return time(minutes // 60, minutes % 60)

    def cursor_start(self) -> datetime:
        """The start of the slot under the cursor."""
        return datetime.combine(self.column_day(self.cursor_column), self.row_time(self.cursor_row))

    # geometry
    def _weights(self) -> list[float]:
        """How wide each column is, relative to the others: in the week view a day whose visits stand
        side by side gets more room (up to three times), so the crowded evening stays readable."""
        if self._weights_cache is None:
            weights = []
            for column in range(self.column_count()):
                packed = pack_columns(self._blocks_in(column)) if self.mode is CalendarMode.WEEK else []
                side_by_side = max((width for _b, _c, width in packed), default=1)
                weights.append(min(3.0, 1.0 + 0.6 * (side_by_side - 1)))
            self._weights_cache = weights
        return self._weights_cache

    def _col_x(self, column: int) -> float:
        weights = self._weights()
        unit = (self.width() - GUTTER) / max(sum(weights), 1.0)
        return GUTTER + unit * sum(weights[:column])

    def _col_width(self, column: int) -> float:
        weights = self._weights()
        return max(1.0, (self.width() - GUTTER) / max(sum(weights), 1.0) * weights[column])

    def _row_h(self) -> float:
        return max(float(MIN_ROW_H), (self.height() - self._header_h) / self.row_count())

    def _y_of(self, moment: datetime | time) -> float:
        t = moment.time() if isinstance(moment, datetime) else moment
        minutes = t.hour * 60 + t.minute - self.first_hour * 60
        return self._header_h + minutes / STEP_MINUTES * self._row_h()

    def column_rect(self, column: int) -> QRectF:
        return QRectF(self._col_x(column), self._header_h, self._col_width(column), self.height() - self._header_h)

    def cell_rect(self, column: int, row: int) -> QRectF:
        """The rectangle of one slot (tests click and drag there)."""
        return QRectF(self._col_x(column), self._header_h + row * self._row_h(), self._col_width(column),
                      self._row_h())

    def _column_at(self, x: float) -> int:
        for column in range(self.column_count() - 1, 0, -1):
            if x >= self._col_x(column):
                return column
        return 0

    def _minutes_at(self, y: float) -> float:
        return (y - self._header_h) / self._row_h() * STEP_MINUTES

    def _row_at(self, y: float) -> int:
        return int(min(max(0.0, self._minutes_at(y) // STEP_MINUTES), self.row_count() - 1))

    def _blocks_in(self, column: int) -> list[CalendarBlock]:
        if self.mode is CalendarMode.DAY:
            staff = self.column_staff(column)
            return [b for b in self.blocks if staff in b.staff_ids and b.start.date() == self.days[0]]
        day = self.days[column]
        return [b for b in self.blocks if b.start.date() == day]

    def _layout(self) -> list[_Placed]:
        placed: list[_Placed] = []
        for column in range(self.column_count()):
            base = self.column_rect(column)
            for block, sub, width in pack_columns(self._blocks_in(column)):
                w = (base.width() - 6) / width
                top = self._y_of(block.start) if block.start.date() == self.column_day(column) else base.top()
                bottom = self._y_of(block.end) if block.end.date() == block.start.date() else self.height()
                top = max(top, float(self._header_h))
                bottom = max(min(bottom, float(self.height())), top + self._row_h() * 0.8)
                placed.append(_Placed(block, QRectF(base.left() + 2 + sub * w, top + 1, w - 2, bottom - top - 2),
                                      column))
        return placed

    def block_rect(self, visit_id: int, column: int | None = None) -> QRectF | None:
        """Where a visit is drawn (its first copy, or the copy in ``column``)."""
        for p in self._layout():
            if p.block.visit_id == visit_id and (column is None or p.column == column):
                return p.rect
        return None

    def _block_at(self, pos: QPointF) -> _Placed | None:
        for p in reversed(self._layout()):
            if p.rect.contains(pos):
                return p
        return None

    # painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._placed = self._layout()
        self._paint_grid(painter)
        self._paint_cursor(painter)
        for p in self._placed:
            self._paint_block(painter, p)
        self._paint_drag(painter)
        self._paint_header(painter)
        painter.end()

    def _paint_grid(self, p: QPainter) -> None:
        w, h = self.width(), self.height()
        row_h = self._row_h()
        p.fillRect(QRectF(0, 0, w, h), QColor(OFF_FILL))
        p.fillRect(QRectF(0, 0, GUTTER, h), QColor("#F1F4F7"))
        for column in range(self.column_count()):
            rect = self.column_rect(column)
            day = self.column_day(column)
            for start, end in self.slots_for(day):
                top = self._y_of(start)
                bottom = self._y_of(end) if end > start else self.height()
                p.fillRect(QRectF(rect.left(), max(top, rect.top()), rect.width(),
                                  max(0.0, min(bottom, h) - max(top, rect.top()))), QColor(SLOT_FILL))
        # hour and half-hour lines, time labels
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        for row in range(self.row_count() + 1):
            y = self._header_h + row * row_h
            on_hour = (self.first_hour * 60 + row * STEP_MINUTES) % 60 == 0
            p.setPen(QPen(QColor("#D5DCE4" if on_hour else "#EBEEF2"), 1))
            p.drawLine(QPointF(GUTTER, y), QPointF(w, y))
            if on_hour and row < self.row_count():
                p.setPen(QColor("#5F6B7A"))
                p.drawText(QRectF(0, y + 1, GUTTER - 8, row_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                           self.row_time(row).strftime("%H:%M"))
        for column in range(self.column_count()):
            rect = self.column_rect(column)
            p.setPen(QPen(QColor("#D5DCE4"), 1))
            p.drawLine(QPointF(rect.left(), self._header_h), QPointF(rect.left(), h))
        p.setPen(QPen(QColor("#C9D1DA"), 1))
        p.drawLine(QPointF(GUTTER, 0), QPointF(GUTTER, h))

    def _paint_header(self, p: QPainter) -> None:
        """Day names (week) or staff names (day) on a band that stays on top while the grid scrolls."""
        top = self.view_top
        w = self.width()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        header_font = QFont(self.font())
        header_font.setBold(True)
        metrics = QFontMetrics(header_font)
        locale = QLocale()
        p.fillRect(QRectF(0, top, w, self._header_h), QColor("#F1F4F7"))
        for column in range(self.column_count()):
            rect = self.column_rect(column)
            head = QRectF(rect.left(), top, rect.width(), self._header_h)
            day = self.column_day(column)
            is_today = day == self.today and self.mode is CalendarMode.WEEK
            p.fillRect(head, QColor(TODAY_FILL if is_today else "#F1F4F7"))
            p.setPen(QPen(QColor("#D5DCE4"), 1))
            p.drawLine(QPointF(rect.left(), top), QPointF(rect.left(), top + self._header_h))
            if self.mode is CalendarMode.WEEK:
                first = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
                second = f"{day.month}-{day.day:02d}"
            else:
                lane = self.lanes[column] if column < len(self.lanes) else None
                first = lane.name if lane else self.tr("No staff chosen")
                second = self.tr("{n} visits").format(n=len(self._blocks_in(column))) if lane else ""
            p.setFont(header_font)
            p.setPen(QColor("#8A5300" if is_today else "#1F3B57"))
            p.drawText(QRectF(head.left() + 4, top + 3, head.width() - 8, self._header_h / 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                       metrics.elidedText(first, Qt.TextElideMode.ElideRight, int(head.width() - 8)))
            p.setFont(small)
            p.setPen(QColor("#5F6B7A"))
            p.drawText(QRectF(head.left() + 4, top + self._header_h / 2, head.width() - 8, self._header_h / 2 - 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, second)
        p.setPen(QPen(QColor("#C9D1DA"), 1))
        p.drawLine(QPointF(0, top + self._header_h), QPointF(w, top + self._header_h))
        p.drawLine(QPointF(GUTTER, top), QPointF(GUTTER, top + self._header_h))

    def _paint_cursor(self, p: QPainter) -> None:
        if self.selected_id is not None or self._drag is not None:
            return
        rect = self.cell_rect(self.cursor_column, self.cursor_row).adjusted(1, 1, -1, -1)
        colour = QColor(CURSOR)
        if not self.hasFocus():
            colour.setAlpha(90)
        fill = QColor(CURSOR)
        fill.setAlpha(28)
        p.fillRect(rect, fill)
        pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRect(rect)
        if self.hasFocus() and rect.height() >= 14 and self.editable:
            p.setPen(QColor(CURSOR))
            p.drawText(rect.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       self.tr("+ New visit (Enter)") if rect.width() > 110 else "+")

    def _paint_block(self, p: QPainter, placed: _Placed, *, ghost: bool = False) -> None:
        block, rect = placed.block, placed.rect
        fill, edge, ink = (QColor(c) for c in STATUS_COLOURS.get(block.status, STATUS_COLOURS["planned"]))
        if ghost:
            fill.setAlpha(170)
        path = QPainterPath()
        path.addRoundedRect(rect, 4, 4)
        p.fillPath(path, fill)
        p.fillRect(QRectF(rect.left(), rect.top() + 1, 4, rect.height() - 2), edge)
        selected = block.visit_id == self.selected_id and not ghost
        p.setPen(QPen(QColor(CURSOR) if selected else edge, 2.5 if selected else 1,
                      Qt.PenStyle.DashLine if ghost else Qt.PenStyle.SolidLine))
        p.drawPath(path)
        text_rect = rect.adjusted(8, 2, -3, -2)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        bold = QFont(font)
        bold.setBold(True)
        bold.setStrikeOut(block.status == "cancelled")
        line_h = QFontMetrics(font).height()
        p.save()
        p.setClipRect(rect.adjusted(1, 1, -1, -1))
        p.setPen(ink)
        p.setFont(bold)
        first = f"！{block.title}" if block.flag else block.title
        if block.flag:  # a visit to cancel: a red corner and a red "！" before the room
            corner = QPainterPath()
            corner.moveTo(rect.right() - 12, rect.top() + 1)
            corner.lineTo(rect.right() - 1, rect.top() + 1)
            corner.lineTo(rect.right() - 1, rect.top() + 12)
            corner.closeSubpath()
            p.fillPath(corner, QColor(FLAG))
        width = int(text_rect.width())
        p.drawText(QRectF(text_rect.left(), text_rect.top(), text_rect.width(), line_h), Qt.AlignmentFlag.AlignLeft,
                   QFontMetrics(bold).elidedText(first, Qt.TextElideMode.ElideRight, width))
        y = text_rect.top() + line_h
        p.setFont(font)
        lines = [f"{block.start:%H:%M}–{block.end:%H:%M}"]
        if block.subtitle and self.mode is CalendarMode.DAY:
            lines[0] += f"  {block.subtitle}"  # a lane is wide: the owner beside the time
        elif block.subtitle:
            lines.append(block.subtitle)
        if self.mode is CalendarMode.WEEK:
            names = [lane.initials for lane in self.lanes if lane.staff_id in block.staff_ids]
            if names:
                lines[0] += "  " + "·".join(names)
        for line in lines:
            if y + line_h > text_rect.bottom() + 2:
                break
            p.drawText(QRectF(text_rect.left(), y, text_rect.width(), line_h), Qt.AlignmentFlag.AlignLeft,
                       QFontMetrics(font).elidedText(line, Qt.TextElideMode.ElideRight, width))
            y += line_h
        p.restore()

    def _paint_drag(self, p: QPainter) -> None:
        drag = self._drag
        if drag is None or not drag.active or drag.target_start is None:
            return
        length = drag.block.end - drag.block.start
        moved = CalendarBlock(drag.block.visit_id, drag.target_start, drag.target_start + length, drag.block.status,
                              drag.block.staff_ids, drag.block.title, drag.block.subtitle)
        base = self.column_rect(drag.target_column)
        top = self._y_of(moved.start)
        bottom = self._y_of(moved.end) if moved.end.date() == moved.start.date() else self.height()
        rect = QRectF(base.left() + 2, top + 1, base.width() - 6, max(bottom - top - 2, self._row_h() * 0.8))
        self._paint_block(p, _Placed(moved, rect, drag.target_column), ghost=True)

    # selection and keyboard
    def _select_at_cursor(self) -> None:
        start = self.cursor_start()
        moment = start + timedelta(minutes=1)
        found = [b for b in self._blocks_in(self.cursor_column) if b.start <= moment < b.end
                 or (b.start <= start < b.end)]
        found.sort(key=lambda b: (b.status == "cancelled", b.start, b.visit_id))
        self.selected_id = found[0].visit_id if found else None
        self.update()
        self.sig_selection_changed.emit()

    def select_visit(self, visit_id: int) -> bool:
        """Put the cursor on a visit (its first copy); False when it is not on screen."""
        for p in self._layout():
            if p.block.visit_id == visit_id:
                self.cursor_column = p.column
                self.cursor_row = self._row_at(p.rect.top() + 2)
                self.selected_id = visit_id
                self.update()
                self.sig_selection_changed.emit()
                return True
        return False

    def set_cursor(self, column: int, row: int) -> None:
        """Put the cursor on a slot (and select the visit there, if any)."""
        self.cursor_column = min(max(0, column), self.column_count() - 1)
        self.cursor_row = min(max(0, row), self.row_count() - 1)
        self._select_at_cursor()

    def row_of(self, moment: datetime | time) -> int:
        t = moment.time() if isinstance(moment, datetime) else moment
        return int(min(max(0, (t.hour * 60 + t.minute - self.first_hour * 60) // STEP_MINUTES), self.row_count() - 1))

    def _move_cursor_vertically(self, down: bool) -> None:
        block = self.selected_block()
        if block is not None and block.start.date() == self.column_day(self.cursor_column):
            row = self.row_of(block.end) if down else self.row_of(block.start) - 1
            if down and block.end.time().minute % STEP_MINUTES:
                row += 1
        else:
            row = self.cursor_row + (1 if down else -1)
        self.set_cursor(self.cursor_column, row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        arrows = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right}
        if key in arrows and ctrl:
            self.move_selected(key)
        elif key in arrows and not (mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)):
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._move_cursor_vertically(key == Qt.Key.Key_Down)
            else:
                self.set_cursor(self.cursor_column + (1 if key == Qt.Key.Key_Right else -1), self.cursor_row)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
            self.activate_cursor()
        elif key == Qt.Key.Key_Delete and self.selected_id is not None:
            self.sig_cancel_requested.emit(self.selected_id)
        elif key == Qt.Key.Key_Menu:
            rect = self.block_rect(self.selected_id, self.cursor_column) if self.selected_id else None
            rect = rect or self.cell_rect(self.cursor_column, self.cursor_row)
            self.sig_context_requested.emit(self.selected_id, self.cursor_start(),
                                            self.mapToGlobal(rect.center().toPoint()))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def activate_cursor(self) -> None:
        """Enter: open the selected visit, or ask for a new one in the empty slot."""
        if self.selected_id is not None:
            self.sig_open_requested.emit(self.selected_id)
        else:
            self.sig_create_requested.emit(self.cursor_start(), self.column_staff(self.cursor_column))

    def move_selected(self, key: Qt.Key) -> None:
        """Ctrl+arrow: the selected visit a slot earlier/later, or a day (week) / lane (day view) aside."""
        block = self.selected_block()
        if block is None or block.status not in ("planned", "confirmed") or not self.editable:
            return
        step = -1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Left) else 1
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.sig_move_requested.emit(block.visit_id, block.start + timedelta(minutes=step * STEP_MINUTES),
                                         None, None)
        elif self.mode is CalendarMode.WEEK:
            self.sig_move_requested.emit(block.visit_id, block.start + timedelta(days=step), None, None)
        else:
            here = self.column_staff(self.cursor_column)
            target = self.cursor_column + step
            while 0 <= target < self.column_count() and self.column_staff(target) in block.staff_ids:
                target += step  # past the lanes of the others who already go
            if 0 <= target < self.column_count():
                self.sig_move_requested.emit(block.visit_id, block.start, here, self.column_staff(target))

    # mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self._in_header(pos):
            super().mousePressEvent(event)
            return
        placed = self._block_at(pos)
        self.cursor_column = self._column_at(pos.x())
        if placed is not None:
            self.cursor_row = self._row_at(placed.rect.top() + 2)
            self.selected_id = placed.block.visit_id
            if event.button() == Qt.MouseButton.LeftButton and placed.block.status in ("planned", "confirmed") \
                    and self.editable:
                grab = int(self._minutes_at(pos.y()) - self._minutes_at(self._y_of(placed.block.start)))
                self._drag = _Drag(placed.block, placed.column, grab, pos)
        else:
            self.cursor_row = self._row_at(pos.y())
            self.selected_id = None
        self.update()
        self.sig_selection_changed.emit()
        event.accept()

    def _target_of(self, pos: QPointF, drag: _Drag) -> tuple[int, datetime]:
        column = self._column_at(pos.x())
        if self.mode is CalendarMode.DAY and column != drag.column and \
                self.column_staff(column) in drag.block.staff_ids:
            column = drag.column  # onto a colleague who already goes: only the time changes
        minutes = self._minutes_at(pos.y()) - drag.grab_minutes
        snapped = round(minutes / STEP_MINUTES) * STEP_MINUTES
        length = int((drag.block.end - drag.block.start).total_seconds() // 60)
        latest = (self.last_hour - self.first_hour) * 60 - min(length, STEP_MINUTES)
        snapped = min(max(0, snapped), latest)
        start = datetime.combine(self.column_day(column), time(self.first_hour)) + timedelta(minutes=snapped)
        return column, start

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        pos = event.position()
        if drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not drag.active and (pos - drag.press).manhattanLength() >= QApplication.startDragDistance():
                drag.active = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if drag.active:
                drag.target_column, drag.target_start = self._target_of(pos, drag)
                self.update()
            event.accept()
            return
        placed = self._block_at(pos)
        self.setCursor(Qt.CursorShape.OpenHandCursor if placed is not None and self.editable
                       and placed.block.status in ("planned", "confirmed") else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        self.unsetCursor()
        if drag is not None and drag.active and drag.target_start is not None:
            from_staff = to_staff = None
            if self.mode is CalendarMode.DAY and drag.target_column != drag.column:
                from_staff, to_staff = self.column_staff(drag.column), self.column_staff(drag.target_column)
            if drag.target_start != drag.block.start or from_staff != to_staff:
                self.cursor_column = drag.target_column
                self.cursor_row = self.row_of(drag.target_start)
                self.sig_move_requested.emit(drag.block.visit_id, drag.target_start, from_staff, to_staff)
        self.update()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._in_header(pos):
            return
        self._drag = None
        placed = self._block_at(pos)
        if placed is not None:
            self.selected_id = placed.block.visit_id
            self.sig_open_requested.emit(placed.block.visit_id)
        else:
            self.cursor_column, self.cursor_row = self._column_at(pos.x()), self._row_at(pos.y())
            self.selected_id = None
            self.sig_create_requested.emit(self.cursor_start(), self.column_staff(self.cursor_column))
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = QPointF(event.pos())
        if self._in_header(pos):
            return
        placed = self._block_at(pos)
        self.cursor_column = self._column_at(pos.x())
        if placed is not None:
            self.selected_id = placed.block.visit_id
            self.cursor_row = self._row_at(placed.rect.top() + 2)
        else:
            self.selected_id = None
            self.cursor_row = self._row_at(pos.y())
        self.update()
        self.sig_selection_changed.emit()
        self.sig_context_requested.emit(self.selected_id, self.cursor_start(), event.globalPos())

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip:
            placed = self._block_at(QPointF(e.pos()))
            if placed is not None and placed.block.tooltip:
                QToolTip.showText(e.globalPos(), placed.block.tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
