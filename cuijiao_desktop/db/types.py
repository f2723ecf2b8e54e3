"""Column types: money in integer fen, UTC timestamps, string-backed enums."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class Fen(TypeDecorator[int]):
    """Money as a whole number of fen (分). Refuses floats and Decimals so no rounding slips in."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        fen = getattr(value, "fen", value)  # accept domain Money
        if isinstance(fen, bool) or not isinstance(fen, int):
            raise TypeError(f"money must be integer fen, got {type(value).__name__}")
        return fen

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else int(value)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every engine (SQLite stores naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use UTC-aware timestamps")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class StrEnumType(TypeDecorator[Any]):
    """Stores a StrEnum's value as VARCHAR; returns the enum member."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_cls: type[enum.Enum], length: int = 32) -> None:
        super().__init__(length)
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self.enum_cls(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum_cls(value)

    def __repr__(self) -> str:
        return f"StrEnumType({self.enum_cls.__name__})"


class IntEnumType(TypeDecorator[Any]):
    """Stores an IntEnum as INTEGER (so stages sort in escalation order)."""

    impl = Integer
    cache_ok = True

    def __init__(self, enum_cls: type[enum.IntEnum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else int(self.enum_cls(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum_cls(value)


def utcnow() -> datetime:
    """Current time, UTC-aware."""
    return datetime.now(UTC)
