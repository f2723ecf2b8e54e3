"""1,000 arrears notices into one PDF, against a bare reportlab canvas loop drawing the same text.

The notices are planned on a 2,000-room demo database (every room in arrears gets its next
level) and repeated with distinct serials up to 1,000. The floor records every string the
notice painter draws (with its position, font size and page) and replays exactly those strings
with ``canvas.drawString`` on a plain canvas, in the same run: no line breaking, no table rules,
no QR codes, no images. Targets: under 5 s, within 2× of the floor, under 10 KB a page beyond
the embedded font.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import Context, Result, scenario

NOTICES = 1000
TODAY = date(2026, 11, 23)


def _batch(ctx: Context):
    from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
    from cuijiao_desktop.db.migrate import prepare_database
    from cuijiao_desktop.services.demo import build_demo
    from cuijiao_desktop.services.notices import NoticeSelection, plan_notices

    path = ctx.workdir / "print-room.sqlite3"
    url = sqlite_url(path)
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    build_demo(engine, rooms=2000, months=36, seed=1, today=TODAY)
    with factory() as s:
        batch = plan_notices(s, selection=NoticeSelection(), today=TODAY)
    engine.dispose()
    docs = [replace(batch.documents[i % len(batch.documents)], serial=f"TZ202611{i + 1:06d}")
            for i in range(NOTICES)]
    return replace(batch, documents=tuple(docs))


def _record(batch, path: Path) -> list[list[tuple[float, float, float, str]]]:
    """Every string the painter draws, per page: (x, y, size, text)."""
    from reportlab.pdfgen.canvas import Canvas

    pages: list[list[tuple[float, float, float, str]]] = [[]]
    original = (Canvas.drawString, Canvas.drawCentredString, Canvas.drawText, Canvas.showPage)

    def draw_string(self, x, y, text, *a, **k):
        pages[-1].append((x, y, self._fontsize, text))
        return original[0](self, x, y, text, *a, **k)

    def draw_centred(self, x, y, text, *a, **k):
        pages[-1].append((x, y, self._fontsize, text))
        return original[1](self, x, y, text, *a, **k)

    def draw_text(self, t):
        pages[-1].append((t._x0, t._y0, t._fontsize, "".join(getattr(t, "_recorded", ""))))
        return original[2](self, t)

    def show_page(self):
        pages.append([])
        return original[3](self)

    from reportlab.pdfgen.textobject import PDFTextObject

    text_out = PDFTextObject.textOut

    def record_out(self, text):
        self._recorded = [*getattr(self, "_recorded", []), text]
        return text_out(self, text)

    Canvas.drawString, Canvas.drawCentredString, Canvas.drawText, Canvas.showPage = (
        draw_string, draw_centred, draw_text, show_page)
    PDFTextObject.textOut = record_out
    try:
        from cuijiao_desktop.reports.notice_pdf import write_notices_pdf

        write_notices_pdf(batch, path)
    finally:
        Canvas.drawString, Canvas.drawCentredString, Canvas.drawText, Canvas.showPage = original
        PDFTextObject.textOut = text_out
    return [p for p in pages if p]


def _floor(pages, path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from cuijiao_desktop.reports.fonts import register_cjk_font

    font = register_cjk_font()
    c = Canvas(str(path), pageCompression=1, initialFontName=font)
    for page in pages:
        for x, y, size, text in page:
            c.setFont(font, size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()


@scenario("print_notices_1000")
def print_notices(ctx: Context) -> Result:
    """1,000 notices into one PDF (target < 5 s and within 2× of a bare canvas drawing the same text)."""
    from cuijiao_desktop.reports.notice_pdf import write_notices_pdf

    batch = _batch(ctx)
    out = ctx.workdir / "notices.pdf"
    pages = _record(batch, ctx.workdir / "recorded.pdf")
    one = write_notices_pdf(replace(batch, documents=batch.documents[:1]), ctx.workdir / "one.pdf")
    runs, floors, cpu, cpu_floor = [], [], [], []
    for _ in range(2 if ctx.quick else 3):
        start, start_cpu = time.perf_counter(), time.process_time()
        printed = write_notices_pdf(batch, out)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        start, start_cpu = time.perf_counter(), time.process_time()
        _floor(pages, ctx.workdir / "floor.pdf")
        floors.append(time.perf_counter() - start)
        cpu_floor.append(time.process_time() - start_cpu)
    seconds, floor = statistics.median(runs), statistics.median(floors)
    size = out.stat().st_size
    per_page = (size - one.path.stat().st_size) / (printed.pages - 1)
    strings = sum(len(p) for p in pages) / len(pages)
    return Result(
        "print_notices_1000", seconds, rows=printed.pages, size_bytes=size, floor_seconds=floor, target_seconds=5.0,
        detail=(f"{seconds / floor:.2f}× the bare canvas (target ≤ 2×); CPU {statistics.median(cpu):.1f} s against "
                f"{statistics.median(cpu_floor):.1f} s (a busy machine stretches wall time, not CPU time); "
                f"{per_page / 1024:.1f} KB a page beyond the font (target < 10 KB); {strings:.0f} strings, a QR code "
                "and the table rules a page"),
    )
