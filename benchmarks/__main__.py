"""Run the scale benchmarks and print a Markdown table: ``python -m benchmarks [--quick] [--only NAME]``."""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from . import MODULES, SCENARIOS, Context, Result


def _secs(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def _markdown(results: list[Result]) -> str:
    lines = [
        f"Benchmarks {datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, {platform.machine()}",
        "",
        "| scenario | seconds | raw-SQL floor | target | rows | size MB | detail |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(f"| {r.name} | {_secs(r.seconds)} | {_secs(r.floor_seconds)} | {_secs(r.target_seconds)} | "
                     f"{r.rows:,} | {r.size_bytes / 1e6:,.1f} | {r.detail} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the slow (large) scenarios")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this scenario (repeatable)")
    parser.add_argument("--out", type=Path, help="also write the Markdown table to this file")
    parser.add_argument("--keep", type=Path, metavar="PATH", help="keep the 50k-room demo database at PATH")
    parser.add_argument("--demo-db", type=Path, metavar="PATH",
                        help="50k-room demo database for the interactive benchmarks (built there if missing)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)

    for module in MODULES:
        importlib.import_module(module)
    if args.list:
        for s in SCENARIOS:
            print(f"{s.name}{' (slow)' if s.slow else ''}: {s.description}")
        return 0
    chosen = [s for s in SCENARIOS if (args.only is None or s.name in args.only) and not (args.quick and s.slow)]
    unknown = set(args.only or ()) - {s.name for s in SCENARIOS}
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="cuijiao-bench-") as tmp:
        ctx = Context(workdir=Path(tmp), quick=args.quick, keep=args.keep.resolve() if args.keep else None,
                      demo_db=args.demo_db.resolve() if args.demo_db else None)
        for s in chosen:
            print(f"running {s.name} …", file=sys.stderr, flush=True)
            result = s.run(ctx)
            print(f"  {result.seconds:.1f} s", file=sys.stderr, flush=True)
            results.append(result)
    table = _markdown(results)
    sys.stdout.write(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
