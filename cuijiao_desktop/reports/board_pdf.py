"""Public boards as PDF (A4 landscape): the arrears board (欠费公示) and the thank-you board (鸣谢).

Only what the masking policy allows is printed (``services.boards``): building and unit, the
masked room, the months, the amount; masked names only when the office chose to. Each board
carries its data date, "数据截至…，已缴请忽略，如有异议请联系…", the issuer and the date.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.boards import Board, BoardKind, board_to_print, record_board_print
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.tx import Transactions, long_write

from .pdf_draw import A4, MM, Writer, part_path, publish

__all__ = ["write_board", "write_board_pdf"]

_INK = (0.13, 0.16, 0.2)
_GREY = (0.4, 0.44, 0.5)
_RED = (0.62, 0.07, 0.09)
_GREEN = (0.1, 0.42, 0.24)


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _period(p: int | None) -> str:
    return f"{p // 100}年{p % 100}月" if p else ""


def _short_period(p: int | None) -> str:
    return f"{p // 100}.{p % 100:02d}" if p else ""


def write_board_pdf(board: Board, path: str | os.PathLike[str], *,
                    font_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Write ``board`` to ``path`` (through a ``.part`` file); returns the path."""
    out = Path(path)
    part = part_path(out)
    W, H = A4[1], A4[0]
    w = Writer(part, pagesize=(W, H), font_dirs=font_dirs, title=board.title, author=board.office.name)
    c = w.c
    thanks = board.kind == BoardKind.THANKS
    accent = _GREEN if thanks else _RED
    left, right = 15 * MM, W - 15 * MM
    names = board.policy.show_owner_name and any(x.row.owner_name for x in board.lines)
    if thanks:
        blocks, cols = 4, (("楼栋单元", 0.62), ("房号", 0.38))
    elif names:
        blocks, cols = 2, (("楼栋单元", 0.2), ("房号", 0.13), ("业主", 0.13), ("欠费期间", 0.24), ("月数", 0.1),
                           ("欠费金额（元）", 0.2))
    else:
        blocks, cols = 2, (("楼栋单元", 0.22), ("房号", 0.15), ("欠费期间", 0.27), ("月数", 0.11),
                           ("欠费金额（元）", 0.25))
    gap = 8 * MM
    block_w = (right - left - gap * (blocks - 1)) / blocks
    row_h = 6.4 * MM
    top = H - 44 * MM
    bottom = 38 * MM
    per_block = max(1, int((top - bottom) // row_h) - 1)
    per_page = per_block * blocks
    office = board.office
    contact = office.name or "物业服务中心"
    if office.phone:
        contact += f"（电话 {office.phone}）"
    seal = w.image_form("seal", office.seal_image, 36 * MM, 36 * MM) if office.seal_image else None
    groups = board.by_estate() or [(board.estate, [])]
    pages = []  # (estate, its lines, this page's lines, page number within the estate, pages of the estate)
    for estate, lines in groups:
        chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
        pages += [(estate, lines, chunk, i + 1, len(chunks)) for i, chunk in enumerate(chunks)]

    for estate, lines, page, page_no, page_count in pages:
        if office.is_demo:
            w.watermark("演示数据  仅供练习", size=60, grey=0.94)
        c.setFillColorRGB(*accent)
        c.rect(0, H - 6 * MM, W, 6 * MM, stroke=0, fill=1)
        w.text(W / 2, H - 21 * MM, board.title_for(estate), 22, align="centre", bold=True, colour=accent)
        if thanks:
            sub = (f"感谢以下业主按时足额缴纳 {_period(board.period_from)}"
                   + (f"至{_period(board.period_to)}" if board.period_to != board.period_from else "")
                   + f" 的物业服务费用（{board.scope}，共 {len(lines)} 户）")
        else:
            sub = (f"数据截至 {_cn_date(board.data_date)}  ·  {board.scope}  ·  共 {len(lines)} 户  ·  "
                   f"欠费合计 {format_money(sum(x.row.amount_fen for x in lines))}")
        w.text(W / 2, H - 30 * MM, sub, 11, align="centre", colour=_GREY)
        if page_count > 1:
            w.text(right, H - 30 * MM, f"第{page_no}页／共{page_count}页", 9, align="right", colour=_GREY)
        for b in range(blocks):
            chunk = page[b * per_block:(b + 1) * per_block]
            x0 = left + b * (block_w + gap)
            if not chunk and b:
                continue
            _block(w, chunk, x0, top, block_w, row_h, cols, accent, thanks=thanks, names=names)
        # footer
        if thanks:
            note = f"以上为{_period(board.period_from)}起各期费用均已缴清的住户（按楼栋单元排列，房号部分隐去）。如有遗漏，敬请联系{contact}。"
        else:
            note = (f"数据截至{_cn_date(board.data_date)}，已缴请忽略，如有异议请联系{contact}。"
                    "本公示仅在本小区内张贴，不公示业主姓名、电话等个人信息。")
        w.paragraph(left, 27 * MM, note, right - left - 80 * MM, 9.5, leading=13, colour=_GREY)
        cx = right - 32 * MM
        w.text(cx, 27 * MM, office.name or "物业服务中心", 11, align="centre")
        w.text(cx, 20 * MM, _cn_date(board.printed_on), 11, align="centre")
        if seal is not None:
            w.draw_form("seal", cx - seal[0] / 2, 23.5 * MM - seal[1] / 2)
        c.showPage()
    w.save()
    return publish(part, out)


def _block(w: Writer, rows, x0: float, top: float, width: float, row_h: float, cols, accent, *, thanks: bool,
           names: bool) -> None:
    c = w.c
    xs = [x0]
    for _name, share in cols:
        xs.append(xs[-1] + width * share)
    c.setFillColorRGB(*(1 - (1 - v) * 0.14 for v in accent))
    c.rect(x0, top - row_h, width, row_h, stroke=0, fill=1)
    for i, (name, _share) in enumerate(cols):
        last = i == len(cols) - 1 and not thanks
        if last:
            w.text(xs[i + 1] - 2 * MM, top - row_h * 0.68, name, 9.5, align="right", colour=_INK)
        else:
            w.text(xs[i] + 2 * MM, top - row_h * 0.68, name, 9.5, colour=_INK)
    y = top - row_h
    c.setLineWidth(0.3)
    for n, line in enumerate(rows):
        r = line.row
        if n % 2:
            c.setFillColorRGB(0.965, 0.97, 0.975)
            c.rect(x0, y - row_h, width, row_h, stroke=0, fill=1)
        base = y - row_h * 0.68
        unit = f"{r.building}栋" + (f"{r.unit}单元" if r.unit else "")
        cells = [unit, r.room_masked]
        if not thanks:
            if names:
                cells.append(r.owner_name or "")
            span = _short_period(line.period_from)
            if line.period_to and line.period_to != line.period_from:
                span += f"–{_short_period(line.period_to)}"
            cells += [span, f"{r.months}", format_money(r.amount_fen, symbol=False)]
        for i, text in enumerate(cells):
            if i == len(cells) - 1 and not thanks:
                w.text(xs[i + 1] - 2 * MM, base, text, 10, align="right")
            else:
                w.text(xs[i] + 2 * MM, base, text, 10)
        y -= row_h
    c.setStrokeGray(0.55)
    c.setLineWidth(0.6)
    c.rect(x0, y, width, top - y, stroke=1, fill=0)
    c.setStrokeGray(0)


@long_write
def write_board(
    tx: Transactions, *, actor, kind: str, out_path: str | os.PathLike[str], data_date: date, today: date,
    estate_id: int | None = None, building_ids: Sequence[int] = (), min_months: int = 1,
    period_from: int | None = None, period_to: int | None = None,
    font_dirs: Sequence[str | os.PathLike[str]] = (),
) -> tuple[Board, Path]:
    """Background task: build, write and audit a board in the export shape (``services/export_file.py``: no
    write lock while the PDF is drawn). A failed write records nothing."""
    done = export_file(
        tx, out_path,
        read=lambda s: board_to_print(s, actor=actor, kind=kind, estate_id=estate_id, building_ids=building_ids,
                                      data_date=data_date, today=today, min_months=min_months,
                                      period_from=period_from, period_to=period_to),
        write=lambda board, tmp: write_board_pdf(board, tmp, font_dirs=font_dirs),
        audit=lambda s, board, _p: record_board_print(s, actor=actor, kind=kind, board=board,
                                                      file_name=Path(out_path).name))
    return done.data, done.path
