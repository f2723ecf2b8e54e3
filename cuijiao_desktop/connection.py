"""This desk's database connection: the embedded SQLite file (default) or a PostgreSQL server.

Host, port, database and user are desk settings (``settings.Keys.DB_*``); the password lives in
the system keyring (Windows Credential Manager, macOS Keychain, Secret Service on Linux) through
the ``keyring`` package and never in a settings file. Where no keyring works (a Linux machine
without a Secret Service), saving a password fails with a clear message; the connection then
takes the password from ``PGPASSWORD`` or ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf``), as
every PostgreSQL client does.

QtCore only (through ``settings.py``); no SQLAlchemy, so the views may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote

from cuijiao_desktop.domain.errors import DomainError

KEYRING_SERVICE = "cuijiao-desktop"
KINDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class DatabaseConfig:
    """Where this desk's data lives. ``kind`` is "sqlite" (the file in the data folder) or "postgresql"."""

    kind: str = "sqlite"
    host: str = ""
    port: int = 5432
    database: str = "cuijiao"
    user: str = ""

    def problems(self) -> list[str]:
        """Codes of what is missing or wrong (empty when a PostgreSQL config is complete)."""
        if self.kind == "sqlite":
            return []
        out = []
        if not self.host.strip():
            out.append("db.host_required")
        if not 0 < int(self.port) < 65536:
            out.append("db.port_invalid")
        if not self.database.strip():
            out.append("db.name_required")
        if not self.user.strip():
            out.append("db.user_required")
        return out

    @property
    def keyring_user(self) -> str:
        """The keyring entry's user name: ``user@host:port/database``."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL (PostgreSQL only); the password, when given, percent-encoded."""
        if self.kind != "postgresql":
            raise ValueError("an SQLite desk uses the file in the data folder")
        auth = quote(self.user, safe="")
        if password:
            auth += ":" + quote(password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql+psycopg://{auth}@{host}:{int(self.port)}/{quote(self.database, safe='')}"


def load_config(settings=None) -> DatabaseConfig:
    """The saved configuration of this desk (the default: embedded SQLite)."""
    from cuijiao_desktop.settings import Keys, UiSettings

    s = settings or UiSettings()
    kind = s.get(Keys.DB_KIND)
    return DatabaseConfig(
        kind=kind if kind in KINDS else "sqlite", host=s.get(Keys.DB_HOST), port=s.get(Keys.DB_PORT),
        database=s.get(Keys.DB_NAME), user=s.get(Keys.DB_USER),
    )


def save_config(config: DatabaseConfig, settings=None) -> None:
    """Save this desk's configuration (never the password)."""
    from cuijiao_desktop.settings import Keys, UiSettings

    s = settings or UiSettings()
    s.set(Keys.DB_KIND, config.kind)
    s.set(Keys.DB_HOST, config.host.strip())
    s.set(Keys.DB_PORT, int(config.port))
    s.set(Keys.DB_NAME, config.database.strip())
    s.set(Keys.DB_USER, config.user.strip())
    s.sync()


def _keyring():
    try:
        import keyring
    except ImportError as exc:  # a build without the package
        raise DomainError("db.keyring_unavailable", detail=str(exc)) from exc
    return keyring


def _keyring_error(exc: Exception) -> DomainError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DomainError("db.keyring_unavailable", detail=detail[:200])


def get_password(config: DatabaseConfig) -> str | None:
    """The saved password of ``config`` from the system keyring (None when none is saved).

    Raises ``DomainError("db.keyring_unavailable")`` when there is no usable keyring.
    """
    kr = _keyring()
    try:
        return kr.get_password(KEYRING_SERVICE, config.keyring_user)
    except Exception as exc:
        raise _keyring_error(exc) from exc


def set_password(config: DatabaseConfig, password: str | None) -> None:
    """Save (or with None/"" forget) the password of ``config`` in the system keyring."""
    kr = _keyring()
    try:
        if password:
            kr.set_password(KEYRING_SERVICE, config.keyring_user, password)
        else:
            try:
                kr.delete_password(KEYRING_SERVICE, config.keyring_user)
            except kr.errors.PasswordDeleteError:
                pass
    except Exception as exc:
        raise _keyring_error(exc) from exc


def configured_url(settings=None) -> str | None:
    """The PostgreSQL URL this desk is set up for (with the keyring's password when there is one),
    or None for the embedded SQLite database. A keyring that does not work is not an error here:
    the server may still accept ``PGPASSWORD`` or a pgpass file."""
    config = load_config(settings)
    if config.kind != "postgresql" or config.problems():
        return None
    try:
        password = get_password(config)
    except DomainError:
        password = None
    return config.url(password)


def with_kind(config: DatabaseConfig, kind: str) -> DatabaseConfig:
    """``config`` switched to ``kind``."""
    return replace(config, kind=kind)
