"""Cases: when one opens and closes, and the split among collectors (责任到人)."""

from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.cases import (
    CaseSettings,
    SplitItem,
    SplitMode,
    SplitScope,
    plan_split,
    should_close,
    should_open,
)
from cuijiao_desktop.domain.errors import ValidationError


def test_a_case_opens_at_the_threshold_of_amount_and_months_and_closes_when_cleared():
    rule = CaseSettings(open_min_fen=50_000, open_min_months=2)
    assert should_open(amount_fen=50_000, months=2, settings=rule)
    assert not should_open(amount_fen=49_999, months=5, settings=rule)
    assert not should_open(amount_fen=90_000, months=1, settings=rule)
    assert not should_open(amount_fen=0, months=0, settings=CaseSettings(open_min_fen=0, open_min_months=0))
    assert should_open(amount_fen=1, months=0, settings=CaseSettings(open_min_fen=0, open_min_months=0))
    assert should_close(amount_fen=0) and not should_close(amount_fen=1)


def test_split_by_building_keeps_buildings_together_and_balances_counts():
    items = [SplitItem(i, f"B{i // 10}", 1_000 * i, None) for i in range(40)]  # 4 buildings of 10
    plan = plan_split(items, [7, 8], mode=SplitMode.BY_BUILDING)
    holders = defaultdict(set)
    for it in items:
        holders[it.building].add(plan[it.case_id])
    assert all(len(h) == 1 for h in holders.values())
    counts = defaultdict(int)
    for c in plan.values():
        counts[c] += 1
    assert sorted(counts.values()) == [20, 20]


def test_split_unassigned_keeps_held_cases_and_follows_the_building_holder():
    items = [SplitItem(1, "A", 100, 7), SplitItem(2, "A", 100, None), SplitItem(3, "B", 100, 99),
             SplitItem(4, "C", 100, None)]
    plan = plan_split(items, [7, 8], mode=SplitMode.BY_BUILDING, scope=SplitScope.UNASSIGNED)
    assert plan[1] == 7 and plan[2] == 7  # building A already with 7: its new case follows
    assert plan[3] in (7, 8)  # held by someone not chosen (left the office): split again
    assert plan_split(items, [7, 8], mode=SplitMode.BY_BUILDING) == plan  # deterministic


def test_split_needs_a_collector():
    with pytest.raises(ValidationError) as e:
        plan_split([SplitItem(1, "A", 1, None)], [], mode=SplitMode.BY_AMOUNT)
    assert e.value.code == "cases.no_collectors"


items_strategy = st.lists(
    st.builds(SplitItem, st.integers(1, 10**6), st.integers(1, 8), st.integers(0, 10**7),
              st.one_of(st.none(), st.integers(1, 6))),
    max_size=60, unique_by=lambda it: it.case_id,
)


@given(items=items_strategy, collectors=st.lists(st.integers(1, 6), min_size=1, max_size=5, unique=True),
       mode=st.sampled_from(list(SplitMode)), scope=st.sampled_from(list(SplitScope)))
def test_split_properties(items, collectors, mode, scope):
    plan = plan_split(items, collectors, mode=mode, scope=scope)
    assert set(plan) == {it.case_id for it in items}  # every case gets someone
    assert set(plan.values()) <= set(collectors)  # and only the chosen
    for it in items:
        if scope is SplitScope.UNASSIGNED and it.collector_id in collectors:
            assert plan[it.case_id] == it.collector_id  # held cases stay
    if scope is SplitScope.ALL and items:
        if mode is SplitMode.BY_AMOUNT:
            load = {c: 0 for c in collectors}
            for it in items:
                load[plan[it.case_id]] += it.amount_fen
            assert max(load.values()) - min(load.values()) <= max(it.amount_fen for it in items)
        else:
            by_building = defaultdict(set)
            size = defaultdict(int)
            for it in items:
                by_building[it.building].add(plan[it.case_id])
                size[it.building] += 1
            assert all(len(v) == 1 for v in by_building.values())  # whole buildings
            count = {c: 0 for c in collectors}
            for it in items:
                count[plan[it.case_id]] += 1
            assert max(count.values()) - min(count.values()) <= max(size.values())
