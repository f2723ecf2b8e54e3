"""Shared fixtures: offscreen Qt, isolated settings, migrated databases, users."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no display needed, and QSettings/QStandardPaths go to a throwaway folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="cuijiao-tests-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_SANDBOX / _var.lower())
os.environ.pop("CUIJIAO_DB_URL", None)

import pytest
from factories import make_user
from hypothesis import settings as hypothesis_settings
from pgdb import STATE as PG_STATE
from PySide6.QtCore import QSettings
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.db.engine import make_engine, make_read_session_factory, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import prepare_database, upgrade
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.settings import UiSettings
from cuijiao_desktop.tasks import SyncTaskRunner

PG_ENV = "CUIJIAO_TEST_PG_URL"

# A loaded CI machine must not turn a slow example into a failure; the properties still run in full.
hypothesis_settings.register_profile("cuijiao", deadline=None, print_blob=True)
hypothesis_settings.load_profile("cuijiao")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SANDBOX, ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the reliability proofs the tests recorded (tests/proofs.py), engine by engine."""
    from proofs import PROOFS

    if not PROOFS:
        return
    lines = [f"{name} [{engine}]: {text}" for name, engine, text in sorted(PROOFS)]
    terminalreporter.write_sep("=", "proofs (issue 14)")
    for line in lines:
        terminalreporter.write_line(line)
    target = os.environ.get("CUIJIAO_PROOFS_FILE")
    if target:
        Path(target).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to head once per run; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    prepare_database(sqlite_url(path))
    return path


#: Test folders (and top-level test files) whose database tests run on both engines.
BOTH_ENGINES = ("services", "reports", "importing", "test_cli.py", "test_cli_import.py")
ENGINE_KINDS = ("sqlite", "postgresql")


def _runs_on_both_engines(metafunc: pytest.Metafunc) -> bool:
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return False
    parts = Path(str(metafunc.definition.fspath)).parts
    try:
        rel = parts[len(parts) - 1 - parts[::-1].index("tests") + 1:]
    except ValueError:
        return False
    return bool(rel) and (rel[0] in BOTH_ENGINES or metafunc.definition.get_closest_marker("both_engines") is not None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every service, report and import test that uses a database runs on SQLite and PostgreSQL."""
    if "db_kind" not in metafunc.fixturenames:
        return
    if _runs_on_both_engines(metafunc):
        metafunc.parametrize(
            "db_kind", [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)],
        )


@pytest.fixture
def db_kind() -> str:
    """The engine of the test's database: "sqlite" unless the test runs on both (see above)."""
    return "sqlite"


_PG_STATE = PG_STATE


def _pg_test_database() -> str:
    """The test server's database migrated to head and emptied: TRUNCATE is much faster than
    migrating again, and the migrations seed no rows."""
    url = pg_url_or_skip()
    eng = make_engine(url)
    try:
        if not _PG_STATE["migrated"]:
            reset_pg_schema(eng)
            upgrade(eng)
            _PG_STATE["migrated"] = True
        with eng.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '20s'"))
            tables = conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
            )).scalars().all()
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    finally:
        eng.dispose()
    return url


@pytest.fixture
def db_url(db_kind: str, template_db: Path, tmp_path: Path) -> str:
    """A fresh migrated database for one test: a copy of the SQLite template, or the emptied
    PostgreSQL test database when the test runs on ``postgresql``."""
    if db_kind == "postgresql":
        return _pg_test_database()
    target = tmp_path / "cuijiao.sqlite3"
    shutil.copyfile(template_db, target)
    return sqlite_url(target)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def read_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose transactions only read (as the task runner gives read-only services)."""
    return make_read_session_factory(engine)


def pg_url_or_skip() -> str:
    """The test PostgreSQL server's URL; skips locally without one, fails under CI."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: scripts/run-tests.sh starts the PostgreSQL server")
        pytest.skip(f"no PostgreSQL server ({PG_ENV} not set)")
    return url


def reset_pg_schema(engine: Engine) -> None:
    """Drop everything in the public schema so a test starts from an empty database."""
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """An empty PostgreSQL database (schema wiped before and after the test)."""
    url = pg_url_or_skip()
    eng = make_engine(url)
    _PG_STATE["migrated"] = False
    reset_pg_schema(eng)
    yield url
    reset_pg_schema(eng)
    eng.dispose()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    """A PostgreSQL engine on a database migrated to head."""
    eng = make_engine(pg_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def users(session_factory: sessionmaker[Session]) -> dict[Role, UserDTO]:
    """One user of every role."""
    return {role: make_user(session_factory, role) for role in Role}


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    """UI settings in an INI file of this test only."""
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def runner(qapp, session_factory) -> Iterator[SyncTaskRunner]:
    """Runs the GUI's tasks inline against the test's database."""
    r = SyncTaskRunner(session_factory)
    yield r
    r.deleteLater()
