"""The audit log's hash chain: each row carries the hash of the row before it and a hash of its own
content, so a changed, deleted or inserted row breaks the chain at that place.

Pure rules (no database): the canonical form of a row, its hash, and the walk that finds the first
broken link. The services feed rows in chain order; the migration that added the chain uses the
same :func:`row_hash`, so every row ever written verifies with one formula.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

#: The "previous hash" of the first row of a chain.
GENESIS = "0" * 64
#: Part of every hashed content: a later formula would get a new tag, and old rows keep verifying.
FORMAT = "cuijiao-audit-v1"


def canonical_time(at: datetime) -> str:
    """A timestamp as hashed: UTC with microseconds (``2026-12-06T14:22:19.123456Z``)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(*, chain_seq: int, prev_hash: str, at: datetime, user_id: int | None, username: str, action: str,
             entity: str, entity_id: str | None, room_id: int | None, detail: str) -> str:
    """SHA-256 (hex) over the row's canonical content, which includes its place and the hash before it."""
    content = [FORMAT, int(chain_seq), prev_hash, canonical_time(at), user_id, username, action, entity,
               entity_id, room_id, detail]
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """What one audit row says: everything but its place in the chain (the hashed content)."""

    at: datetime
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str | None
    room_id: int | None
    detail: str

    def hash_at(self, chain_seq: int, prev_hash: str) -> str:
        """The hash of this entry as row ``chain_seq`` of the chain, behind the row hashed ``prev_hash``."""
        return row_hash(chain_seq=chain_seq, prev_hash=prev_hash, **vars(self))


@dataclass(frozen=True)
class ChainRow:
    """A stored audit row: its id, its place in the chain, its stored hashes and what it says."""

    id: int
    chain_seq: int
    prev_hash: str
    row_hash: str
    entry: AuditEntry


def hash_of(row: ChainRow) -> str:
    """The hash ``row`` should carry."""
    return row.entry.hash_at(row.chain_seq, row.prev_hash)


class BreakKind(StrEnum):
    CHANGED = "changed"    # the row's content no longer matches its own hash
    MISSING = "missing"    # numbers are skipped: rows were deleted
    INSERTED = "inserted"  # the row does not follow the row before it (inserted or replaced)


@dataclass(frozen=True)
class ChainBreak:
    """The first broken link. ``chain_seq``/``audit_id`` name the row where the walk stopped;
    for MISSING, ``expected_seq`` is the first number that is gone."""

    kind: BreakKind
    chain_seq: int
    audit_id: int
    expected_seq: int
    at: datetime
    action: str


@dataclass
class ChainWalk:
    """Walks rows in chain order and stops at the first broken link (feed it page by page)."""

    checked: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    broken: ChainBreak | None = None

    def feed(self, rows: Iterable[ChainRow]) -> bool:
        """Check ``rows`` (in ``chain_seq`` order); False once a broken link was found."""
        for row in rows:
            if self.broken is not None:
                return False
            expected = self.last_seq + 1
            if hash_of(row) != row.row_hash:
                kind = BreakKind.CHANGED
            elif row.chain_seq != expected:
                kind = BreakKind.MISSING if row.chain_seq > expected else BreakKind.INSERTED
            elif row.prev_hash != self.last_hash:
                kind = BreakKind.INSERTED
            else:
                self.checked += 1
                self.last_seq, self.last_hash = row.chain_seq, row.row_hash
                continue
            self.broken = ChainBreak(kind, row.chain_seq, row.id, expected, row.entry.at, row.entry.action)
            return False
        return self.broken is None
