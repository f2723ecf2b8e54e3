"""Translated labels for domain vocabularies shown in the GUI."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cuijiao_desktop.domain.enums import ChargeBasis, Role

_CTX = "labels"

ROLE_LABELS: dict[Role, str] = {
    Role.CLERK: QT_TRANSLATE_NOOP("labels", "Front desk"),
    Role.COLLECTOR: QT_TRANSLATE_NOOP("labels", "Collector"),
    Role.MANAGER: QT_TRANSLATE_NOOP("labels", "Manager"),
    Role.FINANCE: QT_TRANSLATE_NOOP("labels", "Finance"),
    Role.ADMIN: QT_TRANSLATE_NOOP("labels", "Administrator"),
}


def role_label(role: Role | str) -> str:
    """The translated name of a role."""
    try:
        text = ROLE_LABELS[Role(role)]
    except ValueError:
        return str(role)
    return QCoreApplication.translate(_CTX, text)


# --- fee items (issue 9) ---
BASIS_LABELS: dict[ChargeBasis, str] = {
    ChargeBasis.PER_AREA: QT_TRANSLATE_NOOP("labels", "By area (per m² a month)"),
    ChargeBasis.FIXED: QT_TRANSLATE_NOOP("labels", "Fixed a month (per household)"),
    ChargeBasis.METERED: QT_TRANSLATE_NOOP("labels", "By meter reading"),
}


def basis_label(basis: ChargeBasis | str) -> str:
    """The translated name of a charging basis."""
    try:
        text = BASIS_LABELS[ChargeBasis(basis)]
    except ValueError:
        return str(basis)
    return QCoreApplication.translate(_CTX, text)
