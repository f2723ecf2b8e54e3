"""The visit sheet (上门催缴路线单): a team's route for one day, printed to carry to the doors.

A4 portrait. Every page carries the sheet's header (office, title, date, team and staff, the
number of stops, the printing time) so that a loose page still says whose route it is; then one
block per room in walking order under headings per estate, building and unit, and floor. A block
never splits across pages; a page that continues a group repeats its heading with "（续）".
Each block: the room, the owner as masking allows on paper that leaves the office (name and phone
masked, ``domain.masking``), the time window, the arrears (months, amount, oldest month), the last
contact and its outcome, what to bring (the notice to hand over and its serial), boxes for the
outcome, a note area and a box for the owner's signature and date. Pages are numbered
"第 n 页 / 共 m 页" within each team's sheet. reportlab is imported on first use (``pdf_draw``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.labels_zh import CHANNEL_ZH, OUTCOME_ZH
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.notices import level_zh
from cuijiao_desktop.domain.rooms import parse_room_code
from cuijiao_desktop.domain.visits import team_key
from cuijiao_desktop.services.dto import OfficeDTO

from .pdf_draw import A4, MM, Writer, page_footer, part_path, publish, tick_boxes, write_in

__all__ = ["SheetStop", "render_visit_sheet", "team_stops"]

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

_INK = (0.13, 0.16, 0.2)
_GREY = (0.4, 0.44, 0.5)
_ACCENT = (0.1, 0.38, 0.42)
_TINT = (0.9, 0.95, 0.95)
_BAR = (0.95, 0.97, 0.97)
_RED = (0.66, 0.08, 0.08)
_WEEKDAYS = "一二三四五六日"

W, H = A4
LEFT, RIGHT = 14 * MM, W - 14 * MM
WIDTH = RIGHT - LEFT
BODY_TOP = H - 41 * MM
BODY_BOTTOM = 17 * MM

# heights of the parts of a page
ESTATE_H = 9 * MM
BUILDING_H = 8 * MM
FLOOR_H = 6 * MM
BLOCK_GAP = 3 * MM


@dataclass(frozen=True)
class SheetStop:
    """One room of the route, as the sheet prints it (already masked)."""

    number: int  # 1, 2 … in walking order
    estate: str
    building: str  # "3栋 2单元"
    floor: str  # "15层" ("" when unknown)
    room: str  # "1502"
    room_code: str  # "3-2-1502"
    owner: str  # masked name
    phone: str  # masked phone
    window: str  # "18:30–19:00"
    arrears: str  # "10 个月 · ¥2,500.00 · 最早 2026年1月"
    last_contact: str  # "11月10日 电话 · 承诺缴费：…"
    bring: str  # "催缴通知书（第六次） 编号 TZ… · …"; "" when none
    serial: str  # the notice's serial ("" when none)
    confirmed: bool = False  # the owner confirmed the appointment
    issues: str = ""  # the room's open service issues (a maintenance worker may come)
    note: str = ""  # the planner's note
    standing: str = ""  # the room has since paid or gone on hold: "已结清，无需上门" (first, in red)


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _hm(t: time | datetime | None) -> str:
    return f"{t.hour:02d}:{t.minute:02d}" if t is not None else ""


def _local(stamp: datetime) -> datetime:
    """A stored timestamp in local time, as the program shows timestamps (naive ones are UTC)."""
    return (stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)).astimezone()


def _period(p: int | None) -> str:
    return f"{p // 100}年{p % 100}月" if p else ""


def _fit(w: Writer, text: str, width: float, size: float) -> str:
    """``text`` cut with "…" to fit ``width``."""
    if w.width(text, size) <= width:
        return text
    while text and w.width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


# --- layout -------------------------------------------------------------------------------------------

TITLE_H = 9 * MM
FACT_H = 5.2 * MM
TICK_H = 5.8 * MM
SIG_W, SIG_H = 60 * MM, 18 * MM
PAD = 3.5 * MM
LABEL_W = 17 * MM


FACT_SIZE = 10
VALUE_X = LEFT + PAD + LABEL_W
VALUE_W = RIGHT - PAD - VALUE_X


def _facts(w: Writer, stop: SheetStop) -> list[tuple[str, list[str]]]:
    """The facts of a block, each ``(label, lines)``: at most two lines, the second cut with "…"."""
    rows = [("注意", stop.standing)] if stop.standing else []
    rows += [("欠费", stop.arrears), ("上次联系", stop.last_contact or "—（无记录）")]
    if stop.bring:
        rows.append(("携带", stop.bring))
    if stop.issues:
        rows.append(("待修事项", stop.issues))
    if stop.note:
        rows.append(("说明", stop.note))
    out = []
    for label, value in rows:
        lines = w.wrap(value, VALUE_W, FACT_SIZE)
        if len(lines) > 2:
            lines = [lines[0], _fit(w, "".join(lines[1:]), VALUE_W, FACT_SIZE)]
        out.append((label, lines))
    return out


#: the outcome boxes: (label, options); the second row is the long one
_MET = ("见到", ("业主本人", "家属 ______", "租户", "其他 ________"))
_RESULT = ("结果", ("当场缴费 ¥__________", "承诺 ____月____日前缴 ¥__________", "同意分期"))
_RESULT2 = ("", ("拒缴  原因 ______________", "不在家", "需再次上门"))
_NOTICE = ("通知书", ("本人签收", "家属代收", "未送达"))


def _ticks(stop: SheetStop) -> list[tuple[str, tuple[str, ...]]]:
    return [_MET, _RESULT, _RESULT2] + ([_NOTICE] if stop.bring else [])


@dataclass(frozen=True)
class _BlockLayout:
    """Baselines of a block's rows, measured down from its top; the same numbers measure and draw."""

    facts: tuple[tuple[str, list[str], float], ...]  # label, lines, baseline of the first line
    rule: float  # the dotted line above the tick boxes
    ticks: tuple[float, ...]
    note: float  # the baseline of 备注; two lines to write on below it
    sig_top: float
    height: float


