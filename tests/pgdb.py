"""State of the PostgreSQL test database, shared by the fixtures and the tests that change its schema.

(A module of its own: ``import conftest`` finds whichever conftest.py was imported last.)
"""

from __future__ import annotations

STATE = {"migrated": False}


def forget_pg_schema() -> None:
    """A test that downgraded or dropped the PostgreSQL test schema calls this: the next test migrates again."""
    STATE["migrated"] = False
