"""Translated labels for domain vocabularies shown in the GUI.

A vocabulary's table is a :class:`Labels`: its values' ``QT_TRANSLATE_NOOP`` texts and the
translation context they were written in, so :func:`label` translates any table's label.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cuijiao_desktop.domain.enums import ChargeBasis, Role


class Labels(dict):
    """The labels of one vocabulary (``QT_TRANSLATE_NOOP`` texts by value) and their translation context."""

    def __init__(self, context: str, texts: Mapping[Any, str]) -> None:
        super().__init__(texts)
        self.context = context


def label(table: Labels, value: Any) -> str:
    """The translated label of ``value`` in ``table`` ("" for None, ``str(value)`` for a value it lacks)."""
    if value is None:
        return ""
    text = table.get(value)
    return QCoreApplication.translate(table.context, text) if text else str(value)


ROLE_LABELS = Labels("labels", {
    Role.CLERK: QT_TRANSLATE_NOOP("labels", "Front desk"),
    Role.COLLECTOR: QT_TRANSLATE_NOOP("labels", "Collector"),
    Role.MANAGER: QT_TRANSLATE_NOOP("labels", "Manager"),
    Role.FINANCE: QT_TRANSLATE_NOOP("labels", "Finance"),
    Role.ADMIN: QT_TRANSLATE_NOOP("labels", "Administrator"),
})


def role_label(role: Role | str) -> str:
    """The translated name of a role."""
    return label(ROLE_LABELS, role)


# --- fee items (issue 9) ---
BASIS_LABELS = Labels("labels", {
    ChargeBasis.PER_AREA: QT_TRANSLATE_NOOP("labels", "By area (per m² a month)"),
    ChargeBasis.FIXED: QT_TRANSLATE_NOOP("labels", "Fixed a month (per household)"),
    ChargeBasis.METERED: QT_TRANSLATE_NOOP("labels", "By meter reading"),
})


def basis_label(basis: ChargeBasis | str) -> str:
    """The translated name of a charging basis."""
    return label(BASIS_LABELS, basis)