def _layout(w: Writer, stop: SheetStop) -> _BlockLayout:
    y = TITLE_H + 5.2 * MM
    facts = []
    for label, lines in _facts(w, stop):
        facts.append((label, lines, y))
        y += FACT_H + (len(lines) - 1) * FACT_SIZE * 1.3
    rule = y - 4.2 * MM
    y += 0.6 * MM
    ticks = []
    for _ in _ticks(stop):
        ticks.append(y)
        y += TICK_H
    note = y
    notes_end = note + 7 * MM
    sig_top = ticks[1] + 2.6 * MM  # below the long row of results
    height = max(notes_end + 3.5 * MM, sig_top + SIG_H + 3 * MM)
    return _BlockLayout(tuple(facts), rule, tuple(ticks), note, sig_top, height)


def _block_height(w: Writer, stop: SheetStop) -> float:
    return _layout(w, stop).height


@dataclass
class _Page:
    items: list[tuple[str, object]]  # ("estate", name) ("building", (text, floor)) ("floor", text) ("stop", SheetStop)


def _paginate(w: Writer, stops: Sequence[SheetStop]) -> list[_Page]:
    """Place headings and blocks on pages: a block never splits, a heading never ends a page, and a
    page that starts inside a group repeats its estate and building headings (续).

    A new building (or unit) gets one bar that names its first floor too; a new floor in the same
    unit gets its own small heading.
    """
    pages = [_Page([])]
    y = BODY_TOP
    estate = building = floor = None

    def heads_of(stop: SheetStop, *, cont: bool) -> list[tuple[str, object]]:
        heads: list[tuple[str, object]] = []
        same_estate = stop.estate == estate
        same_building = same_estate and stop.building == building
        if not same_estate or cont:
            heads.append(("estate", stop.estate + ("（续）" if cont and same_estate else "")))
        if not same_building or cont:
            heads.append(("building", (stop.building + ("（续）" if cont and same_building else ""), stop.floor)))
        elif stop.floor and stop.floor != floor:
            heads.append(("floor", stop.floor))
        return heads

    for stop in stops:
        heads = heads_of(stop, cont=False)
        need = sum(_head_height(k) for k, _ in heads) + _block_height(w, stop)
        if y - need < BODY_BOTTOM and pages[-1].items:
            pages.append(_Page([]))
            y = BODY_TOP
            heads = heads_of(stop, cont=True)
            need = sum(_head_height(k) for k, _ in heads) + _block_height(w, stop)
        pages[-1].items.extend(heads)
        pages[-1].items.append(("stop", stop))
        y -= need + BLOCK_GAP
        estate, building, floor = stop.estate, stop.building, stop.floor
    return pages


