"""Pinyin initials (拼音首字母): the one rule behind search by initials.

``zs`` finds 张三 because every person stores ``name_initials(name)``: the rooms and person
dialogs, the import, the demo and the migration that recomputed old rows all call this
function, so a person is found the same way however they were entered.

The rule: the name is NFKC-normalised and its spaces dropped; a leading surname with a
special reading comes from :data:`SURNAME_INITIALS` (``单`` reads *shàn*, ``曾`` *zēng*,
compound surnames such as ``欧阳``) when the name is a person's (at most four characters, so that a
company such as ``解放路五金店`` reads as written); every other Chinese character gives the first letter of
its pinyin; Latin letters and digits are kept as they are, lower-case (companies such as
``2000号商贸有限公司`` -> ``2000hsmyxgs``, ``TCL专卖店`` -> ``tclzmd``); anything else
(punctuation, brackets, characters pypinyin does not know) is dropped. At most 32 characters.
"""

from __future__ import annotations

import unicodedata

__all__ = ["MAX_INITIALS", "SURNAME_INITIALS", "name_initials"]

#: The length of ``person.name_initials``.
MAX_INITIALS = 32

#: First letters where a surname reads differently from the common reading of its character.
SURNAME_INITIALS: dict[str, str] = {
    "单": "s", "曾": "z", "解": "x", "仇": "q", "查": "z", "区": "o", "朴": "p", "尉迟": "yc",
    "欧阳": "oy", "司马": "sm", "上官": "sg", "诸葛": "zg", "长孙": "zs", "万俟": "mq", "令狐": "lh",
}
#: Longest name read as a person's (surname + given name) for :data:`SURNAME_INITIALS`.
_PERSONAL_NAME = 4

_CACHE: dict[str, str] = {}


def _char_initial(c: str) -> str:
    if c.isascii():
        return c.lower() if c.isalnum() else ""
    cached = _CACHE.get(c)
    if cached is None:
        from pypinyin import Style, lazy_pinyin  # loaded on first use (start-up stays light)

        letters = lazy_pinyin(c, style=Style.FIRST_LETTER, errors="ignore")
        first = letters[0][:1].lower() if letters and letters[0] else ""
        cached = first if first.isascii() and first.isalpha() else ""
        _CACHE[c] = cached
    return cached


def name_initials(name: str | None) -> str:
    """Pinyin initials for search: ``张三`` -> ``"zs"``, ``欧阳娜娜`` -> ``"oynn"``, ``单田芳`` -> ``"stf"``,
    ``2000号商贸有限公司`` -> ``"2000hsmyxgs"``, ``John Smith`` -> ``"johnsmith"``."""
    s = "".join(unicodedata.normalize("NFKC", name or "").split())
    if not s:
        return ""
    head = ""
    for surname in (s[:2], s[:1]) if len(s) <= _PERSONAL_NAME else ():
        if len(s) > len(surname) and surname in SURNAME_INITIALS:
            head, s = SURNAME_INITIALS[surname], s[len(surname):]
            break
    return (head + "".join(_char_initial(c) for c in s))[:MAX_INITIALS]
