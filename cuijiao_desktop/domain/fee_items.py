"""Fee items (收费项目), fee standards (收费标准) and late-fee terms (滞纳金规则): the pure rules.

* **Words**: the names an office writes for a fee item differ (``物业费``, ``物业管理费``,
  ``物管费``). :func:`resolve_fee_word` finds the item a word stands for: the same name, the
  item's code, or a common synonym (:data:`SYNONYM_GROUPS`) when exactly one item matches.
* **New items** made from a word get a code from its pinyin initials (``物业费`` -> ``WYF``)
  and a charging basis guessed from the word (:func:`guess_basis`).
* **Drafts**: what the settings dialogs hand in, as typed. ``validate_*`` lists every problem
  with the ``field`` it belongs to (the dialog shows them all at once); ``clean_*`` turns a
  valid draft into values for the database and raises the first problem otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .enums import ChargeBasis, Usage
from .errors import ValidationError
from .money import parse_money
from .pinyin import name_initials

__all__ = [
    "BASIS_ZH",
    "MAX_CODE",
    "MAX_DAILY_RATE_PPM",
    "MAX_NAME",
    "NOTICE_LEVELS",
    "SYNONYM_GROUPS",
    "CleanFeeItem",
    "CleanFeeStandard",
    "CleanLateFeePolicy",
    "FeeItemDraft",
    "FeeItemRef",
    "FeeStandardDraft",
    "FeeWordMatch",
    "LateFeePolicyDraft",
    "clean_fee_item",
    "clean_fee_standard",
    "clean_late_fee_policy",
    "default_unit_label",
    "fee_word_key",
    "format_daily_rate",
    "guess_basis",
    "new_item_code",
    "parse_daily_rate",
    "resolve_fee_word",
    "synonyms",
    "validate_fee_item",
    "validate_fee_standard",
    "validate_late_fee_policy",
]

MAX_CODE = 32
MAX_NAME = 64
MAX_UNIT_LABEL = 16
MAX_CLAUSE = 64
MAX_NOTE = 255
#: 1% a day: anything above is a typing error (contracts say 0.3‰–3‰).
MAX_DAILY_RATE_PPM = 10_000
#: The collection ladder's written notices are numbered 1–10.
NOTICE_LEVELS = 10
#: Bills fall due on this day of the month at the latest (every month has it).
MAX_DUE_DAY = 28

#: The charging bases in Chinese (documents and the command line; the GUI translates its own).
BASIS_ZH = {ChargeBasis.PER_AREA: "按面积", ChargeBasis.FIXED: "按月固定", ChargeBasis.METERED: "按表计量"}

# ---------------------------------------------------------------- words and synonyms

#: Words that name the same fee item; a word maps on its own only when exactly one item matches.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("物业管理费", "物业费", "物管费", "物业服务费"),
    ("车位管理费", "车位费", "停车费", "停车管理费"),
    ("垃圾清运费", "垃圾费", "垃圾处理费"),
    ("水费", "自来水费"),
    ("电费",),
    ("公共能耗费", "公摊", "公摊费", "公摊能耗费"),
)


def fee_word_key(word: str) -> str:
    """A word as compared: NFKC, no spaces, Latin letters lower-case (``" 物业费 "`` -> ``"物业费"``)."""
    return "".join(unicodedata.normalize("NFKC", word or "").split()).lower()


_GROUP_OF: dict[str, frozenset[str]] = {}
for _group in SYNONYM_GROUPS:
    _keys = frozenset(fee_word_key(w) for w in _group)
    for _k in _keys:
        _GROUP_OF[_k] = _keys


def synonyms(word: str) -> frozenset[str]:
    """The keys of every word that means the same as ``word`` (itself included)."""
    key = fee_word_key(word)
    return _GROUP_OF.get(key, frozenset({key}))


@dataclass(frozen=True)
class FeeItemRef:
    """An existing fee item as the matching sees it."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class FeeWordMatch:
    """What a word stands for. ``how``: ``name``, ``code``, ``synonym`` (``item`` set), ``ambiguous``
    (several ``candidates``) or ``unknown``."""

    how: str
    item: FeeItemRef | None = None
    candidates: tuple[FeeItemRef, ...] = ()


