"""Typed registry of UI preferences stored in ``QSettings``.

Only UI state lives here (window geometry, language, last folders, column
widths, shortcut overrides). Business configuration lives in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from cuijiao_desktop.datadir import APPLICATION, ORGANIZATION

T = TypeVar("T")

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


@dataclass(frozen=True)
class Key(Generic[T]):
    """One preference: its storage name, Python type and default value."""

    name: str
    type: type
    default: T


class Keys:
    """Every known preference, declared once."""

    LANGUAGE = Key("ui/language", str, DEFAULT_LANGUAGE)
    LAST_USERNAME = Key("login/last_username", str, "")
    MAIN_GEOMETRY = Key("main_window/geometry", QByteArray, QByteArray())
    MAIN_STATE = Key("main_window/state", QByteArray, QByteArray())
    RECEIPT_PAPER = Key("printing/receipt_paper", str, "a5")  # this desk's printer: "a5" or "241x93"
    # this desk's database (issue 14): the password is in the system keyring, never here
    DB_KIND = Key("database/kind", str, "sqlite")  # "sqlite" (embedded, default) or "postgresql"
    DB_HOST = Key("database/host", str, "")
    DB_PORT = Key("database/port", int, 5432)
    DB_NAME = Key("database/name", str, "cuijiao")
    DB_USER = Key("database/user", str, "")
    BACKUP_KEEP_DAYS = Key("backup/keep_days", int, 30)  # automatic backups older than this are deleted
    # Shared desks: after this many idle minutes the window locks and the sign-in ends (0: never).
    IDLE_LOCK_MINUTES = Key("security/idle_lock_minutes", int, 10)


class UiSettings:
    """Typed access to QSettings. Pass ``store`` in tests (e.g. an INI file in tmp_path)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    @property
    def store(self) -> QSettings:
        """The underlying QSettings (for sync/flush in tests)."""
        return self._store

    # generic typed access
    def get(self, key: Key[T]) -> T:
        """The stored value of ``key`` converted to its type, or its default."""
        raw = self._store.value(key.name, None)
        return _convert(raw, key.type, key.default)

    def set(self, key: Key[T], value: T) -> None:
        """Store ``value`` for ``key``."""
        self._store.setValue(key.name, value)

    def reset(self, key: Key[Any]) -> None:
        """Forget the stored value of ``key``."""
        self._store.remove(key.name)

    # convenience
    @property
    def language(self) -> str:
        """Saved UI language, one of LANGUAGES."""
        lang = self.get(Keys.LANGUAGE)
        return lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self.set(Keys.LANGUAGE, value)

    def last_folder(self, purpose: str) -> str:
        """Last folder used for ``purpose`` (e.g. "backup", "export"), or ""."""
        return _convert(self._store.value(f"folders/{purpose}", None), str, "")

    def set_last_folder(self, purpose: str, folder: str) -> None:
        """Remember the folder used for ``purpose``."""
        self._store.setValue(f"folders/{purpose}", folder)

    def column_widths(self, table: str) -> list[int]:
        """Saved column widths of ``table`` (empty when unknown)."""
        raw = self._store.value(f"columns/{table}", None)
        if not raw:
            return []
        if isinstance(raw, str):
            raw = raw.split(",")
        try:
            return [int(x) for x in raw]
        except (TypeError, ValueError):
            return []

    def set_column_widths(self, table: str, widths: list[int]) -> None:
        """Remember the column widths of ``table``."""
        self._store.setValue(f"columns/{table}", ",".join(str(int(w)) for w in widths))

    def shortcut_override(self, action_id: str) -> str | None:
        """The user's shortcut for an action id: None = default, "" = no shortcut."""
        raw = self._store.value(f"shortcuts/{action_id}", None)
        return None if raw is None else str(raw)

    def set_shortcut_override(self, action_id: str, sequence: str | None) -> None:
        """Set (or with None, clear) the user's shortcut for an action id."""
        if sequence is None:
            self._store.remove(f"shortcuts/{action_id}")
        else:
            self._store.setValue(f"shortcuts/{action_id}", sequence)

    def sync(self) -> None:
        """Write pending changes to storage."""
        self._store.sync()


def _convert(raw: Any, typ: type, default: Any) -> Any:
    if raw is None:
        return default
    if typ is bool:
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes")
        return bool(raw)
    if typ is int:
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    if typ is str:
        return str(raw)
    if typ is QByteArray:
        return raw if isinstance(raw, QByteArray) else default
    return raw if isinstance(raw, typ) else default
