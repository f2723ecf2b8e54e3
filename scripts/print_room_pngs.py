"""Render the print room's documents to PNG for the README (``docs/screenshots/30-*.png``).

    python scripts/print_room_pngs.py [--out docs/screenshots] [--db URL] [--today 2026-11-16] [--dpi 110]

Without ``--db`` a demo database is built in a temporary folder (2,000 rooms, 36 months,
seed 7, the screenshots' day). It writes, through the same services and report code as the
program (nothing is recorded: notices are previews, boards are not audited):

30-notice-level1.png   a first notice (温馨提示) of a room whose series starts now
30-notice-level6.png   a 6th notice, whose slip asks for the owner's signature
30-board-arrears.png   the arrears board of one building (privacy-safe default masking)
30-board-thanks.png    the thank-you board of the same building
30-lawyer-letter.png   the first page of a room's lawyer dossier: the letter draft
30-dossier.png         the first page of the dossier section of a room's lawyer dossier
64-visit-sheet.png     the first page of a day's visit sheet (上门催缴路线单): one staff member's route

``--only visit-sheet`` writes 54 alone (``--only print-room`` the 30-*.png alone).

The office's seal and payment QR code are demo pictures made here (marked 演示), as an office's
own would be printed when set in 设置 → 服务中心信息. Needs ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def demo_seal() -> bytes:
    """A red round stamp that says 演示专用章 (demo only): never an office's real seal."""
    from PIL import Image, ImageDraw, ImageFont

    from cuijiao_desktop.reports.fonts import candidate_font_files

    size = 420
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (200, 30, 30, 215)
    d.ellipse((10, 10, size - 10, size - 10), outline=red, width=14)
    d.ellipse((34, 34, size - 34, size - 34), outline=red, width=3)
    cx = cy = size // 2
    star = []
    import math

    for i in range(10):
        r = 56 if i % 2 == 0 else 23
        a = math.pi / 2 + i * math.pi / 5
        star.append((cx + r * math.cos(a), cy - 10 - r * math.sin(a)))
    d.polygon(star, fill=red)
    font_file = next((str(p) for p in candidate_font_files()), None)
    font = ImageFont.truetype(font_file, 52) if font_file else ImageFont.load_default()
    small = ImageFont.truetype(font_file, 40) if font_file else font
    for text, y, f in (("演示专用章", cy + 78, font), ("锦程物业", cy - 120, small)):
        w = d.textlength(text, font=f)
        d.text((cx - w / 2, y - 26), text, font=f, fill=red)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def demo_payment_qr() -> bytes:
    """A QR picture for the payment box (it encodes a demo text, not a real account)."""
    from PIL import Image, ImageDraw

    from cuijiao_desktop.reports.pdf_draw import qr_matrix

    m = qr_matrix("DEMO PAYMENT QR")
    cell, quiet = 12, 3
    n = len(m) + 2 * quiet
    img = Image.new("RGB", (n * cell, n * cell + 40), "white")
    d = ImageDraw.Draw(img)
    for r, row in enumerate(m):
        for c, dark in enumerate(row):
            if dark:
                d.rectangle(((c + quiet) * cell, (r + quiet) * cell, (c + quiet + 1) * cell - 1,
                             (r + quiet + 1) * cell - 1), fill=(20, 120, 60))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def to_png(pdf: Path, png: Path, *, dpi: int, page: int = 1) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(stem)], check=True)
    print(f"wrote {png}")


def demo_engine(url: str | None, work: Path, today: date):
    """An engine on ``url``, or on the screenshots' demo database built in ``work`` (2,000 rooms, 36 months,
    seed 7, ``today``) when no URL is given."""
    from cuijiao_desktop.db.engine import make_engine, sqlite_url
    from cuijiao_desktop.db.migrate import prepare_database
    from cuijiao_desktop.services.demo import build_demo

    if url is not None:
        return make_engine(url)
    url = sqlite_url(work / "demo.sqlite3")
    prepare_database(url)
    engine = make_engine(url)
    build_demo(engine, rooms=2000, months=36, seed=7, today=today)
    return engine