def resolve_fee_word(word: str, items: Sequence[FeeItemRef]) -> FeeWordMatch:
    """The item ``word`` names: its own name, its code (any case), else the one item whose name is a
    synonym of the word. Several synonymous items make the word ambiguous: a person chooses."""
    key = fee_word_key(word)
    if not key:
        return FeeWordMatch("unknown")
    for item in items:
        if fee_word_key(item.name) == key:
            return FeeWordMatch("name", item)
    for item in items:
        if fee_word_key(item.code) == key:
            return FeeWordMatch("code", item)
    group = synonyms(word)
    hits = tuple(item for item in items if fee_word_key(item.name) in group)
    if len(hits) == 1:
        return FeeWordMatch("synonym", hits[0])
    if hits:
        return FeeWordMatch("ambiguous", candidates=hits)
    return FeeWordMatch("unknown")


_METERED = re.compile(r"水费|电费|燃气|煤气|天然气|用水|用电|热水")
_PER_AREA = re.compile(r"物业|物管|管理费|供暖|采暖|取暖|暖气|本体维修|维修基金|维修资金")


def guess_basis(name: str) -> ChargeBasis:
    """How a new item named ``name`` is most likely charged: by meter (水费, 电费, 燃气费), by area
    (物业费, 供暖费, 维修基金), else a fixed amount a month (车位费, 垃圾费 …)."""
    text = fee_word_key(name)
    if _METERED.search(text) and "公摊" not in text and "公共" not in text:
        return ChargeBasis.METERED
    if _PER_AREA.search(text) and "车位" not in text and "停车" not in text:
        return ChargeBasis.PER_AREA
    return ChargeBasis.FIXED


def default_unit_label(name: str, basis: ChargeBasis) -> str:
    """The price unit shown beside a standard: ``元/㎡·月``, ``元/月``, ``元/吨``, ``元/度`` …"""
    if basis is ChargeBasis.PER_AREA:
        return "元/㎡·月"
    if basis is ChargeBasis.FIXED:
        return "元/月"
    text = fee_word_key(name)
    if "电" in text:
        return "元/度"
    if "气" in text:
        return "元/立方米"
    if "水" in text:
        return "元/吨"
    return "元/单位"


def new_item_code(name: str, taken: Iterable[str]) -> str:
    """A code for a new item: its pinyin initials in capitals (``物业费`` -> ``WYF``), made unique with
    a number (``WYF2``); ``FEE`` when the name has no letters."""
    used = {c.upper() for c in taken}
    base = re.sub(r"[^A-Z0-9]", "", name_initials(name).upper())[: MAX_CODE - 3] or "FEE"
    code, n = base, 1
    while code in used:
        n += 1
        code = f"{base}{n}"
    return code


# ---------------------------------------------------------------- late-fee rates

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_FRACTION = re.compile(r"(万|千|百)分之(.+)")
_SCALE = {"万": 100, "千": 1000, "百": 10_000}  # ppm per unit of "X分之1"


