"""Who may do what. Services call :func:`require`; the GUI asks :func:`allowed` to hide actions."""

from __future__ import annotations

from enum import StrEnum

from .enums import Role
from .errors import PermissionDenied


class Permission(StrEnum):
    VIEW = "view"
    EDIT_ROOMS = "edit_rooms"
    TAKE_PAYMENT = "take_payment"
    REVERSE_PAYMENT = "reverse_payment"
    WAIVE_LATE_FEE = "waive_late_fee"
    LOG_CONTACT = "log_contact"
    PLAN_VISITS = "plan_visits"
    ASSIGN_CASES = "assign_cases"
    APPROVE_PLANS = "approve_plans"  # instalments and extensions
    PRINT_NOTICES = "print_notices"
    PRINT_BOARDS = "print_boards"
    EXPORT_REPORTS = "export_reports"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    EDIT_BILLING = "edit_billing"  # fee items, standards, bills
    EDIT_LADDER = "edit_ladder"
    EDIT_SETTINGS = "edit_settings"
    MANAGE_USERS = "manage_users"
    IMPORT_DATA = "import_data"
    WRITE_OFF = "write_off"
    BACKUP = "backup"
    EDIT_OFFICE = "edit_office"  # the office's name, address, bank account, seal and QR images
    MAINTAIN_DATABASE = "maintain_database"  # upgrade, restore, database roles
    VIEW_AUDIT = "view_audit"
    REVEAL_PHONE = "reveal_phone"  # see a full phone number (each time audited)
    EDIT_FEE_ITEMS = "edit_fee_items"  # fee items, standards and late-fee terms (设置 → 收费项目)
    ASSESS_LATE_FEES = "assess_late_fees"  # the daily late-fee run: any desk may be the first to start
    CLOSE_MONTH = "close_month"  # 月结: freeze a month's statistics, or reopen it with a reason (finance)


_P = Permission
_CLERK = {
    _P.VIEW, _P.EDIT_ROOMS, _P.TAKE_PAYMENT, _P.LOG_CONTACT, _P.PLAN_VISITS, _P.PRINT_NOTICES, _P.REVEAL_PHONE,
    _P.ASSESS_LATE_FEES,
}
_COLLECTOR = {_P.VIEW, _P.LOG_CONTACT, _P.PLAN_VISITS, _P.PRINT_NOTICES, _P.REVEAL_PHONE, _P.ASSESS_LATE_FEES}
_FINANCE = {
    _P.VIEW, _P.TAKE_PAYMENT, _P.EXPORT_REPORTS, _P.EXPORT_PERSONAL_DATA, _P.EDIT_BILLING,
    _P.IMPORT_DATA, _P.ASSESS_LATE_FEES, _P.CLOSE_MONTH,
}
# Backups hold every owner's data: administrators only (issue 14), like upgrades and restores.
_MANAGER = _CLERK | _COLLECTOR | {
    _P.REVERSE_PAYMENT, _P.WAIVE_LATE_FEE, _P.ASSIGN_CASES, _P.APPROVE_PLANS, _P.PRINT_BOARDS,
    _P.EXPORT_REPORTS, _P.EXPORT_PERSONAL_DATA, _P.EDIT_LADDER, _P.IMPORT_DATA, _P.WRITE_OFF,
    _P.EDIT_OFFICE, _P.VIEW_AUDIT, _P.EDIT_FEE_ITEMS,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.COLLECTOR: frozenset(_COLLECTOR),
    Role.FINANCE: frozenset(_FINANCE),
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(Permission),
}


def allowed(role: Role | str, permission: Permission) -> bool:
    """True when ``role`` grants ``permission``."""
    return permission in ROLE_PERMISSIONS[Role(role)]


def require(role: Role | str, permission: Permission) -> None:
    """Raise :class:`PermissionDenied` unless ``role`` grants ``permission``."""
    if not allowed(role, permission):
        raise PermissionDenied("auth.permission_denied", role=str(role), permission=str(permission))
