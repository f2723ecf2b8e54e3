"""Generic formatted table files: Excel (.xlsx) and CSV.

One writer for every "export this table" action. Columns say what kind of value
they hold; rows are plain sequences of raw values (money as ``int`` fen, areas as
``int`` 0.01 m², periods as ``YYYYMM`` ints, dates as ``date``). The writer
formats them for people: ``¥`` money with red negatives, phones as text, a bold
filled header, frozen panes, filters, CJK-aware column widths, print titles and a
landscape fit-to-width page.

Files are written to a temporary file beside the target and renamed into place,
so a cancelled or failed export leaves nothing behind. ``openpyxl`` is imported
inside the function (never at application start-up).

Text is always stored as text: a cell that starts with ``=``, ``+``, ``-`` or ``@`` (a name,
a note or a rejected row from someone's file, such as ``=cmd|' /C calc'!A0``) would otherwise
be a formula, or become one when a person edits it in Excel. :func:`guard_text` stores it as a
string with Excel's quote prefix; every cell this module writes goes through it, and any other
writer of .xlsx files in the project must call it on the cells it fills.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from cuijiao_desktop.domain.errors import DomainError

__all__ = [
    "MONEY_FORMAT",
    "XlsxColumn",
    "cell_text",
    "csv_text",
    "display_width",
    "guard_text",
    "write_table",
    "write_table_csv",
    "write_table_xlsx",
]

ColumnKind = Literal["text", "money", "int", "date", "period", "area"]
ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

MONEY_FORMAT = '"¥"#,##0.00;[Red]-"¥"#,##0.00'
_FORMATS: dict[str, str] = {
    "text": "@",
    "money": MONEY_FORMAT,
    "int": "0",
    "date": "yyyy-mm-dd",
    "period": "@",
    "area": "#,##0.00",
}
_KINDS = frozenset(_FORMATS)
_HEADER_FILL = "DDE6F0"
_MAX_WIDTH = 60
_MIN_WIDTH = 6
_WIDTH_SAMPLE = 2000  # rows looked at to size the columns
_STEP = 500  # rows between progress reports and cancel checks


@dataclass(frozen=True)
class XlsxColumn:
    """One column of an exported table.

    ``kind``: ``text`` (written as text, e.g. phones and room codes), ``money`` (int fen),
    ``int``, ``date`` (``datetime.date``), ``period`` (``YYYYMM`` int, shown ``2026-10``),
    ``area`` (int 0.01 m²). ``width`` overrides the automatic width (in characters).
    """

    title: str
    kind: ColumnKind = "text"
    width: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


def display_width(text: str) -> int:
    """Width of ``text`` in Excel character units: East-Asian wide/full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _period_text(value: int) -> str:
    return f"{value // 100:04d}-{value % 100:02d}"


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def cell_text(kind: str, value: Any) -> str:
    """The text a person reads for ``value`` in a column of ``kind`` (CSV cells, width estimates).

    Money and areas have exactly two decimals and no currency sign (``1234.50``), so that the
    file reads back exactly; periods are ``YYYY-MM``; dates ``YYYY-MM-DD``; None is empty.
    """
    if value is None:
        return ""
    if kind in ("money", "area") and isinstance(value, int) and not isinstance(value, bool):
        return f"{_yuan(value):.2f}"
    if kind == "period" and isinstance(value, int) and not isinstance(value, bool):
        return _period_text(value)
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in ("money", "area") and isinstance(value, int) and not isinstance(value, bool):
        return _yuan(value)
    if kind == "period" and isinstance(value, int) and not isinstance(value, bool):
        return _period_text(value)
    if kind == "text" and not isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        raise TypeError("float values are not written; pass int fen / Decimal")
    return value


