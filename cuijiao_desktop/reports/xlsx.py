"""Generic formatted table files: Excel (.xlsx) and CSV.

One writer for every "export this table" action. Columns say what kind of value
they hold; rows are plain sequences of raw values (money as ``int`` fen, areas as
``int`` 0.01 m², periods as ``YYYYMM`` ints, dates as ``date``, rates as ``Fraction``).
The writer formats them for people: ``¥`` money with red negatives, ``0.00%`` rates,
phones as text, a bold filled header, frozen panes, filters, CJK-aware column widths,
print titles, a landscape fit-to-width page and page numbers.

:func:`write_table_xlsx` writes one table as a workbook; a workbook of several sheets
(the monthly statistics) adds each with :func:`add_table_sheet` (bold subtotal rows,
a totals row, two-line headers, footnotes) and saves it with :func:`save_workbook`.

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
import copy
import csv
import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.rates import format_rate, ratio_percent

__all__ = [
    "MONEY_FORMAT",
    "PERCENT_FORMAT",
    "BoldRow",
    "SheetInfo",
    "XlsxColumn",
    "add_table_sheet",
    "cell_text",
    "csv_text",
    "discard_workbook",
    "display_width",
    "guard_text",
    "save_workbook",
    "write_table",
    "write_table_csv",
    "write_table_xlsx",
]

ColumnKind = Literal["text", "money", "int", "date", "period", "area", "percent"]
ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

MONEY_FORMAT = '"¥"#,##0.00;[Red]-"¥"#,##0.00'
PERCENT_FORMAT = "0.00%"
_FORMATS: dict[str, str] = {
    "text": "@",
    "money": MONEY_FORMAT,
    "int": "0",
    "date": "yyyy-mm-dd",
    "period": "@",
    "area": "#,##0.00",
    "percent": PERCENT_FORMAT,
}
_KINDS = frozenset(_FORMATS)
_HEADER_FILL = "DDE6F0"
#: The workbook's own font (openpyxl's default style): a styled cell names it too, or LibreOffice prints
#: titles, headers and totals in a serif face beside the sans-serif figures.
_FONT_NAME = "Calibri"
_TOTALS_FILL = "F1F4F8"  # subtotal and totals rows of add_table_sheet
_MAX_WIDTH = 60
_MIN_WIDTH = 6
_WIDTH_SAMPLE = 2000  # rows looked at to size the columns
_STEP = 500  # rows between progress reports and cancel checks


@dataclass(frozen=True)
class XlsxColumn:
    """One column of an exported table.

    ``kind``: ``text`` (written as text, e.g. phones and room codes), ``money`` (int fen),
    ``int``, ``date`` (``datetime.date``), ``period`` (``YYYYMM`` int, shown ``2026-10``),
    ``area`` (int 0.01 m²), ``percent`` (a ``fractions.Fraction``, shown ``93.25%``: the cell holds
    the ratio rounded half-up to the shown 0.01 %, exactly; None leaves the cell empty).
    ``width`` overrides the automatic width (in characters). ``align`` (``left``, ``center``, ``right``)
    overrides the cells' horizontal alignment; dates and periods are centred (so that a right-aligned
    number beside them does not run into them), everything else keeps the spreadsheet's default.
    """

    title: str
    kind: ColumnKind = "text"
    width: int | None = None
    align: Literal["left", "center", "right"] | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if self.align not in (None, "left", "center", "right"):
            raise ValueError(f"unknown alignment {self.align!r}")

    @property
    def horizontal(self) -> str | None:
        """The cells' horizontal alignment (None: the spreadsheet's default for the value)."""
        return self.align or ("center" if self.kind in ("date", "period") else None)


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
    if kind == "percent" and isinstance(value, Fraction):
        return format_rate(_percent(value))
    return str(value)


def _percent(value: Fraction) -> Decimal:
    """A rate in percent with 2 decimals, half-up (``domain.rates``: the rule the whole program uses)."""
    pct = ratio_percent(value.numerator, value.denominator)
    assert pct is not None  # a Fraction's denominator is never 0
    return pct


def _xlsx_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "percent" and isinstance(value, Fraction):
        return _percent(value).scaleb(-2)  # 93.25 % -> 0.9325, exact
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
        if cell._style is not None:  # a style array shared by a column's cells (add_table_sheet): this one's own
            cell._style = copy.copy(cell._style)
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


@dataclass(frozen=True)
class BoldRow:
    """A row inside a table written bold with a line above it (an estate's subtotal, for example)."""

    values: Sequence[Any]


@dataclass(frozen=True)
class SheetInfo:
    """Where :func:`add_table_sheet` put a table: the last header row, the data rows (1-based,
    the rows inside the filter; ``last_data_row < first_data_row`` when there are none), the
    totals row (0 without one) and the number of rows written from ``rows``."""

    title: str
    header_row: int
    first_data_row: int
    last_data_row: int
    totals_row: int
    rows: int


def add_table_sheet(
    wb: Any,
    columns: Sequence[XlsxColumn],
    rows: Iterable[Sequence[Any] | BoldRow],
    *,
    sheet_title: str,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
    header_groups: Sequence[tuple[str | None, int]] | None = None,
    freeze_columns: int = 0,
    totals_label: str | None = None,
    totals_row: Sequence[Any] | None = None,
    footnotes: Sequence[str] = (),
    fit_to_height: int = 0,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> SheetInfo:
    """Append one formatted table as a new sheet of ``wb`` (an openpyxl ``Workbook(write_only=True)``).

    The layout of :func:`write_table_xlsx`: ``title`` and each ``subtitle`` line merged above a bold
    filled header, frozen panes (below the header and right of the first ``freeze_columns``
    columns), a filter over the header and data rows, CJK-aware widths, print titles (the header
    rows), landscape A4 fit to width and page numbers in the footer. Extras:

    - ``header_groups``: a second header line above the column titles, as ``(label, span)`` pairs
      from the first column on; a label spans ``span`` columns, ``None`` merges each of those
      columns' title over both lines (账龄 buckets above 户数/金额, for example).
    - a :class:`BoldRow` in ``rows`` is written bold with a line above (a subtotal).
    - ``totals_label`` adds a bold last row summing the money columns; ``totals_row`` instead
      writes the given values as that bold last row (figures that do not add up, such as rates).
    - ``footnotes``: plain lines after the table (definitions, remarks).
    - ``fit_to_height``: pages the print may take in height (0: as many as needed; 1 keeps a small
      table and its chart on one page).

    ``progress(done, total, text)`` every few hundred rows; a ``cancel()`` returning True raises
    ``DomainError("task.cancelled")``. The caller saves the workbook (:func:`save_workbook`) or
    discards it (:func:`discard_workbook`).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = list(columns)
    if not columns:
        raise ValueError("at least one column is needed")
    if totals_label is not None and totals_row is not None:
        raise ValueError("give totals_label or totals_row, not both")
    if header_groups is not None and sum(span for _, span in header_groups) != len(columns):
        raise ValueError("the header groups must span every column")
    total = len(rows) if isinstance(rows, Sized) else 0
    iterator = iter(rows)
    head = list(islice(iterator, _WIDTH_SAMPLE))
    sample = [r.values if isinstance(r, BoldRow) else r for r in head]
    if totals_row is not None:
        sample.append(totals_row)
    subtitles = [subtitle] if isinstance(subtitle, str) else list(subtitle or ())

    ws = wb.create_sheet(title=_sheet_name(sheet_title))
    _append_cells_as_they_are(ws)
    bold_rows = totals_label is not None or totals_row is not None or any(isinstance(r, BoldRow) for r in head)
    for i, width in enumerate(_widths(columns, sample, bold_rows), start=1):  # bold figures are wider
        ws.column_dimensions[get_column_letter(i)].width = width

    last_col = get_column_letter(len(columns))
    first_header = 1 + (title is not None) + len(subtitles)
    header_row = first_header + (header_groups is not None)
    thin = Side(style="thin", color="9AA7B5")
    bold = Font(name=_FONT_NAME, size=11, bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_border = Border(bottom=thin)
    top_border = Border(top=thin)
    totals_fill = PatternFill("solid", fgColor=_TOTALS_FILL)

    # sheet views and properties are streamed before the first row: set them now
    ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_row + 1}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    def line(text: str, *, size: int, bold: bool) -> list[Any]:
        cell = guard_text(WriteOnlyCell(ws, value=text))
        cell.font = Font(name=_FONT_NAME, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="left", vertical="center")
        return [cell]

    def merge(ref: str) -> None:
        if ":" in ref and ref.split(":")[0] != ref.split(":")[1]:
            ws.merged_cells.add(ref)

    row_no = 0
    if title is not None:
        row_no += 1
        ws.append(line(title, size=14, bold=True))
        merge(f"A{row_no}:{last_col}{row_no}")
    for text in subtitles:
        row_no += 1
        ws.append(line(text, size=10, bold=False))
        merge(f"A{row_no}:{last_col}{row_no}")

    def header_cell(value: str | None) -> Any:
        cell = guard_text(WriteOnlyCell(ws, value=value))
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = header_align
        cell.border = header_border
        return cell

    if header_groups is not None:
        top: list[Any] = []
        bottom: list[Any] = []
        col = 1
        for label, span in header_groups:
            for k in range(span):
                c = columns[col - 1 + k]
                if label is None:
                    top.append(header_cell(c.title))
                    bottom.append(header_cell(None))
                    merge(f"{get_column_letter(col + k)}{first_header}:{get_column_letter(col + k)}{header_row}")
                else:
                    top.append(header_cell(label if k == 0 else None))
                    bottom.append(header_cell(c.title))
            if label is not None:
                merge(f"{get_column_letter(col)}{first_header}:{get_column_letter(col + span - 1)}{first_header}")
            col += span
        ws.append(top)
        ws.append(bottom)
    else:
        ws.append([header_cell(col.title) for col in columns])

    formats = [_FORMATS[c.kind] for c in columns]
    kinds = [c.kind for c in columns]
    money_idx = [i for i, k in enumerate(kinds) if k == "money"]
    sums = dict.fromkeys(money_idx, 0)
    written = 0

    aligns = [Alignment(horizontal=c.horizontal) if c.horizontal else None for c in columns]

    styles: dict[tuple[int, bool, bool], Any] = {}

    def style(i: int, as_text: bool, emphasis: bool) -> Any:
        """A column's cell style, built once: setting a style on every cell looks it up in the
        workbook's style tables each time, which took most of the time of a large sheet."""
        key = (i, as_text, emphasis)
        found = styles.get(key)
        if found is None:
            proto = WriteOnlyCell(ws)
            proto.number_format = "@" if as_text else formats[i]
            if aligns[i] is not None:
                proto.alignment = aligns[i]
            if emphasis:
                proto.font = bold
                proto.border = top_border
                proto.fill = totals_fill
            found = styles[key] = proto._style
        return found

    def data_row(values: Sequence[Any], *, emphasis: bool = False) -> list[Any]:
        # the cells of a column share one style array (guard_text copies it before a quote prefix)
        out = []
        for i, kind in enumerate(kinds):
            raw = values[i] if i < len(values) else None
            cell = WriteOnlyCell(ws, value=_xlsx_value(kind, raw))
            cell._style = style(i, isinstance(raw, str) and kind != "text", emphasis)
            out.append(guard_text(cell))
        return out

    def all_rows() -> Iterator[Sequence[Any] | BoldRow]:
        yield from head
        yield from iterator

    for item in all_rows():
        emphasis = isinstance(item, BoldRow)
        values = item.values if isinstance(item, BoldRow) else item
        ws.append(data_row(values, emphasis=emphasis))
        if not emphasis:
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
    totals_at = 0
    if totals_label is not None or totals_row is not None:
        if totals_row is None:
            totals_row = [None] * len(columns)
            totals_row[0] = totals_label
            for i in money_idx:
                totals_row[i] = sums[i]
        ws.append(data_row(totals_row, emphasis=True))
        totals_at = last_data + 1
    if footnotes:
        ws.append([])
        for text in footnotes:
            ws.append(line(text, size=9, bold=False))

    ws.auto_filter.ref = f"A{header_row}:{last_col}{max(last_data, header_row)}"
    ws.print_title_rows = f"{first_header}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = fit_to_height
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return SheetInfo(ws.title, header_row, header_row + 1, last_data, totals_at, written)


def _append_cells_as_they_are(ws: Any) -> None:
    """Let the write-only sheet ``ws`` take a row of ready cells as they are.

    openpyxl's ``append`` first tries each appended value as a new cell's value (a cell is refused
    with an exception) and builds a fresh empty cell after every styled one: three cells and two
    value checks per cell written, half the time of a 15,000-row sheet. Every row this module
    appends is made of ``WriteOnlyCell`` s, so the sheet's rows are numbered and yielded as given;
    a row holding anything else goes through openpyxl's own conversion."""
    from openpyxl.cell.cell import Cell

    convert = getattr(ws, "_values_to_row", None)
    if convert is None:  # another openpyxl: keep its own way
        return

    def values_to_row(values: Sequence[Any], row_idx: int) -> Iterator[Any]:
        if not all(type(v) is Cell and v.hyperlink is None for v in values):
            yield from convert(values, row_idx)
            return
        for col_idx, cell in enumerate(values, 1):
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row
    _write_rows_as_text(ws)


def _write_rows_as_text(ws: Any) -> None:
    """Write the write-only sheet ``ws``'s rows as text, as openpyxl writes them without lxml.

    Without lxml, openpyxl builds an element per cell and serialises it through ``et_xmlfile``'s
    generic namespace-aware writer: most of the time of a large sheet. A row of plain cells (text,
    numbers, dates, empty styled cells: all this module writes) is the same few tags every time, so it
    is written as text, byte for byte what openpyxl writes (``tests/reports/test_xlsx_writer.py``
    compares the two). Anything else (formulas, rich text, comments, hyperlinks, row dimensions, or
    lxml's writer) goes through openpyxl's own ``write_row``."""
    from xml.etree.ElementTree import _escape_cdata

    from openpyxl.cell._writer import _set_attributes
    from openpyxl.compat import safe_string

    get_writer = getattr(ws, "_get_writer", None)
    if get_writer is None:
        return

    def as_text(cells: list[Any], row_idx: int) -> str | None:
        parts = [f'<row r="{row_idx}">']
        for cell in cells:
            if cell._comment is not None or cell.hyperlink is not None or cell.data_type == "f":
                return None
            styled = cell.has_style
            if cell._value is None and not styled:
                continue
            value, attrs = _set_attributes(cell, styled)
            head = "<c" + "".join(f' {k}="{v}"' for k, v in attrs.items())
            if value is None or value == "":
                parts.append(head + " />")
            elif cell.data_type == "s":
                if not isinstance(value, str):
                    return None
                stripped = value.strip()
                t = '<t xml:space="preserve">' if stripped and stripped != value else "<t>"
                parts.append(f"{head}><is>{t}{_escape_cdata(value)}</t></is></c>")
            else:
                parts.append(f"{head}><v>{_escape_cdata(safe_string(value))}</v></c>")
        parts.append("</row>")
        return "".join(parts)

    def writer() -> None:
        get_writer()
        sheet_writer = ws._writer
        if getattr(sheet_writer, "_rows_as_text", False):
            return
        own = sheet_writer.write_row

        def write_row(xf: Any, row: Iterable[Any], row_idx: int) -> None:
            cells = list(row)
            out = getattr(xf, "_file", None)  # et_xmlfile's incremental writer (not lxml's)
            text = None
            if callable(out) and type(xf).__module__.startswith("et_xmlfile") and row_idx not in ws.row_dimensions:
                text = as_text(cells, row_idx)
            if text is None:
                own(xf, iter(cells), row_idx)
            else:
                out(text)

        sheet_writer.write_row = write_row
        sheet_writer._rows_as_text = True

    ws._get_writer = writer


def discard_workbook(wb: Any) -> None:
    """Close the sheets of a write-only workbook that will not be saved (removes their temporary files)."""
    for ws in list(getattr(wb, "_sheets", ())):
        _discard(ws)


def save_workbook(wb: Any, path: str | os.PathLike[str], *, cancel: CancelFn | None = None) -> Path:
    """Save ``wb`` through a temporary file beside ``path`` renamed into place; a cancel or failure
    (even while saving) leaves no file. Returns the path."""
    target = Path(path)
    try:
        _check_cancel(cancel)
    except BaseException:
        discard_workbook(wb)
        raise
    with _replacing(target) as tmp:
        wb.save(tmp)
        _check_cancel(cancel)
    return target


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
    (One sheet of :func:`add_table_sheet`; several sheets: build the workbook with it.)
    """
    from openpyxl import Workbook

    total = len(rows) if isinstance(rows, Sized) else 0
    wb = Workbook(write_only=True)
    try:
        info = add_table_sheet(wb, columns, rows, sheet_title=sheet_title, title=title, subtitle=subtitle,
                               totals_label=totals_label, progress=progress, cancel=cancel)
    except BaseException:
        discard_workbook(wb)
        raise
    save_workbook(wb, path, cancel=cancel)
    if progress is not None:
        progress(info.rows, total or info.rows, "")
    return info.rows


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
