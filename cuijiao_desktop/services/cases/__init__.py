"""Collection cases (催缴案件, issue 10 items 4–7): where each case stands on the ladder and what is
due, opening and closing, the split among collectors, instalments, extensions and holds, and
service issues. One module per job; the names other areas use are re-exported here.
"""

from __future__ import annotations

from .positions import CasePosition, CaseRef, DueStep, case_positions, due_steps, ladder_steps, open_cases

__all__ = [
    "CasePosition",
    "CaseRef",
    "DueStep",
    "case_positions",
    "due_steps",
    "ladder_steps",
    "open_cases",
]
