"""The notice series, its templates and the wording check (Civil Code art. 944, no disclosure)."""

from __future__ import annotations

import random

import pytest

from cuijiao_desktop.domain.enums import DeliveryMethod, NoticeKind
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.ladder import (
    DISCLOSURE_WORDS,
    FORBIDDEN_WORDS,
    check_notice_text,
    notice_text_findings,
)
from cuijiao_desktop.domain.notices import (
    LEVELS,
    TABLE_MARK,
    arrears_lines,
    bump_version,
    check_template,
    default_intended_delivery,
    fill,
    format_template,
    late_fee_rule_text,
    next_level,
    parse_template,
)
from cuijiao_desktop.services.notice_templates import load_templates


@pytest.mark.parametrize("phrase", FORBIDDEN_WORDS)
def test_every_threat_to_cut_utilities_is_refused_citing_article_944(phrase):
    spaced = " ".join(phrase)  # spaces do not hide it
    text = f"请按时缴费，否则{spaced}。"
    findings = notice_text_findings(text)
    assert phrase in [f.phrase for f in findings]
    assert all("第九百四十四条" in f.describe_zh() for f in findings if f.phrase == phrase)
    t = parse_template(f"level = 4\n---\n尊敬的{{业主}}：\n\n{text}\n")
    with pytest.raises(ValidationError) as err:
        check_template(t)
    assert err.value.code == "notice_template.forbidden" and "第九百四十四条" in err.value.params["findings"]


@pytest.mark.parametrize("phrase", DISCLOSURE_WORDS)
def test_every_disclosure_to_third_parties_is_refused_citing_the_privacy_law(phrase):
    t = parse_template(f"level = 7\ntitle = 催缴通知书\n---\n如仍不缴纳，我们将{phrase}。\n")
    with pytest.raises(ValidationError) as err:
        check_template(t)
    assert "个人信息保护法》第二十五条" in err.value.params["findings"]
    assert phrase in check_notice_text(t.text())


def test_the_shipped_templates_pass_and_rise_in_firmness():
    templates = load_templates()
    assert sorted(templates) == list(range(1, 11))
    for level, t in templates.items():
        check_template(t)
        assert t.level == level and t.version == "v1" and TABLE_MARK in t.paragraphs
        assert LEVELS[level].needs_signature == (level >= 6)
    assert "签" in templates[6].text() and "签" not in templates[1].text()
    assert "诉讼" in templates[10].text() and "诉讼" not in templates[1].text()
    assert LEVELS[1].kind is NoticeKind.REMINDER and LEVELS[10].kind is NoticeKind.FINAL_NOTICE
    assert LEVELS[1].accent != LEVELS[10].accent


def test_template_files_round_trip_and_versions_rise():
    t = load_templates()[3]
    again = parse_template(format_template(t, header_comment="note"))
    assert (again.level, again.title, again.paragraphs, again.deadline_days) == (
        t.level, t.title, t.paragraphs, t.deadline_days)
    assert bump_version("v1") == "v2" and bump_version("2026.9") == "2026.10" and bump_version("本地") == "本地.1"
    for bad in ("level = 3\n正文", "level = 11\n---\nx", "title = x\n---\nx", "level = 3\ndeadline_days = 0\n---\nx"):
        with pytest.raises(ValidationError):
            parse_template(bad)
    with pytest.raises(ValidationError) as err:
        check_template(parse_template("level = 2\n---\n{业主}您好，{不存在}。\n"))
    assert err.value.code == "notice_template.unknown_placeholder" and "{不存在}" in err.value.params["names"]


def test_fill_and_levels():
    assert fill("{业主}：{房号} {未知}", {"业主": "张三", "房号": "3-2-1502"}) == "张三：3-2-1502 {未知}"
    assert next_level(None) == 1 and next_level(5) == 6 and next_level(10) is None
    assert default_intended_delivery(5) is DeliveryMethod.DOOR
    assert default_intended_delivery(6) is DeliveryMethod.HAND_SIGNED
    assert late_fee_rule_text(300, 30, 6) == (
        "逾期超过30天未缴的，自第六次催缴通知起按欠费本金的日万分之三（0.3‰）计收滞纳金，累计不超过欠费本金")
    assert "日0.025%" in late_fee_rule_text(250)


def test_arrears_lines_merge_runs_and_keep_the_sum():
    bills = [(202601 + i, "物业管理费", 1, 22343, "2.50元/㎡·月 × 89.37㎡") for i in range(6)]
    bills += [(202607, "物业管理费", 1, 10000, "2.50元/㎡·月 × 89.37㎡"), (202603, "车位费", 2, 30000, "")]
    lines = arrears_lines(bills)
    assert [(x.item, x.periods, x.months) for x in lines] == [
        ("物业管理费", "2026-01 至 2026-06", 6), ("物业管理费", "2026-07", 1), ("车位费", "2026-03", 1)]
    assert lines[0].basis.endswith("× 6个月")
    assert sum(x.amount_fen for x in lines) == sum(b[3] for b in bills)
    metered = [(202601 + i, "电费", 3, 1000 + i, f"{i}度") for i in range(11)]
    collapsed = arrears_lines(metered, max_lines=10)
    assert len(collapsed) == 1 and collapsed[0].months == 11
    assert collapsed[0].amount_fen == sum(b[3] for b in metered)


def test_the_fast_qr_encoder_matches_reportlab():
    from reportlab.graphics.barcode.qrencoder import QRAlphaNum, QRCode, QRErrorCorrectLevel

    from cuijiao_desktop.reports.pdf_draw import qr_matrix

    rng = random.Random(7)
    for i in range(200):
        data = f"TZ2026{rng.randint(1, 12):02d}{rng.randint(0, 999999):06d}" if i % 2 else "".join(
            rng.choice("ABCXYZ0123456789 $%*+-./:") for _ in range(rng.randint(1, 20)))
        q = QRCode(1, QRErrorCorrectLevel.M)
        q.addData(QRAlphaNum(data))
        q.makeImpl(False, 2)
        assert qr_matrix(data) == q.modules, data
    assert len(qr_matrix("https://example.org/a-long-text?x=1")) > 21  # others take the general encoder


def test_stating_the_privacy_rule_is_not_a_disclosure():
    assert check_notice_text("本公示不公示姓名、电话，仅在小区内张贴。") == []
    assert check_notice_text("我们不会停水停电。") == ["停水", "停电"]  # no hint of a cut at all, even denied
    assert check_notice_text("不公示姓名，但将公示姓名于门口。") == ["公示姓名"]
