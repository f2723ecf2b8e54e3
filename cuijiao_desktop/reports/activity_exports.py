"""The export tasks of the collection work, in the one shape of ``services/export_file.py``.

Each function here is what the GUI's task runner (``run_with_progress``) and the command line run
with the session factories (``Transactions``; the functions are ``long_write``): it reads through the
service (which checks the permission) in a read-only transaction, writes the file to a temporary
path with no transaction open, records the export in the audit log in a short write transaction and
only then renames the file into place. The write lock is held for the audit row only. A cancelled or
failed export raises and leaves neither a file nor an audit row. The files: the contact log (催缴记录), the visits (上门记录), the notices issued
(通知发放记录) as .xlsx or .csv; the SMS batch (催缴短信) as CSV only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cuijiao_desktop.services import activity_exports as activity
from cuijiao_desktop.services import contact_log as log_service
from cuijiao_desktop.services import exports as export_service
from cuijiao_desktop.services import office as office_service
from cuijiao_desktop.services import sms_batch
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.tx import Transactions, long_write

from .xlsx import CancelFn, ProgressFn, XlsxColumn, write_table, write_table_csv

__all__ = [
    "SMS_COLUMNS",
    "export_contact_log",
    "export_notices",
    "export_sms",
    "export_visits",
    "write_sms_csv",
]

#: The SMS batch file: what office SMS platforms import (a phone column and a message column).
SMS_COLUMNS: tuple[XlsxColumn, ...] = (XlsxColumn("手机号码"), XlsxColumn("短信内容"))


def _detail(flt: Any) -> dict[str, str]:
    """A filter as audit detail: its set fields, as text."""
    return {k: (v.isoformat() if isinstance(v, date) else str(v)) for k, v in asdict(flt).items()
            if v not in (None, "", (), 0)}


def _title(session: Session, what: str) -> str:
    return f"{office_service.get_office(session).name} {what}".strip()


@long_write
def export_contact_log(tx: Transactions, *, actor: UserDTO, flt: log_service.ContactLogFilter, today: date,
                       path: Path, progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> int:
    """Every contact of the filter to ``path`` (.xlsx), audited (``services/export_file.py``)."""
    from .contact_log_xlsx import write_contact_log_xlsx

    def read(s: Session) -> tuple[Any, str]:
        return log_service.contact_log_rows(s, actor=actor, flt=flt, today=today), _title(s, "催缴记录")

    def audit(s: Session, data: tuple[Any, str], _n: int) -> None:
        export_service.record_export(s, actor=actor, what="contact_log", file_name=Path(path).name,
                                     rows=len(data[0]))

    return export_file(tx, path, read=read, audit=audit, cancel=cancel,
                       write=lambda data, tmp: write_contact_log_xlsx(data[0], tmp, title=data[1], progress=progress,
                                                                      cancel=cancel)).written


def _export_table(tx: Transactions, table_of: Callable[[Session], export_service.ExportTable], *, actor: UserDTO,
                  what: str, path: str | os.PathLike[str], detail: dict[str, str], progress: ProgressFn | None,
                  cancel: CancelFn | None) -> int:
    def read(s: Session) -> tuple[export_service.ExportTable, str]:
        table = table_of(s)
        return table, _title(s, table.title or "")

    def write(data: tuple[export_service.ExportTable, str], tmp: Path) -> int:
        table, title = data
        return write_table(tmp, table.columns, table.rows, sheet_title=table.sheet_title, title=title,
                           subtitle=table.subtitle, totals_label=table.totals_label, progress=progress, cancel=cancel)

    def audit(s: Session, data: tuple[export_service.ExportTable, str], _n: int) -> None:
        export_service.record_export(s, actor=actor, what=what, file_name=Path(path).name, rows=len(data[0].rows),
                                     **detail)

    return export_file(tx, path, read=read, write=write, audit=audit, cancel=cancel).written


@long_write
def export_visits(tx: Transactions, *, actor: UserDTO, flt: activity.VisitExportFilter,
                  path: str | os.PathLike[str], progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None) -> int:
    """The visits of the filter to ``path`` (.xlsx or .csv), audited (``services/export_file.py``)."""
    return _export_table(tx, lambda s: activity.visits_table(s, actor=actor, flt=flt), actor=actor, what="visits",
                         path=path, detail=_detail(flt), progress=progress, cancel=cancel)


@long_write
def export_notices(tx: Transactions, *, actor: UserDTO, flt: activity.NoticeExportFilter,
                   path: str | os.PathLike[str], progress: ProgressFn | None = None,
                   cancel: CancelFn | None = None) -> int:
    """The notices issued of the filter to ``path`` (.xlsx or .csv), audited (``services/export_file.py``)."""
    return _export_table(tx, lambda s: activity.notices_table(s, actor=actor, flt=flt), actor=actor,
                         what="notices", path=path, detail=_detail(flt), progress=progress, cancel=cancel)


def write_sms_csv(messages: Sequence[sms_batch.SmsMessage], path: str | os.PathLike[str], *,
                  progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> int:
    """The SMS batch file: UTF-8 with BOM (Excel reads the Chinese), one message per line, no formula
    cell (``reports.xlsx.csv_text``), written through a temporary file. Returns the line count."""
    return write_table_csv(path, SMS_COLUMNS, [(m.phone, m.text) for m in messages], progress=progress,
                           cancel=cancel)


@long_write
def export_sms(tx: Transactions, *, actor: UserDTO, template: str, selection: sms_batch.SmsSelection, today: date,
               path: str | os.PathLike[str], due: date | None = None, now: datetime | None = None,
               progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> sms_batch.SmsBatch:
    """Plan the messages, write the file, audit it (rooms, messages billed, rooms left out, the filter) and
    rename it into place (``services/export_file.py``). Returns the batch, whose ``left_out`` the caller shows."""
    detail = _detail(selection.arrears)
    if selection.batch_no:
        detail["batch_no"] = selection.batch_no
    if selection.room_ids:
        detail["room_ids"] = ",".join(str(i) for i in selection.room_ids)
    if selection.min_months:
        detail["min_months"] = str(selection.min_months)

    def audit(s: Session, batch: sms_batch.SmsBatch, _n: int) -> None:
        export_service.record_export(s, actor=actor, what="sms", file_name=Path(path).name,
                                     rows=len(batch.messages), segments=batch.segments, left_out=len(batch.left_out),
                                     **detail)

    return export_file(
        tx, path, cancel=cancel, audit=audit,
        read=lambda s: sms_batch.plan_sms(s, actor=actor, template=template, selection=selection, today=today,
                                          due=due, now=now),
        write=lambda batch, tmp: write_sms_csv(batch.messages, tmp, progress=progress, cancel=cancel)).data
