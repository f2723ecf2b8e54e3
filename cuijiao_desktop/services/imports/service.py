"""The two use cases: ``plan_import`` (the preview, read-only) and ``commit_import`` (the write)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Estate, FeeItem
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.importing.headers import KIND_ZH, HeaderGuess, ImportKind, mapping_problems
from cuijiao_desktop.importing.normalize import cell_text
from cuijiao_desktop.importing.readers import SheetData
from cuijiao_desktop.importing.validate import ParsedSheet, Rejected, parse_rows

from .. import audit
from ..actor import authorize
from ..batch import DirectWriter, IdMap, StagedWrite, Writer
from ..bill_adjustments import audit_adjustments
from ..dto import UserDTO
from ..fee_items import audit_new_fee_items
from ..tx import Transactions, long_write, read_only
from .bills import BillPlanner, FeeChoice, adjustment_reason, apply_bills
from .common import (
    CREATE,
    REJECT,
    UNCHANGED,
    UPDATE,
    CancelFn,
    ImportPlan,
    ImportResult,
    ProgressFn,
    RowOutcome,
    check_cancel,
    create_estate,
    resolve_estate,
    sorted_outcomes,
)
from .payments import PaymentPlanner, apply_payments
from .rooms import RoomPlanner, apply_rooms


@dataclass
class _Planned:
    plan: ImportPlan
    estate_id: int | None
    planner: Any


def _plan(session: Session, sheet: SheetData, guess: HeaderGuess, *, estate: str | None, today: dt.date,
          default_method: PaymentMethod | None, fee_item_choices: Mapping[str, FeeChoice] | None,
          create_fee_items: bool, progress: ProgressFn | None, cancel: CancelFn | None,
          parsed: ParsedSheet | None = None) -> _Planned:
    kind = guess.kind
    if guess.header_row is None:
        raise DomainError("import.no_header", kinds=KIND_ZH[kind])
    problems = mapping_problems(kind, guess.mapping)
    if problems:
        raise DomainError("import.mapping_invalid", problems="；".join(problems))
    estate_id, estate_name = resolve_estate(session, kind, estate)

    def parse_progress(done: int, total: int, _text: str) -> None:
        if progress is not None:
            progress(done, total * 2 or 1, "检查数据")

    if parsed is None or parsed.kind is not kind:
        parsed = parse_rows(sheet.rows, guess, today=today, progress=parse_progress, cancel=cancel)
    check_cancel(cancel)
    records = parsed.records
    if kind is ImportKind.ROOMS:
        planner: Any = RoomPlanner(session, estate_id, records, today)  # type: ignore[arg-type]
    elif kind is ImportKind.BILLS:
        planner = BillPlanner(session, estate_id, records, fee_item_choices=fee_item_choices,  # type: ignore[arg-type]
                              create_fee_items=create_fee_items)
    else:
        planner = PaymentPlanner(session, estate_id, records, default_method)  # type: ignore[arg-type]
    check_cancel(cancel)
    if progress is not None:
        progress(len(sheet.rows), len(sheet.rows) * 2 or 1, "与数据库比对")
    planner.plan(records)
    check_cancel(cancel)

    cells_by_line = {i + 1: row for i, row in enumerate(sheet.rows)}
    db_rejected = [Rejected(x.line, tuple(cell_text(v) or "" for v in cells_by_line.get(x.line, ())), x.reasons)
                   for x in planner.rejected]
    rejected = tuple(sorted(parsed.rejected + tuple(db_rejected), key=lambda x: x.line))
    outcomes = list(planner.outcomes)
    outcomes += [RowOutcome(x.line, REJECT, "", x.reason_text) for x in parsed.rejected]
    counts: dict[str, int] = defaultdict(int)
    for o in outcomes:
        counts[o.action] += 1
    plan = ImportPlan(
        kind=kind, file_name=sheet.file_name, sheet=sheet.sheet, estate_name=estate_name,
        estate_is_new=estate_id is None, header_row=guess.header_row, mapping=dict(guess.mapping),
        outcomes=sorted_outcomes(outcomes), rejected=rejected, skipped=parsed.skipped,
        created=counts[CREATE], updated=counts[UPDATE], unchanged=counts[UNCHANGED], today=today,
        fee_items=tuple(getattr(planner, "words", ())), parsed=parsed,
    )
    if progress is not None:
        progress(1, 1, "检查完成")
    return _Planned(plan, estate_id, planner)


@read_only
def plan_import(
    session: Session,
    sheet: SheetData,
    guess: HeaderGuess,
    *,
    estate: str | None = None,
    today: dt.date | None = None,
    default_method: PaymentMethod | None = None,
    fee_item_choices: Mapping[str, FeeChoice] | None = None,
    create_fee_items: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportPlan:
    """Preview an import of ``sheet`` read with ``guess`` (header row and column mapping); writes nothing.

    ``estate`` names the target estate (see the package docstring); ``today`` (default: the
    computer's date) bounds periods and dates; ``default_method`` is used for payment rows
    without a method. Bills: ``fee_item_choices`` maps a fee-item word of the file to an item id,
    ``"create"`` or ``"skip"``; ``create_fee_items`` creates every word that matches no item.
    The plan's ``fee_items`` lists every word and what it stands for.
    """
    return _plan(session, sheet, guess, estate=estate, today=today or dt.date.today(),
                 default_method=default_method, fee_item_choices=fee_item_choices,
                 create_fee_items=create_fee_items, progress=progress, cancel=cancel).plan


@long_write
def commit_import(
    target: Session | Transactions,
    sheet: SheetData,
    guess: HeaderGuess,
    *,
    actor: UserDTO,
    estate: str | None = None,
    today: dt.date | None = None,
    default_method: PaymentMethod | None = None,
    fee_item_choices: Mapping[str, FeeChoice] | None = None,
    create_fee_items: bool = False,
    accept_valid: bool = False,
    preview: ImportPlan | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Import ``sheet`` and record it in the audit log, all or nothing.

    ``target`` is either the caller's session (everything is written in its transaction; the
    caller commits) or, from the GUI and the command line, the database's ``Transactions``: then the
    rows are checked in a read snapshot and staged in chunks without the write lock, and published
    in one short transaction (``services/batch.py``), so a large import never makes a payment at
    another desk wait; what other desks changed meanwhile is checked there (a conflict writes
    nothing: ``batch.conflict``). With rejected rows nothing is written
    (``DomainError("import.rows_rejected")``) unless ``accept_valid`` is True, which imports the
    valid rows only. ``preview``, a plan of the same sheet and mapping, saves checking the rows again
    (the database is always compared anew). Creating fee items needs the permission to edit them,
    changing a bill's amount the permission to edit bills (it is an audited adjustment).
    """
    options: dict[str, Any] = {
        "estate": estate, "today": today or dt.date.today(), "default_method": default_method,
        "fee_item_choices": fee_item_choices, "create_fee_items": create_fee_items, "accept_valid": accept_valid,
        "preview": preview, "cancel": cancel}
    if isinstance(target, Session):
        who = authorize(target, actor, Permission.IMPORT_DATA)
        staged = _stage_import(target, DirectWriter(target), sheet, guess, actor=who, progress=progress, **options)
        _audit_import(target, who, sheet, staged)
        target.flush()
        return ImportResult(plan=staged.plan, **staged.counts)

    def staging(done: int, total: int, text: str) -> None:  # checking and staging: up to 95 %
        if progress is not None:
            progress(done * 95 // max(total, 1), 100, text)

    with StagedWrite(target, progress=None, cancel=cancel) as w:
        with target.read.begin() as session:
            who = authorize(session, actor, Permission.IMPORT_DATA)
            staged = _stage_import(session, w, sheet, guess, actor=who, progress=staging, **options)

        def finish(s: Session, ids: IdMap) -> None:
            again = authorize(s, actor, Permission.IMPORT_DATA)  # still allowed now that it is written
            _authorize_writes(s, again, new_fee_items=bool(staged.fee_items), adjusting=bool(staged.adjustments))
            _audit_import(s, again, sheet, staged, ids)

        if progress is not None:
            progress(96, 100, "提交")
        w.publish(finish)
    if progress is not None:
        progress(100, 100, "完成")
    return ImportResult(plan=staged.plan, **staged.counts)


@dataclass
class _Staged:
    """What an import handed to its writer: the plan, the estate, the counts, and what the audit names."""

    plan: ImportPlan
    estate_id: int  # provisional when the estate is new and staged
    counts: dict[str, int]
    fee_items: list[tuple[int, dict]] = field(default_factory=list)
    adjustments: list[tuple[int, int, int]] = field(default_factory=list)


def _authorize_writes(session: Session, actor: UserDTO, *, new_fee_items: bool, adjusting: bool) -> None:
    """New fee items need the permission to edit them; changed bill amounts the permission to edit bills."""
    if new_fee_items:
        authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    if adjusting:
        authorize(session, actor, Permission.EDIT_BILLING)


def _stage_import(session: Session, w: Writer, sheet: SheetData, guess: HeaderGuess, *, actor: UserDTO,
                  estate: str | None, today: dt.date, default_method: PaymentMethod | None,
                  fee_item_choices: Mapping[str, FeeChoice] | None, create_fee_items: bool, accept_valid: bool,
                  preview: ImportPlan | None, progress: ProgressFn | None, cancel: CancelFn | None) -> _Staged:
    """Check the rows against ``session`` and hand what to write to ``w``."""
    parsed = None
    if (preview is not None and preview.today == today and preview.file_name == sheet.file_name
            and preview.sheet == sheet.sheet and dict(preview.mapping) == dict(guess.mapping)
            and preview.header_row == guess.header_row):
        parsed = preview.parsed

    def plan_progress(done: int, total: int, text: str) -> None:
        if progress is not None:
            progress(done, total * 2, text)

    planned = _plan(session, sheet, guess, estate=estate, today=today, default_method=default_method,
                    fee_item_choices=fee_item_choices, create_fee_items=create_fee_items,
                    progress=plan_progress, cancel=cancel, parsed=parsed)
    plan = planned.plan
    if plan.rejected and not accept_valid:
        raise DomainError("import.rows_rejected", count=plan.rejected_count)
    adjusting = plan.kind is ImportKind.BILLS and any(
        u["amount_fen"] != u["old_amount_fen"] for u in planned.planner.ops.bill_updates)
    _authorize_writes(session, actor, new_fee_items=bool(plan.new_fee_items), adjusting=adjusting)
    estate_id = planned.estate_id
    if estate_id is None:
        estate_id = create_estate(session, w, plan.estate_name)
        planned.planner.estate_id = estate_id

    def write_progress(done: int, total: int, text: str) -> None:
        if progress is not None:
            progress(total + done, total * 2, text)

    if plan.kind is ImportKind.ROOMS:
        counts = apply_rooms(session, w, estate_id, planned.planner.ops, today, write_progress, cancel)
        return _Staged(plan, estate_id, counts)
    if plan.kind is ImportKind.BILLS:
        written = apply_bills(session, w, estate_id, planned.planner.ops, actor, sheet.file_name,
                              write_progress, cancel)
        return _Staged(plan, estate_id, written.counts, written.fee_items, written.adjustments)
    counts = apply_payments(session, w, planned.planner, actor, sheet.file_name, write_progress, cancel)
    return _Staged(plan, estate_id, counts)


def _audit_import(session: Session, actor: UserDTO, sheet: SheetData, staged: _Staged,
                  ids: IdMap | None = None) -> None:
    """The audit entries of a written import (``ids``: the real ids of staged rows)."""
    plan = staged.plan
    real = (lambda table, i: ids.real(table, i)) if ids is not None else (lambda _table, i: i)
    source = f"导入：{sheet.file_name}"
    if staged.fee_items:
        audit_new_fee_items(session, actor, [(real(FeeItem.__table__, i), row) for i, row in staged.fee_items],
                            source=source)
    if staged.adjustments:
        audit_adjustments(session, actor, staged.adjustments, reason=adjustment_reason(sheet.file_name))
    extra = {"new_fee_items": list(plan.new_fee_items)} if plan.new_fee_items else {}
    audit.record(
        session, actor, f"import.{plan.kind.value}", "estate", real(Estate.__table__, staged.estate_id),
        file=sheet.file_name, sheet=sheet.sheet, estate=plan.estate_name, created=plan.created, updated=plan.updated,
        unchanged=plan.unchanged, rejected=plan.rejected_count, skipped=len(plan.skipped),
        rejected_lines=[x.line for x in plan.rejected][:200], **extra, **staged.counts,
    )
