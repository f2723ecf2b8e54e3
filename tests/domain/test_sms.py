"""SMS wording: the salutation (masking), segments, the template check, and CSV cells that stay text."""

from __future__ import annotations

import pytest

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.masking import mask_name, salutation, surname
from cuijiao_desktop.domain.sms import DEFAULT_SMS_TEMPLATE, check_sms_template, render_sms, sms_segments
from cuijiao_desktop.reports.xlsx import csv_text


@pytest.mark.parametrize(("name", "expected"), [
    ("张三", "张先生/女士"), ("欧阳娜娜", "欧阳先生/女士"), (" 李 四 ", "李先生/女士"), ("司马光", "司马先生/女士"),
    ("李", "业主"), ("", "业主"), ("杭州某某科技有限公司", "业主"), ("John Smith", "业主"), ("阿依·买买提", "业主"),
])
def test_the_owner_is_named_by_surname_only(name, expected):
    assert salutation(name) == expected


def test_surname_is_the_one_rule_of_mask_name():
    assert (surname("欧阳娜娜"), surname("欧阳"), surname("王")) == ("欧阳", "欧", "")
    assert (mask_name("欧阳娜娜"), mask_name("张三"), mask_name("李")) == ("欧阳**", "张*", "*")


def test_segments_70_alone_then_67_a_part():
    assert [sms_segments("字" * n) for n in (0, 1, 70, 71, 134, 135)] == [0, 1, 1, 2, 2, 3]


def test_template_check_and_render():
    check_sms_template(DEFAULT_SMS_TEMPLATE)
    for text, code in (("  ", "sms.template_empty"), ("字" * 501, "sms.template_too_long"),
                       ("{称呼}{身份证}", "sms.unknown_placeholder"), ("逾期将停水停电", "sms.template_forbidden")):
        with pytest.raises(ValidationError) as exc:
            check_sms_template(text)
        assert exc.value.code == code
    assert render_sms("{称呼}：\n  请缴费 {未知}\r\n谢谢", {"称呼": "张先生/女士"}) == "张先生/女士：请缴费 {未知}谢谢"


def test_csv_cells_never_start_a_formula():
    assert [csv_text(t) for t in ("=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "张三", "138")] == [
        "'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(A1)", "'\tx", "张三", "138"]
