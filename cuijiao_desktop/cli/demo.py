"""``demo``: a realistic demo office in an empty database."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict
from datetime import date

from cuijiao_desktop.domain.permissions import Permission

from .common import Context, progress


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    demo = sub.add_parser("demo", help="在空数据库中生成逼真的演示数据")
    demo.add_argument("--rooms", type=int, default=2000, help="房间数（默认 2000）")
    demo.add_argument("--months", type=int, default=36, help="账单月数（默认 36）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同数据")
    demo.add_argument("--today", type=date.fromisoformat, help="以此日期为“今天”（YYYY-MM-DD）")
    demo.set_defaults(run=_demo, permission=Permission.MAINTAIN_DATABASE)


def _demo(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.demo import DEMO_PASSWORD, DEMO_USERS, build_demo

    started = time.perf_counter()
    summary = build_demo(ctx.engine, rooms=args.rooms, months=args.months, seed=args.seed, today=args.today,
                         progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    counts = ", ".join(f"{k}={v}" for k, v in asdict(summary).items() if isinstance(v, int))
    print(f"演示数据已生成（{time.perf_counter() - started:.1f} 秒）：{counts}")
    print(f"演示用户：{', '.join(u[0] for u in DEMO_USERS)}；密码：{DEMO_PASSWORD}")
    return 0
