"""Receipt PDFs: embedded Chinese font, the number, the amount in capitals, reversal notes, paper sizes."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from factories import make_room_with_bills

from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, Role
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.reports import fonts
from cuijiao_desktop.reports.receipt_pdf import print_lines, write_payment_receipt, write_receipt_pdf
from cuijiao_desktop.services.payments import record_payment, reverse_payment
from cuijiao_desktop.services.room_ledger import ReceiptDocument, ReceiptLine

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _fonts(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_payment_receipt_has_number_capitals_and_embedded_font(session_factory, users, tmp_path):
    room = make_room_with_bills(session_factory, months=3, monthly_fen=25_000)
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=30_050,
                                 paid_on=date(2026, 4, 1), method=PaymentMethod.WECHAT, reference="4200009999",
                                 today=date(2026, 4, 1))
    with session_factory() as s:
        path = write_payment_receipt(s, payment_id=receipt.payment_id, folder=tmp_path / "receipts")
    assert path.name == "SK202604000001.pdf" and path.exists()
    assert not list(path.parent.glob("*.part"))
    text = _text(path)
    assert "收" in text and "SK202604000001" in text
    assert "人民币叁佰元零伍角" in text
    assert "¥300.50" in text
    assert "3-2-1502" in text and "微信" in text and "4200009999" in text
    assert "2026-01" in text and "2026-02" in text and "物业管理费" in text
    assert users[Role.CLERK].display_name in text
    font_table = _fonts(path)
    rows = [line.split() for line in font_table.splitlines()[2:]]
    assert rows, font_table
    assert all(r[-5] == "yes" and r[-4] == "yes" for r in rows), font_table  # emb, sub


def test_reversal_voucher_names_the_original_and_the_reason(session_factory, users, tmp_path):
    room = make_room_with_bills(session_factory, months=2, monthly_fen=10_000)
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=10_000,
                                 paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))
        reversal = reverse_payment(s, actor=users[Role.MANAGER], payment_id=receipt.payment_id,
                                   reason="收错房间", on=date(2026, 4, 2))
    with session_factory() as s:
        rev_path = write_payment_receipt(s, payment_id=reversal.payment_id, folder=tmp_path, paper="241x93")
        orig_path = write_payment_receipt(s, payment_id=receipt.payment_id, folder=tmp_path)
    text = _text(rev_path)
    assert "冲" in text and reversal.receipt_no in text and receipt.receipt_no in text and "收错房间" in text
    assert "负壹佰元整" in text
    assert f"冲正凭证 No. {reversal.receipt_no}" in _text(orig_path)


def _doc(lines, **kw) -> ReceiptDocument:
    base = ReceiptDocument(
        office_name="阳光物业", office_address="", office_phone="", is_demo=False, payment_id=1,
        receipt_no="SK202606000009", kind=PaymentKind.PAYMENT, estate_name="测试花园", room_code="1-1-101",
        payer="张三", paid_on=date(2026, 6, 1), created_at=datetime(2026, 6, 1, tzinfo=UTC),
        method=PaymentMethod.CASH, reference="", lines=tuple(lines), amount_fen=sum(x.amount_fen for x in lines),
        credit_fen=0, operator="小王", reverses_no="", reason="", reversed_by_no="",
    )
    return dataclasses.replace(base, **kw)


def test_consecutive_months_print_as_one_line():
    lines = [ReceiptLine(202411 + (i if i < 2 else 88 + i), "物业管理费", 25_000) for i in range(5)]
    lines.append(ReceiptLine(202504, "物业管理费", 30_000))  # price change: a new line
    lines.append(ReceiptLine(202412, "水费", 3_000))
    merged = print_lines(lines)
    assert [(p.periods, p.item, p.amount_fen) for p in merged] == [
        ("2024-11 至 2025-03（5个月）", "物业管理费", 125_000),
        ("2024-12", "水费", 3_000),
        ("2025-04", "物业管理费", 30_000),
    ]


def test_many_lines_continue_on_further_pages(tmp_path):
    lines = [ReceiptLine(202401 + i, "物业管理费", 10_000 + i) for i in range(12)]  # no two alike: 12 lines
    path = write_receipt_pdf(_doc(lines), tmp_path / "r.pdf", paper="241x93")
    text = _text(path)
    assert "第1页／共" in text
    assert text.count("\f") >= 2
    assert "2024-12" in text and "合计" in text


def test_unknown_paper_is_refused(tmp_path):
    with pytest.raises(ValidationError):
        write_receipt_pdf(_doc([ReceiptLine(202401, "物业管理费", 100)]), tmp_path / "x.pdf", paper="a4")


def test_no_cjk_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "candidate_font_files", lambda extra_dirs=(): [])
    with pytest.raises(DomainError) as info:
        fonts.register_cjk_font(name="NoSuchCJKForTest")
    assert info.value.code == "report.no_cjk_font"


def test_cff_fonts_are_skipped(monkeypatch):
    noto = [p for p in fonts.candidate_font_files() if "NotoSansCJK" in p.name]
    if not noto:
        pytest.skip("Noto CJK not installed")
    monkeypatch.setattr(fonts, "candidate_font_files", lambda extra_dirs=(): noto)
    with pytest.raises(DomainError):
        fonts.register_cjk_font(name="OnlyCFFForTest")
