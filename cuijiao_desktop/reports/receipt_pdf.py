"""Receipts (收据) and reversal vouchers (冲正凭证) as PDF, drawn on the reportlab canvas.

Paper: A5 landscape (laser printers) or 241 × 93 mm continuous 三联单 paper
(dot-matrix), chosen per workstation. Consecutive months of the same fee item and
amount are printed as one line (``2026-01 至 2026-06``) so a year of arrears fits.
The Chinese font is a subset-embedded TrueType font (``reports/fonts.py``).
reportlab is imported inside the functions only (start-up time).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cuijiao_desktop.domain.amount_words import amount_in_words
from cuijiao_desktop.domain.enums import PaymentKind
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.labels_zh import METHOD_ZH
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.room_ledger import ReceiptDocument, ReceiptLine, receipt_document

from .fonts import register_cjk_font

__all__ = ["PAPERS", "PrintLine", "print_lines", "receipt_file_name", "write_payment_receipt", "write_receipt_pdf"]

MM = 72 / 25.4  # points per millimetre

#: Paper name -> (width, height) in millimetres.
PAPERS: dict[str, tuple[float, float]] = {"a5": (210.0, 148.0), "241x93": (241.0, 93.0)}



@dataclass(frozen=True)
class PrintLine:
    """A printed line: a period or range of periods, the item, the amount."""

    periods: str
    item: str
    amount_fen: int


def _period(p: int) -> str:
    return f"{p // 100}-{p % 100:02d}"


def _next_period(p: int) -> int:
    return p + 89 if p % 100 == 12 else p + 1


def print_lines(lines: Sequence[ReceiptLine]) -> list[PrintLine]:
    """Merge consecutive months of the same item and monthly amount into one line."""
    by_item: dict[str, list[ReceiptLine]] = {}
    for line in lines:
        by_item.setdefault(line.item, []).append(line)
    runs: list[tuple[int, PrintLine]] = []
    for item, item_lines in by_item.items():
        item_lines.sort(key=lambda x: x.period)
        start = prev = item_lines[0]
        total = start.amount_fen
        count = 1
        for line in item_lines[1:]:
            if line.period == _next_period(prev.period) and line.amount_fen == prev.amount_fen:
                prev, total, count = line, total + line.amount_fen, count + 1
                continue
            runs.append((start.period, _run(start, prev, item, total, count)))
            start = prev = line
            total, count = line.amount_fen, 1
        runs.append((start.period, _run(start, prev, item, total, count)))
    order = {item: i for i, item in enumerate(by_item)}
    runs.sort(key=lambda r: (r[0], order[r[1].item]))
    return [r[1] for r in runs]


def _run(first: ReceiptLine, last: ReceiptLine, item: str, total: int, count: int) -> PrintLine:
    if count == 1:
        return PrintLine(_period(first.period), item, total)
    return PrintLine(f"{_period(first.period)} 至 {_period(last.period)}（{count}个月）", item, total)


def receipt_file_name(receipt_no: str) -> str:
    """The PDF's file name for a receipt number."""
    return f"{receipt_no}.pdf"


