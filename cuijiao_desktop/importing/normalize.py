"""Normalise one spreadsheet cell into a clean value, or say in Chinese why it cannot be used.

Every normaliser takes a raw cell (``str``, ``int``, ``float``, ``date``/``datetime``,
``bool`` or ``None``, as the readers return them) and returns

* ``None`` when the cell is blank (the caller decides whether the field is required),
* the clean value, or
* :class:`Bad` with a reason in Chinese.

They never raise on any input and never guess: text that could mean two things
(``2026.1`` – January or October?) is a reason, not a value. Text is NFKC-normalised
first (full-width digits and letters become ASCII), then matched with ASCII-only patterns.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar

from cuijiao_desktop.domain.enums import Occupancy, OwnerType, PaymentMethod, Usage
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.labels_zh import METHOD_ZH as _ALL_METHODS_ZH
from cuijiao_desktop.domain.money import MAX_FEN, parse_money
from cuijiao_desktop.domain.phones import Phone, phone_from_digits
from cuijiao_desktop.domain.rooms import (
    RoomCode,
    normalize_building,
    normalize_room,
    normalize_unit,
    parse_room_code,
)

__all__ = [
    "Bad",
    "PhoneNumber",
    "cell_text",
    "is_bad",
    "norm_amount",
    "norm_area",
    "norm_building",
    "norm_date",
    "norm_enum",
    "norm_method",
    "norm_name",
    "norm_note",
    "norm_occupancy",
    "norm_owner_type",
    "norm_period",
    "norm_phone",
    "norm_phones",
    "norm_receipt_no",
    "norm_room_code",
    "norm_room_number",
    "norm_room_parts",
    "norm_unit",
    "norm_usage",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Bad:
    """Why a cell cannot be used, in Chinese (shown to the office as is)."""

    reason: str


def is_bad(value: object) -> bool:
    """True for a :class:`Bad` result."""
    return isinstance(value, Bad)


MAX_CELL = 200  # characters looked at in one cell


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _show(text: str, limit: int = 20) -> str:
    """The cell as quoted in a reason (shortened)."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _float_text(value: float) -> str | None:
    if not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def cell_text(value: Any) -> str | None:
    """A cell as clean text (NFKC, trimmed, whitespace collapsed); None when blank.

    Numbers read as floats lose a spurious ``.0`` (``101.0`` -> ``"101"``); dates become ISO text.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        text = _float_text(value) or ""
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return _clean_text(text[: MAX_CELL * 2])


@lru_cache(maxsize=65_536)
def _clean_text(text: str) -> str | None:
    if not text.isascii():
        text = _nfkc(text)
    text = " ".join(text.split())
    return text or None


# ---------------------------------------------------------------- rooms

_ROOM_REASONS = {
    "empty": "房号为空",
    "too_long": "房号过长",
    "no_room_number": "缺少房间号",
    "no_building": "缺少楼栋",
    "bad_building": "楼栋无法识别",
    "bad_unit": "单元无法识别",
    "bad_room": "房间号无法识别",
    "unrecognised": "房号格式无法识别",
}


def _room_reason(exc: DomainError, text: str) -> Bad:
    reason = _ROOM_REASONS.get(str(exc.params.get("reason", "")), "房号格式无法识别")
    return Bad(f"{reason}：“{_show(text)}”")


def norm_room_code(value: Any) -> RoomCode | Bad | None:
    """A complete room code in one cell (``3-2-1502``, ``3栋2单元1502室``, ``３＃１５０２``)."""
    text = cell_text(value)
    if text is None:
        return None
    return _room_code_text(text)


@lru_cache(maxsize=65_536)
def _room_code_text(text: str) -> RoomCode | Bad:
    try:
        return parse_room_code(text)
    except DomainError as exc:
        return _room_reason(exc, text)


@lru_cache(maxsize=16_384)
def _part_text(text: str, fn: Any, what: str) -> str | Bad:
    try:
        return fn(text)
    except DomainError:
        return Bad(f"{what}无法识别：“{_show(text)}”")


def _part(value: Any, fn: Any, what: str) -> str | Bad | None:
    text = cell_text(value)
    if text is None:
        return None
    return _part_text(text, fn, what)


def norm_building(value: Any) -> str | Bad | None:
    """``3栋``, ``3#``, ``3号楼``, ``3``, ``三栋`` -> ``"3"``."""
    return _part(value, normalize_building, "楼栋")


