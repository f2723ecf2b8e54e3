"""Render the monthly statistics workbook's 汇总 sheet to PNG for the README (``docs/screenshots/72-*.png``).

    python scripts/stats_pngs.py [--out docs/screenshots] [--db URL] [--today 2026-11-16] [--dpi 110]

Without ``--db`` a demo database is built in a temporary folder (2,000 rooms, 36 months, seed 7,
the screenshots' day), as ``scripts/print_room_pngs.py`` does. It computes the statistics of the
last complete month before ``--today`` with the program's own service, writes the workbook with
the program's writer and prints it the way an office would: LibreOffice turns the workbook into a
PDF (the 汇总 sheet comes first) and ``pdftoppm`` draws its first page:

72-stats-summary.png   the 汇总 sheet of the monthly statistics workbook (物业费收缴月报)

Needs LibreOffice (``soffice``; Debian: libreoffice-calc-nogui) and ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from print_room_pngs import demo_engine, to_png


def soffice_path() -> str | None:
    """The LibreOffice command, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def workbook_to_pdf(xlsx: Path, outdir: Path) -> Path:
    """Print ``xlsx`` to a PDF in ``outdir`` with headless LibreOffice (its own throw-away profile, so a
    LibreOffice already open on the machine does not interfere); returns the PDF's path."""
    soffice = soffice_path()
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) not found: install libreoffice-calc-nogui")
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)],
                   check=True, capture_output=True, timeout=300)
    pdf = outdir / f"{xlsx.stem}.pdf"
    if not pdf.is_file():
        raise SystemExit(f"LibreOffice did not print {xlsx.name}")
    return pdf


def previous_month(today: date) -> str:
    """The last complete month before ``today`` as ``YYYY-MM``."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def stats_summary_png(factory, out: Path, work: Path, *, today: date, dpi: int) -> Path:
    """Write the statistics of the month before ``today`` and draw its 汇总 sheet as 72-stats-summary.png."""
    from cuijiao_desktop.domain.office_time import OFFICE_TZ
    from cuijiao_desktop.reports.stats_xlsx import write_stats_workbook
    from cuijiao_desktop.services.stats.figures import compute_month_stats

    month = previous_month(today)
    with factory() as s:
        stats = compute_month_stats(s, month)  # names the office (its title prints it)
    # printed on the demo's day at 09:00 office time, not by the machine's clock: the same on every run
    printed = datetime.combine(today, time(9, 0), tzinfo=OFFICE_TZ)
    stats = dataclasses.replace(stats, generated_at=printed)
    xlsx = write_stats_workbook(stats, work / "stats.xlsx")
    png = out / "72-stats-summary.png"
    to_png(workbook_to_pdf(xlsx, work), png, dpi=dpi)
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--db", help="a demo database URL (default: build one)")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 16))
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")
    if soffice_path() is None:
        raise SystemExit("LibreOffice (soffice) not found: install libreoffice-calc-nogui")

    from cuijiao_desktop.db.engine import make_session_factory

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        engine = demo_engine(args.db, work, args.today)
        stats_summary_png(make_session_factory(engine), args.out, work, today=args.today, dpi=args.dpi)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
