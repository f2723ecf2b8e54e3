"""Database triggers that keep the arrears cache honest, for SQLite and PostgreSQL.

The arrears cache (``arrears_cache``, see ``services/arrears_cache.py``) holds each room's row
of the arrears table: sums derived from the bills and late fees, and the room's owner, phone,
case, latest contact and pending promise. Whatever writes those tables – payments, reversals,
billing, credit application, imports, late-fee assessment and waivers, room and owner edits,
collection work, a hand-made SQL fix – fires a trigger here that marks the room dirty
(``arrears_dirty``); readers then compute a dirty room from the tables instead of trusting its
cached row. So the cache can be stale, but never wrong, and no service has to remember it.

SQLite gets row triggers (``INSERT OR IGNORE``: writers are serialised by the write lock).
PostgreSQL gets statement triggers over transition tables for INSERT and DELETE, so a billing
run that inserts 50,000 bills marks the rooms with one statement, and row triggers with a WHEN
clause for UPDATE. There a mark is an upsert that updates the existing row (``DO UPDATE``),
which takes its row lock: a refresh deleting the mark waits for the writer to commit and then
reads what the writer wrote (see ``services/arrears_cache.py``).

Used by migration 0007 and by the demo's bulk load (which drops the triggers while loading and
then rebuilds the whole cache). A change here needs a new migration.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class _Mark:
    """One trigger: on ``op`` of ``table``, mark the rooms of the new and/or old rows.

    ``via`` says how a row leads to its rooms: ``room_id`` (a column), ``room`` (the row is the
    room), ``bill`` (its ``bill_id``'s room), ``person`` (the row is a person: every room linked
    to them), ``person_id`` (a column: the rooms linked to that person).
    ``columns``: for UPDATE, the columns whose change matters (the trigger fires only then).
    """

    table: str
    op: str  # INSERT, UPDATE, DELETE
    via: str
    columns: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"trg_{self.table}_arrears_{self.op.lower()}"

    @property
    def sides(self) -> tuple[str, ...]:
        return {"INSERT": ("NEW",), "DELETE": ("OLD",), "UPDATE": ("NEW", "OLD")}[self.op]


def _all_ops(table: str, via: str, columns: tuple[str, ...]) -> tuple[_Mark, ...]:
    return (_Mark(table, "INSERT", via), _Mark(table, "UPDATE", via, columns), _Mark(table, "DELETE", via))


#: Every write that can change a row of the arrears table. Payment allocations count on their own:
#: a payment of only the late fee of a settled bill changes no bill row. Waivers, allocations and
#: contact events are append-only, but a mark costs nothing.
MARKS: tuple[_Mark, ...] = (
    *_all_ops("bill", "room_id", ("room_id", "period", "amount_fen", "discount_fen", "paid_fen", "waived_fen",
                                  "due_date")),
    *_all_ops("late_fee_assessment", "bill", ("bill_id", "amount_fen", "paid_fen")),
    _Mark("late_fee_waiver", "INSERT", "bill"),
    _Mark("payment_allocation", "INSERT", "bill"),
    _Mark("room", "UPDATE", "room", ("estate_id", "building_id", "unit_id", "number", "code")),
    *_all_ops("room_person", "room_id", ("room_id", "person_id", "role", "end_date")),
    _Mark("person", "UPDATE", "person", ("name", "name_initials")),
    *_all_ops("contact", "person_id", ("person_id", "kind", "value", "last4", "is_primary", "valid")),
    *_all_ops("collection_case", "room_id", ("room_id", "stage", "collector_id", "reason", "closed_on",
                                             "next_action_on")),
    *_all_ops("contact_event", "room_id", ("room_id", "occurred_at", "outcome", "next_follow_up")),
    *_all_ops("promise", "room_id", ("room_id", "due_date", "amount_fen")),
)

TRIGGER_NAMES: tuple[str, ...] = tuple(m.name for m in MARKS)


def _rooms_of(via: str, row: str) -> str:
    """A query of the rooms of ``row`` (``NEW``/``OLD`` in SQLite, a table alias in PostgreSQL)."""
    return {
        "room_id": f"SELECT {row}.room_id AS room_id WHERE {row}.room_id IS NOT NULL",
        "room": f"SELECT {row}.id AS room_id",
        "bill": f"SELECT room_id FROM bill WHERE id = {row}.bill_id",
        "person": f"SELECT room_id FROM room_person WHERE person_id = {row}.id",
        "person_id": f"SELECT room_id FROM room_person WHERE person_id = {row}.person_id",
    }[via]


# ---------------------------------------------------------------------------
# SQLite: row triggers
# ---------------------------------------------------------------------------


def _sqlite_trigger(mark: _Mark) -> str:
    of = f" OF {', '.join(mark.columns)}" if mark.columns else ""
    when = ""
    if mark.columns:
        when = " WHEN " + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in mark.columns)
    body = " ".join(f"INSERT OR IGNORE INTO arrears_dirty (room_id) {_rooms_of(mark.via, side)};"
                    for side in mark.sides)
    return f"CREATE TRIGGER {mark.name} AFTER {mark.op}{of} ON {mark.table} FOR EACH ROW{when} BEGIN {body} END"


# ---------------------------------------------------------------------------
# PostgreSQL: statement triggers over transition tables for INSERT and DELETE (a billing run or
# an import inserts thousands of rows in one statement), row triggers for UPDATE (updates come
# one row per statement, and the WHEN clause skips unchanged rows without calling anything)
# ---------------------------------------------------------------------------

_PG_UPSERT = "ON CONFLICT (room_id) DO UPDATE SET room_id = EXCLUDED.room_id"


def _pg_function_name(mark: _Mark) -> str:
    return f"cuijiao_arrears_{mark.table}_{mark.op.lower()}"


def _pg_statement_rooms(mark: _Mark) -> str:
    """A query of the room ids of the statement's transition table (a column named ``room_id``)."""
    (side,) = mark.sides
    rows = "new_rows" if side == "NEW" else "old_rows"
    return {
        "room_id": f"SELECT n.room_id FROM {rows} n",
        "room": f"SELECT n.id AS room_id FROM {rows} n",
        "bill": f"SELECT b.room_id FROM {rows} n JOIN bill b ON b.id = n.bill_id",
        "person": f"SELECT rp.room_id FROM {rows} n JOIN room_person rp ON rp.person_id = n.id",
        "person_id": f"SELECT rp.room_id FROM {rows} n JOIN room_person rp ON rp.person_id = n.person_id",
    }[mark.via]


