"""Masking personal data for lists and public boards (PIPL art. 25)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ValidationError
from .money import format_money
from .rooms import RoomCode, normalize_building, normalize_room, normalize_unit, parse_room_code

__all__ = [
    "COMPOUND_SURNAMES",
    "GENERIC_SALUTATION",
    "BoardRow",
    "MaskingPolicy",
    "board_row",
    "mask_name",
    "mask_phone",
    "mask_room",
    "phone_last4",
    "salutation",
    "surname",
]

COMPOUND_SURNAMES: frozenset[str] = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离",
    "独孤", "南宫", "西门", "澹台", "万俟", "闻人", "呼延", "端木", "百里", "东郭", "濮阳", "太史", "申屠", "公羊", "赫连", "拓跋",
    "司空", "第五", "单于", "左丘", "羊舌", "微生", "梁丘", "谷梁", "宰父", "乐正", "壤驷", "公良", "漆雕", "巫马", "亓官", "鲜于",
    "闾丘", "段干", "仲孙", "叔孙", "丌官", "司寇", "颛孙", "公西", "子车", "东门", "公冶",
})


def surname(name: str) -> str:
    """``张三`` -> ``张``, ``欧阳娜娜`` -> ``欧阳``; a one-character name has no surname to keep (``""``)."""
    s = (name or "").strip()
    if len(s) < 2:
        return ""
    return s[:2] if len(s) > 2 and s[:2] in COMPOUND_SURNAMES else s[:1]


def mask_name(name: str) -> str:
    """``张三`` -> ``张*``, ``张三丰`` -> ``张**``, ``欧阳娜娜`` -> ``欧阳**``, ``李`` -> ``*``."""
    s = (name or "").strip()
    if not s:
        return ""
    if len(s) == 1:
        return "*"
    keep = len(surname(s))
    return s[:keep] + "*" * len(s[keep:].replace(" ", ""))


_PERSONAL_NAME = re.compile(r"[\u3400-\u9fff]{2,5}")  # a transliterated name (阿依·买买提) has no surname to use
#: How a message names an owner whose name gives no surname (a company, a foreign name, none recorded).
GENERIC_SALUTATION = "业主"


def salutation(name: str) -> str:
    """How a message that leaves the office (an SMS) names the owner: the surname and a neutral title,
    never the whole name. ``张三`` -> ``张先生/女士``, ``欧阳娜娜`` -> ``欧阳先生/女士``; a company, a
    name in Latin letters or with a middle dot, a one-character or an empty name -> ``业主``."""
    s = re.sub(r"\s+", "", name or "")
    if not _PERSONAL_NAME.fullmatch(s) or any(w in s for w in ("公司", "集团", "中心", "单位", "银行", "学校")):
        return GENERIC_SALUTATION
    family = surname(s)
    return f"{family}先生/女士" if family else GENERIC_SALUTATION


def mask_room(code: RoomCode | str, *, keep_digits: int = 2) -> str:
    """``"3-2-1502"`` -> ``"3栋2单元15**"``: keep the first ``keep_digits`` of the room, mask the rest.

    At least one character is always masked.
    """
    rc = code if isinstance(code, RoomCode) else parse_room_code(code)
    room = rc.room
    keep = max(0, min(keep_digits, len(room) - 1))
    masked = room[:keep] + "*" * (len(room) - keep)
    unit = "" if rc.unit is None else f"{rc.unit}单元"
    return f"{rc.building}栋{unit}{masked}"


def _digits(phone: str) -> str:
    d = re.sub(r"[^0-9]", "", phone or "")
    if len(d) == 13 and d.startswith("86"):
        d = d[2:]  # +86 mobile
    return d


def mask_phone(phone: str) -> str:
    """``"13800138000"`` -> ``"138****8000"``; other lengths keep only the last 4 digits."""
    if phone and len(phone) == 11 and phone.isascii() and phone.isdigit():  # the common plain mobile: no regex
        return f"{phone[:3]}****{phone[7:]}"
    return _mask_digits(_digits(phone))


def _mask_digits(d: str) -> str:
    """The general rule of :func:`mask_phone` on the phone's digits."""
    if len(d) >= 11:
        return f"{d[:3]}****{d[-4:]}"
    if len(d) >= 7:
        return f"****{d[-4:]}"
    return "*" * len(d)


def phone_last4(phone: str) -> str:
    """``"13800138000"`` -> ``"****8000"``."""
    d = _digits(phone)
    return f"****{d[-4:]}" if len(d) >= 4 else "****"


@dataclass(frozen=True)
class MaskingPolicy:
    """What a public board may show. Names are off by default; when on they are still masked."""

    show_owner_name: bool = False
    room_keep_digits: int = 2


@dataclass(frozen=True)
class BoardRow:
    """One line of a public arrears board, already masked."""

    building: str
    unit: str | None
    room_masked: str  # e.g. "15**"
    location: str  # e.g. "3栋2单元15**"
    months: int
    amount_fen: int
    amount_text: str  # "¥1,234.50"
    owner_name: str | None = None  # masked, only when the policy allows


def board_row(
    policy: MaskingPolicy,
    *,
    building: str,
    unit: str | None,
    room_code: RoomCode | str,
    months: int,
    amount_fen: int,
    owner_name: str | None = None,
) -> BoardRow:
    """Masked fields for a public board row. ``room_code`` is a full code or just the room number."""
    if isinstance(room_code, RoomCode):
        rc = room_code
    else:
        try:
            room = normalize_room(room_code)
        except ValidationError:
            rc = parse_room_code(room_code)  # a full code such as "3-2-1502"
        else:
            rc = RoomCode(normalize_building(building), normalize_unit(unit) if unit else None, room)
    location = mask_room(rc, keep_digits=policy.room_keep_digits)
    keep = max(0, min(policy.room_keep_digits, len(rc.room) - 1))
    room_masked = rc.room[:keep] + "*" * (len(rc.room) - keep)
    name = mask_name(owner_name) if policy.show_owner_name and owner_name else None
    return BoardRow(
        building=rc.building,
        unit=rc.unit,
        room_masked=room_masked,
        location=location,
        months=months,
        amount_fen=amount_fen,
        amount_text=format_money(amount_fen),
        owner_name=name,
    )