def write_receipt_pdf(
    doc: ReceiptDocument,
    path: str | os.PathLike[str],
    *,
    paper: str = "a5",
    font_dirs: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``doc`` as a PDF at ``path`` (via a temporary file renamed into place) and return the path."""
    from reportlab.pdfgen.canvas import Canvas

    if paper not in PAPERS:
        raise ValidationError("receipt.unknown_paper", paper=paper)
    font = register_cjk_font(font_dirs)
    width, height = (v * MM for v in PAPERS[paper])
    compact = height < 120 * MM
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    canvas = Canvas(str(tmp), pagesize=(width, height), pageCompression=1, initialFontName=font)
    reversal = doc.kind is PaymentKind.REVERSAL
    canvas.setTitle(f"{'冲正凭证' if reversal else '收据'} {doc.receipt_no}")
    canvas.setAuthor(doc.office_name or "物业服务中心")
    canvas.setCreator("cuijiao-desktop")

    lines = print_lines(doc.lines)
    margin = 8 * MM
    row_h = (5.2 if compact else 6.5) * MM
    body = 9 if compact else 10
    pages: list[list[PrintLine]] = []
    first_capacity = max(1, int((height - (46 if compact else 62) * MM - (22 if compact else 32) * MM) // row_h))
    rest = list(lines)
    while True:
        pages.append(rest[:first_capacity])
        rest = rest[first_capacity:]
        if not rest:
            break

    for page_no, page_lines in enumerate(pages, start=1):
        last_page = page_no == len(pages)
        y = height - margin
        if doc.is_demo:
            canvas.saveState()
            canvas.setFillGray(0.88)
            canvas.setFont(font, 48)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(18)
            canvas.drawCentredString(0, -16, "演示数据  仅供练习")
            canvas.restoreState()
        canvas.setFont(font, 11 if compact else 13)
        y -= 11 if compact else 13
        canvas.drawCentredString(width / 2, y, doc.office_name or "物业服务中心")
        canvas.setFont(font, 15 if compact else 19)
        y -= (7 if compact else 9) * MM
        title = "冲 正 凭 证" if reversal else "收    据"
        canvas.drawCentredString(width / 2, y, title)
        canvas.setLineWidth(0.8)
        title_w = canvas.stringWidth(title, font, 15 if compact else 19)
        canvas.line(width / 2 - title_w / 2 - 6, y - 3, width / 2 + title_w / 2 + 6, y - 3)
        canvas.setFont(font, body)
        canvas.setFillColorRGB(0.72, 0.1, 0.1)
        canvas.drawRightString(width - margin, y, f"No. {doc.receipt_no}")
        canvas.setFillGray(0)
        canvas.drawString(margin, y, f"日期：{doc.paid_on.isoformat()}")
        if len(pages) > 1:
            canvas.drawRightString(width - margin, y - body - 2, f"第{page_no}页／共{len(pages)}页")

        y -= (7 if compact else 9) * MM
        info = [f"房号：{doc.estate_name} {doc.room_code}", f"交款人：{doc.payer or '—'}",
                f"付款方式：{METHOD_ZH.get(doc.method, str(doc.method))}"]
        if doc.reference:
            info.append(f"交易单号：{doc.reference}")
        x = margin
        for part in info:
            canvas.drawString(x, y, part)
            x += canvas.stringWidth(part, font, body) + 8 * MM

        # the table
        y -= 3 * MM
        cols = (margin, margin + (width - 2 * margin) * 0.42, margin + (width - 2 * margin) * 0.72, width - margin)
        top = y
        canvas.setLineWidth(0.6)
        canvas.line(cols[0], y, cols[3], y)
        y -= row_h
        canvas.drawString(cols[0] + 2 * MM, y + row_h * 0.3, "所属期间")
        canvas.drawString(cols[1] + 2 * MM, y + row_h * 0.3, "收费项目")
        canvas.drawRightString(cols[3] - 2 * MM, y + row_h * 0.3, "金额（元）")
        canvas.line(cols[0], y, cols[3], y)
        for line in page_lines:
            y -= row_h
            canvas.drawString(cols[0] + 2 * MM, y + row_h * 0.3, line.periods)
            canvas.drawString(cols[1] + 2 * MM, y + row_h * 0.3, line.item)
            canvas.drawRightString(cols[3] - 2 * MM, y + row_h * 0.3, format_money(line.amount_fen, symbol=False))
            canvas.setLineWidth(0.3)
            canvas.line(cols[0], y, cols[3], y)
        if last_page and doc.credit_fen:
            y -= row_h
            canvas.drawString(cols[0] + 2 * MM, y + row_h * 0.3, "—")
            canvas.drawString(cols[1] + 2 * MM, y + row_h * 0.3, "预存款" if doc.credit_fen > 0 else "预存款冲回")
            canvas.drawRightString(cols[3] - 2 * MM, y + row_h * 0.3, format_money(doc.credit_fen, symbol=False))
            canvas.line(cols[0], y, cols[3], y)
        if last_page:
            y -= row_h
            canvas.setFont(font, body + 1)
            canvas.drawString(cols[0] + 2 * MM, y + row_h * 0.3, f"合计（大写）：人民币{amount_in_words(doc.amount_fen)}")
            canvas.drawRightString(cols[3] - 2 * MM, y + row_h * 0.3, f"（小写）{format_money(doc.amount_fen)}")
            canvas.setFont(font, body)
        canvas.setLineWidth(0.8)
        canvas.line(cols[0], y, cols[3], y)
        canvas.rect(cols[0], y, cols[3] - cols[0], top - y, stroke=1, fill=0)
        canvas.setLineWidth(0.3)
        for cx in cols[1:3]:
            canvas.line(cx, top, cx, y + (row_h if last_page else 0))

        if last_page:
            y -= 5 * MM
            notes = []
            if reversal:
                notes.append(f"冲正原收据 No. {doc.reverses_no}；原因：{doc.reason}")
            elif doc.reversed_by_no:
                notes.append(f"本收据已由冲正凭证 No. {doc.reversed_by_no} 冲正作废")
            for note in notes:
                canvas.setFillColorRGB(0.72, 0.1, 0.1)
                canvas.drawString(margin, y, note)
                canvas.setFillGray(0)
                y -= body + 3
            y = min(y, margin + 10 * MM)
            canvas.drawString(margin, y, f"经办人：{doc.operator or '—'}")
            canvas.drawString(margin + 60 * MM, y, "收款单位（盖章）：")
            stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
            canvas.setFont(font, body - 2)
            canvas.drawRightString(width - margin, y, f"打印时间 {stamp}")
            contact = "  ".join(p for p in (doc.office_address, f"电话 {doc.office_phone}" if doc.office_phone else "") if p)
            if contact:
                canvas.drawString(margin, margin - 2 * MM, contact)
            canvas.setFont(font, body)
        canvas.showPage()
    canvas.save()
    os.replace(tmp, out)
    return out


def write_payment_receipt(
    session,
    *,
    payment_id: int,
    folder: str | os.PathLike[str],
    paper: str = "a5",
    font_dirs: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Background task: read payment ``payment_id`` and write its receipt as ``folder/<number>.pdf``."""
    doc = receipt_document(session, payment_id=payment_id)
    return write_receipt_pdf(doc, Path(folder) / receipt_file_name(doc.receipt_no), paper=paper, font_dirs=font_dirs)