def _head_height(kind: str) -> float:
    return {"estate": ESTATE_H, "building": BUILDING_H, "floor": FLOOR_H}[kind]


# --- drawing ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sheet:
    """One team's sheet: what the header says and the stops."""

    day: date
    team: str
    staff: str
    stops: tuple[SheetStop, ...]


class _Painter:
    def __init__(self, w: Writer, office: OfficeDTO, printed: str) -> None:
        self.w = w
        self.office = office
        self.printed = printed

    def header(self, sheet: _Sheet) -> None:
        w, c = self.w, self.w.c
        if self.office.is_demo:
            w.watermark("演示数据  仅供练习", size=50, grey=0.94)
        c.setFillColorRGB(*_ACCENT)
        c.rect(0, H - 5 * MM, W, 5 * MM, stroke=0, fill=1)
        w.text(LEFT, H - 13 * MM, self.office.name or "物业服务中心", 10, colour=_GREY)
        w.text(RIGHT, H - 13 * MM, f"打印时间 {self.printed}", 9, align="right", colour=_GREY)
        w.text(W / 2, H - 22 * MM, "上门催缴路线单", 20, align="centre", bold=True, colour=_INK)
        # the facts of the day in a light band
        top, bottom = H - 26 * MM, H - 37 * MM
        c.setFillColorRGB(*_BAR)
        c.setStrokeColorRGB(0.78, 0.84, 0.85)
        c.setLineWidth(0.5)
        c.roundRect(LEFT, bottom, WIDTH, top - bottom, 1.5 * MM, stroke=1, fill=1)
        c.setStrokeGray(0)
        day = sheet.day
        first = f"日期：{_cn_date(day)}（星期{_WEEKDAYS[day.weekday()]}）"
        w.text(LEFT + 4 * MM, top - 4.6 * MM, first, 10.5, bold=True)
        w.text(RIGHT - 4 * MM, top - 4.6 * MM, f"共 {len(sheet.stops)} 户", 10.5, align="right", bold=True)
        team = f"小组：{sheet.team}"
        w.text(LEFT + 4 * MM, top - 9.2 * MM, team, 10)
        staff_x = LEFT + 4 * MM + max(w.width(team, 10) + 6 * MM, 42 * MM)
        w.text(staff_x, top - 9.2 * MM, _fit(w, f"人员：{sheet.staff}", RIGHT - 4 * MM - staff_x, 10), 10)

    def footer(self, page: int, pages: int) -> None:
        w = self.w
        w.text(LEFT, 10 * MM, "本单含业主个人信息，仅供上门使用，用后交回服务中心，勿遗失、勿转给他人。", 7.5, colour=_GREY)
        page_footer(w, page, pages, align="right", margin=14 * MM)

    def estate(self, y: float, text: str) -> float:
        w, c = self.w, self.w.c
        w.text(LEFT, y - 6 * MM, text, 13, bold=True, colour=_ACCENT)
        c.setStrokeColorRGB(*_ACCENT)
        c.setLineWidth(1)
        c.line(LEFT, y - 7.8 * MM, RIGHT, y - 7.8 * MM)
        c.setStrokeGray(0)
        return y - ESTATE_H

    def building(self, y: float, heading: tuple[str, str]) -> float:
        """The bar of a building and unit, with the floor of its first stop."""
        w, c = self.w, self.w.c
        text, floor = heading
        c.setFillColorRGB(*_TINT)
        c.rect(LEFT, y - 6.6 * MM, WIDTH, 6 * MM, stroke=0, fill=1)
        c.setFillColorRGB(*_ACCENT)
        c.rect(LEFT, y - 6.6 * MM, 1.2 * MM, 6 * MM, stroke=0, fill=1)
        w.text(LEFT + 3.5 * MM, y - 4.9 * MM, text, 11, bold=True, colour=_INK)
        if floor:
            w.text(LEFT + 3.5 * MM + w.width(text, 11) + 5 * MM, y - 4.9 * MM, floor, 11, bold=True, colour=_ACCENT)
        return y - BUILDING_H

    def floor(self, y: float, text: str) -> float:
        w = self.w
        c = w.c
        c.setFillColorRGB(*_ACCENT)
        c.rect(LEFT + 1 * MM, y - 4.2 * MM, 1.6 * MM, 2.6 * MM, stroke=0, fill=1)
        w.text(LEFT + 4 * MM, y - 4.2 * MM, text, 9.5, bold=True, colour=_ACCENT)
        return y - FLOOR_H

    def stop(self, y: float, s: SheetStop) -> float:
        w, c = self.w, self.w.c
        lay = _layout(w, s)
        top, bottom = y, y - lay.height
        # frame and title row
        c.setLineWidth(0.8)
        c.setStrokeColorRGB(0.45, 0.5, 0.55)
        c.roundRect(LEFT, bottom, WIDTH, lay.height, 1.8 * MM, stroke=1, fill=0)
        c.setFillColorRGB(*_BAR)
        c.rect(LEFT + 0.4, top - TITLE_H, WIDTH - 0.8, TITLE_H - 0.4, stroke=0, fill=1)
        c.setLineWidth(0.4)
        c.line(LEFT, top - TITLE_H, RIGHT, top - TITLE_H)
        c.setStrokeGray(0)
        # the stop's number in a disc
        cx, cy = LEFT + PAD + 2.6 * MM, top - TITLE_H / 2
        c.setFillColorRGB(*_ACCENT)
        c.circle(cx, cy, 2.9 * MM, stroke=0, fill=1)
        w.text(cx, cy - 1.3 * MM, str(s.number), 10 if s.number < 100 else 8, align="centre", bold=True,
               colour=(1, 1, 1))
        base = top - 6.1 * MM
        x = LEFT + PAD + 8 * MM
        room = f"{s.room} 室"
        w.text(x, base, room, 14, bold=True)
        x += w.width(room, 14) + 2.5 * MM
        w.text(x, base, s.room_code, 9, colour=_GREY)
        x += w.width(s.room_code, 9) + 6 * MM
        # the time window at the right, in a box; the owner and phone fit between
        win = f"{'已约 ' if s.confirmed else ''}{s.window}"
        ww = w.width(win, 11) + 5 * MM
        room_left = RIGHT - PAD - ww - 4 * MM
        phone = f"电话：{s.phone}" if s.phone else ""
        owner = _fit(w, f"业主：{s.owner or '—'}", room_left - x - (w.width(phone, 10.5) + 6 * MM if phone else 0),
                     10.5)
        w.text(x, base, owner, 10.5)
        x += w.width(owner, 10.5) + 6 * MM
        if phone:
            w.text(x, base, _fit(w, phone, room_left - x, 10.5), 10.5)
        c.setFillColorRGB(1, 1, 1)
        c.setStrokeColorRGB(*_ACCENT)
        c.setLineWidth(0.8)
        c.roundRect(RIGHT - PAD - ww, top - TITLE_H + 1.6 * MM, ww, TITLE_H - 3.2 * MM, 1.2 * MM, stroke=1,
                    fill=1)
        c.setStrokeGray(0)
        w.text(RIGHT - PAD - ww / 2, base, win, 11, align="centre", bold=True, colour=_ACCENT)

        # facts: arrears, last contact, what to bring
        value_x = VALUE_X
        for label, lines, dy in lay.facts:
            w.text(LEFT + PAD, top - dy, label, 9.5, colour=_GREY)
            for k, line in enumerate(lines):
                w.text(value_x, top - dy - k * FACT_SIZE * 1.3, line, FACT_SIZE,
                       colour=_RED if label in ("欠费", "注意") else None, bold=label in ("携带", "注意"))
        # the outcome, to tick
        c.setStrokeGray(0.75)
        c.setLineWidth(0.4)
        c.setDash(1.5, 1.5)
        c.line(LEFT + PAD, top - lay.rule, RIGHT - PAD, top - lay.rule)
        c.setDash()
        c.setStrokeGray(0)
        for (label, options), dy in zip(_ticks(s), lay.ticks, strict=True):
            if label:
                w.text(LEFT + PAD, top - dy, label, 9.5, colour=_GREY)
            tick_boxes(w, value_x, top - dy, options, 9.5, gap=5 * MM)
        # note lines (left) and the owner's signature box (right)
        sig_x = RIGHT - PAD - SIG_W
        w.text(LEFT + PAD, top - lay.note, "备注", 9.5, colour=_GREY)
        c.setLineWidth(0.5)
        c.setStrokeGray(0.55)
        for k in range(2):
            ly = top - lay.note - 1 * MM - k * 6 * MM
            c.line(value_x, ly, sig_x - 5 * MM, ly)
        c.setStrokeGray(0)
        c.setLineWidth(0.7)
        c.rect(sig_x, top - lay.sig_top - SIG_H, SIG_W, SIG_H, stroke=1, fill=0)
        w.text(sig_x + 2 * MM, top - lay.sig_top - 4 * MM, "业主签字", 8.5, colour=_GREY)
        write_in(w, sig_x + 2 * MM, top - lay.sig_top - SIG_H + 2.2 * MM, "日期 ________年____月____日", 8.5)
        return bottom

    def page(self, sheet: _Sheet, page: _Page, number: int, pages: int) -> None:
        self.header(sheet)
        y = BODY_TOP
        for kind, value in page.items:
            if kind == "stop":
                y = self.stop(y, value) - BLOCK_GAP  # type: ignore[arg-type]
            else:
                y = getattr(self, kind)(y, value)
        self.footer(number, pages)
        self.w.c.showPage()