#: First characters that make Excel read a cell as a formula (OWASP "CSV/formula injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_text(cell: Any) -> Any:
    """Store ``cell``'s text as text, never as a formula: a string starting with ``=``, ``+``, ``-``,
    ``@`` (or a tab or carriage return) gets the string type and Excel's quote prefix. Works on
    normal and write-only openpyxl cells; returns the cell."""
    value = cell.value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def csv_text(text: str) -> str:
    """A CSV cell that Excel will not run: text starting with ``=``, ``+``, ``-``, ``@`` (or a tab or a
    carriage return) gets a leading apostrophe, as OWASP advises for CSV files (a CSV cell has no
    "text" type to set, unlike :func:`guard_text`'s cells)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _check_cancel(cancel: CancelFn | None) -> None:
    if cancel is not None and cancel():
        raise DomainError("task.cancelled")


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place, else remove it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _discard(ws: Any) -> None:
    """Close a write-only sheet that will not be saved and remove openpyxl's temporary file."""
    with contextlib.suppress(Exception):
        ws.close()
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.cleanup()


def _widths(columns: Sequence[XlsxColumn], sample: Sequence[Sequence[Any]], totals: bool) -> list[int]:
    widths = []
    for i, col in enumerate(columns):
        if col.width is not None:
            widths.append(col.width)
            continue
        best = display_width(col.title) + 2  # room for the filter button
        for row in sample:
            text = cell_text(col.kind, row[i] if i < len(row) else None)
            if col.kind == "money":
                text = "¥" + f"{text},"  # sign and a thousands separator or two
            best = max(best, display_width(text))
        if totals and col.kind == "money":
            best += 2
        widths.append(max(_MIN_WIDTH, min(_MAX_WIDTH, best + 2)))
    return widths


