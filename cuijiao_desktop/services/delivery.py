"""Delivery proof of issued notices (送达登记): type or scan a serial, say how it reached the owner.

Only an evidenced delivery restarts the limitation clock (Civil Code art. 195): the limitation
service counts a notice as a demand when ``notice.delivered_at`` is set and it has a signed
receipt slip (``signed_receipt``), a registered-mail/express number (``tracking_no``) or a proof
file (``proof_path``: a screenshot of the SMS/WeChat message, a scan of the signed slip). A
notice left at the door is recorded without any of these, so it never counts.

Proof files are copied into the office's data folder under their SHA-256
(``evidence/ab/ab12…ef.png``): the same file stored twice is one file, and a changed file
cannot hide behind an old name.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import ContactEvent, Estate, Notice, Room
from cuijiao_desktop.domain.enums import CallOutcome, Channel, DeliveryMethod, NoticeKind
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import UserDTO
from .limitation import notice_is_evidenced_demand
from .tx import read_only
from .versions import flush_or_conflict

__all__ = [
    "EVIDENCE_DIR", "PROOF_SUFFIXES", "RELATIONS", "DeliveryInput", "NoticeInfo", "evidenced", "find_notice",
    "normalize_serial", "proof_file", "proof_relpath", "record_delivery", "store_proof",
]

EVIDENCE_DIR = "evidence"
PROOF_SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf", ".webp", ".bmp", ".gif", ".tif", ".tiff", ".heic")
MAX_PROOF_BYTES = 30 * 1024 * 1024
#: Who signed for the owner: an adult family member living there (the law's wording).
RELATIONS = ("配偶", "子女", "父母", "其他同住成年家属")
_TRACKING = re.compile(r"^[A-Z0-9][A-Z0-9-]{6,30}[A-Z0-9]$")
_CHANNEL = {
    DeliveryMethod.HAND_SIGNED: Channel.VISIT, DeliveryMethod.DOOR: Channel.NOTICE,
    DeliveryMethod.REGISTERED_MAIL: Channel.REGISTERED_LETTER, DeliveryMethod.EXPRESS: Channel.REGISTERED_LETTER,
    DeliveryMethod.SMS: Channel.SMS, DeliveryMethod.WECHAT: Channel.WECHAT, DeliveryMethod.EMAIL: Channel.EMAIL,
}
_KIND_ZH = {NoticeKind.REMINDER: "温馨提示", NoticeKind.ARREARS_NOTICE: "催缴通知书",
            NoticeKind.FINAL_NOTICE: "最后催告函", NoticeKind.LAWYER_LETTER: "律师函"}


def evidenced(n: Notice) -> bool:
    """Whether a notice's recorded delivery is an evidenced demand (the limitation service's one rule)."""
    return notice_is_evidenced_demand(delivered_at=n.delivered_at, signed_receipt=n.signed_receipt,
                                      tracking_no=n.tracking_no, proof_path=n.proof_path,
                                      delivery_method=n.delivery_method)


def normalize_serial(text: str) -> str:
    """What a scanner or a keyboard gives -> ``TZ202611000123`` (full-width, spaces, lower case)."""
    return re.sub(r"[\s\-_]", "", unicodedata.normalize("NFKC", text or "")).upper()


def proof_relpath(digest: str, suffix: str) -> str:
    """``evidence/ab/ab12…ef.png`` (a path relative to the data folder, with forward slashes)."""
    return f"{EVIDENCE_DIR}/{digest[:2]}/{digest}{suffix.lower()}"


def store_proof(data_dir: str | os.PathLike[str], source: str | os.PathLike[str]) -> str:
    """Copy a proof file into the data folder under its content hash; returns the relative path."""
    src = Path(source)
    suffix = src.suffix.lower()
    if suffix not in PROOF_SUFFIXES:
        raise ValidationError("delivery.proof_type", field="proof", suffix=src.suffix or "（无扩展名）")
    if not src.is_file():
        raise ValidationError("delivery.proof_missing", field="proof", path=str(src))
    if src.stat().st_size > MAX_PROOF_BYTES:
        raise ValidationError("delivery.proof_too_large", field="proof", mb=MAX_PROOF_BYTES // (1024 * 1024))
    digest = hashlib.sha256()
    with src.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    rel = proof_relpath(digest.hexdigest(), ".jpg" if suffix == ".jpeg" else suffix)
    target = Path(data_dir) / rel
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(src, tmp)
        os.replace(tmp, target)
    return rel


def proof_file(data_dir: str | os.PathLike[str], relpath: str) -> Path:
    """The stored proof file of ``relpath`` (refuses paths that leave the data folder)."""
    base = Path(data_dir).resolve()
    path = (base / relpath).resolve()
    if base not in path.parents:
        raise ValidationError("delivery.proof_missing", path=relpath)
    return path


@dataclass(frozen=True)
class NoticeInfo:
    """An issued notice as the delivery form shows it."""

    notice_id: int
    serial: str
    version: int
    room_id: int
    estate: str
    room_code: str
    kind: NoticeKind
    title: str
    level: int
    recipient_name: str
    issued_on: date
    deadline: date | None
    amount_fen: int
    intended_delivery: DeliveryMethod | None
    delivery_method: DeliveryMethod | None
    delivered_on: date | None
    delivered_to: str
    tracking_no: str
    proof_path: str
    signed_receipt: bool

    @property
    def is_evidenced(self) -> bool:
        return self.delivered_on is not None and bool(self.signed_receipt or self.tracking_no or self.proof_path)


def _info(n: Notice, estate: str, code: str) -> NoticeInfo:
    return NoticeInfo(
        notice_id=n.id, serial=n.serial, version=n.version, room_id=n.room_id, estate=estate, room_code=code,
        kind=n.kind, title=_KIND_ZH.get(n.kind, "通知"), level=n.level, recipient_name=n.recipient_name,
        issued_on=n.issued_at.astimezone().date(), deadline=n.deadline, amount_fen=n.arrears_fen + n.late_fee_fen,
        intended_delivery=n.intended_delivery, delivery_method=n.delivery_method,
        delivered_on=n.delivered_at.astimezone().date() if n.delivered_at else None, delivered_to=n.delivered_to,
        tracking_no=n.tracking_no, proof_path=n.proof_path, signed_receipt=bool(n.signed_receipt),
    )


def _load(session: Session, serial: str) -> tuple[Notice, str, str]:
    s = normalize_serial(serial)
    if not s:
        raise ValidationError("delivery.serial_required", field="serial")
    row = session.execute(
        select(Notice, Estate.name, Room.code).join(Room, Room.id == Notice.room_id)
        .join(Estate, Estate.id == Room.estate_id).where(Notice.serial == s)
    ).first()
    if row is None:
        raise NotFound("delivery.serial_not_found", serial=s)
    return row[0], row[1], row[2]


@read_only
def find_notice(session: Session, *, serial: str) -> NoticeInfo:
    """The notice with ``serial`` (typed or scanned from the slip's QR code)."""
    n, estate, code = _load(session, serial)
    return _info(n, estate, code)


@dataclass(frozen=True)
class DeliveryInput:
    """How a notice reached the owner.

    ``relation`` empty: the owner (or addressee) in person; one of :data:`RELATIONS`: an adult
    family member signed for it (``received_by`` is then their name). ``proof`` is a file to copy
    into the data folder (a scan of the signed slip, a screenshot, a mail receipt).
    """

    serial: str
    method: DeliveryMethod
    delivered_on: date
    received_by: str = ""
    relation: str = ""
    tracking_no: str = ""
    proof: str | None = None
    note: str = ""


def record_delivery(
    session: Session, *, actor: UserDTO, delivery: DeliveryInput, data_dir: str | os.PathLike[str], today: date,
) -> NoticeInfo:
    """Record how notice ``delivery.serial`` was delivered, with its evidence.

    In person: the signed slip (``signed_receipt``); registered mail or express: the tracking
    number; SMS, WeChat or e-mail: a screenshot (required). A door posting is recorded without
    evidence and never restarts the limitation clock. An evidenced delivery is final (a second
    one is refused); a door posting can later be replaced by an evidenced delivery.
    """
    actor = authorize(session, actor, Permission.PRINT_NOTICES)
    n, estate, code = _load(session, delivery.serial)
    method = DeliveryMethod(delivery.method)
    issued_on = n.issued_at.astimezone().date()
    if evidenced(n):
        raise ConflictError("delivery.already_recorded", serial=n.serial,
                            on=n.delivered_at.astimezone().date().isoformat())
    if not issued_on <= delivery.delivered_on <= today:
        raise ValidationError("delivery.date_out_of_range", field="delivered_on", issued=issued_on.isoformat(),
                              today=today.isoformat())
    received_by = delivery.received_by.strip()
    relation = delivery.relation.strip()
    tracking = normalize_serial(delivery.tracking_no)
    signed = False
    if method is DeliveryMethod.HAND_SIGNED:
        signed = True
        if relation:
            if relation not in RELATIONS:
                raise ValidationError("delivery.relation_invalid", field="relation", relations="、".join(RELATIONS))
            if not received_by:
                raise ValidationError("delivery.receiver_required", field="received_by")
            received_by = f"{received_by}（{relation}）"
        else:
            received_by = received_by or n.recipient_name
    elif method in (DeliveryMethod.REGISTERED_MAIL, DeliveryMethod.EXPRESS):
        if not _TRACKING.match(tracking):
            raise ValidationError("delivery.tracking_invalid", field="tracking_no")
        received_by = received_by or n.recipient_name
    elif method in (DeliveryMethod.SMS, DeliveryMethod.WECHAT, DeliveryMethod.EMAIL):
        if not delivery.proof:
            raise ValidationError("delivery.proof_required", field="proof")
        received_by = received_by or n.recipient_name
    elif method is DeliveryMethod.DOOR and (delivery.proof or tracking):
        raise ValidationError("delivery.door_no_evidence", field="method")
    if method is not DeliveryMethod.REGISTERED_MAIL and method is not DeliveryMethod.EXPRESS:
        tracking = ""
    proof = store_proof(data_dir, delivery.proof) if delivery.proof else ""
    if delivery.delivered_on == today:  # now, on the business day (fixed in tests and the demo)
        d = delivery.delivered_on
        at = datetime.now().astimezone().replace(year=d.year, month=d.month, day=d.day).astimezone(UTC)
    else:
        at = datetime.combine(delivery.delivered_on, time(12, 0)).astimezone().astimezone(UTC)
    n.delivery_method, n.delivered_at, n.delivered_to = method, at, received_by[:64]
    n.tracking_no, n.proof_path, n.signed_receipt = tracking, proof, signed
    flush_or_conflict(session, "notice", n.id)  # another desk may have recorded its delivery a moment ago
    is_evidence = evidenced(n)
    note = f"{_KIND_ZH.get(n.kind, '通知')}（第{n.level}次）{n.serial} 送达" + ("" if is_evidence else "（张贴，无签收）")
    if delivery.note.strip():
        note += f"；{delivery.note.strip()}"
    session.add(ContactEvent(
        room_id=n.room_id, case_id=n.case_id, person_id=n.recipient_person_id, channel=_CHANNEL[method],
        occurred_at=at, user_id=actor.id, answered_by=received_by[:64],
        outcome=CallOutcome.DELIVERED, arrears_fen=n.arrears_fen, note=note, evidence_path=proof,
    ))
    session.flush()
    audit.record(session, actor, "notice.deliver", "notice", n.id, serial=n.serial, method=method.value,
                 delivered_on=delivery.delivered_on.isoformat(), evidenced=is_evidence, proof=proof,
                 tracking_no=tracking)
    return _info(n, estate, code)
