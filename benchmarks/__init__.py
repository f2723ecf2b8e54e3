"""Scale benchmarks: scenarios register themselves here; ``python -m benchmarks`` runs and reports them.

A benchmark module defines functions decorated with :func:`scenario` that take a
:class:`Context` and return a :class:`Result`; add the module to ``MODULES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Modules whose import registers scenarios, in report order.
MODULES: tuple[str, ...] = ("benchmarks.demo_build",)


@dataclass(frozen=True)
class Context:
    """What a scenario may use: a scratch folder, the --quick flag and the --keep path."""

    workdir: Path
    quick: bool = False
    keep: Path | None = None


@dataclass(frozen=True)
class Result:
    """One line of the report."""

    name: str
    seconds: float
    rows: int = 0
    size_bytes: int = 0
    detail: str = ""

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
