"""Proofs the suite prints (issue 14, item 8): each reliability test records what it measured, and
``conftest.pytest_terminal_summary`` prints them all at the end of the run in a section of their own
(and writes them to ``$CUIJIAO_PROOFS_FILE`` when that is set), so the README quotes figures that
the suite has just shown."""

from __future__ import annotations

PROOFS: list[tuple[str, str, str]] = []


def record_proof(name: str, engine: str, text: str) -> None:
    """Note one proof: its name, the engine it ran on, what was measured."""
    PROOFS.append((name, engine, text))
