"""The About box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import cuijiao_desktop


def show_about(parent: QWidget | None) -> None:
    """Show version, purpose and the Qt version."""
    title = QCoreApplication.translate("about", "About Cuijiao")
    text = "<h3>{name} {version}</h3><p>{purpose}</p><p>{tech}</p>".format(
        name=QCoreApplication.translate("about", "Property fee collection"),
        version=cuijiao_desktop.__version__,
        purpose=QCoreApplication.translate("about",
            "Keeps track of overdue property fees and of every step taken to collect them: "
            "reminders, calls, notices, visits and promises.",
        ),
        tech=QCoreApplication.translate("about", "Built with Qt {qt} and Python.").format(qt=qVersion()),
    )
    QMessageBox.about(parent, title, text)