# --- from the route to the sheet ----------------------------------------------------------------------

_DUTY_ZH = {"maintenance": "维修", "supervisor": "主管"}


def _staff(stops) -> str:
    """The people of the stops, each once, in the order they appear (维修/主管 said)."""
    seen: dict[int, str] = {}
    for stop in stops:
        for person in stop.staff:
            if person.user_id not in seen:
                duty = _DUTY_ZH.get(str(person.duty))
                seen[person.user_id] = f"{person.name}（{duty}）" if duty else person.name
    return "、".join(seen.values()) or "—"


def team_stops(route) -> list[tuple[str, list]]:
    """The route's stops by team, in walking order: ``(team label, stops)``, teams in the order of
    their first stop. A visit without a team label belongs to the team of its people. A route asked
    for one team (a label or a member's name) is one sheet, named by its label when all share one."""
    if route.team:
        if not route.stops:
            return []
        labels = {stop.team for stop in route.stops}
        if len(labels) == 1 and "" not in labels:
            return [(labels.pop(), list(route.stops))]
        asked = route.team.casefold()  # a member: named as people know them, not by the user name
        member = next((p.name for stop in route.stops for p in stop.staff
                       if asked in (p.username.casefold(), p.name.casefold())), route.team)
        return [(member, list(route.stops))]
    teams: dict[object, tuple[str, list]] = {}
    for stop in route.stops:
        key = team_key(stop.team, (p.user_id for p in stop.staff))
        teams.setdefault(key, (stop.team, []))[1].append(stop)
    return list(teams.values())


