"""Import rooms and owners, bills and payments from a spreadsheet: plan (preview), then commit.

``plan_import`` reads the database and says, row by row, what an import would do:
create, update, leave unchanged or reject (with the reason in Chinese). ``commit_import``
plans again inside the caller's transaction (the data may have changed since the preview)
and writes everything with bulk Core statements; the boundary's single transaction makes
it all or nothing, and a cancel raises ``DomainError("task.cancelled")`` so it rolls back.

One module per job: :mod:`.rooms`, :mod:`.bills` (with the fee items a file names),
:mod:`.payments`; :mod:`.common` holds the DTOs and bulk-writing helpers, :mod:`.service`
the two use cases. Each kind has a planner (compares the rows with the database, collects
what to write) and an ``apply_*`` function built from small writing helpers.

Matching rules (re-importing the same file changes nothing):

* **Estate**: every import targets one estate, given by name. Without a name: the only
  estate; none at all: a rooms import creates ``DEFAULT_ESTATE`` (a named one creates that
  name), bills and payments need the rooms first; several estates: the name is required.
* **Rooms** by estate + canonical code; blank cells say nothing (never clear a value).
* **Persons** by name among the room's current owners (or tenants). Another name ends the
  current owner's link (``end_date`` = today, the history is kept) and links a new person.
  Phones are added to the person when new; existing contacts are never removed.
* **Fee items** by the word in the file: the item's name or code, a common synonym when
  exactly one item matches (物业费 → 物业管理费), the user's choice, or a new item
  (``create_fee_items`` or the choice ``"create"``; needs the permission to edit fee items).
* **Bills** by room + fee item + period. A changed amount updates the bill only while nothing
  is paid, discounted or waived on it; otherwise the row is rejected (a paid bill is never
  silently changed). A larger "already paid" amount becomes a real payment (method 历史导入,
  the given date) allocated to that bill; a smaller one is rejected.
* **Payments** by receipt number, or, without one, by room + date + amount + the count of
  identical rows before it in the file. Imported payments get a receipt number ``DR…``
  derived from that key (unique in the schema), so a repeated import adds nothing. New
  payments are allocated oldest bill first; what is left becomes prepaid credit.
"""

from __future__ import annotations

from .bills import CHOICE_CREATE, CHOICE_SKIP
from .common import (
    ACTION_ZH,
    DEFAULT_ESTATE,
    HOW_ZH,
    FeeItemWord,
    ImportPlan,
    ImportResult,
    RowOutcome,
    estate_names,
)
from .service import commit_import, plan_import

__all__ = [
    "ACTION_ZH",
    "CHOICE_CREATE",
    "CHOICE_SKIP",
    "DEFAULT_ESTATE",
    "HOW_ZH",
    "FeeItemWord",
    "ImportPlan",
    "ImportResult",
    "RowOutcome",
    "commit_import",
    "estate_names",
    "plan_import",
]
