"""Scale benchmarks: scenarios register themselves here; ``python -m benchmarks`` runs and reports them.

A benchmark module defines functions decorated with :func:`scenario` that take a
:class:`Context` and return a :class:`Result`; add the module to ``MODULES``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Modules whose import registers scenarios, in report order.
MODULES: tuple[str, ...] = ("benchmarks.demo_build", "benchmarks.front_desk_search", "benchmarks.front_desk_arrears",
                            "benchmarks.front_desk_ledger", "benchmarks.imports", "benchmarks.print_room",
                            "benchmarks.ledger", "benchmarks.stats")


@dataclass(frozen=True)
class Context:
    """What a scenario may use: a scratch folder, the --quick flag and the --keep path."""

    workdir: Path
    quick: bool = False
    keep: Path | None = None
    demo_db: Path | None = None  # a ready 50k × 120 demo database (--demo-db or $CUIJIAO_BENCH_DB)


@dataclass(frozen=True)
class Result:
    """One line of the report."""

    name: str
    seconds: float
    rows: int = 0
    size_bytes: int = 0
    detail: str = ""
    floor_seconds: float | None = None  # the same query in raw SQL, measured in the same run
    target_seconds: float | None = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Scenario:
    """A registered benchmark; ``slow`` ones are skipped with --quick."""

    name: str
    run: Callable[[Context], Result]
    slow: bool = False
    description: str = field(default="")


SCENARIOS: list[Scenario] = []


def scenario(name: str, *, slow: bool = False) -> Callable[[Callable[[Context], Result]], Callable[[Context], Result]]:
    """Register ``fn`` as the scenario ``name``."""

    def register(fn: Callable[[Context], Result]) -> Callable[[Context], Result]:
        if any(s.name == name for s in SCENARIOS):
            raise ValueError(f"duplicate benchmark scenario: {name}")
        SCENARIOS.append(Scenario(name, fn, slow, (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""))
        return fn

    return register


def median_seconds(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def demo_50k_database(ctx: Context) -> Path:
    """The 50,000-room × 120-month demo database the interactive benchmarks run on.

    Uses ``ctx.demo_db`` (``--demo-db PATH`` or ``$CUIJIAO_BENCH_DB``) when that file exists,
    upgraded to the current schema; otherwise builds it once (about 70–100 s) at that path,
    or in the scratch folder when no path was given.
    """
    from datetime import date

    from cuijiao_desktop.db.engine import make_engine, sqlite_url
    from cuijiao_desktop.db.migrate import prepare_database, upgrade
    from cuijiao_desktop.services.demo import build_demo

    env = os.environ.get("CUIJIAO_BENCH_DB")
    path = ctx.demo_db or (Path(env) if env else ctx.workdir / "demo_50k_120.sqlite3")
    url = sqlite_url(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        prepare_database(url)
        engine = make_engine(url)
        try:
            build_demo(engine, rooms=50_000, months=120, seed=1, today=date.today())
        finally:
            engine.dispose()
    else:
        # No start-up backup here: it would copy 1.5 GB on every benchmark run.
        engine = make_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
    return path