def _last_contact(stop) -> str:
    if stop.last_contact_at is None:
        return ""
    when = _local(stop.last_contact_at)
    text = f"{when.year}年{when.month}月{when.day}日"
    if stop.last_contact_channel is not None:
        text += f" {CHANNEL_ZH.get(stop.last_contact_channel, str(stop.last_contact_channel))}"
    outcome = ""
    if stop.last_contact_outcome is not None:
        outcome = OUTCOME_ZH.get(stop.last_contact_outcome, str(stop.last_contact_outcome))
        text += f" · {outcome}"
    note = " ".join(stop.last_contact_note.split())
    if note and note != outcome:
        text += f"：{note}"
    return text


def _room_number(code: str) -> str:
    """``3-2-1502`` -> ``1502``."""
    try:
        return parse_room_code(code).room
    except ValidationError:
        return code


def _sheet_stop(number: int, stop) -> SheetStop:
    arrears = f"{stop.months} 个月 · {format_money(stop.arrears_fen)}"
    if stop.late_fee_fen:
        arrears += f"（另滞纳金 {format_money(stop.late_fee_fen)}）"
    if stop.oldest_period:
        arrears += f" · 最早 {_period(stop.oldest_period)}"
    bring = serial = ""
    if stop.notice is not None:
        n = stop.notice
        serial = n.serial
        level = f"（第{level_zh(n.level)}次）" if n.level > 1 and n.title != "律师函" else ""
        bring = f"{n.title}{level} 编号 {serial} · 当面交付，请业主在回执上签字"
    start, end = _local(stop.start), _local(stop.end)
    building = f"{stop.building}栋" + (f" {stop.unit}单元" if stop.unit else "")
    return SheetStop(
        number=number, estate=stop.estate, building=building, floor=f"{stop.floor}层" if stop.floor else "",
        room=_room_number(stop.room_code), room_code=stop.room_code, owner=stop.owner_masked,
        phone=stop.phone_masked, window=f"{_hm(start)}–{_hm(end)}", confirmed=stop.confirmed,
        arrears=arrears, last_contact=_last_contact(stop), bring=bring, serial=serial,
        issues="；".join(stop.open_issues), note=" ".join(stop.note.split()), standing=stop.standing,
    )


