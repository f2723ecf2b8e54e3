"""Chinese phone numbers: mainland mobiles and landlines with an area code.

``138 0013 8000``, ``+86 138-0013-8000``, ``１３８００１３８０００`` -> mobile ``"13800138000"``;
``0571-81234567``, ``(0571)8123 4567``, ``057181234567`` -> landline ``"0571-81234567"``;
``010-62345678`` and ``020 83456789`` keep their 3-digit area codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .enums import ContactKind
from .errors import ValidationError

__all__ = ["Phone", "normalize_phone", "phone_digits_last4", "phone_from_digits"]

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SEPARATORS = re.compile(r"[\s\-()（）.]+")


@dataclass(frozen=True)
class Phone:
    """A validated number: ``kind`` is MOBILE or LANDLINE, ``value`` the stored form, ``last4`` for search."""

    kind: ContactKind
    value: str
    last4: str


def phone_from_digits(digits: str) -> Phone | None:
    """Classify a string of ASCII digits (country prefix ``86``/``0086`` allowed); None when it is no phone.

    The one rule for what a mainland mobile or a landline with area code is; the import's
    normaliser and :func:`normalize_phone` both use it.
    """
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if _MOBILE.fullmatch(digits):
        return Phone(ContactKind.MOBILE, digits, digits[-4:])
    if not digits.startswith("0") or digits.startswith("00"):
        return None
    area_len = 3 if digits.startswith(("010", "02")) else 4
    area, local = digits[:area_len], digits[area_len:]
    if not 7 <= len(local) <= 8 or local[0] in "01" or not local.isdigit():
        return None
    return Phone(ContactKind.LANDLINE, f"{area}-{local}", local[-4:])


def normalize_phone(text: str, *, field: str = "phone") -> Phone:
    """Validate and normalise a mainland mobile (``1[3-9]`` + 9 digits) or a landline with area code.

    Raises ``ValidationError("phone.required", field=...)`` for blank input and
    ``ValidationError("phone.invalid", field=..., text=...)`` otherwise.
    """
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        raise ValidationError("phone.required", field=field)
    s = _SEPARATORS.sub("", raw)
    if s.startswith("+86"):
        s = s[3:]
    elif s.startswith("0086"):
        s = s[4:]
    phone = phone_from_digits(s) if re.fullmatch(r"[0-9]+", s, flags=re.ASCII) else None
    if phone is None:
        raise ValidationError("phone.invalid", field=field, text=raw)
    return phone


def phone_digits_last4(value: str) -> str:
    """The last four ASCII digits of any stored contact value (``""`` when it has fewer than four)."""
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", value or ""), flags=re.ASCII)
    return digits[-4:] if len(digits) >= 4 else ""