def _cn_number(text: str) -> Decimal | None:
    """``三`` -> 3, ``十五`` -> 15, ``0.5`` -> 0.5, ``五点五`` -> 5.5."""
    text = text.strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text, re.ASCII):
        return Decimal(text)
    whole, _, frac = text.partition("点")
    value = 0
    if whole in ("十",):
        value = 10
    elif re.fullmatch(r"[一二两三四五六七八九]?十[一二三四五六七八九]?", whole):
        tens, _, ones = whole.partition("十")
        value = (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    elif whole and all(c in _CN_DIGITS for c in whole):
        value = int("".join(str(_CN_DIGITS[c]) for c in whole))
    else:
        return None
    if frac:
        if not all(c in _CN_DIGITS for c in frac):
            return None
        return Decimal(f"{value}.{''.join(str(_CN_DIGITS[c]) for c in frac)}")
    return Decimal(value)


def parse_daily_rate(text: str) -> int:
    """A daily late-fee rate as people write it, in parts per million of the principal per day.

    ``0.3``, ``0.3‰`` (per mille, the default unit), ``0.03%``, ``3‱``, ``万分之三``, ``千分之零点五``
    -> 300 or 500. Raises ``ValidationError("late_fee_policy.rate_invalid")`` (field ``daily_rate``)
    for anything else, ``…rate_too_high`` above 1% a day.
    """
    s = "".join(unicodedata.normalize("NFKC", text or "").split()).removeprefix("每日").removeprefix("日")
    s = s.removesuffix("/日").removesuffix("/天").removesuffix("每日").removesuffix("每天")
    if not s:
        raise ValidationError("late_fee_policy.rate_required", field="daily_rate")
    m = _FRACTION.fullmatch(s)
    try:
        if m:
            number = _cn_number(m[2])
            if number is None:
                raise InvalidOperation
            ppm = number * _SCALE[m[1]]
        elif s.endswith("%"):
            ppm = Decimal(s[:-1]) * 10_000
        elif s.endswith("‱"):
            ppm = Decimal(s[:-1]) * 100
        else:
            ppm = Decimal(s.removesuffix("‰")) * 1000
    except (InvalidOperation, ValueError):
        raise ValidationError("late_fee_policy.rate_invalid", field="daily_rate", text=text) from None
    if not ppm.is_finite() or ppm <= 0 or ppm != ppm.to_integral_value():
        raise ValidationError("late_fee_policy.rate_invalid", field="daily_rate", text=text)
    if ppm > MAX_DAILY_RATE_PPM:
        raise ValidationError("late_fee_policy.rate_too_high", field="daily_rate", text=text)
    return int(ppm)


def format_daily_rate(ppm: int) -> str:
    """300 -> ``"0.3‰"``, 500 -> ``"0.5‰"``, 3000 -> ``"3‰"``."""
    text = f"{Decimal(ppm).scaleb(-3).normalize():f}"
    return f"{text}‰"


# ---------------------------------------------------------------- drafts


def _int_text(value: int | str | None) -> int | None:
    """An integer typed into a field (None when blank or not a whole number)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if not re.fullmatch(r"-?[0-9]+", s, re.ASCII):
        return None
    return int(s)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass(frozen=True)
class FeeItemDraft:
    """A fee item as the dialog holds it (``item_id`` None: a new item; ``version``: as read)."""

    code: str
    name: str
    basis: ChargeBasis | str
    unit_label: str = ""
    sort_order: int | str = 0
    due_day: int | str = 10
    active: bool = True
    item_id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CleanFeeItem:
    code: str
    name: str
    basis: ChargeBasis
    unit_label: str
    sort_order: int
    due_day: int
    active: bool


_CODE = re.compile(r"[A-Za-z0-9_\-]+", re.ASCII)


def validate_fee_item(draft: FeeItemDraft) -> list[ValidationError]:
    """Every problem of the draft, each with its ``field``."""
    errors: list[ValidationError] = []
    code = _clean_text(draft.code)
    if not code:
        errors.append(ValidationError("fee_item.code_required", field="code"))
    elif len(code) > MAX_CODE or not _CODE.fullmatch(code):
        errors.append(ValidationError("fee_item.code_invalid", field="code", text=draft.code))
    name = _clean_text(draft.name)
    if not name:
        errors.append(ValidationError("fee_item.name_required", field="name"))
    elif len(name) > MAX_NAME:
        errors.append(ValidationError("validation.too_long", field="name"))
    try:
        ChargeBasis(draft.basis)
    except ValueError:
        errors.append(ValidationError("fee_item.basis_invalid", field="basis"))
    if len(" ".join((draft.unit_label or "").split())) > MAX_UNIT_LABEL:
        errors.append(ValidationError("validation.too_long", field="unit_label"))
    order = _int_text(draft.sort_order)
    if order is None or not 0 <= order <= 999:
        errors.append(ValidationError("fee_item.sort_order_invalid", field="sort_order"))
    day = _int_text(draft.due_day)
    if day is None or not 1 <= day <= MAX_DUE_DAY:
        errors.append(ValidationError("fee_item.due_day_invalid", field="due_day", maximum=MAX_DUE_DAY))
    return errors


def clean_fee_item(draft: FeeItemDraft) -> CleanFeeItem:
    """The values to store; raises the first problem of :func:`validate_fee_item`."""
    errors = validate_fee_item(draft)
    if errors:
        raise errors[0]
    return CleanFeeItem(
        code=_clean_text(draft.code).upper(), name=_clean_text(draft.name), basis=ChargeBasis(draft.basis),
        unit_label=" ".join((draft.unit_label or "").split()), sort_order=_int_text(draft.sort_order) or 0,
        due_day=_int_text(draft.due_day) or 10, active=bool(draft.active),
    )


@dataclass(frozen=True)
class FeeStandardDraft:
    """A fee standard as typed: ``unit_price`` in yuan (``"2.50"``), per m²·month, per month or per
    metered unit by the item's basis; ``estate_id``/``usage`` None mean every estate/usage."""

    fee_item_id: int | None
    unit_price: str
    valid_from: date | None
    estate_id: int | None = None
    usage: Usage | str | None = None
    vacancy_discount_pct: int | str = 0
    valid_to: date | None = None
    note: str = ""
    standard_id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CleanFeeStandard:
    fee_item_id: int
    estate_id: int | None
    usage: Usage | None
    unit_price_fen: int
    vacancy_discount_pct: int
    valid_from: date
    valid_to: date | None
    note: str


def _price_fen(text: str) -> int:
    try:
        fen = parse_money(str(text or "").strip()).fen
    except ValidationError as exc:
        code = "fee_standard.price_too_precise" if exc.code == "money.too_precise" else "fee_standard.price_invalid"
        raise ValidationError(code, field="unit_price", text=text) from None
    if fen < 0:
        raise ValidationError("fee_standard.price_invalid", field="unit_price", text=text)
    return fen


def validate_fee_standard(draft: FeeStandardDraft) -> list[ValidationError]:
    """Every problem of the draft, each with its ``field``."""
    errors: list[ValidationError] = []
    if draft.fee_item_id is None:
        errors.append(ValidationError("fee_standard.item_required", field="fee_item"))
    if _blank(draft.unit_price):
        errors.append(ValidationError("fee_standard.price_required", field="unit_price"))
    else:
        try:
            _price_fen(draft.unit_price)
        except ValidationError as exc:
            errors.append(exc)
    if draft.usage is not None and draft.usage != "":
        try:
            Usage(draft.usage)
        except ValueError:
            errors.append(ValidationError("fee_standard.usage_invalid", field="usage"))
    pct = _int_text(draft.vacancy_discount_pct if not _blank(draft.vacancy_discount_pct) else 0)
    if pct is None or not 0 <= pct <= 100:
        errors.append(ValidationError("fee_standard.vacancy_invalid", field="vacancy_discount_pct"))
    if draft.valid_from is None:
        errors.append(ValidationError("fee_standard.valid_from_required", field="valid_from"))
    elif draft.valid_to is not None and draft.valid_to < draft.valid_from:
        errors.append(ValidationError("fee_standard.valid_to_before_from", field="valid_to"))
    if len(draft.note or "") > MAX_NOTE:
        errors.append(ValidationError("validation.too_long", field="note"))
    return errors


def clean_fee_standard(draft: FeeStandardDraft) -> CleanFeeStandard:
    """The values to store; raises the first problem of :func:`validate_fee_standard`."""
    errors = validate_fee_standard(draft)
    if errors:
        raise errors[0]
    assert draft.fee_item_id is not None and draft.valid_from is not None
    return CleanFeeStandard(
        fee_item_id=draft.fee_item_id, estate_id=draft.estate_id,
        usage=Usage(draft.usage) if draft.usage else None, unit_price_fen=_price_fen(draft.unit_price),
        vacancy_discount_pct=_int_text(draft.vacancy_discount_pct if not _blank(draft.vacancy_discount_pct) else 0)
        or 0, valid_from=draft.valid_from, valid_to=draft.valid_to, note=(draft.note or "").strip(),
    )


@dataclass(frozen=True)
class LateFeePolicyDraft:
    """An item's late-fee terms as typed: ``daily_rate`` (``0.3‰``, ``万分之三``), ``grace_days``,
    ``cap_percent`` of the principal (blank: capped at the principal only), ``from_notice_level``
    (None: from the due date plus grace; 6: only after the 6th written notice), the contract clause."""

    daily_rate: str
    valid_from: date | None
    grace_days: int | str = 0
    cap_percent: str = ""
    from_notice_level: int | None = None
    contract_clause: str = ""
    version: int | None = None  # the policy's version as read (None: the item has none yet)


@dataclass(frozen=True)
class CleanLateFeePolicy:
    daily_rate_ppm: int
    grace_days: int
    cap_ppm_of_principal: int | None
    from_notice_level: int | None
    contract_clause: str
    valid_from: date


def _cap_ppm(text: str) -> int | None:
    s = "".join(unicodedata.normalize("NFKC", text or "").split()).removesuffix("%")
    if not s:
        return None
    try:
        ppm = Decimal(s) * 10_000
    except InvalidOperation:
        raise ValidationError("late_fee_policy.cap_invalid", field="cap_percent", text=text) from None
    if not ppm.is_finite() or ppm <= 0 or ppm > 1_000_000 or ppm != ppm.to_integral_value():
        raise ValidationError("late_fee_policy.cap_invalid", field="cap_percent", text=text)
    return int(ppm)


def validate_late_fee_policy(draft: LateFeePolicyDraft) -> list[ValidationError]:
    """Every problem of the draft, each with its ``field``."""
    errors: list[ValidationError] = []
    try:
        parse_daily_rate(draft.daily_rate)
    except ValidationError as exc:
        errors.append(exc)
    grace = _int_text(draft.grace_days if not _blank(draft.grace_days) else 0)
    if grace is None or not 0 <= grace <= 365:
        errors.append(ValidationError("late_fee_policy.grace_invalid", field="grace_days"))
    try:
        _cap_ppm(draft.cap_percent)
    except ValidationError as exc:
        errors.append(exc)
    level = draft.from_notice_level
    if level is not None and not (isinstance(level, int) and 1 <= level <= NOTICE_LEVELS):
        errors.append(ValidationError("late_fee_policy.notice_level_invalid", field="from_notice_level",
                                      maximum=NOTICE_LEVELS))
    if len(_clean_text(draft.contract_clause)) > MAX_CLAUSE:
        errors.append(ValidationError("validation.too_long", field="contract_clause"))
    if draft.valid_from is None:
        errors.append(ValidationError("late_fee_policy.valid_from_required", field="valid_from"))
    return errors


def clean_late_fee_policy(draft: LateFeePolicyDraft) -> CleanLateFeePolicy:
    """The values to store; raises the first problem of :func:`validate_late_fee_policy`."""
    errors = validate_late_fee_policy(draft)
    if errors:
        raise errors[0]
    assert draft.valid_from is not None
    return CleanLateFeePolicy(
        daily_rate_ppm=parse_daily_rate(draft.daily_rate),
        grace_days=_int_text(draft.grace_days if not _blank(draft.grace_days) else 0) or 0,
        cap_ppm_of_principal=_cap_ppm(draft.cap_percent), from_notice_level=draft.from_notice_level,
        contract_clause=_clean_text(draft.contract_clause), valid_from=draft.valid_from,
    )
