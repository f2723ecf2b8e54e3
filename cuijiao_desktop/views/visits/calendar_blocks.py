"""What the visit calendar draws, as plain data: a visit's block, a staff lane, the status colours,
and how overlapping visits stand side by side (no Qt widgets here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

#: Status keys the blocks are coloured by: (fill, edge, text).
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "planned": ("#DCE8F5", "#3D78B8", "#16324F"),
    "confirmed": ("#D5EFE4", "#1E8A5F", "#0F3D2A"),
    "done": ("#E3E7EC", "#5F6B7A", "#2A3744"),
    "failed": ("#F9E0D6", "#C0562B", "#5C2310"),
    "cancelled": ("#F3F4F6", "#A8B1BC", "#7A8590"),
}
STATUS_ORDER = ("planned", "confirmed", "done", "failed", "cancelled")
SLOT_FILL = "#F1F7EC"  # the office's visiting hours
OFF_FILL = "#FAFBFC"
TODAY_FILL = "#FFF8E1"
CURSOR = "#0F4C81"
FLAG = "#C62828"  # a visit to cancel (the room has paid or is on hold)


class CalendarMode(Enum):
    WEEK = "week"
    DAY = "day"


@dataclass(frozen=True)
class CalendarBlock:
    """One visit as the calendar draws it (local, naive times)."""

    visit_id: int
    start: datetime
    end: datetime
    status: str  # a key of STATUS_COLOURS
    staff_ids: tuple[int, ...]
    title: str  # the room
    subtitle: str = ""  # the owner, the team
    tooltip: str = ""
    flag: str = ""  # the room has since paid or gone on hold: drawn with a red mark, to cancel


@dataclass(frozen=True)
class Lane:
    """A member of staff: a lane in the day view, initials on the blocks of the week view."""

    staff_id: int
    name: str

    @property
    def initials(self) -> str:
        return self.name[-2:] if len(self.name) > 2 else self.name


def _overlaps(a: CalendarBlock, b: CalendarBlock) -> bool:
    return a.start < b.end and b.start < a.end


def pack_columns(blocks: Sequence[CalendarBlock]) -> list[tuple[CalendarBlock, int, int]]:
    """Side by side where visits overlap: (block, its sub-column, sub-columns of its group)."""
    ordered = sorted(blocks, key=lambda b: (b.start, b.end, b.visit_id))
    out: list[tuple[CalendarBlock, int, int]] = []
    group: list[tuple[CalendarBlock, int]] = []
    group_end: datetime | None = None

    def flush() -> None:
        width = max((c for _b, c in group), default=-1) + 1
        out.extend((b, c, width) for b, c in group)

    for block in ordered:
        if group and group_end is not None and block.start >= group_end:
            flush()
            group, group_end = [], None
        used = {c for b, c in group if _overlaps(b, block)}
        column = next(i for i in range(len(group) + 1) if i not in used)
        group.append((block, column))
        group_end = block.end if group_end is None else max(group_end, block.end)
    flush()
    return out
