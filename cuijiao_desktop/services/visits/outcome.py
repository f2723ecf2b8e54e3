"""The outcome of a visit: what happened, the evidence, and the revisit, in one transaction.

* a contact event (channel visit) with whom they met, the result as its outcome, the attitude;
* a promise (``promise`` is the one place promises live) for PROMISED, or INSTALMENT with a date;
* the notice handed over, recorded as delivered through the print room
  (``services.delivery.record_delivery``): signed for, it is an evidenced demand that restarts
  the limitation clock; not signed, it is a door posting (no evidence);
* photos copied into the data folder under their content hash (``services.delivery.store_proof``);
* service issues raised (``service_issue``, linked to the contact event);
* optionally the revisit, planned with every rule checked, linked as ``next_visit_id``.
"""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.visits import OutcomeDraft

from ..dto import UserDTO
from .dto import OutcomeResult

__all__ = ["record_outcome"]


def record_outcome(
    session: Session, *, actor: UserDTO, draft: OutcomeDraft, now: datetime, data_dir: str | os.PathLike[str],
) -> OutcomeResult:
    """Record the outcome of a planned or confirmed visit (``Permission.PLAN_VISITS``; handing a
    notice also needs ``PRINT_NOTICES``). ``now`` (aware): when it is recorded (the contact event is
    dated at the visit's start when recorded later). Everything or nothing is written."""
    raise NotImplementedError
