"""Full phone numbers on demand: lists and the room ledger show them masked (``138****8000``); a
"show number" action asks this service, which checks the role and writes each reveal to the audit
log (who saw which number of which room, and why)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Contact
from cuijiao_desktop.domain.enums import ContactKind
from cuijiao_desktop.domain.errors import NotFound
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import UserDTO

__all__ = ["PHONE_KINDS", "reveal_phone", "reveal_phones"]

PHONE_KINDS = (ContactKind.MOBILE, ContactKind.LANDLINE)


def reveal_phones(session: Session, *, actor: UserDTO, contact_ids: Iterable[int], room_id: int | None = None,
                  purpose: str = "") -> dict[int, str]:
    """The full numbers of ``contact_ids`` (phones only), each reveal audited as ``phone.reveal``.

    ``room_id`` names the room the numbers were shown for (the audit viewer filters by it);
    ``purpose`` says where (e.g. "ledger", "call_list"). Unknown ids raise ``NotFound``.
    """
    actor = authorize(session, actor, Permission.REVEAL_PHONE)
    ids = list(dict.fromkeys(int(i) for i in contact_ids))
    rows = session.execute(
        select(Contact.id, Contact.person_id, Contact.value).where(Contact.id.in_(ids), Contact.kind.in_(PHONE_KINDS))
    ).all()
    found = {r.id: r for r in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound("phone.not_found", contact_id=missing[0])
    for i in ids:
        r = found[i]
        detail = {"person_id": r.person_id, "purpose": purpose} if purpose else {"person_id": r.person_id}
        if room_id is not None:
            detail["room_id"] = room_id
        audit.record(session, actor, "phone.reveal", "contact", i, **detail)
    return {i: found[i].value for i in ids}


def reveal_phone(session: Session, *, actor: UserDTO, contact_id: int, room_id: int | None = None,
                 purpose: str = "") -> str:
    """The full number of one phone contact; the reveal is audited (see :func:`reveal_phones`)."""
    return reveal_phones(session, actor=actor, contact_ids=[contact_id], room_id=room_id, purpose=purpose)[contact_id]
