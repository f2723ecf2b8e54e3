"""Room codes: parse the many shapes people type into one canonical form.

``3栋2单元1502``, ``3-2-1502``, ``03#2-1502``, ``3号楼2单元1502室``, ``三栋二单元1502``,
``３栋２单元１５０２`` and friends all become ``RoomCode("3", "2", "1502")`` whose
canonical form is ``"3-2-1502"`` and display form ``"3栋2单元1502"``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from .errors import ValidationError

__all__ = [
    "MAX_ROOM_TEXT",
    "RoomCode",
    "RoomQuery",
    "chinese_numeral_to_int",
    "natural_key",
    "normalize_building",
    "normalize_room",
    "normalize_unit",
    "parse_room_code",
    "parse_room_query",
    "room_code_from_parts",
]

#: Longest normalised text accepted as a room code.
MAX_ROOM_TEXT = 40


@dataclass(frozen=True)
class RoomCode:
    """A room identified by building, optional unit and room number (all normalised strings)."""

    building: str
    unit: str | None
    room: str

    def __post_init__(self) -> None:
        if not self.building or not self.room or self.unit == "":
            raise ValidationError("room.invalid", text=repr(self), reason="empty_part")

    @property
    def canonical(self) -> str:
        """``"3-2-1502"``, or ``"3-1502"`` without a unit. Stable; use it as a key."""
        if self.unit is None:
            return f"{self.building}-{self.room}"
        return f"{self.building}-{self.unit}-{self.room}"

    @property
    def display(self) -> str:
        """``"3栋2单元1502"``, or ``"3栋1502"`` without a unit."""
        unit = "" if self.unit is None else f"{self.unit}单元"
        return f"{self.building}栋{unit}{self.room}"

    @property
    def floor(self) -> int | None:
        """Floor from the room number (1502 -> 15, 302 -> 3, B101 -> 1); None when unclear."""
        m = re.fullmatch(r"[A-Z]*([0-9]+)[A-Z]?", self.room)
        if not m or len(m[1]) < 3:
            return None
        floor = int(m[1][:-2])
        return floor or None

    def __str__(self) -> str:
        return self.canonical


# ---------------------------------------------------------------- numerals

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral_to_int(text: str) -> int:
    """Convert a small Chinese numeral (``十二`` -> 12, ``一百零五`` -> 105, ``二〇一`` -> 201).

    Raises ``ValueError`` for anything that is not a well-formed numeral below 10,000.
    """
    if not text:
        raise ValueError("empty numeral")
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for c in text:
        if c in _CN_DIGITS:
            if digit not in (None, 0):
                raise ValueError(f"two digits in a row: {text!r}")
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            unit = _CN_UNITS[c]
            if unit >= last_unit:
                raise ValueError(f"units out of order: {text!r}")
            if digit is None:
                if unit != 10 or total:
                    raise ValueError(f"unit without digit: {text!r}")
                digit = 1  # 十二 = 12
            if digit == 0:
                raise ValueError(f"zero before unit: {text!r}")
            total += digit * unit
            digit, last_unit = None, unit
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


# ---------------------------------------------------------------- normalising text

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63_~"} | {"\\": "/"})
_CN_NUM_CHARS = "零〇一二两三四五六七八九十百千"
_IDENT = rf"[0-9]+[A-Z]?|[A-Z]{{1,2}}[0-9]*[A-Z]?|[{_CN_NUM_CHARS}]+"
_MARKS = "号楼|栋楼|#楼|栋|幢|座|号|#|楼|单元|室|房|户"
_TOKEN = re.compile(rf"第?(?P<id>{_IDENT})(?P<mark>{_MARKS})?(?P<sep>[-/]+)?")

_B_MARKS = frozenset({"号楼", "栋楼", "#楼", "栋", "幢", "座", "#", "楼"})
_U_MARKS = frozenset({"单元"})
_R_MARKS = frozenset({"室", "房", "户"})
_H_MARK = "号"  # building (3号) or room (1502号)

_ROOM_RE = re.compile(r"([A-Z]{0,2})([0-9]{1,8})([A-Z]?)")


def _normalize_text(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_DASHES)
    s = "".join(c.upper() if "a" <= c <= "z" else c for c in s)
    s = re.sub(r"\s+", " ", s).strip()
    # spaces next to markers/separators are noise; between two alphanumerics they separate
    s = re.sub(r" ?([^0-9A-Z ]) ?", r"\1", s)
    return s.replace(" ", "-")


class _Token(NamedTuple):
    ident: str
    mark: str | None
    sep: bool


def _tokenize(s: str) -> list[_Token] | None:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m:
            return None
        tok = _Token(m["id"], m["mark"], bool(m["sep"]))
        pos = m.end()
        if pos < len(s) and not tok.mark and not tok.sep:
            return None  # two idents glued together, e.g. "1502三"
        tokens.append(tok)
    return tokens


def _strip_zeros(digits: str) -> str:
    return digits.lstrip("0") or "0"


def _norm_ident(ident: str, *, max_value: int) -> str | None:
    """Normalise a building or unit identifier; None when it is not one."""
    if ident[0] in _CN_NUM_CHARS:
        try:
            value = chinese_numeral_to_int(ident)
        except ValueError:
            return None
        return str(value) if value <= max_value else None
    m = re.fullmatch(r"([A-Z]{0,2})([0-9]*)([A-Z]?)", ident)
    if not m:
        return None
    letters, digits, suffix = m.groups()
    if digits:
        if int(digits) > max_value:
            return None
        digits = _strip_zeros(digits)
    return f"{letters}{digits}{suffix}" or None


def _norm_room(ident: str) -> str | None:
    m = _ROOM_RE.fullmatch(ident)
    if not m:
        return None
    letters, digits, suffix = m.groups()
    digits = _strip_zeros(digits)
    if len(digits) > 6 or (digits == "0" and not letters and not suffix):
        return None
    return f"{letters}{digits}{suffix}"


def _building(ident: str) -> str | None:
    return _norm_ident(ident, max_value=9999)


def _unit(ident: str) -> str | None:
    return _norm_ident(ident, max_value=999)


def _invalid(text: str, reason: str, **extra: object) -> ValidationError:
    return ValidationError("room.invalid", text=text, reason=reason, **extra)


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if len(text) > MAX_ROOM_TEXT * 4:
        raise _invalid(text[:MAX_ROOM_TEXT], "too_long")
    s = _normalize_text(text)
    if not s:
        raise _invalid(text, "empty")
    if len(s) > MAX_ROOM_TEXT:
        raise _invalid(text, "too_long")
    return s


# ---------------------------------------------------------------- public parsing

def parse_room_code(text: str) -> RoomCode:
    """Parse a complete room code in any common shape.

    Raises ``ValidationError("room.invalid", text=..., reason=...)`` with reason one of
    ``empty``, ``too_long``, ``no_room_number``, ``no_building``, ``bad_building``,
    ``bad_unit``, ``bad_room``, ``unrecognised``.
    """
    s = _prepare(text)
    tokens = _tokenize(s)
    if not tokens or tokens[-1].sep:
        raise _invalid(text, "unrecognised")
    marks = [t.mark for t in tokens]
    last = tokens[-1]
    if last.mark in _B_MARKS or last.mark in _U_MARKS:
        if len(tokens) <= 2:
            raise _invalid(text, "no_room_number")
        raise _invalid(text, "unrecognised")
    if len(tokens) == 1:
        if last.mark == _H_MARK and not _looks_like_room(last.ident):
            raise _invalid(text, "no_room_number")  # "3号"
        raise _invalid(text, "no_building" if _norm_room(last.ident) else "unrecognised")
    if len(tokens) > 3:
        raise _invalid(text, "unrecognised")
    b_ok = marks[0] is None or marks[0] in _B_MARKS or marks[0] == _H_MARK
    if not b_ok:
        raise _invalid(text, "no_building" if marks[0] in _U_MARKS else "unrecognised")
    if len(tokens) == 3 and not (marks[1] is None or marks[1] in _U_MARKS):
        raise _invalid(text, "unrecognised")
    building = _building(tokens[0].ident)
    if building is None:
        raise _invalid(text, "bad_building")
    unit = None
    if len(tokens) == 3:
        unit = _unit(tokens[1].ident)
        if unit is None:
            raise _invalid(text, "bad_unit")
    room = _norm_room(last.ident)
    if room is None:
        raise _invalid(text, "bad_room")
    return RoomCode(building, unit, room)


def _strip_affixes(s: str, suffixes: tuple[str, ...]) -> str:
    s = s.removeprefix("第")
    for suffix in suffixes:
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[: -len(suffix)]
    return s


def normalize_building(text: str) -> str:
    """``3栋``, ``3#``, ``3号楼``, ``3幢``, ``03``, ``三栋`` -> ``"3"``; ``A座`` -> ``"A"``."""
    s = _strip_affixes(_normalize_text(str(text)), ("号楼", "栋楼", "#楼", "栋", "幢", "座", "号", "#", "楼"))
    value = _building(s) if re.fullmatch(_IDENT, s) else None
    if value is None:
        raise _invalid(str(text), "bad_building", field="building")
    return value


