"""Fee-item words, synonyms, new-item defaults, daily late-fee rates and the drafts' field errors."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.enums import ChargeBasis
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.fee_items import (
    FeeItemDraft,
    FeeItemRef,
    FeeStandardDraft,
    LateFeePolicyDraft,
    clean_fee_item,
    clean_late_fee_policy,
    default_unit_label,
    format_daily_rate,
    guess_basis,
    new_item_code,
    parse_daily_rate,
    resolve_fee_word,
    validate_fee_item,
    validate_fee_standard,
    validate_late_fee_policy,
)

ITEMS = [FeeItemRef(1, "WYF", "物业管理费"), FeeItemRef(2, "LJF", "垃圾清运费"), FeeItemRef(3, "CWF", "车位管理费"),
         FeeItemRef(4, "SF", "水费"), FeeItemRef(5, "DF", "电费"), FeeItemRef(6, "GTF", "公共能耗费")]


@pytest.mark.parametrize(("word", "how", "item"), [
    ("物业管理费", "name", 1), (" 物业 管理费 ", "name", 1), ("wyf", "code", 1),
    ("物业费", "synonym", 1), ("物管费", "synonym", 1),
    ("车位费", "synonym", 3), ("停车费", "synonym", 3), ("垃圾费", "synonym", 2),
    ("水费", "name", 4), ("自来水费", "synonym", 4), ("电费", "name", 5), ("公摊", "synonym", 6),
    ("租金", "unknown", None), ("", "unknown", None),
])
def test_words_and_synonyms(word, how, item):
    match = resolve_fee_word(word, ITEMS)
    assert match.how == how
    assert (match.item.id if match.item else None) == item


def test_a_synonym_maps_only_when_exactly_one_item_matches():
    two = [FeeItemRef(1, "A", "物业管理费"), FeeItemRef(2, "B", "物业服务费")]
    match = resolve_fee_word("物业费", two)
    assert match.how == "ambiguous" and [c.id for c in match.candidates] == [1, 2]
    assert resolve_fee_word("物业服务费", two).how == "name"  # its own name is never ambiguous
    assert resolve_fee_word("停车费", []).how == "unknown"


@pytest.mark.parametrize(("name", "basis", "unit"), [
    ("物业费", ChargeBasis.PER_AREA, "元/㎡·月"), ("供暖费", ChargeBasis.PER_AREA, "元/㎡·月"),
    ("水费", ChargeBasis.METERED, "元/吨"), ("电费", ChargeBasis.METERED, "元/度"),
    ("燃气费", ChargeBasis.METERED, "元/立方米"), ("停车费", ChargeBasis.FIXED, "元/月"),
    ("车位管理费", ChargeBasis.FIXED, "元/月"), ("公摊电费", ChargeBasis.FIXED, "元/月"),
])
def test_new_items_get_a_likely_basis(name, basis, unit):
    assert guess_basis(name) == basis
    assert default_unit_label(name, basis) == unit


def test_new_codes_are_initials_made_unique():
    assert new_item_code("物业费", []) == "WYF"
    assert new_item_code("物业费", ["wyf", "WYF2"]) == "WYF3"
    assert new_item_code("2号楼电梯费", []) == "2HLDTF"
    assert new_item_code("…", []) == "FEE"


@pytest.mark.parametrize(("text", "ppm"), [
    ("0.3", 300), ("0.3‰", 300), ("0.03%", 300), ("3‱", 300), ("万分之三", 300), ("万分之五", 500),
    ("千分之三", 3000), ("千分之零点五", 500), ("日万分之三", 300), ("0.5‰/日", 500), ("万分之十五", 1500),
    (" ０.３‰ ", 300),
])
def test_daily_rates(text, ppm):
    assert parse_daily_rate(text) == ppm


@pytest.mark.parametrize(("text", "code"), [
    ("", "late_fee_policy.rate_required"), ("abc", "late_fee_policy.rate_invalid"),
    ("0", "late_fee_policy.rate_invalid"), ("0.0001", "late_fee_policy.rate_invalid"),
    ("-1", "late_fee_policy.rate_invalid"), ("11‰", "late_fee_policy.rate_too_high"),
    ("万分之", "late_fee_policy.rate_invalid"),
])
def test_bad_daily_rates(text, code):
    with pytest.raises(ValidationError) as err:
        parse_daily_rate(text)
    assert err.value.code == code and err.value.params["field"] == "daily_rate"


@given(st.integers(min_value=1, max_value=10_000))
def test_rates_read_back(ppm):
    assert parse_daily_rate(format_daily_rate(ppm)) == ppm


def test_item_drafts():
    assert validate_fee_item(FeeItemDraft(code="wyf", name="物业费", basis="per_area")) == []
    clean = clean_fee_item(FeeItemDraft(code=" wyf ", name=" 物业 费", basis="per_area", sort_order="3", due_day="15"))
    assert (clean.code, clean.name, clean.basis, clean.sort_order, clean.due_day) == ("WYF", "物业 费",
                                                                                     ChargeBasis.PER_AREA, 3, 15)
    errors = validate_fee_item(FeeItemDraft(code="物业", name="", basis="nope", sort_order="x", due_day="0"))
    assert {e.params["field"] for e in errors} == {"code", "name", "basis", "sort_order", "due_day"}


def test_standard_and_policy_drafts():
    errors = validate_fee_standard(FeeStandardDraft(fee_item_id=None, unit_price="", valid_from=None,
                                                    vacancy_discount_pct="x"))
    assert {e.params["field"] for e in errors} == {"fee_item", "unit_price", "valid_from", "vacancy_discount_pct"}
    errors = validate_late_fee_policy(LateFeePolicyDraft(daily_rate="x", valid_from=None, grace_days="-1",
                                                         cap_percent="200", from_notice_level=11))
    assert {e.params["field"] for e in errors} == {"daily_rate", "valid_from", "grace_days", "cap_percent",
                                                   "from_notice_level"}
    clean = clean_late_fee_policy(LateFeePolicyDraft(daily_rate="万分之三", valid_from=date(2026, 1, 1),
                                                     grace_days="", cap_percent="30%", from_notice_level=6))
    assert (clean.daily_rate_ppm, clean.grace_days, clean.cap_ppm_of_principal, clean.from_notice_level) == (
        300, 0, 300_000, 6)
