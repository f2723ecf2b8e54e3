"""Collection cases (催缴案件): when one opens and closes, and how a manager splits them (责任到人).

A case opens when a room's overdue arrears reach the office's threshold, both the amount and
the number of months, and closes when the room owes nothing overdue any more. Between the two
it stays open, however small the debt becomes (a part payment does not end the chase).

A split gives open cases to collectors, either **by building** (whole buildings, so that each
collector walks their own stairwells; buildings go to whoever has the fewest cases so far, the
largest first) or **balanced by amount** (the largest debts first, each to whoever holds the
least money so far). With the scope "unassigned", cases already held by one of the chosen
collectors stay where they are and count towards their load; in building mode a building whose
kept cases all sit with one chosen collector goes on to that collector.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .errors import ValidationError

__all__ = [
    "CaseSettings",
    "SplitItem",
    "SplitMode",
    "SplitScope",
    "plan_split",
    "should_close",
    "should_open",
]


class SplitMode(StrEnum):
    BY_BUILDING = "building"  # 按楼栋
    BY_AMOUNT = "amount"  # 按金额均衡


class SplitScope(StrEnum):
    UNASSIGNED = "unassigned"  # only cases nobody (of the chosen collectors) holds
    ALL = "all"  # split every case again


@dataclass(frozen=True)
class CaseSettings:
    """The office's case rules: the opening threshold and the split dialog's defaults."""

    open_min_fen: int = 100
    open_min_months: int = 1
    split_mode: SplitMode = SplitMode.BY_BUILDING
    split_scope: SplitScope = SplitScope.UNASSIGNED


def should_open(*, amount_fen: int, months: int, settings: CaseSettings) -> bool:
    """A room without an open case gets one when it owes at least the threshold's amount for at
    least its number of months (and owes something at all)."""
    return amount_fen > 0 and amount_fen >= settings.open_min_fen and months >= settings.open_min_months


def should_close(*, amount_fen: int) -> bool:
    """An open case closes when the room owes nothing overdue."""
    return amount_fen <= 0


@dataclass(frozen=True)
class SplitItem:
    """An open case as the split sees it. ``building`` is any key shared by the cases of one
    building (e.g. its id)."""

    case_id: int
    building: Hashable
    amount_fen: int
    collector_id: int | None


def plan_split(
    items: Sequence[SplitItem],
    collectors: Sequence[int],
    *,
    mode: SplitMode,
    scope: SplitScope = SplitScope.UNASSIGNED,
) -> dict[int, int]:
    """The collector of every case in ``items`` after the split (kept ones included).

    Deterministic: the same cases and collectors always give the same plan. Raises
    ``ValidationError("cases.no_collectors")`` when no collector is chosen.
    """
    chosen = list(dict.fromkeys(collectors))
    if not chosen:
        raise ValidationError("cases.no_collectors", field="collectors")
    rank = {c: i for i, c in enumerate(chosen)}
    count: dict[int, int] = dict.fromkeys(chosen, 0)
    amount: dict[int, int] = dict.fromkeys(chosen, 0)
    plan: dict[int, int] = {}
    free: list[SplitItem] = []
    for item in items:
        if scope is SplitScope.UNASSIGNED and item.collector_id in rank:
            plan[item.case_id] = item.collector_id
            count[item.collector_id] += 1
            amount[item.collector_id] += item.amount_fen
        else:
            free.append(item)

    def give(collector: int, group: Sequence[SplitItem]) -> None:
        for it in group:
            plan[it.case_id] = collector
        count[collector] += len(group)
        amount[collector] += sum(it.amount_fen for it in group)

    if mode is SplitMode.BY_AMOUNT:
        for it in sorted(free, key=lambda it: (-it.amount_fen, it.case_id)):
            give(min(chosen, key=lambda c: (amount[c], count[c], rank[c])), [it])
        return plan

    groups: dict[Hashable, list[SplitItem]] = defaultdict(list)
    for it in free:
        groups[it.building].append(it)
    keepers: dict[Hashable, set[int]] = defaultdict(set)
    if scope is SplitScope.UNASSIGNED:
        for it in items:
            if it.collector_id in rank:
                keepers[it.building].add(it.collector_id)
    order = sorted(groups.items(), key=lambda kv: (-len(kv[1]), -sum(i.amount_fen for i in kv[1]),
                                                   min(i.case_id for i in kv[1])))
    for building, group in order:
        group.sort(key=lambda it: it.case_id)
        holders = keepers.get(building, set())
        if len(holders) == 1:
            give(next(iter(holders)), group)
        else:
            give(min(chosen, key=lambda c: (count[c], amount[c], rank[c])), group)
    return plan