def normalize_unit(text: str) -> str:
    """``2单元``, ``二单元``, ``02``, ``2`` -> ``"2"``."""
    s = _strip_affixes(_normalize_text(str(text)), ("单元",))
    value = _unit(s) if re.fullmatch(_IDENT, s) else None
    if value is None:
        raise _invalid(str(text), "bad_unit", field="unit")
    return value


def normalize_room(text: str) -> str:
    """``1502室``, ``0101``, ``B101`` -> ``"1502"``, ``"101"``, ``"B101"``."""
    s = _strip_affixes(_normalize_text(str(text)), ("室", "房", "户", "号"))
    value = _norm_room(s)
    if value is None:
        raise _invalid(str(text), "bad_room", field="room")
    return value


def room_code_from_parts(building: str, unit: str | None, room: str) -> RoomCode:
    """Build a :class:`RoomCode` from separate columns (e.g. an import sheet). Blank unit means none."""
    unit_value = None if unit is None or not str(unit).strip() else normalize_unit(unit)
    return RoomCode(normalize_building(building), unit_value, normalize_room(room))


# ---------------------------------------------------------------- search-as-you-type

@dataclass(frozen=True)
class RoomQuery:
    """A partial room code typed in a search box; any part may be None.

    ``room`` may be an incomplete prefix while the user is still typing.
    """

    building: str | None = None
    unit: str | None = None
    room: str | None = None

    def matches(self, code: RoomCode) -> bool:
        """True when ``code`` fits this query (building/unit equal, room by prefix)."""
        if self.building is not None and code.building != self.building:
            return False
        if self.unit is not None and code.unit != self.unit:
            return False
        return self.room is None or code.room.startswith(self.room)

    def as_code(self) -> RoomCode | None:
        """The complete :class:`RoomCode` when building and room are both known."""
        if self.building is None or self.room is None:
            return None
        return RoomCode(self.building, self.unit, self.room)