def visit_sheet_png(factory, office, today: date, work: Path, out: Path, *, dpi: int,
                    tz: str = "Asia/Shanghai") -> None:
    """54: the first page of a visit sheet as the program prints it: a team's route on ``today``
    (or the first day of the coming week with one) whose windows follow the walking order. Visit times are
    shown in local time: the office's zone ``tz`` here, as ``scripts/screenshots.py`` does."""
    import os
    import time
    from datetime import timedelta

    from cuijiao_desktop.reports.visit_sheet_pdf import render_visit_sheet
    from cuijiao_desktop.services.dto import CLI_USER
    from cuijiao_desktop.services.visits import visit_route

    saved = os.environ.get("TZ")
    os.environ["TZ"] = tz
    time.tzset()
    try:
        with factory() as s:
            # a team's route (the demo labels a team by its collector) whose windows follow the walking
            # order, with the most stops, on the first day of the coming week that has one
            best = None

            def rank(route) -> tuple[int, bool]:  # more stops, then one with a notice to hand over
                return len(route.stops), any(stop.notice for stop in route.stops)

            for offset in range(8):
                day = today + timedelta(days=offset)
                teams = {stop.team for stop in visit_route(s, actor=CLI_USER, day=day).stops if stop.team}
                for label in sorted(teams):
                    route = visit_route(s, actor=CLI_USER, day=day, team=label)
                    starts = [stop.start for stop in route.stops]
                    if starts == sorted(starts) and (best is None or rank(route) > rank(best)):
                        best = route
                if best is not None and len(best.stops) >= 3:
                    break
            if best is None:
                raise SystemExit(f"no visits planned in the week from {today}: nothing to render for 64")
        pdf = render_visit_sheet(best, work / "visit-sheet.pdf", office=office)
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
    to_png(pdf, out / "64-visit-sheet.png", dpi=dpi, page=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--db", help="a demo database URL (default: build one)")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 16))
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument("--only", choices=("print-room", "visit-sheet"), help="write only these pictures")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")

    from cuijiao_desktop.db.engine import make_session_factory
    from cuijiao_desktop.reports.board_pdf import write_board_pdf
    from cuijiao_desktop.reports.dossier_pdf import write_dossier_pdf
    from cuijiao_desktop.reports.notice_pdf import write_notices_pdf
    from cuijiao_desktop.services import arrears, boards, dossier
    from cuijiao_desktop.services.notices import NoticeSelection, plan_notices

    args.out.mkdir(parents=True, exist_ok=True)
    today = args.today
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        engine = demo_engine(args.db, work, today)
        factory = make_session_factory(engine)
        if args.only != "print-room":
            from cuijiao_desktop.services.office import get_office

            with factory() as s:
                office = get_office(s)
            visit_sheet_png(factory, office, today, work, args.out, dpi=args.dpi)
            if args.only == "visit-sheet":
                engine.dispose()
                return 0
        with factory() as s:
            batch = plan_notices(s, selection=NoticeSelection(), today=today)
            office = dataclasses.replace(batch.office, seal_image=demo_seal(), payment_qr_image=demo_payment_qr())
            docs = batch.documents

            def pick(level: int, months: int):
                fitting = [d for d in docs if d.level == level and len(d.lines) >= 2 and d.months >= months]
                return (fitting or [d for d in docs if d.level == level] or list(docs))[0]

            first, sixth = pick(1, 2), pick(6, 6)
            for doc, name in ((first, "30-notice-level1"), (sixth, "30-notice-level6")):
                one = dataclasses.replace(batch, office=office, documents=(dataclasses.replace(doc, serial="TZ202611000888"),))
                pdf = write_notices_pdf(one, work / f"{name}.pdf").path
                to_png(pdf, args.out / f"{name}.png", dpi=args.dpi)
            rows = arrears.query_arrears(s, today=today)
            busiest = max({r.building_id for r in rows}, key=lambda b: sum(1 for r in rows if r.building_id == b))
            estate = next(r.estate_id for r in rows if r.building_id == busiest)
            board = boards.arrears_board(s, estate_id=estate, building_ids=(busiest,), data_date=today, today=today,
                                         min_months=3)
            board = dataclasses.replace(board, office=office)
            to_png(write_board_pdf(board, work / "board.pdf"), args.out / "30-board-arrears.png", dpi=args.dpi - 25)
            period = today.year * 100 + today.month
            thanks = boards.thanks_board(s, estate_id=estate, building_ids=(busiest,), period_from=period - 2,
                                         period_to=period, today=today)
            thanks = dataclasses.replace(thanks, office=office)
            to_png(write_board_pdf(thanks, work / "thanks.pdf"), args.out / "30-board-thanks.png", dpi=args.dpi - 25)
            rich = max((d for d in docs if d.level >= 9), key=lambda d: d.months, default=docs[0])
            d = dataclasses.replace(dossier.build_dossier(s, room_id=rich.room_id, today=today), office=office)
            pdf = write_dossier_pdf(d, work / "dossier.pdf")
            to_png(pdf, args.out / "30-lawyer-letter.png", dpi=args.dpi, page=1)
            to_png(pdf, args.out / "30-dossier.png", dpi=args.dpi, page=2)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
