"""Processes for the reliability proofs (tests/db/test_reliability_proofs.py): module-level functions
so that ``multiprocessing`` can start them (spawn or forkserver)."""

from __future__ import annotations

import functools
import os
import random
import time
import traceback
from datetime import date


def _report_errors(fn):
    """A worker's traceback goes to ``$CUIJIAO_WORKER_ERRORS`` (the test shows it), then it exits non-zero."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BaseException:
            target = os.environ.get("CUIJIAO_WORKER_ERRORS")
            if target:
                with open(target, "a", encoding="utf-8") as f:
                    f.write(traceback.format_exc())
            raise
    return run


@_report_errors
def pay(url: str, room_id: int, user_id: int, token: str, n: int, amount_fen: int) -> None:
    """Take ``n`` payments for one room, each in its own transaction."""
    from cuijiao_desktop.db.engine import make_engine, make_session_factory
    from cuijiao_desktop.domain.enums import PaymentMethod, Role
    from cuijiao_desktop.services.dto import UserDTO
    from cuijiao_desktop.services.payments import record_payment

    engine = make_engine(url)
    factory = make_session_factory(engine)
    clerk = UserDTO.of(user_id, "clerk", "clerk", Role.CLERK, token=token)
    for _ in range(n):
        with factory.begin() as s:
            record_payment(s, actor=clerk, room_id=room_id, amount_fen=amount_fen, paid_on=date(2026, 5, 1),
                           method=PaymentMethod.CASH, today=date(2026, 5, 1))
        _breathe()
    engine.dispose()


def _breathe() -> None:
    """A few milliseconds between two payments, as between two clerks' clicks. SQLite's busy handler
    has no queue: writers that commit back to back with no pause at all can starve one of them past
    the busy timeout on a loaded machine, which no front desk does."""
    time.sleep(random.uniform(0.002, 0.012))


@_report_errors
def pay_until_killed(url: str, room_ids: list[int], user_id: int, token: str, ack_path: str, ready, stop=None) -> None:
    """Take payments round the rooms until killed (or ``stop`` is set); after each commit returns, append
    its receipt number to ``ack_path``: those are the acknowledged commits that must survive."""
    from cuijiao_desktop.db.engine import make_engine, make_session_factory
    from cuijiao_desktop.domain.enums import PaymentMethod, Role
    from cuijiao_desktop.services.dto import UserDTO
    from cuijiao_desktop.services.payments import record_payment

    engine = make_engine(url)
    factory = make_session_factory(engine)
    clerk = UserDTO.of(user_id, "clerk", "clerk", Role.CLERK, token=token)
    fd = os.open(ack_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    i = 0
    while stop is None or not stop.is_set():
        with factory.begin() as s:
            receipt = record_payment(s, actor=clerk, room_id=room_ids[i % len(room_ids)], amount_fen=3_17 + i % 50,
                                     paid_on=date(2026, 5, 1), method=PaymentMethod.CASH, today=date(2026, 5, 1))
        os.write(fd, f"{receipt.receipt_no}\n".encode())
        i += 1
        _breathe()
        if i == 1:
            ready.set()
    os.close(fd)
    engine.dispose()