def _looks_like_room(ident: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{0,2}[0-9]{3,}[A-Z]?", ident))


def parse_room_query(text: str) -> RoomQuery | None:
    """Read a partial code: ``3-2-1502``, ``3栋1502``, ``1502``, ``3-2``, ``3栋``.

    Never raises on partial input; returns None when the text is not room-like
    (a name, a phone number, ...), so the caller can search other fields.
    """
    if not isinstance(text, str) or len(text) > MAX_ROOM_TEXT * 4:
        return None
    s = _normalize_text(text)
    if not s or len(s) > MAX_ROOM_TEXT:
        return None
    tokens = _tokenize(s)
    if not tokens or len(tokens) > 3:
        return None

    b = u = r = None
    if len(tokens) == 3:
        b, u, r = (t.ident for t in tokens)
    elif len(tokens) == 2:
        first, second = tokens
        if first.mark in _U_MARKS:
            u, r = first.ident, second.ident
        elif first.mark in _R_MARKS:
            return None
        else:
            b = first.ident
            if second.mark in _U_MARKS:
                u = second.ident
            elif second.mark in _R_MARKS or second.mark == _H_MARK:
                r = second.ident
            elif second.mark in _B_MARKS:
                return None
            elif second.sep or not _looks_like_room(second.ident):
                u = second.ident
            else:
                r = second.ident
    else:
        (tok,) = tokens
        if tok.mark in _B_MARKS or tok.mark == _H_MARK or (tok.mark is None and tok.sep):
            b = tok.ident
        elif tok.mark in _U_MARKS:
            u = tok.ident
        elif re.fullmatch(r"[A-Z]{1,2}", tok.ident):
            b = tok.ident
        else:
            r = tok.ident

    nb = _building(b) if b is not None else None
    nu = _unit(u) if u is not None else None
    nr = _norm_room(r) if r is not None else None
    if (b is not None and nb is None) or (u is not None and nu is None) or (r is not None and nr is None):
        return None
    return RoomQuery(nb, nu, nr)


def natural_key(text: str | None) -> tuple[int, int, str]:
    """Sort key for building, unit and room parts: blank first, then "2" before "10", then letters."""
    if not text:
        return (0, 0, "")
    return (1, int(text), "") if text.isascii() and text.isdigit() else (2, 0, text)