def _pg_function(mark: _Mark) -> str:
    if mark.op == "UPDATE":
        rooms = " UNION ".join(_rooms_of(mark.via, side) for side in mark.sides)
        result = "NEW"
    else:
        rooms, result = _pg_statement_rooms(mark), "NULL"
    return f"""
CREATE OR REPLACE FUNCTION {_pg_function_name(mark)}() RETURNS trigger AS $$
BEGIN
    INSERT INTO arrears_dirty (room_id)
    SELECT DISTINCT room_id FROM ({rooms}) AS touched WHERE room_id IS NOT NULL ORDER BY room_id
    {_PG_UPSERT};
    RETURN {result};
END;
$$ LANGUAGE plpgsql
"""


def _pg_trigger(mark: _Mark) -> str:
    if mark.op == "UPDATE":
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in mark.columns)
        return (f"CREATE TRIGGER {mark.name} AFTER UPDATE ON {mark.table} FOR EACH ROW WHEN ({changed}) "
                f"EXECUTE FUNCTION {_pg_function_name(mark)}()")
    (side,) = mark.sides
    return (f"CREATE TRIGGER {mark.name} AFTER {mark.op} ON {mark.table} REFERENCING {side} TABLE AS "
            f"{side.lower()}_rows FOR EACH STATEMENT EXECUTE FUNCTION {_pg_function_name(mark)}()")


# ---------------------------------------------------------------------------
# Create, drop, inspect
# ---------------------------------------------------------------------------


def create_arrears_triggers(conn: Connection) -> None:
    """Create the triggers that mark rooms dirty (SQLite or PostgreSQL)."""
    dialect = conn.dialect.name
    for mark in MARKS:
        if dialect == "sqlite":
            conn.exec_driver_sql(_sqlite_trigger(mark))
        elif dialect == "postgresql":
            conn.exec_driver_sql(_pg_function(mark))
            conn.exec_driver_sql(_pg_trigger(mark))
        else:  # pragma: no cover - only the two supported engines
            raise NotImplementedError(dialect)


def drop_arrears_triggers(conn: Connection) -> None:
    """Undo :func:`create_arrears_triggers` (downgrades, and the demo while it bulk-loads)."""
    dialect = conn.dialect.name
    for mark in MARKS:
        if dialect == "sqlite":
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {mark.name}")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {mark.name} ON {mark.table}")
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {_pg_function_name(mark)}()")


def missing_arrears_triggers(conn: Connection) -> list[str]:
    """The names of the triggers that are missing (or disabled on PostgreSQL); empty when all work."""
    if conn.dialect.name == "sqlite":
        present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    else:
        present = set(conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'").scalars())
    return [name for name in TRIGGER_NAMES if name not in present]
