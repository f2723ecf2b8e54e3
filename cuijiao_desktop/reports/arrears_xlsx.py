"""The arrears table as a formatted Excel workbook (欠费明细).

Built on the generic writer in :mod:`cuijiao_desktop.reports.xlsx`: a title and a subtitle
line (office, date, count), a bold filled header, frozen panes, filters, money as numbers in
yuan with the ``¥`` format (exact: ``Decimal(fen) / 100``), phones and rooms as text, CJK-aware
column widths, print titles, landscape fit to width, and a totals row. The file is written to
a temporary file beside the target and renamed into place: a cancel or failure leaves nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime

from cuijiao_desktop.domain.ageing import BUCKET_LABELS_ZH
from cuijiao_desktop.domain.labels_zh import ARREARS_ZH, OUTCOME_ZH, REASON_ZH, STAGE_ZH
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.arrears import BUCKETS, ArrearsRow, totals

from .xlsx import CancelFn, ProgressFn, XlsxColumn, write_table_csv, write_table_xlsx

__all__ = ["COLUMNS", "arrears_cells", "write_arrears_csv", "write_arrears_xlsx"]

#: The sheet's columns, in the order of :func:`arrears_cells`.
COLUMNS: tuple[XlsxColumn, ...] = (
    XlsxColumn("小区"),
    XlsxColumn("楼栋"),
    XlsxColumn("单元"),
    XlsxColumn("房号"),
    XlsxColumn("业主"),
    XlsxColumn("电话"),
    XlsxColumn(ARREARS_ZH, "money"),  # the one word for "due and unpaid" (labels_zh)
    XlsxColumn("欠费月数", "int"),
    XlsxColumn("最早欠费期间", "period"),
    *(XlsxColumn(f"账龄{BUCKET_LABELS_ZH[b]}", "money") for b in BUCKETS),
    XlsxColumn("滞纳金", "money"),
    XlsxColumn("催缴阶段"),
    XlsxColumn("催收员"),
    XlsxColumn("欠费原因"),
    XlsxColumn("最近联系", "date"),
    XlsxColumn("联系结果"),
    XlsxColumn("下次跟进", "date"),
    XlsxColumn("承诺日期", "date"),
)


def arrears_cells(row: ArrearsRow) -> tuple:
    """One row's raw cell values under :data:`COLUMNS` (money in fen, dates as ``date``)."""
    return (
        row.estate, row.building, row.unit or "", row.room, row.owner, row.phone_masked,
        row.total_fen, row.months, row.oldest_period, *row.bucket_fen, row.late_fee_fen,
        STAGE_ZH[row.stage] if row.stage is not None else "未立案",
        row.collector, REASON_ZH[row.reason] if row.reason else "",
        row.last_contact_on, OUTCOME_ZH[row.last_outcome] if row.last_outcome else "",
        row.next_action_on, row.promise_on,
    )


def write_arrears_xlsx(
    rows: Sequence[ArrearsRow],
    path: str | os.PathLike[str],
    *,
    title: str,
    subtitle: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """Write ``rows`` (in the given order) to a formatted workbook at ``path``; return the row count.

    ``title`` is the first line (e.g. the office's name and "欠费明细"); the second line is
    ``subtitle`` or, by default, the export time, the number of rooms and the total. A last row
    sums every money column. ``progress``/``cancel`` as in :func:`reports.xlsx.write_table_xlsx`:
    a cancel raises ``DomainError("task.cancelled")`` and leaves no file.
    """
    sums = totals(rows)
    if subtitle is None:
        subtitle = (f"导出时间 {datetime.now():%Y-%m-%d %H:%M}　共 {sums.rooms:,} 户　"
                    f"{ARREARS_ZH}合计 {format_money(sums.total_fen)}")
    return write_table_xlsx(
        path, COLUMNS, [arrears_cells(r) for r in rows],
        sheet_title="欠费明细", title=title, subtitle=subtitle,
        totals_label=f"合计（{sums.rooms:,}户）", progress=progress, cancel=cancel,
    )


def write_arrears_csv(
    rows: Sequence[ArrearsRow],
    path: str | os.PathLike[str],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """The same columns as :func:`write_arrears_xlsx` as CSV (UTF-8 with BOM); return the row count."""
    return write_table_csv(path, COLUMNS, [arrears_cells(r) for r in rows], progress=progress, cancel=cancel)
