"""Monthly statistics (issue 12): the figures, the month close and what the dashboards read.

* :mod:`.model` — the shape (``MonthStats``) every consumer reads;
* :mod:`.figures` — :func:`compute_month_stats` and the 汇总/按收费项目 figures with the balance identity;
* :mod:`.sheets` — 账龄分析, 催收业绩, 欠费原因, 趋势, 欠费明细;
* :mod:`.ledger_sql` — the ledger as of a past day, in SQL;
* :mod:`.close` — month close (月结): :func:`prepare_close` (read-only) then :func:`close_month`,
  :func:`reopen_month`, :func:`month_report`.
"""

from .close import close_month, month_close_info, month_report, prepare_close, reopen_month
from .figures import compute_month_stats

__all__ = [
    "close_month", "compute_month_stats", "month_close_info", "month_report", "prepare_close", "reopen_month",
]
