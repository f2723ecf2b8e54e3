"""The outcome of a visit: what happened, the evidence, and the revisit, in one transaction.

* a contact event (channel visit) with whom they met, the result as its outcome, the attitude;
* a promise (``promise`` is the one place promises live) for PROMISED, or INSTALMENT with a date;
* the notice handed over, recorded as delivered through the print room
  (``services.delivery.record_delivery``): signed for, it is an evidenced demand that restarts
  the limitation clock; not signed (left at the door), it is recorded without evidence;
* photos copied into the data folder under their content hash (``services.delivery.store_proof``);
* service issues raised (``service_issue``, linked to the contact event);
* optionally the revisit, planned with every rule checked, linked as ``next_visit_id``.

"Paid on the spot" records the result only: the money itself is taken at the desk (收款), where
the receipt is printed. "Instalment agreed" may carry the first instalment as a promise; the plan
itself is asked for on the case, where a manager approves it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    ContactEvent,
    Notice,
    Person,
    Promise,
    RoomPerson,
    ServiceIssue,
    VisitPhoto,
)
from cuijiao_desktop.domain.contacts import first_error, propose_follow_up
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    Channel,
    DeliveryMethod,
    IssueCategory,
    IssueStatus,
    PersonRole,
)
from cuijiao_desktop.domain.errors import NotFound, ValidationError
from cuijiao_desktop.domain.labels_zh import ISSUE_CATEGORY_ZH, VISIT_RESULT_ZH
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.visits import (
    OPEN_STATUSES,
    OutcomeDraft,
    VisitDraft,
    VisitResult,
    contact_outcome,
    outcome_errors,
    status_after,
)

from .. import audit
from ..actor import authorize
from ..delivery import DeliveryInput, record_delivery, store_proof
from ..dto import UserDTO
from ..payments import room_owed
from ..versions import flush_or_conflict
from .common import load_visit, local
from .dto import OutcomeResult
from .planning import add_visit

__all__ = ["record_outcome"]



def record_outcome(
    session: Session, *, actor: UserDTO, draft: OutcomeDraft, now: datetime, data_dir: str | os.PathLike[str],
) -> OutcomeResult:
    """Record the outcome of a planned or confirmed visit (``Permission.PLAN_VISITS``; handing a
    notice also needs ``PRINT_NOTICES``). ``now`` (aware): when it is recorded (the contact event is
    dated at the visit's start when recorded on a later day). Everything or nothing is written."""
    actor = authorize(session, actor, Permission.PLAN_VISITS)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    visit = load_visit(session, draft.visit_id, draft.version)
    if visit.status not in OPEN_STATUSES:
        raise ValidationError("visit.not_open", visit_id=visit.id, status=visit.status.value)
    today = local(now).date()
    visit_day = local(visit.planned_at).date()
    overdue, owed = room_owed(session, visit.room_id, today)
    first_error(outcome_errors(draft, today=today, visit_day=visit_day, owed_fen=owed))
    result = VisitResult(draft.result)
    met = AnsweredBy(draft.met) if draft.met is not None else None
    notice = None
    if draft.notice_id is not None:
        authorize(session, actor, Permission.PRINT_NOTICES)
        notice = session.get(Notice, draft.notice_id)
        if notice is None or notice.room_id != visit.room_id:
            raise NotFound("visit.notice_not_of_room", field="notice", notice_id=draft.notice_id)
    for path in draft.photos:  # check every file before anything is copied or written
        if not Path(path).is_file():
            raise ValidationError("delivery.proof_missing", field="photos", path=str(path))

    occurred = now.astimezone(UTC) if today == visit_day else visit.planned_at
    outcome = contact_outcome(result)
    follow = (local(draft.revisit.start).date() if draft.revisit is not None
              else propose_follow_up(outcome, today=today, promise_date=draft.promise_date))
    owner = session.scalar(select(Person.id).join(RoomPerson, RoomPerson.person_id == Person.id).where(
        RoomPerson.room_id == visit.room_id, RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
        .order_by(RoomPerson.id).limit(1))
    words = "；".join(x for x in (f"上门催缴：{VISIT_RESULT_ZH[result]}", draft.attitude.strip(), draft.note.strip()) if x)
    event = ContactEvent(
        room_id=visit.room_id, case_id=visit.case_id, person_id=owner, channel=Channel.VISIT, occurred_at=occurred,
        user_id=actor.id, answered_by=met.value if met else "", outcome=outcome,
        complaint="；".join(f"{ISSUE_CATEGORY_ZH.get(IssueCategory(i.category), '')}：{i.description.strip()}"
                           for i in draft.issues),
        next_follow_up=follow if follow is not None and follow >= today else None, arrears_fen=overdue,
        note=words[:2000],
    )
    session.add(event)
    session.flush()

    promise_id = None
    if draft.promise_date is not None and draft.promise_amount_fen is not None:
        promise = Promise(room_id=visit.room_id, case_id=visit.case_id, contact_event_id=event.id, made_on=today,
                          due_date=draft.promise_date, amount_fen=draft.promise_amount_fen,
                          signed=bool(draft.promise_signed), created_by_id=actor.id)
        session.add(promise)
        session.flush()
        promise_id = promise.id

    issue_ids = []
    for i in draft.issues:
        issue = ServiceIssue(room_id=visit.room_id, case_id=visit.case_id, contact_event_id=event.id,
                             category=IssueCategory(i.category), description=i.description.strip(), raised_on=today,
                             status=IssueStatus.OPEN, created_by_id=actor.id)
        session.add(issue)
        session.flush()
        issue_ids.append(issue.id)

    photo_ids, stored = [], []
    for path in draft.photos:
        rel = store_proof(data_dir, path)
        stored.append(rel)
        photo = VisitPhoto(visit_id=visit.id, sha256=Path(rel).stem, path=rel, original_name=Path(path).name[:255],
                           added_by_id=actor.id)
        session.add(photo)
        session.flush()
        photo_ids.append(photo.id)

    evidenced = False
    if notice is not None:
        signed = bool(draft.notice_signed)
        info = record_delivery(session, actor=actor, data_dir=data_dir, today=today, delivery=DeliveryInput(
            serial=notice.serial, method=DeliveryMethod.HAND_SIGNED if signed else DeliveryMethod.DOOR,
            delivered_on=visit_day, received_by=draft.received_by, relation=draft.relation,
            proof=draft.photos[0] if signed and draft.photos else None,
            note=f"上门递交（上门记录 {visit.id}）",
        ))
        evidenced = info.is_evidenced

    next_id = None
    if draft.revisit is not None:
        r = draft.revisit
        nxt = add_visit(session, actor, VisitDraft(
            room_id=visit.room_id, start=r.start, end=r.end, staff=r.staff, case_id=visit.case_id, team=r.team,
            note=r.note or f"再访（上次 {visit_day:%m-%d}：{VISIT_RESULT_ZH[result]}）", override_reason=r.override_reason,
        ), today=today)
        next_id = nxt.id

    visit.status, visit.result, visit.met = status_after(result), result, met.value if met else ""
    visit.attitude, visit.outcome, visit.done_at = draft.attitude.strip()[:64], outcome, occurred
    visit.agreed_date = draft.promise_date
    visit.revisit, visit.next_visit_id = draft.revisit is not None, next_id
    visit.notice_handed, visit.notice_id, visit.notice_signed = notice is not None, draft.notice_id, bool(
        draft.notice_signed and notice is not None)
    visit.outcome_event_id, visit.promise_id = event.id, promise_id
    flush_or_conflict(session, "visit", visit.id)
    audit.record(session, actor, "visit.outcome", "visit", visit.id, room_id=visit.room_id, result=result.value,
                 event_id=event.id, promise_id=promise_id, notice_id=draft.notice_id, notice_evidenced=evidenced,
                 issues=issue_ids, photos=stored, next_visit_id=next_id)
    return OutcomeResult(visit.id, visit.version, visit.status, event.id, promise_id, draft.notice_id, evidenced,
                         tuple(issue_ids), tuple(photo_ids), next_id)
