"""Building the demo office at desk size (2,000 rooms × 36 months) and at operator size (50,000 × 120)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from cuijiao_desktop.db.engine import make_engine, sqlite_url
from cuijiao_desktop.db.migrate import prepare_database
from cuijiao_desktop.services.demo import build_demo

from . import Context, Result, scenario


def _file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def _build(ctx: Context, name: str, rooms: int, months: int, target: float, keep: Path | None = None) -> Result:
    path = ctx.workdir / f"{name}.sqlite3"
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    url = sqlite_url(path)
    prepare_database(url)
    engine = make_engine(url)
    try:
        summary = build_demo(engine, rooms=rooms, months=months, seed=1, today=date.today())
    finally:
        engine.dispose()
    size = _file_size(path)
    detail = (f"{summary.rooms:,} rooms, {summary.bills:,} bills, {summary.payments:,} payments, "
              f"{summary.allocations:,} allocations, {summary.contact_events:,} contact events")
    if keep is not None:
        keep.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{keep}{suffix}").unlink(missing_ok=True)
        shutil.move(path, keep)
        detail += f"; kept at {keep}"
    else:
        path.unlink(missing_ok=True)
    return Result(name, summary.seconds, summary.total_rows, size, detail, target_seconds=target)


@scenario("demo_2k_36")
def demo_small(ctx: Context) -> Result:
    """Demo build, 2,000 rooms × 36 months (target < 10 s)."""
    return _build(ctx, "demo_2k_36", 2_000, 36, 10.0)


@scenario("demo_50k_120", slow=True)
def demo_large(ctx: Context) -> Result:
    """Demo build, 50,000 rooms × 120 months (target < 120 s); --keep PATH keeps the database."""
    return _build(ctx, "demo_50k_120", 50_000, 120, 120.0, keep=ctx.keep)
