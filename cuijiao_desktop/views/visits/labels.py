"""The words of the visit screens: statuses, results and duties (keys are the domain's string values)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from cuijiao_desktop.views.labels import Labels

STATUS_LABELS = Labels("visits", {
    "planned": QT_TRANSLATE_NOOP("visits", "Planned"),
    "confirmed": QT_TRANSLATE_NOOP("visits", "Appointment confirmed"),
    "done": QT_TRANSLATE_NOOP("visits", "Done"),
    "failed": QT_TRANSLATE_NOOP("visits", "Failed (nobody home)"),
    "cancelled": QT_TRANSLATE_NOOP("visits", "Cancelled"),
})

RESULT_LABELS = Labels("visits", {
    "paid": QT_TRANSLATE_NOOP("visits", "Paid on the spot"),
    "promised": QT_TRANSLATE_NOOP("visits", "Promised to pay"),
    "instalment": QT_TRANSLATE_NOOP("visits", "Instalments agreed"),
    "refused": QT_TRANSLATE_NOOP("visits", "Refused"),
    "not_home": QT_TRANSLATE_NOOP("visits", "Nobody at home"),
})

DUTY_LABELS = Labels("visits", {
    "collector": QT_TRANSLATE_NOOP("visits", "Collector"),
    "supervisor": QT_TRANSLATE_NOOP("visits", "Supervisor"),
    "maintenance": QT_TRANSLATE_NOOP("visits", "Maintenance"),
})
