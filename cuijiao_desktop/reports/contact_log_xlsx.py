"""The contact log as a formatted Excel workbook (催缴记录), on the generic writer of ``reports.xlsx``.

Phones stay masked (a list leaves the program); the export is audited by the caller.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime

from cuijiao_desktop.domain.labels_zh import ANSWERED_ZH, CHANNEL_ZH, OUTCOME_ZH, PROMISE_STATUS_ZH, REASON_ZH
from cuijiao_desktop.services.contact_log import ContactLogRow
from cuijiao_desktop.services.contacts import overridden_text

from .xlsx import CancelFn, ProgressFn, XlsxColumn, write_table_xlsx

__all__ = ["COLUMNS", "contact_log_cells", "write_contact_log_xlsx"]

COLUMNS: tuple[XlsxColumn, ...] = (
    XlsxColumn("时间"),
    XlsxColumn("小区"),
    XlsxColumn("房号"),
    XlsxColumn("联系人"),
    XlsxColumn("方式"),
    XlsxColumn("号码"),
    XlsxColumn("接听人"),
    XlsxColumn("结果"),
    XlsxColumn("欠费原因"),
    XlsxColumn("当时欠费", "money"),
    XlsxColumn("承诺日期", "date"),
    XlsxColumn("承诺金额", "money"),
    XlsxColumn("承诺状态"),
    XlsxColumn("投诉"),
    XlsxColumn("下次跟进", "date"),
    XlsxColumn("登记人"),
    XlsxColumn("备注"),
    XlsxColumn("已确认的提醒"),
)


def contact_log_cells(r: ContactLogRow) -> tuple:
    """One row's raw cell values under :data:`COLUMNS`."""
    return (
        r.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M"), r.estate, r.room_code, r.person,
        CHANNEL_ZH.get(r.channel, ""), r.number_masked, ANSWERED_ZH.get(r.answered_by, "") if r.answered_by else "",
        OUTCOME_ZH.get(r.outcome, ""), REASON_ZH.get(r.reason, "") if r.reason else "", r.arrears_fen,
        r.promise_date, r.promise_amount_fen, PROMISE_STATUS_ZH.get(r.promise_status, "") if r.promise_status else "",
        r.complaint, r.next_follow_up, r.user, r.note, overridden_text(r.overridden),
    )


def write_contact_log_xlsx(
    rows: Sequence[ContactLogRow],
    path: str | os.PathLike[str],
    *,
    title: str,
    subtitle: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """Write the rows (newest first, as given) to ``path``; return the row count. A cancel leaves no file."""
    if subtitle is None:
        subtitle = f"导出时间 {datetime.now():%Y-%m-%d %H:%M}　共 {len(rows):,} 条"
    return write_table_xlsx(path, COLUMNS, [contact_log_cells(r) for r in rows], sheet_title="催缴记录",
                            title=title, subtitle=subtitle, progress=progress, cancel=cancel)