def write_table_xlsx(
    path: str | os.PathLike[str],
    columns: Sequence[XlsxColumn],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str,
    title: str | None = None,
    subtitle: str | None = None,
    totals_label: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """Write ``rows`` under ``columns`` to a formatted .xlsx file at ``path``; return the row count.

    ``title``/``subtitle`` become merged lines above the header; ``totals_label`` adds a last
    row with that label and the sum of every money column. ``progress(done, total, text)`` is
    called now and then (``total`` is 0 when ``rows`` has no length); when ``cancel()`` returns
    True a ``DomainError("task.cancelled")`` is raised and no file is left behind.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = list(columns)
    if not columns:
        raise ValueError("at least one column is needed")
    total = len(rows) if isinstance(rows, Sized) else 0
    iterator = iter(rows)
    head = list(islice(iterator, _WIDTH_SAMPLE))
    target = Path(path)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_name(sheet_title))
    for i, width in enumerate(_widths(columns, head, totals_label is not None), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width

    last_col = get_column_letter(len(columns))
    header_row = 1 + (title is not None) + (subtitle is not None)
    thin = Side(style="thin", color="9AA7B5")
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_border = Border(bottom=thin)

    # sheet views and properties are streamed before the first row: set them now
    ws.freeze_panes = f"A{header_row + 1}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    def line(text: str, *, size: int, bold: bool) -> list[Any]:
        cell = guard_text(WriteOnlyCell(ws, value=text))
        cell.font = Font(size=size, bold=bold)
        cell.alignment = Alignment(horizontal="left", vertical="center")
        return [cell]

    row_no = 0
    if title is not None:
        row_no += 1
        ws.append(line(title, size=14, bold=True))
        if len(columns) > 1:
            ws.merged_cells.add(f"A{row_no}:{last_col}{row_no}")
    if subtitle is not None:
        row_no += 1
        ws.append(line(subtitle, size=10, bold=False))
        if len(columns) > 1:
            ws.merged_cells.add(f"A{row_no}:{last_col}{row_no}")

    header = []
    for col in columns:
        cell = guard_text(WriteOnlyCell(ws, value=col.title))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_align
        cell.border = header_border
        header.append(cell)
    ws.append(header)

    formats = [_FORMATS[c.kind] for c in columns]
    kinds = [c.kind for c in columns]
    money_idx = [i for i, k in enumerate(kinds) if k == "money"]
    sums = dict.fromkeys(money_idx, 0)
    written = 0

    def data_row(values: Sequence[Any]) -> list[Any]:
        out = []
        for i, kind in enumerate(kinds):
            raw = values[i] if i < len(values) else None
            cell = guard_text(WriteOnlyCell(ws, value=_xlsx_value(kind, raw)))
            cell.number_format = formats[i]
            out.append(cell)
        return out

    def all_rows() -> Iterator[Sequence[Any]]:
        yield from head
        yield from iterator

    try:
        for values in all_rows():
            ws.append(data_row(values))
            for i in money_idx:
                v = values[i] if i < len(values) else None
                if isinstance(v, int):
                    sums[i] += v
            written += 1
            if written % _STEP == 0:
                _check_cancel(cancel)
                if progress is not None:
                    progress(written, total, "")

        last_data = header_row + written
        if totals_label is not None:
            totals: list[Any] = [None] * len(columns)
            totals[0] = totals_label
            for i in money_idx:
                totals[i] = sums[i]
            cells = data_row(totals)
            cells[0].number_format = "@"
            for cell in cells:
                cell.font = header_font
                cell.border = Border(top=thin)
            ws.append(cells)

        ws.auto_filter.ref = f"A{header_row}:{last_col}{max(last_data, header_row)}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0

        _check_cancel(cancel)
    except BaseException:
        _discard(ws)
        raise
    with _replacing(target) as tmp:
        wb.save(tmp)
        _check_cancel(cancel)
    if progress is not None:
        progress(written, total or written, "")
    return written


def _csv_cell(kind: str, value: Any) -> str:
    text = cell_text(kind, value)
    return csv_text(text) if kind == "text" else text


def write_table_csv(
    path: str | os.PathLike[str],
    columns: Sequence[XlsxColumn],
    rows: Iterable[Sequence[Any]],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """Write ``rows`` as CSV (UTF-8 with BOM, so Excel opens Chinese correctly); return the row count.

    Values are written as :func:`cell_text` shows them (money ``1234.50``, periods ``2026-10``); text
    cells go through :func:`csv_text`, so that no cell is a formula when Excel opens the file.
    Written through a temporary file: a cancel or failure leaves nothing behind.
    """
    columns = list(columns)
    total = len(rows) if isinstance(rows, Sized) else 0
    kinds = [c.kind for c in columns]
    written = 0
    target = Path(path)
    with _replacing(target) as tmp:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([c.title for c in columns])
            for values in rows:
                writer.writerow([_csv_cell(k, values[i] if i < len(values) else None)
                                 for i, k in enumerate(kinds)])
                written += 1
                if written % _STEP == 0:
                    _check_cancel(cancel)
                    if progress is not None:
                        progress(written, total, "")
        _check_cancel(cancel)
    if progress is not None:
        progress(written, total or written, "")
    return written


_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_name(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = name.translate(_SHEET_FORBIDDEN).strip("'") or "Sheet1"
    return cleaned[:31]



def write_table(
    path: str | os.PathLike[str],
    columns: Sequence[XlsxColumn | tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str,
    title: str | None = None,
    subtitle: str | None = None,
    totals_label: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """Write .xlsx (formatted) or .csv (UTF-8 with BOM; no title or totals lines), chosen by the suffix.

    ``columns`` may be :class:`XlsxColumn` or ``(title, kind)`` pairs. Raises ``ValueError`` for
    any other suffix.
    """
    cols = [c if isinstance(c, XlsxColumn) else XlsxColumn(c[0], c[1]) for c in columns]  # type: ignore[arg-type]
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return write_table_csv(path, cols, rows, progress=progress, cancel=cancel)
    if suffix != ".xlsx":
        raise ValueError(f"unsupported table file type: {suffix or '(none)'} (use .xlsx or .csv)")
    return write_table_xlsx(path, cols, rows, sheet_title=sheet_title, title=title, subtitle=subtitle,
                            totals_label=totals_label, progress=progress, cancel=cancel)
