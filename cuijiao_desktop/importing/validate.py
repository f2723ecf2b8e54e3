"""Turn the data rows below a header into clean records, or rejected rows with Chinese reasons.

Pure: no database. Rows that are blank, repeat the header, total rows (合计/小计/总计) and
note lines (制表人：…) are skipped and reported; every other row becomes a record of its
kind or a :class:`Rejected` row listing every problem found in it. Duplicates inside the
file are rejected here too (the database checks happen in ``services.imports``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cuijiao_desktop.domain.enums import Occupancy, OwnerType, PaymentMethod, Usage
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.rooms import RoomCode

from .headers import FIELDS, HeaderGuess, ImportKind, header_key
from .normalize import (
    Bad,
    PhoneNumber,
    cell_text,
    norm_amount,
    norm_area,
    norm_date,
    norm_method,
    norm_name,
    norm_note,
    norm_occupancy,
    norm_owner_type,
    norm_period,
    norm_phones,
    norm_receipt_no,
    norm_room_parts,
    norm_usage,
)

__all__ = [
    "BillRecord",
    "ParsedSheet",
    "PaymentRecord",
    "Rejected",
    "RoomRecord",
    "Skipped",
    "parse_rows",
]

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class RoomRecord:
    """One clean row of a rooms-and-owners sheet (``None``: the sheet says nothing about it)."""

    line: int
    code: RoomCode
    area_centi_m2: int | None
    owner: str | None
    phones: tuple[PhoneNumber, ...]
    occupancy: Occupancy | None
    owner_type: OwnerType | None
    usage: Usage | None
    tenant: str | None
    tenant_phones: tuple[PhoneNumber, ...]
    note: str | None


@dataclass(frozen=True)
class BillRecord:
    """One clean row of a bills sheet: ``paid_fen`` already paid (historic), on ``paid_on``."""

    line: int
    code: RoomCode
    fee_item: str
    period: int
    amount_fen: int
    paid_fen: int | None
    paid_on: dt.date | None
    due_date: dt.date | None


@dataclass(frozen=True)
class PaymentRecord:
    """One clean row of a payments sheet. ``ordinal`` tells identical rows without a number apart."""

    line: int
    code: RoomCode
    paid_on: dt.date
    amount_fen: int
    method: PaymentMethod | None
    receipt_no: str | None
    note: str | None
    ordinal: int = 0


@dataclass(frozen=True)
class Rejected:
    """A row that cannot be imported: its spreadsheet line, its cells as text, and why."""

    line: int
    cells: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def reason_text(self) -> str:
        """All reasons in one line."""
        return "；".join(self.reasons)


@dataclass(frozen=True)
class Skipped:
    """A row left out on purpose (blank, total, note, repeated header)."""

    line: int
    why: str


@dataclass(frozen=True)
class ParsedSheet:
    """The outcome of reading the data rows of one sheet."""

    kind: ImportKind
    records: tuple[RoomRecord | BillRecord | PaymentRecord, ...]
    rejected: tuple[Rejected, ...]
    skipped: tuple[Skipped, ...]
    data_rows: int  # rows below the header that were looked at


_TOTAL_RE = re.compile(r"^(合计|小计|总计|总合计|本页合计|累计)")
_NOTE_RE = re.compile(r"^(制表|制单|审核|复核|打印|填表|经办|负责人|日期|备注|说明|注[:：]|注意|单位)")


def _cells_text(row: Sequence[Any]) -> tuple[str, ...]:
    return tuple(cell_text(v) or "" for v in row)


def _skip_reason(row: Sequence[Any], header_keys: Sequence[str], room_cols: Sequence[int]) -> str | None:
    first: list[str] = []
    for v in row:
        if v is not None:
            t = cell_text(v)
            if t:
                first.append(t.replace(" ", ""))
                if len(first) == 3:
                    break
    if not first:
        return "空行"
    if any(_TOTAL_RE.match(t) for t in first):
        return "合计行"
    if _NOTE_RE.match(first[0]):
        room_blank = all(row[c] is None for c in room_cols if c < len(row))
        if room_blank or (re.search("[:：]", first[0]) and sum(1 for v in row if cell_text(v)) <= 3):
            return "说明行"  # 制表人：… below the table, even in the building column
    if room_cols and header_keys and all(
        isinstance(row[c], str) and header_key(row[c]) == header_keys[c] for c in room_cols if c < len(row)
    ) and [header_key(v) for v in row][: len(header_keys)] == list(header_keys):
        return "重复的表头"
    return None


def _get(row: Sequence[Any], mapping: Mapping[str, int], key: str) -> Any:
    col = mapping.get(key)
    if col is None or col >= len(row):
        return None
    return row[col]


class _Row:
    """Collects normalised values and reasons for one row."""

    def __init__(self, row: Sequence[Any], mapping: Mapping[str, int]) -> None:
        self.row = row
        self.mapping = mapping
        self.reasons: list[str] = []

    def raw(self, key: str) -> Any:
        return _get(self.row, self.mapping, key)

    def take(self, value: Any, *, required: str | None = None) -> Any:
        if isinstance(value, Bad):
            self.reasons.append(value.reason)
            return None
        if value is None and required is not None:
            self.reasons.append(required)
        return value

    def room(self) -> RoomCode | None:
        return self.take(norm_room_parts(self.raw("building"), self.raw("unit"), self.raw("room")),
                         required="缺少房号")


def _room_record(r: _Row, line: int) -> RoomRecord | None:
    code = r.room()
    area = r.take(norm_area(r.raw("area")))
    owner = r.take(norm_name(r.raw("owner")))
    phones = r.take(norm_phones(r.raw("phone"))) or ()
    occupancy = r.take(norm_occupancy(r.raw("occupancy")))
    owner_type = r.take(norm_owner_type(r.raw("owner_type")))
    usage = r.take(norm_usage(r.raw("usage")))
    tenant = r.take(norm_name(r.raw("tenant")))
    tenant_phones = r.take(norm_phones(r.raw("tenant_phone"))) or ()
    note = r.take(norm_note(r.raw("note")))
    if phones and cell_text(r.raw("owner")) is None:
        r.reasons.append("有电话但缺少业主姓名")
    if tenant_phones and cell_text(r.raw("tenant")) is None:
        r.reasons.append("有租户电话但缺少租户姓名")
    if owner is not None and tenant is not None and owner == tenant:
        r.reasons.append("租户与业主是同一人")
    if r.reasons or code is None:
        return None
    return RoomRecord(line, code, area, owner, phones, occupancy, owner_type, usage, tenant, tenant_phones, note)


def _bill_record(r: _Row, line: int, today: dt.date) -> BillRecord | None:
    code = r.room()
    fee_item = r.take(cell_text(r.raw("fee_item")), required="缺少收费项目")
    period = r.take(norm_period(r.raw("period"), today=today), required="缺少账期")
    amount = r.take(norm_amount(r.raw("amount")), required="缺少应收金额")
    paid = r.take(norm_amount(r.raw("paid")))
    paid_on = r.take(norm_date(r.raw("paid_on"), today=today))
    due_date = r.take(norm_date(r.raw("due_date")))
    if amount is not None and paid is not None and paid > amount:
        r.reasons.append("已缴金额大于应收金额")
    if paid and paid_on is None:
        r.reasons.append("有已缴金额但缺少缴费日期")
    if paid_on is not None and not paid:
        r.reasons.append("有缴费日期但没有已缴金额")
    if r.reasons or code is None:
        return None
    return BillRecord(line, code, fee_item, period, amount, paid, paid_on, due_date)


def _payment_record(r: _Row, line: int, today: dt.date) -> PaymentRecord | None:
    code = r.room()
    paid_on = r.take(norm_date(r.raw("paid_on"), today=today), required="缺少缴费日期")
    amount = r.take(norm_amount(r.raw("amount"), allow_zero=False), required="缺少金额")
    method = r.take(norm_method(r.raw("method")))
    receipt_no = r.take(norm_receipt_no(r.raw("receipt_no")))
    note = r.take(norm_note(r.raw("note")))
    if r.reasons or code is None:
        return None
    return PaymentRecord(line, code, paid_on, amount, method, receipt_no, note)


def _duplicate_key(record: Any) -> tuple[Any, ...] | None:
    if isinstance(record, RoomRecord):
        return (record.code.canonical,)
    if isinstance(record, BillRecord):
        return (record.code.canonical, record.fee_item, record.period)
    if isinstance(record, PaymentRecord) and record.receipt_no is not None:
        return (record.receipt_no,)
    return None


def _duplicate_reason(kind: ImportKind, first_line: int) -> str:
    what = {ImportKind.ROOMS: "房号", ImportKind.BILLS: "房号、收费项目和账期",
            ImportKind.PAYMENTS: "票据号"}[kind]
    return f"重复行：{what}与第 {first_line} 行相同"


def parse_rows(
    sheet_rows: Sequence[Sequence[Any]],
    guess: HeaderGuess,
    *,
    today: dt.date,
    first_line: int = 1,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ParsedSheet:
    """Read every row below ``guess.header_row`` with ``guess.mapping``.

    ``first_line`` is the spreadsheet line number of ``sheet_rows[0]`` (1 for a whole sheet).
    Dates and periods after ``today`` are rejected.
    """
    kind = guess.kind
    mapping = dict(guess.mapping)
    start = 0 if guess.header_row is None else guess.header_row + 1
    header_keys = [] if guess.header_row is None else [header_key(v) for v in sheet_rows[guess.header_row]]
    room_cols = [mapping[k] for k in ("building", "unit", "room") if k in mapping]
    known = {f.key for f in FIELDS[kind]}
    mapping = {k: v for k, v in mapping.items() if k in known}

    records: list[Any] = []
    rejected: list[Rejected] = []
    skipped: list[Skipped] = []
    seen: dict[tuple[Any, ...], int] = {}
    ordinals: dict[tuple[Any, ...], int] = {}
    total = len(sheet_rows) - start
    for n, index in enumerate(range(start, len(sheet_rows))):
        if n % 2000 == 0:
            if cancel is not None and cancel():
                raise DomainError("task.cancelled")
            if progress is not None:
                progress(n, total, "")
        row = sheet_rows[index]
        line = first_line + index
        why = _skip_reason(row, header_keys, room_cols)
        if why is not None:
            skipped.append(Skipped(line, why))
            continue
        r = _Row(row, mapping)
        if kind is ImportKind.ROOMS:
            record: Any = _room_record(r, line)
        elif kind is ImportKind.BILLS:
            record = _bill_record(r, line, today)
        else:
            record = _payment_record(r, line, today)
        if record is not None:
            key = _duplicate_key(record)
            if key is not None:
                if key in seen:
                    r.reasons.append(_duplicate_reason(kind, seen[key]))
                    record = None
                else:
                    seen[key] = line
            elif isinstance(record, PaymentRecord):
                same = (record.code.canonical, record.paid_on, record.amount_fen)
                ordinals[same] = ordinals.get(same, 0) + 1
                record = PaymentRecord(record.line, record.code, record.paid_on, record.amount_fen, record.method,
                                       record.receipt_no, record.note, ordinals[same])
        if record is None:
            rejected.append(Rejected(line, _cells_text(row), tuple(dict.fromkeys(r.reasons))))
        else:
            records.append(record)
    if progress is not None:
        progress(total, total, "")
    return ParsedSheet(kind, tuple(records), tuple(rejected), tuple(skipped), total)