def norm_unit(value: Any) -> str | Bad | None:
    """``2单元``, ``二单元``, ``02`` -> ``"2"``."""
    return _part(value, normalize_unit, "单元")


def norm_room_number(value: Any) -> str | Bad | None:
    """``1502室``, ``0101``, ``B101`` -> ``"1502"``, ``"101"``, ``"B101"``."""
    return _part(value, normalize_room, "房间号")


def norm_room_parts(building: Any, unit: Any, room: Any) -> RoomCode | Bad | None:
    """A room from separate building / unit / room columns.

    The room column may also hold the complete code (``3-2-1502``) while building and unit
    are blank; when the room cell is a complete code and the building column disagrees,
    that is a reason, not a guess.
    """
    b_text, u_text, r_text = cell_text(building), cell_text(unit), cell_text(room)
    if r_text is None:
        return None if b_text is None and u_text is None else Bad("缺少房间号")
    if b_text is not None:
        b0 = norm_building(b_text)
        r0 = norm_room_number(r_text)
        u0 = norm_unit(u_text) if u_text is not None else None
        if isinstance(b0, str) and isinstance(r0, str) and not isinstance(u0, Bad):
            return RoomCode(b0, u0, r0)  # the common case: three clean columns
    whole = norm_room_code(r_text)
    if b_text is None and u_text is None:
        if isinstance(whole, RoomCode):
            return whole
        number = norm_room_number(r_text)
        return Bad("缺少楼栋") if isinstance(number, str) else whole
    b = norm_building(b_text)
    if isinstance(b, Bad):
        return b
    if b is None:
        return Bad("缺少楼栋")
    u = norm_unit(u_text)
    if isinstance(u, Bad):
        return u
    r = norm_room_number(r_text)
    if isinstance(r, Bad):
        if isinstance(whole, RoomCode):
            if whole.building == b and (u is None or whole.unit == u):
                return whole
            return Bad(f"房号“{_show(r_text)}”与楼栋/单元列不一致")
        return r
    assert r is not None
    return RoomCode(b, u, r)


# ---------------------------------------------------------------- phones


#: A validated phone (kind, stored value, last 4 digits): the domain's type.
PhoneNumber = Phone

_PHONE_NOISE = re.compile(r"[-()+. ]", re.ASCII)
_PHONE_SPLIT = re.compile(r"[/、,;|]+|或")
_PHONE_CHARS = re.compile(r"[0-9()+. -]+", re.ASCII)


def _one_phone(text: str) -> PhoneNumber | None:
    if not _PHONE_CHARS.fullmatch(text):
        return None
    return phone_from_digits(_PHONE_NOISE.sub("", text))


def norm_phone(value: Any) -> PhoneNumber | Bad | None:
    """One mainland mobile (``138 0013 8000``, ``+86 138-0013-8000``) or a landline with area code."""
    phones = norm_phones(value)
    if phones is None or isinstance(phones, Bad):
        return phones
    if len(phones) > 1:
        return Bad("此列只能填一个电话号码")
    return phones[0]


def norm_phones(value: Any) -> tuple[PhoneNumber, ...] | Bad | None:
    """All phones in a cell: separated by ``/``, ``、``, ``,``, ``;`` or spaces; duplicates dropped.

    A number written with spaces inside (``138 0013 8000``) is one number; several numbers
    separated only by spaces are read by joining pieces until each forms a whole number.
    """
    text = cell_text(value)  # a phone typed into a number cell loses its ".0" here
    if text is None:
        return None
    found: list[PhoneNumber] = []
    for part in _PHONE_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        phone = _one_phone(part)
        if phone is not None:
            found.append(phone)
            continue
        pending = ""
        for piece in part.split(" "):
            pending += piece
            phone = _one_phone(pending)
            if phone is not None:
                found.append(phone)
                pending = ""
        if pending:
            return Bad(f"电话号码无效：“{_show(part)}”")
    if not found:
        return Bad(f"电话号码无效：“{_show(text)}”")
    unique: dict[str, PhoneNumber] = {}
    for phone in found:
        unique.setdefault(phone.value, phone)
    return tuple(unique.values())


# ---------------------------------------------------------------- names and text

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NAME_OK = re.compile(rf"[{_CJK}A-Za-z0-9·.'\-() ]+")
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_NAME_SEPARATORS = re.compile(r"[/、,;&+]")
_NAME_LETTER = re.compile(rf"[{_CJK}A-Za-z]")
MAX_NAME = 64  # person.name; company names are long (杭州某某科技有限公司第二分公司)