def _sheets(route) -> list[_Sheet]:
    """One sheet per team of the route (``services.visits`` ``VisitRoute``): owners and phones as
    masked for paper that leaves the office."""
    return [_Sheet(day=route.day, team=team or "（未编组）", staff=_staff(stops),
                   stops=tuple(_sheet_stop(n, stop) for n, stop in enumerate(stops, start=1)))
            for team, stops in team_stops(route)]


def render_visit_sheet(route, path: str | os.PathLike[str], *, office: OfficeDTO | None = None,
                       progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                       font_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Write the visit sheet of ``route`` (``services.visits.visit_route``: a day's route of one
    team, or of all teams: then one sheet per team, each starting on a new page with its own page
    numbers) to ``path`` through a ``.part`` file.

    Raises ``visit.sheet_empty`` when the route has no stop; a cancel raises ``task.cancelled`` and
    leaves no file.
    """
    sheets = _sheets(route)
    if not sheets:
        raise ValidationError("visit.sheet_empty")
    office = office or OfficeDTO(name="", address="", phone="", bank_name="", bank_account="")
    out = Path(path)
    part = part_path(out)
    first = sheets[0]
    title = f"上门催缴路线单 {first.day.isoformat()}" + (f" {first.team}" if len(sheets) == 1 else f" 共{len(sheets)}组")
    done = 0
    try:
        w = Writer(part, font_dirs=font_dirs, title=title, author=office.name)
        laid = [(sheet, _paginate(w, sheet.stops)) for sheet in sheets]
        total = sum(len(pages) for _, pages in laid)
        painter = _Painter(w, office, datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"))
        for sheet, pages in laid:
            for number, page in enumerate(pages, start=1):
                if cancel is not None and cancel():
                    raise DomainError("task.cancelled")
                painter.page(sheet, page, number, len(pages))
                done += 1
                if progress is not None:
                    progress(done, total, f"第 {done}/{total} 页")
        w.save()
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return publish(part, out)
