"""The rejected rows of an import as a file the office can fix: line, reasons, the row as read.

The cells come from someone's spreadsheet: the writer stores them as text, never as formulas.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cuijiao_desktop.importing.normalize import cell_text
from cuijiao_desktop.importing.readers import SheetData
from cuijiao_desktop.importing.validate import Rejected

from .xlsx import write_table

__all__ = ["write_rejected"]


def write_rejected(path: str | Path, sheet: SheetData, header_row: int | None, rejected: Sequence[Rejected]) -> int:
    """Write ``rejected`` to .xlsx (formatted) or .csv: 行号, 拒绝原因, then the sheet's own columns.

    Returns the number of rows written. The file is replaced atomically.
    """
    header = sheet.rows[header_row] if header_row is not None and sheet.rows else ()
    titles = [cell_text(v) or f"第{i + 1}列" for i, v in enumerate(header)] or [
        f"第{i + 1}列" for i in range(sheet.width)]
    columns = [("行号", "int"), ("拒绝原因", "text"), *[(t, "text") for t in titles]]
    rows = [(x.line, x.reason_text, *x.cells) for x in rejected]
    return write_table(path, columns, rows, sheet_title="被拒绝的行", title=f"{sheet.file_name} 被拒绝的行",
                       subtitle=f"共 {len(rows)} 行")
