"""Arrears notices (催缴通知书) as PDF: one A4 page per notice, or two A5 notices on an A4 sheet.

Each notice: the office, the title in the level's colour, the serial, the owner and room, the
filled template with the itemised table (item, periods, basis = unit price × area × months,
amount), the late fee and its rule, the total in figures and capitals, the deadline, how to pay
(counter, bank account, the office's payment QR image when set), the legal basis, the contact
and "如已缴请忽略", the seal (image when set) and date, and a tear-off receipt slip (回执) with
the serial and a QR code of it; from the 6th notice on the slip asks for the owner's signature.

One font subset, one set of styles and one form per image serve the whole batch
(``benchmarks/print_room.py`` measures 1,000 notices). reportlab is imported on first use.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.amount_words import amount_in_words
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.notices import LEVELS, TABLE_MARK, level_zh
from cuijiao_desktop.services.dto import OfficeDTO
from cuijiao_desktop.services.notices import (
    PREVIEW_SERIAL,
    IssuedBatch,
    NoticeBatch,
    NoticeDocument,
    NoticeSelection,
    issue_notices,
)

from .pdf_draw import A4, MM, Writer, dashed_line, part_path, publish

__all__ = ["PAPERS", "PrintedBatch", "issue_and_write", "write_notices_pdf"]

#: a4: one notice per A4 page; a5x2: two A5 notices side by side on an A4 landscape sheet.
PAPERS = ("a4", "a5x2")

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

_INK = (0.13, 0.16, 0.2)
_GREY = (0.38, 0.42, 0.47)
_LIGHT = (0.93, 0.95, 0.97)


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _tint(rgb: tuple[float, float, float], strength: float) -> tuple[float, float, float]:
    return tuple(1 - (1 - v) * strength for v in rgb)  # type: ignore[return-value]


class _NoticePainter:
    """Draws notices on an A4-sized coordinate system (scaled for A5)."""

    W, H = A4
    LEFT = 18 * MM
    RIGHT = W - 18 * MM

    def __init__(self, w: Writer, office: OfficeDTO) -> None:
        self.w = w
        self.office = office
        self.seal = w.image_form("seal", office.seal_image, 40 * MM, 40 * MM) if office.seal_image else None
        self.pay_qr = (w.image_form("payqr", office.payment_qr_image, 26 * MM, 26 * MM)
                       if office.payment_qr_image else None)

    #: (body size, leading, table row height): the first that fits the page is used
    STYLES = ((11, 18.5, 6.6 * MM), (10.5, 17, 6.1 * MM), (10, 16, 5.7 * MM), (9.5, 15, 5.3 * MM),
              (9, 14, 5.0 * MM))
    BODY_TOP = H - 52 * MM
    BODY_BOTTOM = 72 * MM + 38 * MM  # the slip, then the legal basis, contact, seal and date

    def _style(self, d: NoticeDocument) -> tuple[float, float, float]:
        """The largest style with which the letter, the table and the payment box fit above the footer."""
        w = self.w
        width = self.RIGHT - self.LEFT
        rows = len(d.lines) + (1 if d.late_fee_fen else 0) + 2
        for size, leading, row_h in self.STYLES:
            height = 0.0
            for para in d.paragraphs:
                if para == TABLE_MARK:
                    height += rows * row_h + 1 * MM + 8 * MM
                    continue
                salutation = para.endswith("：") and len(para) < 40
                height += len(w.wrap(para, width, size, indent=0 if salutation else 2 * size)) * leading + 2.5 * MM
            if self.BODY_TOP - height - self._payment_height(d, size) - 5 * MM >= self.BODY_BOTTOM:
                return size, leading, row_h
        return self.STYLES[-1]

    def draw(self, d: NoticeDocument) -> None:
        w, c = self.w, self.w.c
        info = LEVELS[d.level]
        accent = info.accent
        left, right = self.LEFT, self.RIGHT
        width = right - left
        office = self.office
        if office.is_demo:
            w.watermark("演示数据  仅供练习", size=50, grey=0.93)
        if d.serial == PREVIEW_SERIAL:
            w.watermark("预览 · 未登记编号", size=46, grey=0.86)

        # header band
        c.setFillColorRGB(*accent)
        c.rect(0, self.H - 7 * MM, self.W, 7 * MM, stroke=0, fill=1)
        y = self.H - 15 * MM
        w.text(left, y, office.name or "物业服务中心", 10.5, colour=_GREY)
        w.text(right, y, f"编号：{d.serial}", 10.5, align="right", colour=(0.7, 0.08, 0.08))
        y -= 16 * MM
        w.text(self.W / 2, y, d.title, 25, align="centre", bold=True, colour=accent if d.level >= 3 else _INK)
        y -= 8 * MM
        w.text(self.W / 2, y, f"（第{level_zh(d.level)}次催缴）" if d.level > 1 else "（缴费提醒）", 10.5,
               align="centre", colour=_GREY)
        c.setStrokeColorRGB(*accent)
        c.setLineWidth(1.2)
        c.line(left, y - 4 * MM, right, y - 4 * MM)
        c.setLineWidth(0.4)
        c.line(left, y - 5 * MM, right, y - 5 * MM)
        c.setStrokeGray(0)

        # the letter
        size, leading, row_h = self._style(d)
        y = self.BODY_TOP
        for para in d.paragraphs:
            if para == TABLE_MARK:
                y = self._table(d, y + 2 * MM, accent, row_h) - 7 * MM
                continue
            salutation = para.endswith("：") and len(para) < 40
            y = w.paragraph(left, y, para, width, size, leading=leading, indent=0 if salutation else 2 * size)
            y -= 2.5 * MM

        # how to pay
        self._payment_box(d, y + 1 * MM, size)

        # legal basis and contact (left), seal and date (right), above the cut line
        foot_w = width - 62 * MM
        y = self.BODY_BOTTOM - 6 * MM
        basis = "《中华人民共和国民法典》第九百四十四条、《物业管理条例》第六十四条及《物业服务合同》的约定。"
        y = w.paragraph(left, y, f"依据：{basis}", foot_w, 9, leading=13.5, colour=_GREY)
        contact = f"如已缴请忽略本通知。如有疑问，请联系{office.name or '服务中心'}"
        if office.phone:
            contact += f"，电话 {office.phone}"
        if office.address:
            contact += f"，地址：{office.address}"
        w.paragraph(left, y, contact + "。", foot_w, 9, leading=13.5, colour=_GREY)
        cx = right - 28 * MM
        sign_y = self.BODY_BOTTOM - 14 * MM
        w.text(cx, sign_y + 6 * MM, office.name or "物业服务中心", 10.5 if len(office.name) < 16 else 9,
               align="centre")
        w.text(cx, sign_y, _cn_date(d.issue_date), 10.5, align="centre")
        if self.seal is not None:
            sw, sh = self.seal
            w.draw_form("seal", cx - sw / 2, sign_y - sh / 2 + 3 * MM)
        else:
            w.text(cx, sign_y - 6 * MM, "（盖章）", 9.5, align="centre", colour=_GREY)
        self._slip(d, accent)

    def _table(self, d: NoticeDocument, top: float, accent: tuple[float, float, float], row_h: float) -> float:
        w, c = self.w, self.w.c
        left, right = self.LEFT, self.RIGHT
        cols = (left, left + 27 * MM, left + 75 * MM, right - 30 * MM, right)
        size = 9.5 if row_h > 6 * MM else 9
        y = top
        c.setFillColorRGB(*_tint(accent, 0.13))
        c.rect(left, y - row_h, right - left, row_h, stroke=0, fill=1)
        heads = ("收费项目", "所属期间", "计费依据", "金额（元）")
        for i, head in enumerate(heads):
            if i == 3:
                w.text(cols[4] - 2 * MM, y - row_h + 2.1 * MM, head, size, align="right", colour=_INK)
            else:
                w.text(cols[i] + 2 * MM, y - row_h + 2.1 * MM, head, size, colour=_INK)
        y -= row_h
        c.setLineWidth(0.3)
        c.setStrokeGray(0.6)
        rows = [(x.item, x.periods, x.basis, format_money(x.amount_fen, symbol=False)) for x in d.lines]
        if d.late_fee_fen:
            rows.append(("滞纳金", f"截至 {d.issue_date.isoformat()}", "按合同约定计算（见下文规则）",
                         format_money(d.late_fee_fen, symbol=False)))
        for item, periods, basis, amount in rows:
            base = y - row_h * 0.68
            w.text(cols[0] + 2 * MM, base, item, size)
            w.text(cols[1] + 2 * MM, base, periods, size)
            fit = basis
            while fit and w.width(fit, size - 0.5) > cols[3] - cols[2] - 4 * MM:
                fit = fit[:-2] + "…"
            w.text(cols[2] + 2 * MM, base, fit, size - 0.5)
            w.text(cols[4] - 2 * MM, base, amount, size, align="right")
            y -= row_h
            c.line(left, y, right, y)
        # total
        c.setFillColorRGB(*_LIGHT)
        c.rect(left, y - row_h - 1 * MM, right - left, row_h + 1 * MM, stroke=0, fill=1)
        base = y - row_h + 1.6 * MM
        w.text(cols[0] + 2 * MM, base, f"合计（大写）：人民币{amount_in_words(d.total_fen)}", size + 0.5, bold=True)
        w.text(cols[4] - 2 * MM, base, format_money(d.total_fen), size + 1, align="right", bold=True,
               colour=(0.7, 0.08, 0.08))
        y -= row_h + 1 * MM
        c.setStrokeGray(0)
        c.setLineWidth(0.8)
        c.rect(left, y, right - left, top - y, stroke=1, fill=0)
        c.setLineWidth(0.3)
        c.setStrokeGray(0.6)
        for x in cols[1:4]:
            c.line(x, top, x, y + row_h + 1 * MM)
        c.setStrokeGray(0)
        note = f"共{d.months}个月；最早欠费月份 {d.period_from // 100}年{d.period_from % 100}月。请于 {_cn_date(d.deadline)} 前缴清。"
        w.text(left, y - 5 * MM, note, 9, colour=_GREY)
        return y - 5 * MM

    def _payment_lines(self, d: NoticeDocument) -> list[str]:
        office = self.office
        lines = [f"① 服务中心前台：{office.address or office.name or '物业服务中心'}（现金、刷卡、微信、支付宝）"]
        if office.bank_account:
            lines.append(f"② 银行转账：户名 {office.name or '—'}；开户行 {office.bank_name or '—'}；"
                         f"账号 {office.bank_account}（请注明房号 {d.room_code}）")
        if self.pay_qr is not None:
            lines.append(f"{'③' if office.bank_account else '②'} 扫码缴费：用微信或支付宝扫描右侧二维码，备注房号 {d.room_code}")
        return lines

    def _payment_text_width(self) -> float:
        return self.RIGHT - self.LEFT - (34 * MM if self.pay_qr else 8 * MM)

    def _payment_height(self, d: NoticeDocument, size: float) -> float:
        fs = min(9.5, size - 0.5)
        n = sum(len(self.w.wrap(x, self._payment_text_width(), fs)) for x in self._payment_lines(d))
        return max(8 * MM + n * fs * 1.42, 30 * MM if self.pay_qr else 0)

    def _payment_box(self, d: NoticeDocument, top: float, size: float) -> float:
        w, c = self.w, self.w.c
        left, right = self.LEFT, self.RIGHT
        fs = min(9.5, size - 0.5)
        height = self._payment_height(d, size)
        c.setStrokeGray(0.55)
        c.setLineWidth(0.6)
        c.setFillColorRGB(0.985, 0.985, 0.99)
        c.roundRect(left, top - height, right - left, height, 2.5 * MM, stroke=1, fill=1)
        c.setStrokeGray(0)
        w.text(left + 4 * MM, top - 5.5 * MM, "缴费方式", 10, bold=True)
        y = top - 5.5 * MM - fs * 1.42
        for line in self._payment_lines(d):
            for part in w.wrap(line, self._payment_text_width(), fs):
                w.text(left + 4 * MM, y, part, fs)
                y -= fs * 1.42
        if self.pay_qr is not None:
            qw, qh = self.pay_qr
            w.draw_form("payqr", right - 3 * MM - qw, top - height + (height - qh) / 2)
        return top - height

    def _slip(self, d: NoticeDocument, accent: tuple[float, float, float]) -> None:
        w = self.w
        left, right = self.LEFT, self.RIGHT
        cut = 72 * MM
        dashed_line(w, 8 * MM, cut, self.W - 8 * MM)
        w.text(self.W / 2, cut + 1.2 * MM, "沿此虚线剪下 · 回执联交回服务中心", 7.5, align="centre", colour=_GREY)
        y = cut - 11 * MM
        w.text(left, y, "回    执", 15, bold=True, colour=accent if d.level >= 6 else _INK)
        w.text(left + 30 * MM, y, f"（{d.title} 第{level_zh(d.level)}次）", 9.5, colour=_GREY)
        qr = 27 * MM
        w.qr(d.serial if d.serial != PREVIEW_SERIAL else "PREVIEW", right - qr, cut - 6 * MM - qr, qr)
        w.text(right - qr / 2, cut - 9 * MM - qr, d.serial, 8, align="centre")
        y -= 9 * MM
        fields = (
            ("通知编号", d.serial), ("房    号", f"{d.estate} {d.room_code}"), ("收 件 人", d.recipient_name or "业主"),
            ("欠费合计", f"{format_money(d.total_fen)}（含滞纳金 {format_money(d.late_fee_fen)}）"
             if d.late_fee_fen else format_money(d.total_fen)),
            ("通知日期", f"{_cn_date(d.issue_date)}    缴费期限：{_cn_date(d.deadline)}"),
        )
        for label, value in fields:
            w.text(left, y, f"{label}：", 10, colour=_GREY)
            w.text(left + 20 * MM, y, value, 10)
            y -= 6.2 * MM
        y -= 1.5 * MM
        if d.needs_signature:
            w.text(left, y, "本人已收到上述通知书。", 10)
            y -= 8 * MM
            w.text(left, y, "签收人（签字）：____________    与业主关系：□本人 □配偶 □子女 □其他______", 10)
            y -= 7.5 * MM
            w.text(left, y, "签收日期：________年____月____日        送达人：____________", 10)
        else:
            w.text(left, y, "缴费时请出示本回执或报通知编号；扫描右侧二维码可核对编号。", 9.5, colour=_GREY)
            y -= 7 * MM
            w.text(left, y, "送达日期：________年____月____日        送达人：____________", 10)


@dataclass(frozen=True)
class PrintedBatch:
    """A written batch PDF, still under its ``.part`` name until :meth:`publish` (after the commit)."""

    batch: NoticeBatch
    part: Path
    path: Path
    pages: int

    def publish(self) -> Path:
        """Rename the finished file into place (call after the transaction committed)."""
        return publish(self.part, self.path)

    def discard(self) -> None:
        """Remove the unfinished file (after a rollback)."""
        self.part.unlink(missing_ok=True)


def write_notices_pdf(
    batch: NoticeBatch, path: str | os.PathLike[str], *, paper: str = "a4",
    font_dirs: Sequence[str | os.PathLike[str]] = (), progress: ProgressFn | None = None,
    cancel: CancelFn | None = None, keep_part: bool = False, step_offset: int = 0, steps: int | None = None,
) -> PrintedBatch:
    """Write every notice of ``batch`` to ``path`` (through ``path.part``; with ``keep_part`` the
    caller publishes it). Returns the pages written. A cancel raises ``task.cancelled`` and
    removes the unfinished file."""
    if paper not in PAPERS:
        raise ValidationError("notice.unknown_paper", paper=paper)
    if not batch.documents:
        raise ValidationError("notice.nothing_to_print", skipped=len(batch.skipped))
    out = Path(path)
    part = part_path(out)
    two_up = paper == "a5x2"
    pagesize = (A4[1], A4[0]) if two_up else A4
    first = batch.documents[0].serial
    writer = Writer(part, pagesize=pagesize, font_dirs=font_dirs,
                    title=f"催缴通知书 {first}" + (f" 等{len(batch.documents)}份" if len(batch.documents) > 1 else ""),
                    author=batch.office.name)
    painter = _NoticePainter(writer, batch.office)
    c = writer.c
    docs = batch.documents
    total = steps or len(docs)
    pages = 0
    try:
        if two_up:
            scale = (148.5 * MM) / A4[0]
            for i in range(0, len(docs), 2):
                for j, d in enumerate(docs[i:i + 2]):
                    c.saveState()
                    c.translate(j * 148.5 * MM, (A4[0] - A4[1] * scale) / 2)
                    c.scale(scale, scale)
                    painter.draw(d)
                    c.restoreState()
                _fold_line(writer)
                c.showPage()
                pages += 1
                if cancel is not None and cancel():
                    raise DomainError("task.cancelled")
                if progress is not None:
                    progress(step_offset + i + 2, total, "生成通知书 PDF")
        else:
            for i, d in enumerate(docs):
                painter.draw(d)
                c.showPage()
                pages += 1
                if i % 20 == 0:
                    if cancel is not None and cancel():
                        raise DomainError("task.cancelled")
                    if progress is not None:
                        progress(step_offset + i + 1, total, "生成通知书 PDF")
        writer.save()
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    printed = PrintedBatch(batch, part, out, pages)
    if not keep_part:
        printed.publish()
    return printed


def _fold_line(w: Writer) -> None:
    c = w.c
    c.saveState()
    c.setDash(2, 3)
    c.setStrokeGray(0.6)
    c.setLineWidth(0.4)
    x = A4[1] / 2
    c.line(x, 6 * MM, x, A4[0] - 6 * MM)
    c.restoreState()


def issue_and_write(
    session, *, actor, selection: NoticeSelection, today: date, out_path: str | os.PathLike[str],
    data_dir: str | os.PathLike[str] | None = None, paper: str = "a4",
    font_dirs: Sequence[str | os.PathLike[str]] = (), progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> PrintedBatch:
    """Background task: record a batch and write its PDF in one transaction.

    The PDF stays under ``out_path.part`` until the caller, after the commit, calls
    :meth:`PrintedBatch.publish`; a cancel or an error rolls back every notice row and serial and
    removes the file.
    """
    if paper not in PAPERS:
        raise ValidationError("notice.unknown_paper", paper=paper)
    batch: IssuedBatch = issue_notices(session, actor=actor, selection=selection, today=today, data_dir=data_dir,
                                       progress=progress, cancel=cancel)
    n = len(batch.documents)
    return write_notices_pdf(batch, out_path, paper=paper, font_dirs=font_dirs, progress=progress, cancel=cancel,
                             keep_part=True, step_offset=n, steps=n * 2)
