"""Engines and sessions for SQLite (one desk) and PostgreSQL (several desks).

SQLite follows SQLAlchemy's documented recipe for real transactions: pysqlite's
own transaction handling is switched off and every writing transaction starts with
``BEGIN IMMEDIATE`` so a read-modify-write can never interleave with another
process (without it, concurrent writers lose updates: see the field notes).

Reads take no write lock: a session from :func:`make_read_session_factory` begins a
deferred transaction with ``PRAGMA query_only`` on (SQLite) or ``SET TRANSACTION READ ONLY``
(PostgreSQL), so a list, an export or a PDF never makes another desk's payment wait, and
a read that tries to write fails loudly instead of taking the lock.

PostgreSQL gives ``SUM()``/``COALESCE()`` of BIGINT columns as ``numeric``, which psycopg loads as
``Decimal``; :class:`IntegralNumericLoader` loads a ``numeric`` without a fractional part as ``int``
instead, so money sums are ``int`` fen on both engines (``Decimal(231648) == 231648`` hid a ×100
export bug). No column of ours is ``NUMERIC``: money is BIGINT fen everywhere.

An SQLite file on a network share is refused (:func:`cuijiao_desktop.db.location.check_local_file`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.sqlite_files import register_live_database

BUSY_TIMEOUT_MS = 10_000
#: Execution option marking a connection's transactions as read-only (see the module docstring).
READ_ONLY_OPTION = "cuijiao_read_only"
#: Execution option for transactions that write only TEMP tables (staging, ``services/batch.py``):
#: a deferred ``BEGIN`` on SQLite, so staging never takes the database's write lock.
TEMP_ONLY_OPTION = "cuijiao_temp_only"


def sqlite_url(path: Path | str) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{Path(path).resolve().as_posix()}"


def describe_url(url: str) -> str:
    """A display form of ``url`` that never shows a password."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other engines and in-memory databases."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _integral_numeric_loaders():
    from psycopg.types.numeric import NumericBinaryLoader, NumericLoader

    class IntegralNumericLoader(NumericLoader):
        """``numeric`` text without a fraction (``231648``, ``-5``) → ``int``; else ``Decimal``."""

        def load(self, data):  # type: ignore[override]
            raw = bytes(data)
            digits = raw[1:] if raw[:1] == b"-" else raw
            if digits.isdigit():
                return int(raw)
            return super().load(data)

    class IntegralNumericBinaryLoader(NumericBinaryLoader):
        def load(self, data):  # type: ignore[override]
            value = super().load(data)
            if value.is_finite() and value.as_tuple().exponent >= 0:
                return int(value)
            return value

    return IntegralNumericLoader, IntegralNumericBinaryLoader


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        options = conn.get_execution_options()
        if options.get(READ_ONLY_OPTION):
            conn.exec_driver_sql("PRAGMA query_only = ON")
            conn.exec_driver_sql("BEGIN")
        elif options.get(TEMP_ONLY_OPTION):
            conn.exec_driver_sql("PRAGMA query_only = OFF")
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("PRAGMA query_only = OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url`` with the project's settings for its dialect."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            from .location import check_local_file

            check_local_file(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            register_live_database(path)
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_pragmas(engine)
        return engine
    if u.get_backend_name() == "postgresql":
        if u.drivername == "postgresql":
            u = u.set(drivername="postgresql+psycopg")
        engine = create_engine(u, echo=echo, pool_pre_ping=True)
        _install_postgresql_read_only(engine)
        _install_postgresql_integral_numeric(engine)
        return engine
    raise ValueError(f"unsupported database: {u.get_backend_name()}")


def _install_postgresql_read_only(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(READ_ONLY_OPTION):
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")


def _install_postgresql_integral_numeric(engine: Engine) -> None:
    text_loader, binary_loader = _integral_numeric_loaders()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.adapters.register_loader("numeric", text_loader)
        dbapi_connection.adapters.register_loader("numeric", binary_loader)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The writing sessionmaker (one per process); the boundary does ``with factory.begin() as s:``."""
    return sessionmaker(engine, expire_on_commit=False)


def make_read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A sessionmaker whose transactions only read: no write lock on SQLite, READ ONLY on PostgreSQL."""
    return sessionmaker(engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False)
