"""Cases: opening and closing by the threshold, the split and reassignment, who sees what,
instalment plans following the ledger, extensions and holds, service issues, the ladder settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_room_with_bills, make_user
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, CaseEvent, CollectionCase, Instalment
from cuijiao_desktop.domain.cases import SplitMode, SplitScope
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    Channel,
    IssueCategory,
    IssueStatus,
    PaymentMethod,
    Role,
    Stage,
)
from cuijiao_desktop.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from cuijiao_desktop.domain.instalments import InstalmentState, PlanState
from cuijiao_desktop.domain.ladder import PositionState
from cuijiao_desktop.services import cases, ladder
from cuijiao_desktop.services.dto import LadderStepDTO
from cuijiao_desktop.services.payments import record_payment, reverse_payment

TODAY = date(2026, 5, 20)  # bills of 2026-01.. due on the 10th: Jan-May overdue


def _rooms(session_factory, specs):
    """Rooms ``(code, months)`` with ¥250 monthly bills from 2026-01."""
    return {code: make_room_with_bills(session_factory, months=months, code=code) for code, months in specs}


def _sync(session_factory, actor, today=TODAY, **kw):
    with session_factory.begin() as s:
        ladder.ensure_default_ladder(s)
        return cases.sync_cases(s, actor=actor, today=today, **kw)


def test_cases_open_at_the_threshold_and_close_when_cleared(session_factory, users, db_kind):
    manager = users[Role.MANAGER]
    rooms = _rooms(session_factory, [("1-1-101", 5), ("1-1-102", 1), ("2-1-101", 2)])
    with session_factory.begin() as s:
        cases.update_case_settings(s, actor=manager, open_min_fen=50_000, open_min_months=2,
                                   split_mode=SplitMode.BY_AMOUNT, split_scope=SplitScope.ALL)
    # 1-1-102 owes ¥250 for 1 month (due 01-10): below both minimums. The others reach them.
    result = _sync(session_factory, users[Role.CLERK])
    assert (result.opened, result.closed, result.open_cases) == (2, 0, 2)
    again = _sync(session_factory, users[Role.CLERK])  # idempotent
    assert (again.opened, again.closed, again.refreshed) == (0, 0, 0)
    with session_factory() as s:
        open_rooms = set(s.scalars(select(CollectionCase.room_id).where(CollectionCase.closed_on.is_(None))))
        stored = s.execute(select(CollectionCase.stage, CollectionCase.next_action_on)).all()
        settings = cases.case_settings(s)
    assert open_rooms == {rooms["1-1-101"].room_id, rooms["2-1-101"].room_id}
    assert set(stored) == {(Stage.PREPARATION, TODAY)}  # the reminder is due on the day it opens
    assert (settings.open_min_fen, settings.split_mode) == (50_000, SplitMode.BY_AMOUNT)
    # a part payment does not close it; paying everything overdue does
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=rooms["2-1-101"].room_id, amount_fen=25_000,
                       paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)
    assert _sync(session_factory, users[Role.CLERK]).closed == 0
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=rooms["2-1-101"].room_id, amount_fen=25_000,
                       paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)
    result = _sync(session_factory, users[Role.CLERK], room_ids=[rooms["2-1-101"].room_id])
    assert (result.opened, result.closed) == (0, 1)
    with session_factory() as s:
        closed = s.scalars(select(CollectionCase).where(CollectionCase.room_id == rooms["2-1-101"].room_id)).one()
        kinds = sorted(s.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == closed.id)))
    assert closed.closed_on == TODAY and kinds == ["closed", "opened"]


def test_a_relapsing_room_goes_back_to_its_collector(session_factory, users, db_kind):
    collector = make_user(session_factory, Role.COLLECTOR, "cuishou1")
    room = make_room_with_bills(session_factory, months=6)
    _sync(session_factory, users[Role.CLERK])
    with session_factory.begin() as s:
        (row,) = cases.list_cases(s, actor=users[Role.MANAGER], today=TODAY)
        cases.reassign_cases(s, actor=users[Role.MANAGER], cases=[(row.case_id, row.version)],
                             collector_id=collector.id, today=TODAY)
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=125_000, paid_on=TODAY,
                       method=PaymentMethod.CASH, today=TODAY)
    assert _sync(session_factory, users[Role.CLERK]).closed == 1
    later = date(2026, 6, 11)  # the June bill is now overdue
    result = _sync(session_factory, users[Role.CLERK], today=later)
    assert result.opened == 1
    with session_factory() as s:
        (row,) = cases.list_cases(s, actor=collector, today=later)
    assert row.collector_id == collector.id and row.arrears_fen == 25_000


def _many_cases(session_factory, users, n_buildings=5, per_building=4):
    specs = [(f"{b}-1-{100 + r}", 1 + (b * r) % 5) for b in range(1, n_buildings + 1) for r in range(per_building)]
    rooms = _rooms(session_factory, specs)
    _sync(session_factory, users[Role.CLERK])
    return rooms


def test_split_by_building_is_previewed_then_applied(session_factory, users, db_kind):
    collectors = [make_user(session_factory, Role.COLLECTOR, f"cuishou{i}") for i in (1, 2)]
    _many_cases(session_factory, users)
    ids = [c.id for c in collectors]
    with session_factory() as s:
        preview = cases.split_preview(s, actor=users[Role.MANAGER], today=TODAY, collector_ids=ids,
                                      mode=SplitMode.BY_BUILDING, scope=SplitScope.UNASSIGNED)
        assert s.scalar(select(CollectionCase.collector_id).where(CollectionCase.collector_id.is_not(None))) is None
    assert preview.total_cases == 20 and len(preview.moves) == 20 and preview.unchanged == 0
    assert sorted(ld.cases_after for ld in preview.loads) == [8, 12]  # whole buildings of 4
    assert sum(ld.amount_after_fen for ld in preview.loads) == preview.total_fen
    assert isinstance(preview.total_fen, int)
    by_building: dict[str, set[int]] = {}
    for m in preview.moves:
        by_building.setdefault(m.building, set()).add(m.to_id)
    assert all(len(v) == 1 for v in by_building.values())
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        cases.apply_split(s, actor=users[Role.COLLECTOR], preview=preview, today=TODAY)
    with session_factory.begin() as s:
        assert cases.apply_split(s, actor=users[Role.MANAGER], preview=preview, today=TODAY) == 20
    with session_factory() as s:
        mine = [cases.list_cases(s, actor=c, today=TODAY) for c in collectors]
        audit = s.scalars(select(AuditLog.action).where(AuditLog.action == "cases.split")).all()
    assert sorted(len(m) for m in mine) == [8, 12] and audit == ["cases.split"]
    assert all(r.collector_id == c.id for c, m in zip(collectors, mine, strict=True) for r in m)
    # applying the same preview again: the cases changed since (their version moved)
    with pytest.raises(ConflictError) as err, session_factory.begin() as s:
        cases.apply_split(s, actor=users[Role.MANAGER], preview=preview, today=TODAY)
    assert err.value.code == "cases.changed_since_preview"


def test_split_balanced_by_amount_and_reassign(session_factory, users, db_kind):
    collectors = [make_user(session_factory, Role.COLLECTOR, f"cuishou{i}") for i in (1, 2, 3)]
    _many_cases(session_factory, users)
    with session_factory.begin() as s:
        preview = cases.split_preview(s, actor=users[Role.MANAGER], today=TODAY,
                                      collector_ids=[c.id for c in collectors], mode=SplitMode.BY_AMOUNT,
                                      scope=SplitScope.ALL)
        amounts = [ld.amount_after_fen for ld in preview.loads]
        assert max(amounts) - min(amounts) <= max(m.amount_fen for m in preview.moves)
        cases.apply_split(s, actor=users[Role.MANAGER], preview=preview, today=TODAY)
    with session_factory.begin() as s:
        rows = cases.list_cases(s, actor=collectors[0], today=TODAY)
        n = cases.reassign_cases(s, actor=users[Role.MANAGER], cases=[(r.case_id, r.version) for r in rows[:2]],
                                 collector_id=collectors[1].id, today=TODAY, note="休假")
    assert n == 2
    with session_factory() as s:
        assert len(cases.list_cases(s, actor=collectors[0], today=TODAY)) == len(rows) - 2
        with pytest.raises(PermissionDenied):  # a collector may not open another's case
            cases.case_detail(s, actor=collectors[0], today=TODAY, case_id=rows[0].case_id)
        detail = cases.case_detail(s, actor=collectors[1], today=TODAY, case_id=rows[0].case_id)
    assert any(h.title.startswith("分配给") and "休假" in h.detail for h in detail.history)
    with pytest.raises(ConflictError), session_factory.begin() as s:  # stale version
        cases.reassign_cases(s, actor=users[Role.MANAGER], cases=[(rows[0].case_id, rows[0].version)],
                             collector_id=collectors[2].id, today=TODAY)
    with pytest.raises(ValidationError), session_factory.begin() as s:
        cases.reassign_cases(s, actor=users[Role.MANAGER], cases=[(rows[0].case_id, rows[0].version + 1)],
                             collector_id=users[Role.CLERK].id, today=TODAY)


def test_instalment_plan_follows_the_ledger(session_factory, users, db_kind):
    collector = users[Role.COLLECTOR]
    room = make_room_with_bills(session_factory, months=6)  # 6 × ¥250, Jan-May overdue on TODAY
    _sync(session_factory, users[Role.CLERK])
    with session_factory() as s:
        (row,) = cases.list_cases(s, actor=users[Role.MANAGER], today=TODAY)
    schedule = [(date(2026, 6, 10), 60_000), (date(2026, 7, 10), 65_000)]
    with session_factory.begin() as s:
        plan = cases.request_plan(s, actor=collector, case_id=row.case_id, schedule=schedule, note="经济困难",
                                  today=TODAY)
    assert (plan.state, plan.total_fen, plan.paid_fen) == (PlanState.PENDING, 125_000, 0)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        cases.request_plan(s, actor=collector, case_id=row.case_id, schedule=schedule, today=TODAY)
    assert err.value.code == "instalment.plan_exists"
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        cases.decide_plan(s, actor=collector, plan_id=plan.id, version=plan.version, approve=True, today=TODAY)
    with session_factory.begin() as s:
        plan = cases.decide_plan(s, actor=users[Role.MANAGER], plan_id=plan.id, version=plan.version, approve=True,
                                 today=TODAY)
    assert (plan.status, plan.state, plan.signed_on) == (ApprovalStatus.APPROVED, PlanState.ON_TRACK, TODAY)
    # the ladder waits for the first instalment
    with session_factory() as s:
        (case_row,) = cases.list_cases(s, actor=users[Role.MANAGER], today=date(2026, 6, 1))
    assert (case_row.state, case_row.due_on) == (PositionState.WAITING, date(2026, 6, 11))
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=70_000,
                                 paid_on=date(2026, 6, 9), method=PaymentMethod.WECHAT,
                       today=date(2026, 6, 9))
    with session_factory() as s:
        (plan,) = cases.plan_statuses(s, today=date(2026, 6, 12), case_ids=[row.case_id])
    assert [(i.state, i.paid_fen) for i in plan.instalments] == [
        (InstalmentState.PAID, 60_000), (InstalmentState.PART_PAID, 10_000)]
    assert isinstance(plan.paid_fen, int) and plan.paid_fen == 70_000
    assert plan.instalments[0].paid_on == date(2026, 6, 9)
    # a reversal takes it back: the first instalment is overdue again
    with session_factory.begin() as s:
        reverse_payment(s, actor=users[Role.MANAGER], payment_id=receipt.payment_id, reason="收错房间",
                        on=date(2026, 6, 12))
    with session_factory() as s:
        (plan,) = cases.plan_statuses(s, today=date(2026, 6, 12), case_ids=[row.case_id])
        (case_row,) = cases.list_cases(s, actor=users[Role.MANAGER], today=date(2026, 6, 12))
    assert plan.state is PlanState.BEHIND and plan.instalments[0].state is InstalmentState.OVERDUE
    assert case_row.state is PositionState.DUE  # the missed instalment moved the case on
    with session_factory() as s:
        assert not s.execute(select(Instalment)).scalars().first().__dict__.get("paid_fen")
    with session_factory.begin() as s:
        plan = cases.cancel_plan(s, actor=users[Role.MANAGER], plan_id=plan.id, version=plan.version,
                                 reason="业主不再履约", today=date(2026, 6, 12))
    assert plan.state is PlanState.CANCELLED


def test_extensions_and_holds_need_a_manager(session_factory, users, db_kind):
    make_room_with_bills(session_factory, months=5)
    _sync(session_factory, users[Role.CLERK])
    with session_factory() as s:
        (row,) = cases.list_cases(s, actor=users[Role.MANAGER], today=TODAY)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        cases.request_extension(s, actor=users[Role.COLLECTOR], case_id=row.case_id, until=TODAY + timedelta(days=90),
                                reason="失业", today=TODAY)
    assert err.value.code == "extension.length"
    with session_factory.begin() as s:
        ext = cases.request_extension(s, actor=users[Role.COLLECTOR], case_id=row.case_id,
                                      until=date(2026, 7, 20), reason="失业", today=TODAY)
        hold = cases.request_hold(s, actor=users[Role.CLERK], case_id=row.case_id, until=date(2026, 6, 30),
                                  reason="漏水投诉处理中", today=TODAY)
    with session_factory() as s:
        (pending,) = cases.list_cases(s, actor=users[Role.MANAGER], today=TODAY)
    assert pending.pending == 2 and pending.state is PositionState.DUE  # not in force before approval
    with pytest.raises(ValidationError), session_factory.begin() as s:  # a rejection says why
        cases.decide_pause(s, actor=users[Role.MANAGER], kind=ext.kind, pause_id=ext.id, version=ext.version,
                           approve=False, today=TODAY)
    with session_factory.begin() as s:
        cases.decide_pause(s, actor=users[Role.MANAGER], kind=ext.kind, pause_id=ext.id, version=ext.version,
                           approve=False, note="收入证明不足", today=TODAY)
        hold = cases.decide_pause(s, actor=users[Role.MANAGER], kind=hold.kind, pause_id=hold.id,
                                  version=hold.version, approve=True, today=TODAY)
    with session_factory() as s:
        (held,) = cases.list_cases(s, actor=users[Role.MANAGER], today=TODAY)
        assert cases.due_steps(s, today=TODAY) == []  # out of the worklists
        assert s.get(CollectionCase, row.case_id).hold_until == date(2026, 6, 30)
    assert (held.state, held.hold_until, held.pending) == (PositionState.ON_HOLD, date(2026, 6, 30), 0)
    with session_factory.begin() as s:
        cases.end_hold(s, actor=users[Role.MANAGER], kind=hold.kind, pause_id=hold.id, version=hold.version,
                       today=date(2026, 6, 1), note="已修好")
    with session_factory() as s:
        (due,) = cases.due_steps(s, today=date(2026, 6, 1))
        assert s.get(CollectionCase, row.case_id).hold_until is None
    assert due.due_on == date(2026, 6, 1)


def test_service_issues(session_factory, users, db_kind):
    room = make_room_with_bills(session_factory, months=5)
    _sync(session_factory, users[Role.CLERK])
    with session_factory.begin() as s:
        issue = cases.create_issue(s, actor=users[Role.COLLECTOR], room_id=room.room_id, category=IssueCategory.LEAK,
                                   description="卫生间顶部渗水", today=TODAY, promised_date=date(2026, 5, 25),
                                   handler="工程部 王师傅")
    assert issue.case_id is not None and issue.is_open and not issue.overdue
    with session_factory() as s:
        (listed,) = cases.list_issues(s, actor=users[Role.CLERK], today=date(2026, 5, 26), open_only=True)
        (case_row,) = cases.list_cases(s, actor=users[Role.MANAGER], today=TODAY)
        from cuijiao_desktop.services.room_ledger import room_ledger

        header = room_ledger(s, room_id=room.room_id, today=TODAY).header
    assert listed.overdue and case_row.open_issues == 1
    assert header.open_issues and "渗水" in header.open_issues[0]
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        cases.update_issue(s, actor=users[Role.CLERK], issue_id=issue.id, version=issue.version, today=TODAY,
                           category=issue.category, description=issue.description, promised_date=issue.promised_date,
                           status=IssueStatus.DONE, handler=issue.handler, assignee_id=None)
    assert err.value.code == "issue.resolution_required"
    with session_factory.begin() as s:
        done = cases.update_issue(s, actor=users[Role.CLERK], issue_id=issue.id, version=issue.version,
                                  today=date(2026, 5, 24), category=issue.category, description=issue.description,
                                  promised_date=issue.promised_date, status=IssueStatus.DONE,
                                  handler=issue.handler, assignee_id=users[Role.MANAGER].id, resolution="已修复")
    assert (done.resolved_on, done.is_open, done.assignee) == (date(2026, 5, 24), False, users[Role.MANAGER].display_name)
    with pytest.raises(ConflictError), session_factory.begin() as s:
        cases.update_issue(s, actor=users[Role.CLERK], issue_id=issue.id, version=issue.version, today=TODAY,
                           category=issue.category, description="x", promised_date=None, status=IssueStatus.OPEN,
                           handler="", assignee_id=None)


def test_case_detail_shows_the_ladder_and_marks(session_factory, users, db_kind):
    room = make_room_with_bills(session_factory, months=5)
    _sync(session_factory, users[Role.CLERK], today=date(2026, 3, 1))
    with session_factory() as s:
        detail = cases.case_detail(s, actor=users[Role.CLERK], today=date(2026, 3, 1), room_id=room.room_id)
    assert detail.position.next.stage is Stage.REMINDER
    assert [line.state for line in detail.ladder][:2] == ["next", "ahead"]
    committee = next(line for line in detail.ladder if line.stage is Stage.COMMITTEE)
    with pytest.raises(ValidationError), session_factory.begin() as s:
        cases.mark_step_done(s, actor=users[Role.COLLECTOR], case_id=detail.row.case_id, step_id=committee.step_id,
                             on=date(2026, 2, 1), today=date(2026, 3, 1))
    with session_factory.begin() as s:
        cases.mark_step_done(s, actor=users[Role.COLLECTOR], case_id=detail.row.case_id, step_id=committee.step_id,
                             on=date(2026, 3, 1), today=date(2026, 3, 1), note="业委会主任陪同上门")
    with session_factory() as s:
        detail = cases.case_detail(s, actor=users[Role.CLERK], today=date(2026, 3, 2), room_id=room.room_id)
    states = {line.stage: line.state for line in detail.ladder}
    assert states[Stage.COMMITTEE] == "done" and states[Stage.PHONE] == "skipped"
    assert states[Stage.LAWYER_LETTER] == "next" and detail.position.state is PositionState.BELOW_MINIMUM
    assert detail.history[0].title == "完成步骤：业委会督促"
    with pytest.raises(NotFound), session_factory() as s:
        cases.case_detail(s, actor=users[Role.CLERK], today=TODAY, room_id=room.room_id + 99)


def test_save_ladder_reorders_edits_and_refuses_threats(session_factory, users, db_kind):
    with session_factory.begin() as s:
        ladder.ensure_default_ladder(s)
        steps = ladder.list_ladder(s)
    reordered = [steps[1], steps[0], *steps[2:]]
    new = LadderStepDTO(None, 0, Stage.REMINDER, "微信提醒", 1, Channel.WECHAT.value, 0, 0, True, "")
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        ladder.save_ladder(s, actor=users[Role.COLLECTOR], steps=reordered)
    bad = [*reordered[:-1], LadderStepDTO(**{**reordered[-1].__dict__, "note": "逾期将停水停电"})]
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        ladder.save_ladder(s, actor=users[Role.MANAGER], steps=bad)
    assert err.value.code == "ladder.forbidden_words" and err.value.params["step"] == len(steps)
    with session_factory.begin() as s:
        saved = ladder.save_ladder(s, actor=users[Role.MANAGER], steps=[*reordered, new])
    assert [x.name for x in saved[:2]] == [steps[1].name, steps[0].name]
    assert [x.seq for x in saved] == list(range(1, len(steps) + 2)) and saved[-1].name == "微信提醒"
    with pytest.raises(ConflictError), session_factory.begin() as s:  # saved from an old copy
        ladder.save_ladder(s, actor=users[Role.MANAGER], steps=[*reordered, new])
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        ladder.save_ladder(s, actor=users[Role.MANAGER],
                           steps=[LadderStepDTO(**{**x.__dict__, "active": False}) for x in saved])
    assert err.value.code == "ladder.none_active"