def norm_name(value: Any) -> str | Bad | None:
    """A person's or company's name: spaces between Chinese characters removed (``张 三`` -> ``张三``).

    Digits and Latin letters are part of real names (``2000号商贸有限公司``, ``ABC科技``, ``张三2``);
    a name needs at least one letter or Chinese character, and one cell holds one name.
    """
    text = cell_text(value)
    if text is None:
        return None
    if not isinstance(value, str):  # a number or a date typed into the name column
        return Bad(f"姓名无效：“{_show(text)}”")
    return _name(text)


@lru_cache(maxsize=65_536)
def _name(text: str) -> str | Bad:
    text = text.replace("•", "·").replace("・", "·")
    text = _CJK_SPACE.sub("", text)
    if _NAME_SEPARATORS.search(text):
        return Bad(f"一个单元格中有多个姓名：“{_show(text)}”")
    if not _NAME_OK.fullmatch(text):
        bad = next((c for c in text if not _NAME_OK.fullmatch(c)), "?")
        return Bad(f"姓名含无效字符“{bad}”：“{_show(text)}”")
    if len(text) > MAX_NAME:
        return Bad(f"姓名过长：“{_show(text)}”")
    if not _NAME_LETTER.search(text):
        return Bad(f"姓名无效：“{_show(text)}”")
    return text


def norm_note(value: Any, *, limit: int = 500) -> str | Bad | None:
    """Free text (notes): trimmed only – no NFKC, which would turn "，" into ","; too long is a reason."""
    if value is None:
        return None
    text = value if isinstance(value, str) else (cell_text(value) or "")
    text = text.strip()
    if not text:
        return None
    if len(text) > limit:
        return Bad(f"备注超过 {limit} 字")
    return text


def norm_receipt_no(value: Any) -> str | Bad | None:
    """A receipt or transaction number as text (``2026010012.0`` from a number cell -> ``"2026010012"``)."""
    text = cell_text(value)
    if text is None:
        return None
    text = text.replace(" ", "")
    if len(text) > 64:
        return Bad(f"票据号过长：“{_show(text)}”")
    if not re.fullmatch(r"[0-9A-Za-z\-_/#.]+", text, re.ASCII):
        return Bad(f"票据号含无效字符：“{_show(text)}”")
    return text


# ---------------------------------------------------------------- numbers

_AREA_SUFFIX = re.compile(r"(平方米|平米|平方|m2|M2|㎡|平)$")


