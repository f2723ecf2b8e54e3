"""Revision 0006: every person's search initials follow the one rule (domain.pinyin), however they were entered."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, column, insert, select, table

from cuijiao_desktop.db.engine import make_engine, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, current_revision
from cuijiao_desktop.domain.pinyin import name_initials

# (name, the key an older version stored): import kept Latin word initials only, the demo a third variant
PEOPLE = [("张三", "zs"), ("John Smith", "js"), ("2000号商贸有限公司", "hsmyxgs"), ("单田芳", "dtf"),
          ("ＡＢＣ科技", "ak"), ("李四", "")]


def _upgrade_an_0004_office(eng: Engine) -> None:
    command.upgrade(alembic_config(eng), "0004")
    person = table("person", column("id"), column("name"), column("name_initials"), column("note"), column("version"))
    with eng.begin() as conn:
        conn.execute(insert(person), [{"id": i + 1, "name": n, "name_initials": k, "note": "", "version": 3}
                                      for i, (n, k) in enumerate(PEOPLE)])
    command.upgrade(alembic_config(eng), "0006")
    assert current_revision(eng) == "0006"
    with eng.connect() as conn:
        stored = dict(conn.execute(select(person.c.name, person.c.name_initials)).all())
        versions = set(conn.execute(select(person.c.version)).scalars())
    assert stored == {"张三": "zs", "John Smith": "johnsmith", "2000号商贸有限公司": "2000hsmyxgs", "单田芳": "stf",
                      "ＡＢＣ科技": "abckj", "李四": "ls"}
    assert all(stored[n] == name_initials(n) for n, _ in PEOPLE)
    assert versions == {3}  # a derived search key: open edit dialogs are not made stale


def test_sqlite_0006_recomputes_initials(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        _upgrade_an_0004_office(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_postgresql_0006_recomputes_initials(pg_url: str) -> None:
    eng = make_engine(pg_url)
    try:
        _upgrade_an_0004_office(eng)
    finally:
        eng.dispose()
