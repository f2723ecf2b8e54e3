"""The export tasks of the collection work: read, audit and write in ONE transaction.

Each function here is what the GUI's task runner (``run_with_progress``) and the command line run:
it reads through the service (which checks the permission), records the export in the audit log
in the same transaction, then writes the file through a temporary file renamed into place. A
cancelled or failed export raises, so the transaction rolls back: neither a file nor an audit row
is left. The files: the contact log (催缴记录), the visits (上门记录), the notices issued
(通知发放记录) as .xlsx or .csv; the SMS batch (催缴短信) as CSV only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
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


def export_contact_log(session: Session, *, actor: UserDTO, flt: log_service.ContactLogFilter, today: date,
                       path: Path, progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> int:
    """Every contact of the filter to ``path`` (.xlsx), audited in the same transaction."""
    from .contact_log_xlsx import write_contact_log_xlsx

    rows = log_service.contact_log_rows(session, actor=actor, flt=flt, today=today)
    export_service.record_export(session, actor=actor, what="contact_log", file_name=Path(path).name,
                                 rows=len(rows))
    return write_contact_log_xlsx(rows, path, title=_title(session, "催缴记录"), progress=progress, cancel=cancel)


def _export_table(session: Session, table: export_service.ExportTable, *, actor: UserDTO, what: str,
                  path: str | os.PathLike[str], detail: dict[str, str], progress: ProgressFn | None,
                  cancel: CancelFn | None) -> int:
    export_service.record_export(session, actor=actor, what=what, file_name=Path(path).name, rows=len(table.rows),
                                 **detail)
    return write_table(path, table.columns, table.rows, sheet_title=table.sheet_title,
                       title=_title(session, table.title or ""), subtitle=table.subtitle,
                       totals_label=table.totals_label, progress=progress, cancel=cancel)


def export_visits(session: Session, *, actor: UserDTO, flt: activity.VisitExportFilter,
                  path: str | os.PathLike[str], progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None) -> int:
    """The visits of the filter to ``path`` (.xlsx or .csv), audited in the same transaction."""
    table = activity.visits_table(session, actor=actor, flt=flt)
    return _export_table(session, table, actor=actor, what="visits", path=path, detail=_detail(flt),
                         progress=progress, cancel=cancel)


def export_notices(session: Session, *, actor: UserDTO, flt: activity.NoticeExportFilter,
                   path: str | os.PathLike[str], progress: ProgressFn | None = None,
                   cancel: CancelFn | None = None) -> int:
    """The notices issued of the filter to ``path`` (.xlsx or .csv), audited in the same transaction."""
    table = activity.notices_table(session, actor=actor, flt=flt)
    return _export_table(session, table, actor=actor, what="notices", path=path, detail=_detail(flt),
                         progress=progress, cancel=cancel)


def write_sms_csv(messages: Sequence[sms_batch.SmsMessage], path: str | os.PathLike[str], *,
                  progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> int:
    """The SMS batch file: UTF-8 with BOM (Excel reads the Chinese), one message per line, no formula
    cell (``reports.xlsx.csv_text``), written through a temporary file. Returns the line count."""
    return write_table_csv(path, SMS_COLUMNS, [(m.phone, m.text) for m in messages], progress=progress,
                           cancel=cancel)


def export_sms(session: Session, *, actor: UserDTO, template: str, selection: sms_batch.SmsSelection, today: date,
               path: str | os.PathLike[str], due: date | None = None, now: datetime | None = None,
               progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> sms_batch.SmsBatch:
    """Plan the messages, audit the file (rooms, messages billed, rooms left out, the filter) and write it.
    Returns the batch, whose ``left_out`` the caller shows."""
    batch = sms_batch.plan_sms(session, actor=actor, template=template, selection=selection, today=today, due=due,
                               now=now)
    detail = _detail(selection.arrears)
    if selection.batch_no:
        detail["batch_no"] = selection.batch_no
    if selection.room_ids:
        detail["room_ids"] = ",".join(str(i) for i in selection.room_ids)
    if selection.min_months:
        detail["min_months"] = str(selection.min_months)
    export_service.record_export(session, actor=actor, what="sms", file_name=Path(path).name,
                                 rows=len(batch.messages), segments=batch.segments, left_out=len(batch.left_out),
                                 **detail)
    write_sms_csv(batch.messages, path, progress=progress, cancel=cancel)
    return batch
