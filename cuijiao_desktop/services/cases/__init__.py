"""Collection cases (催缴案件, issue 10 items 4–7): where each case stands on the ladder and what is
due, opening and closing, the split among collectors, instalments, extensions and holds, and
service issues. One module per job; the names other areas use are re-exported here:

- ``due_steps(session, *, today, user_id=None)``: ladder steps due (the worklists);
- ``plan_statuses(session, *, today, case_ids=None, room_ids=None)``: instalment plans with each
  instalment's state derived from the ledger;
- ``pauses(session, ...)`` and ``collection_case.hold_until``: extensions and holds (a case on
  hold drops out of the worklists);
- ``create_issue(session, ...)``: a service issue (the call form's complaint);
- ``sync_cases(session, ...)``: open/close cases by the office's threshold.
"""

from __future__ import annotations

from .assignment import (
    CollectorLoad,
    CollectorOption,
    SplitMove,
    SplitPreview,
    apply_split,
    collector_options,
    reassign_cases,
    split_preview,
)
from .common import CASE_SETTING_KEYS, Debt, case_settings, room_debts
from .issues import IssueDTO, StaffOption, create_issue, list_issues, staff_options, update_issue
from .lifecycle import SyncResult, open_case, sync_cases, sync_cases_daily, update_case_settings
from .listing import (
    CaseDetail,
    CaseFilterOptions,
    CaseRow,
    CasesTabData,
    LadderLine,
    LineState,
    case_detail,
    case_filter_options,
    case_for_room,
    cases_tab_data,
    list_cases,
)
from .plans import (
    EXTENSION,
    HOLD,
    InstalmentDTO,
    PauseDTO,
    PlanDTO,
    cancel_plan,
    decide_pause,
    decide_plan,
    end_hold,
    mark_step_done,
    pauses,
    plan_statuses,
    request_extension,
    request_hold,
    request_plan,
)
from .positions import (
    CasePosition,
    CaseRef,
    DueStep,
    case_positions,
    due_steps,
    ladder_steps,
    next_step_after,
    open_cases,
)

__all__ = [
    "CASE_SETTING_KEYS",
    "EXTENSION",
    "HOLD",
    "CaseDetail",
    "CaseFilterOptions",
    "CasePosition",
    "CaseRef",
    "CaseRow",
    "CasesTabData",
    "CollectorLoad",
    "CollectorOption",
    "Debt",
    "DueStep",
    "InstalmentDTO",
    "IssueDTO",
    "LadderLine",
    "LineState",
    "PauseDTO",
    "PlanDTO",
    "SplitMove",
    "SplitPreview",
    "StaffOption",
    "SyncResult",
    "apply_split",
    "cancel_plan",
    "case_detail",
    "case_filter_options",
    "case_for_room",
    "case_positions",
    "case_settings",
    "cases_tab_data",
    "collector_options",
    "create_issue",
    "decide_pause",
    "decide_plan",
    "due_steps",
    "end_hold",
    "ladder_steps",
    "list_cases",
    "list_issues",
    "mark_step_done",
    "next_step_after",
    "open_case",
    "open_cases",
    "pauses",
    "plan_statuses",
    "reassign_cases",
    "request_extension",
    "request_hold",
    "request_plan",
    "room_debts",
    "split_preview",
    "staff_options",
    "sync_cases",
    "sync_cases_daily",
    "update_case_settings",
    "update_issue",
]
