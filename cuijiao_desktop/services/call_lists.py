"""Call lists (催缴电话清单): what the arrears table adds for the people who call.

* The whole phone number of each room's owner, only for the roles that call (clerk, collector,
  manager); everyone else keeps the masked one the arrears query gives. A number may be copied
  only where it is shown whole.
* The limitation clock of each room (earliest expiry, periods at risk), through the one bulk
  function of ``services.limitation``.
* The collector's own cases as the default filter.
* Exporting a call list is audited (who, when, which file, how many rows, whole numbers or not).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import BILL_UNPAID, Bill, Contact, RoomPerson
from cuijiao_desktop.domain.enums import ContactKind, PersonRole, Role
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import UserDTO
from .limitation import RoomLimitation, room_limitations
from .tx import read_only

__all__ = ["CALLING_ROLES", "CallListExtras", "call_list_extras", "own_collector_id", "record_call_list_export", "shows_full_phones"]

#: The roles that phone owners: they see (and may copy) whole numbers in call lists.
CALLING_ROLES = frozenset({Role.CLERK, Role.COLLECTOR, Role.MANAGER})


def shows_full_phones(role: Role | str) -> bool:
    """Whether call lists show ``role`` whole phone numbers."""
    return Role(role) in CALLING_ROLES


@dataclass(frozen=True)
class CallListExtras:
    """What a call list adds to the arrears rows of one load."""

    full_phones: bool
    phones: dict[int, str]  # room id -> the owner's whole number (empty unless ``full_phones``)
    limitation: dict[int, RoomLimitation]  # room id -> its clock (rooms with overdue debt)
    own_collector_id: int | None  # the acting collector: their own cases are the default filter


def _owner_phones(session: Session, today: date) -> dict[int, str]:
    """The current owner's phone of every room in arrears: primary first, valid first, oldest first
    (the order the arrears query masks)."""
    in_arrears = (select(Bill.room_id)
                  .where(BILL_UNPAID, Bill.due_date < today)
                  .distinct())
    owner_link = (select(RoomPerson.room_id, func.min(RoomPerson.id).label("link_id"))
                  .where(RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None),
                         RoomPerson.room_id.in_(in_arrears))
                  .group_by(RoomPerson.room_id).subquery())
    phones: dict[int, str] = {}
    for room_id, value in session.execute(
        select(owner_link.c.room_id, Contact.value)
        .join(RoomPerson, RoomPerson.id == owner_link.c.link_id)
        .join(Contact, Contact.person_id == RoomPerson.person_id)
        .where(Contact.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]))
        .order_by(owner_link.c.room_id, Contact.is_primary.desc(), Contact.valid.desc(), Contact.id)
    ):
        phones.setdefault(room_id, value)
    return phones


@read_only
def own_collector_id(session: Session, *, actor: UserDTO) -> int | None:
    """The acting user's id when they are a collector (their own cases are their list's default filter)."""
    actor = authorize(session, actor, Permission.VIEW)
    return actor.id if actor.role is Role.COLLECTOR else None


@read_only
def call_list_extras(session: Session, *, actor: UserDTO, today: date) -> CallListExtras:
    """Whole numbers (calling roles only), the limitation clocks and the default collector filter."""
    actor = authorize(session, actor, Permission.VIEW)
    full = shows_full_phones(actor.role)
    return CallListExtras(
        full_phones=full,
        phones=_owner_phones(session, today) if full else {},
        limitation=room_limitations(session, today=today),
        own_collector_id=actor.id if actor.role is Role.COLLECTOR else None,
    )


def record_call_list_export(session: Session, *, actor: UserDTO, file_name: str, rows: int,
                            full_phones: bool, filters: str = "") -> None:
    """Audit an exported call list (personal data leaves the program): who, the file, the rows,
    whether whole numbers went with it, and the filter that chose the rows."""
    actor = authorize(session, actor, Permission.VIEW)
    audit.record(session, actor, "export.call_list", "report", None, file=file_name, rows=rows,
                 full_phones=full_phones, filters=filters)
