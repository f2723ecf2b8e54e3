"""Frozen data handed from services to the GUI, reports and CLI (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, Role, Stage
from cuijiao_desktop.domain.permissions import ROLE_PERMISSIONS, Permission


@dataclass(frozen=True)
class UserDTO:
    """The acting user. ``username == "cli"`` with id None is the command line's system user.

    ``token`` is the secret of the user's open sign-in (``services.actor``): services resolve the
    real user and role from the database with it, so the role held here is for display only.
    """

    id: int | None
    username: str
    display_name: str
    role: Role
    permissions: frozenset[Permission] = field(default=frozenset())
    token: str | None = field(default=None, repr=False, compare=False)
    #: Set at log-in after an administrator's reset: the user must choose a new password first.
    must_change_password: bool = field(default=False, compare=False)

    @classmethod
    def of(cls, id: int | None, username: str, display_name: str, role: Role, *, token: str | None = None,
           must_change_password: bool = False) -> UserDTO:
        """Build with the role's permissions."""
        return cls(id, username, display_name, Role(role), ROLE_PERMISSIONS[Role(role)], token, must_change_password)

    def can(self, permission: Permission) -> bool:
        """True when this user's role grants ``permission``."""
        return permission in self.permissions


#: The command line acts as this user unless ``--user`` names a real one. The services accept it
#: only on a local SQLite file or a database without users (``services.actor.authorize``).
CLI_USER = UserDTO.of(None, "cli", "命令行", Role.ADMIN)


@dataclass(frozen=True)
class NamedId:
    """An id with its label, for combo boxes; ``parent_id`` links a building to its estate, a unit to its
    building."""

    id: int
    name: str
    parent_id: int | None = None


@dataclass(frozen=True)
class OfficeDTO:
    """Office details printed on notices and receipts."""

    name: str
    address: str
    phone: str
    bank_name: str
    bank_account: str
    seal_image: bytes | None = field(default=None, repr=False)  # PNG or JPEG, from 设置 → 服务中心信息
    payment_qr_image: bytes | None = field(default=None, repr=False)
    is_demo: bool = False


@dataclass(frozen=True)
class Overview:
    """Today's figures for the workbench."""

    rooms: int
    rooms_in_arrears: int
    arrears_fen: int
    promises_due_today: int
    visits_today: int
    open_issues: int


@dataclass(frozen=True)
class AllocationLineDTO:
    bill_id: int
    period: int
    fee_item: str
    amount_fen: int


@dataclass(frozen=True)
class ReceiptDTO:
    """A recorded payment or reversal."""

    payment_id: int
    receipt_no: str
    room_id: int
    room_code: str
    kind: PaymentKind
    amount_fen: int
    paid_on: date
    method: PaymentMethod
    lines: tuple[AllocationLineDTO, ...]
    credit_fen: int
    operator: str
    created_at: datetime
    reverses_id: int | None = None


@dataclass(frozen=True)
class RoomBalance:
    """A room's money position: billed, reductions, paid, outstanding, prepaid credit."""

    room_id: int
    billed_fen: int
    reduced_fen: int
    paid_fen: int
    outstanding_fen: int
    credit_fen: int


@dataclass(frozen=True)
class LadderStepDTO:
    """A configured ladder step (also the draft the settings tab saves: ``id`` None for a new one)."""

    id: int | None
    seq: int
    stage: Stage
    name: str
    wait_days: int
    channel: str
    min_amount_fen: int
    min_months: int
    active: bool
    note: str = ""
    version: int = 0