def _decimal(value: Any) -> Decimal | None:
    """A cell as a Decimal number (ASCII digits only), None when it is not a plain number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        text = _float_text(value)
        if text is None:
            return None
        d = Decimal(text)
        q = d.quantize(Decimal("0.01")) if abs(d) < Decimal("1e15") else d
        return q if abs(d - q) < Decimal("1e-6") else d  # Excel's binary noise (0.30000000000000004)
    return None


def norm_area(value: Any) -> int | Bad | None:
    """An area in 0.01 m²: ``89.37``, ``89.37㎡``, ``89.37平方米``, ``89.37 m2``. Must be > 0."""
    d = _decimal(value)
    text = cell_text(value)
    if text is None:
        return None
    if d is None:
        s = _AREA_SUFFIX.sub("", text.replace(" ", ""))
        s = s.replace(",", "") if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", s, re.ASCII) else s
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", s, re.ASCII):
            return Bad(f"面积无法识别：“{_show(text)}”")
        try:
            d = Decimal(s)
        except InvalidOperation:
            return Bad(f"面积无法识别：“{_show(text)}”")
    if d <= 0:
        return Bad(f"面积必须大于0：“{_show(text)}”")
    centi = d * 100
    if centi != centi.to_integral_value():
        return Bad(f"面积最多两位小数：“{_show(text)}”")
    if d > 100_000:
        return Bad(f"面积过大：“{_show(text)}”")
    return int(centi)


def norm_amount(value: Any, *, allow_zero: bool = True) -> int | Bad | None:
    """Money in fen: ``1,234.50``, ``¥88``, ``88元``, ``１２３.４``; negative is a reason.

    Numbers from Excel cells are taken exactly to the fen (binary float noise removed);
    more than two decimals is a reason.
    """
    d = _decimal(value)
    text = cell_text(value)
    if text is None:
        return None
    if d is not None:
        fen_d = d * 100
        if fen_d != fen_d.to_integral_value():
            return Bad(f"金额最多两位小数：“{_show(text)}”")
        fen = int(fen_d)
        if abs(fen) > MAX_FEN:
            return Bad(f"金额过大：“{_show(text)}”")
    else:
        try:
            fen = parse_money(text.replace(" ", "")).fen
        except DomainError as exc:
            if exc.code == "money.too_precise":
                return Bad(f"金额最多两位小数：“{_show(text)}”")
            if exc.code == "money.too_large":
                return Bad(f"金额过大：“{_show(text)}”")
            return Bad(f"金额无法识别：“{_show(text)}”")
    if fen < 0:
        return Bad(f"金额不能为负：“{_show(text)}”")
    if fen == 0 and not allow_zero:
        return Bad(f"金额必须大于0：“{_show(text)}”")
    return fen


# ---------------------------------------------------------------- periods and dates

_PERIOD_PATTERNS = (
    re.compile(r"([0-9]{4})[-/]([0-9]{1,2})", re.ASCII),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月?(?:份)?", re.ASCII),
    re.compile(r"([0-9]{4})\.([0-9]{2})", re.ASCII),
    re.compile(r"([0-9]{4})([0-9]{2})", re.ASCII),
)
_FIRST_PERIOD = 199001


def _check_period(year: int, month: int, text: str, today: dt.date | None) -> int | Bad:
    if not 1 <= month <= 12:
        return Bad(f"账期月份无效：“{_show(text)}”")
    period = year * 100 + month
    if period < _FIRST_PERIOD:
        return Bad(f"账期过早：“{_show(text)}”")
    if today is not None and period > today.year * 100 + today.month:
        return Bad(f"账期在未来：“{_show(text)}”")
    return period


def norm_period(value: Any, *, today: dt.date | None = None) -> int | Bad | None:
    """A billing month as ``YYYYMM``: ``2026-10``, ``2026/10``, ``2026年10月``, ``2026.10``, ``202610``,
    or an Excel date (its month). A month after ``today``'s is a reason.

    ``2026.1`` is ambiguous (a number cell holding 2026.10 shows as 2026.1): a reason, not a guess.
    """
    if isinstance(value, dt.datetime | dt.date):
        d = value.date() if isinstance(value, dt.datetime) else value
        return _check_period(d.year, d.month, d.isoformat(), today)
    text = cell_text(value)
    if text is None:
        return None
    s = text.replace(" ", "")
    if re.fullmatch(r"[0-9]{4}\.[0-9]", s, re.ASCII):
        return Bad(f"账期不明确：“{_show(text)}”（是{s[:4]}年{s[5]}月还是{s[5]}0月？请写成 {s[:4]}-0{s[5]} 或 {s[:4]}-{s[5]}0）")
    for pattern in _PERIOD_PATTERNS:
        m = pattern.fullmatch(s)
        if m:
            return _check_period(int(m[1]), int(m[2]), text, today)
    date = norm_date(s)
    if isinstance(date, dt.date):
        return _check_period(date.year, date.month, text, today)
    return Bad(f"账期无法识别：“{_show(text)}”")


_DATE_PATTERNS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})", re.ASCII),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?", re.ASCII),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII),
)


def norm_date(value: Any, *, today: dt.date | None = None) -> dt.date | Bad | None:
    """A date: an Excel date, ``2026-01-05``, ``2026/1/5``, ``2026.1.5``, ``2026年1月5日``, ``20260105``,
    optionally followed by a time. A date after ``today`` is a reason.
    """
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        text = cell_text(value)
        if text is None:
            return None
        s = re.sub(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$", "", text, flags=re.ASCII).replace(" ", "")
        for pattern in _DATE_PATTERNS:
            m = pattern.fullmatch(s)
            if m:
                try:
                    d = dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return Bad(f"日期无效：“{_show(text)}”")
                break
        else:
            return Bad(f"日期无法识别：“{_show(text)}”")
    if d.year < 1990:
        return Bad(f"日期过早：{d.isoformat()}")
    if today is not None and d > today:
        return Bad(f"日期在未来：{d.isoformat()}")
    return d


# ---------------------------------------------------------------- closed vocabularies

_OCCUPANCY = {
    "已入住": Occupancy.OCCUPIED, "入住": Occupancy.OCCUPIED, "自住": Occupancy.OCCUPIED,
    "在住": Occupancy.OCCUPIED, "居住": Occupancy.OCCUPIED,
    "装修": Occupancy.DECORATING, "装修中": Occupancy.DECORATING, "装修未入住": Occupancy.DECORATING,
    "空置": Occupancy.VACANT, "空置毛坯": Occupancy.VACANT, "空置房": Occupancy.VACANT, "未入住": Occupancy.VACANT,
    "毛坯": Occupancy.VACANT, "空房": Occupancy.VACANT,
    "出租": Occupancy.RENTED, "已出租": Occupancy.RENTED, "租住": Occupancy.RENTED, "租赁": Occupancy.RENTED,
}
_OWNER_TYPE = {
    "自住": OwnerType.SELF_OCCUPIED, "自用": OwnerType.SELF_OCCUPIED,
    "投资": OwnerType.INVESTOR, "投资客": OwnerType.INVESTOR, "投资房": OwnerType.INVESTOR,
}
_USAGE = {
    "住宅": Usage.RESIDENTIAL, "住房": Usage.RESIDENTIAL, "公寓": Usage.RESIDENTIAL, "商铺": Usage.SHOP,
    "商业": Usage.SHOP, "店铺": Usage.SHOP, "车位": Usage.PARKING, "车库": Usage.PARKING, "停车位": Usage.PARKING,
    "办公": Usage.OFFICE, "写字楼": Usage.OFFICE,
}
_METHOD = {
    "现金": PaymentMethod.CASH, "刷卡": PaymentMethod.CARD, "POS": PaymentMethod.CARD, "银行卡": PaymentMethod.CARD,
    "微信": PaymentMethod.WECHAT, "微信支付": PaymentMethod.WECHAT, "支付宝": PaymentMethod.ALIPAY,
    "银行转账": PaymentMethod.BANK_TRANSFER, "转账": PaymentMethod.BANK_TRANSFER,
    "对公转账": PaymentMethod.BANK_TRANSFER, "托收": PaymentMethod.DIRECT_DEBIT,
    "银行托收": PaymentMethod.DIRECT_DEBIT, "代扣": PaymentMethod.DIRECT_DEBIT, "银行代扣": PaymentMethod.DIRECT_DEBIT,
}

#: The Chinese words written for each value on export (the first word above for each member).
OCCUPANCY_ZH = {Occupancy.OCCUPIED: "已入住", Occupancy.DECORATING: "装修", Occupancy.VACANT: "空置",
                Occupancy.RENTED: "出租"}
OWNER_TYPE_ZH = {OwnerType.SELF_OCCUPIED: "自住", OwnerType.INVESTOR: "投资"}
USAGE_ZH = {Usage.RESIDENTIAL: "住宅", Usage.SHOP: "商铺", Usage.PARKING: "车位", Usage.OFFICE: "办公"}
#: The methods a payments file may name (not the internal credit/history ones).
METHOD_ZH = {method: word for method, word in _ALL_METHODS_ZH.items()
             if method not in (PaymentMethod.CREDIT, PaymentMethod.HISTORIC)}


def norm_enum(value: Any, table: dict[str, T], what: str, shown: Iterable[str] = ()) -> T | Bad | None:
    """A closed vocabulary word (``已入住``); unknown words are a reason listing the accepted ones."""
    text = cell_text(value)
    if text is None:
        return None
    key = text.replace(" ", "").upper()
    for word, member in table.items():
        if key == word.upper():
            return member
    accepted = "、".join(shown) or "、".join(dict.fromkeys(table))
    return Bad(f"{what}“{_show(text)}”无法识别（可用：{_show(accepted, 60)}）")


def norm_occupancy(value: Any) -> Occupancy | Bad | None:
    """入住状态: 已入住, 装修, 空置, 出租 and their usual variants."""
    return norm_enum(value, _OCCUPANCY, "入住状态", OCCUPANCY_ZH.values())


def norm_owner_type(value: Any) -> OwnerType | Bad | None:
    """业主类型: 自住 or 投资."""
    return norm_enum(value, _OWNER_TYPE, "业主类型", OWNER_TYPE_ZH.values())


def norm_usage(value: Any) -> Usage | Bad | None:
    """房屋用途: 住宅, 商铺, 车位, 办公."""
    return norm_enum(value, _USAGE, "房屋用途", USAGE_ZH.values())


def norm_method(value: Any) -> PaymentMethod | Bad | None:
    """缴费方式: 现金, 刷卡, 微信, 支付宝, 银行转账, 托收 and variants."""
    return norm_enum(value, _METHOD, "缴费方式", METHOD_ZH.values())
