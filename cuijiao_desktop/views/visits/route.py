"""The route button: a day's visit sheet (上门催缴路线单) for a team, shown in the PDF preview.

The sheet itself is ``reports.visit_sheet_pdf`` (imported when the button is pressed: reportlab is
not loaded before).
"""

from __future__ import annotations

from datetime import date
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTemporaryDir

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import office as office_service
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.tx import long_write
from cuijiao_desktop.tasks import run_with_progress

SHEET_MODULE = "cuijiao_desktop.reports.visit_sheet_pdf"
_FILE = QT_TRANSLATE_NOOP("VisitsPage", "Route")
_READY = QT_TRANSLATE_NOOP("VisitsPage", "Route sheet for {day} ready.")
_TITLE = QT_TRANSLATE_NOOP("VisitsPage", "Route sheet {day}")
_FAILED = QT_TRANSLATE_NOOP("VisitsPage", "No route sheet: {error}")
_WRITING = QT_TRANSLATE_NOOP("VisitsPage", "Writing the route sheet…")


def route_sheet_available() -> bool:
    """Whether the visit sheet can be printed from this build."""
    return find_spec(SHEET_MODULE) is not None


@long_write
def write_route_sheet(tx, *, actor, day: date, team: str | None, path: Path, progress=None, cancel=None) -> Path:
    """The task: the day's route of ``team`` (None: every team) written to ``path``, and the print audited,
    in the one export shape (``services/export_file.py``: no write lock while the PDF is drawn; a failed or
    cancelled write records nothing)."""
    from cuijiao_desktop.reports.visit_sheet_pdf import render_visit_sheet
    from cuijiao_desktop.services.visits.route_print import record_visit_sheet_print

    def read(session):
        return visit_service.visit_route(session, actor=actor, day=day, team=team), office_service.get_office(session)

    def audit(session, data, _written) -> None:
        if data[0].stops:
            record_visit_sheet_print(session, actor=actor, route=data[0], file_name=path.name)

    return export_file(tx, path, read=read, audit=audit, cancel=cancel,
                       write=lambda data, tmp: render_visit_sheet(data[0], tmp, office=data[1], progress=progress,
                                                                  cancel=cancel)).path


def _tr(text: str) -> str:
    return QCoreApplication.translate("VisitsPage", text)


def show_route_sheet(page, runner, user, *, day: date, team: str | None, settings=None):
    """Write the sheet in the background, then preview it (print, save a copy); a refusal (no visits
    that day for that team) is shown on the page."""
    temp = getattr(page, "_route_dir", None)
    if temp is None:
        temp = page._route_dir = QTemporaryDir()
    name = f"{_tr(_FILE)}-{day:%Y%m%d}{('-' + team) if team else ''}.pdf".replace("/", "_")
    path = Path(temp.path()) / name

    def done(written: Path) -> None:
        from cuijiao_desktop.views.dialogs.pdf_dialog import PdfDialog

        page.show_message(_tr(_READY).format(day=day.isoformat()), error=False)
        dialog = PdfDialog(Path(written), _tr(_TITLE).format(day=day.isoformat()), settings=settings,
                           parent=page)
        page.route_dialog = dialog
        dialog.open()

    def failed(exc: BaseException) -> None:
        page.show_message(_tr(_FAILED).format(error=error_message(exc)))

    return run_with_progress(runner, page, _tr(_WRITING), write_route_sheet, actor=user, day=day,
                             team=team, path=path, on_result=done, on_error=failed)
