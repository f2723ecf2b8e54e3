"""The collection ladder (催缴流程): the office's steps, where a case stands on them, what is due.

A case (a room's collection file) climbs the office's steps in order. Each step has a *stage*
(what kind of step it is: reminder, phone, written notice …), a *channel* (how it is done), a
*wait* (days after the previous step was done; for the first step, after the case opened) and a
*minimum* (the debt reaches ``min_amount_fen`` or is ``min_months`` months old; either one
suffices; none set means always). A step whose minimum is not reached keeps the case on the step
before it: a small or young debt never escalates to a lawyer's letter.

Where a case stands is never typed in: :func:`ladder_position` reads it from the case's history.

* **Done steps.** Every contact, notice issued, visit done and explicit "step done" mark is a
  :class:`LadderEvent` evidencing a stage (an SMS evidences the reminder, a call the phone step,
  a notice the written notice …). An event completes the first step still ahead of the case with
  its stage: the next one, or a later one of a higher stage than the case's (a notice issued
  before anyone called skips the call; a second call does not jump over the notice to a later
  call step). Explicit marks name their step.
* **Promises.** The next step waits for a promise made since the last step until the promised
  day has passed; a broken promise makes the next step due on the day it broke, however long the
  wait would have been (a broken promise moves the case on).
* **Instalment plans** (approved): while the owner keeps to the schedule the next step waits
  for the day after the next unpaid instalment; a missed instalment moves the case on the day
  after it was due, like a broken promise.
* **Holds and extensions** (approved): while one runs the case drops out of the worklists; a
  step that fell due during it is due again the day after it ends.
* **Nothing owed**: nothing is due (the case closes when the room is cleared).

Civil Code art. 944 forbids cutting water, power, heating or gas to force payment of property
fees, so no step ever does that and step names, notes and notice texts are checked for threats
(:func:`check_notice_text`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .enums import Channel, NoticeKind, PromiseStatus, Stage

__all__ = [
    "DEFAULT_LADDER",
    "DISCLOSURE_WORDS",
    "FORBIDDEN_WORDS",
    "NOTICE_RULES",
    "DueReason",
    "Hold",
    "InstalmentMark",
    "LadderEvent",
    "LadderPosition",
    "LadderStep",
    "NoticeFinding",
    "NoticeRule",
    "PositionState",
    "PromiseEvent",
    "StepKind",
    "check_notice_text",
    "contact_stage",
    "ladder_position",
    "minimum_met",
    "notice_stage",
    "notice_text_findings",
    "step_kind",
    "validate_steps",
]

#: Longest wait between two steps (ten years) and largest minimum of months.
MAX_WAIT_DAYS = 3650
MAX_MONTHS = 600


@dataclass(frozen=True)
class LadderStep:
    """One configured step of the office's ladder.

    ``wait_days``: days after the previous step was done (the first step: after the case opened).
    ``min_amount_fen`` / ``min_months``: the step is reached only when the debt is at least this
    much or this many months old (0 = not set; both 0 = no minimum). ``id`` is the database row's
    (stable when steps are reordered; explicit "step done" marks refer to it).
    """

    seq: int
    stage: Stage
    name_zh: str
    wait_days: int
    channel: Channel
    note: str = ""
    min_amount_fen: int = 0
    min_months: int = 0
    id: int | None = None
    active: bool = True


DEFAULT_LADDER: tuple[LadderStep, ...] = (
    LadderStep(1, Stage.REMINDER, "缴费提醒", 0, Channel.SMS,
               "立案当天短信/微信友好提醒：欠费金额、期间与缴费方式"),
    LadderStep(2, Stage.PHONE, "电话催缴", 2, Channel.PHONE,
               "提醒后约2天内致电；记录接听人、结果、原因、承诺日期与金额"),
    LadderStep(3, Stage.WRITTEN_NOTICE, "书面催缴通知书", 13, Channel.LETTER,
               "须送达并留存回执；系列通知每3-4天一次，第6次起须签收并计收滞纳金"),
    LadderStep(4, Stage.VISIT, "上门催缴", 15, Channel.VISIT,
               "先电话预约，至少两名员工（主管+维修工），现场记录态度与约定"),
    LadderStep(5, Stage.PUBLIC_BOARD, "欠费公示", 30, Channel.NOTICE,
               "仅公示楼栋单元、遮蔽房号、月数与金额，不公示姓名电话；已缴请忽略", min_months=3),
    LadderStep(6, Stage.COMMITTEE, "业委会督促", 30, Channel.VISIT,
               "《物业管理条例》第64条：业委会督促限期缴纳", min_months=3),
    LadderStep(7, Stage.LAWYER_LETTER, "律师函", 30, Channel.REGISTERED_LETTER,
               "欠费超过¥5,000或超过1年；记录快递单号", min_amount_fen=500_000, min_months=12),
    LadderStep(8, Stage.LITIGATION, "起诉/仲裁", 60, Channel.REGISTERED_LETTER,
               "证据链：服务合同、欠费明细、全部催缴与送达记录；注意诉讼时效", min_amount_fen=500_000, min_months=12),
    LadderStep(9, Stage.WRITE_OFF, "坏账核销", 365, Channel.LETTER, "附全部催缴证据，经审批", min_months=36),
)


def minimum_met(step: LadderStep, *, amount_fen: int, months: int) -> bool:
    """Whether a debt of ``amount_fen`` over ``months`` months reaches ``step``'s minimum.

    Either minimum suffices (the lawyer's letter: over ¥5,000 *or* over a year); a step without
    any minimum is reached by every debt.
    """
    if not step.min_amount_fen and not step.min_months:
        return True
    if step.min_amount_fen and amount_fen >= step.min_amount_fen:
        return True
    return bool(step.min_months) and months >= step.min_months


# ---------------------------------------------------------------------------
# What a step asks of the collector, and what history evidences which stage
# ---------------------------------------------------------------------------


class StepKind(StrEnum):
    """What doing a step means for the person who does it (the worklist's grouping)."""

    CALL = "call"  # phone the owner
    MESSAGE = "message"  # send an SMS / WeChat / e-mail
    NOTICE = "notice"  # print and deliver a notice or letter
    VISIT = "visit"  # go to the door (or to the owners' committee)
    BOARD = "board"  # post on the public board
    OTHER = "other"


_KIND_BY_CHANNEL = {
    Channel.PHONE: StepKind.CALL,
    Channel.SMS: StepKind.MESSAGE,
    Channel.WECHAT: StepKind.MESSAGE,
    Channel.EMAIL: StepKind.MESSAGE,
    Channel.LETTER: StepKind.NOTICE,
    Channel.REGISTERED_LETTER: StepKind.NOTICE,
    Channel.VISIT: StepKind.VISIT,
    Channel.NOTICE: StepKind.BOARD,
}


def step_kind(channel: Channel | str) -> StepKind:
    """What a step done through ``channel`` asks for."""
    return _KIND_BY_CHANNEL.get(Channel(channel), StepKind.OTHER)


_STAGE_BY_CONTACT = {
    Channel.SMS: Stage.REMINDER,
    Channel.WECHAT: Stage.REMINDER,
    Channel.EMAIL: Stage.REMINDER,
    Channel.PHONE: Stage.PHONE,
    Channel.DESK: Stage.PHONE,  # spoken to in person at the desk: as good as the call
    Channel.VISIT: Stage.VISIT,
    # a letter, registered or not, or a notice on the door is a written demand; which one (a
    # lawyer's letter …) only the notice itself tells (notice_stage)
    Channel.LETTER: Stage.WRITTEN_NOTICE,
    Channel.REGISTERED_LETTER: Stage.WRITTEN_NOTICE,
    Channel.NOTICE: Stage.WRITTEN_NOTICE,
}


def contact_stage(channel: Channel | str) -> Stage:
    """The stage a logged contact through ``channel`` evidences (an SMS: the reminder, a call: the
    phone step, a letter: a written notice). The public board, the owners' committee, the lawsuit
    and the write-off leave no contact of their own: they are marked done on the case."""
    return _STAGE_BY_CONTACT[Channel(channel)]


def notice_stage(kind: NoticeKind | str) -> Stage:
    """The stage an issued notice evidences: a lawyer's letter, or else a written notice."""
    return Stage.LAWYER_LETTER if NoticeKind(kind) is NoticeKind.LAWYER_LETTER else Stage.WRITTEN_NOTICE


# ---------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class LadderEvent:
    """Something done on a case on day ``on`` that evidences ``stage``; ``step_id`` when it is an
    explicit "step done" mark of one step."""

    on: date
    stage: Stage
    step_id: int | None = None


@dataclass(frozen=True)
class PromiseEvent:
    """A promise to pay made on ``made_on`` for ``due_date``, in its derived state as of today."""

    made_on: date
    due_date: date
    status: PromiseStatus


@dataclass(frozen=True)
class InstalmentMark:
    """An instalment of an approved plan: its due date and whether it is paid (as of today)."""

    due_date: date
    paid: bool


@dataclass(frozen=True)
class Hold:
    """An approved hold (暂停催缴) or extension (延期): no chasing from ``start`` to ``until``."""

    start: date
    until: date


class PositionState(StrEnum):
    """Where a case stands today."""

    CLEARED = "cleared"  # nothing owed: nothing to do (the case closes)
    DUE = "due"  # the next step is due today or overdue
    WAITING = "waiting"  # the next step falls due later
    ON_HOLD = "on_hold"  # a hold or extension runs today
    BELOW_MINIMUM = "below_minimum"  # the next step's minimum is not reached: the case stays here
    END = "end"  # every step is done


class DueReason(StrEnum):
    """Why the next step falls due on its day."""

    WAIT = "wait"  # the step's wait after the previous one
    PROMISE = "promise"  # after a promised day (kept or still open)
    PROMISE_BROKEN = "promise_broken"  # a broken promise moved the case on
    INSTALMENT = "instalment"  # after the next instalment of a plan kept to
    INSTALMENT_MISSED = "instalment_missed"  # a missed instalment moved the case on
    HOLD = "hold"  # resumed after a hold or extension


@dataclass(frozen=True)
class LadderPosition:
    """A case's place on the ladder today."""

    state: PositionState
    done: LadderStep | None  # the last step done (None: none yet)
    done_on: date | None
    next: LadderStep | None  # the next step (None when cleared or at the end)
    due_on: date | None  # when it is due (None below its minimum)
    reason: DueReason | None
    hold_until: date | None  # the hold or extension running today
    promise_due: date | None  # the promise (or instalment) the next step waits for, or that broke
    completed: tuple[tuple[int, date], ...] = ()  # (seq, day) of each step done, in order; the rest skipped

    @property
    def stage(self) -> Stage:
        """The stage reached: that of the last step done, or preparation."""
        return self.done.stage if self.done is not None else Stage.PREPARATION

    @property
    def is_due(self) -> bool:
        """True when the next step is to be done now (due today or overdue, not on hold)."""
        return self.state is PositionState.DUE

    def overdue_days(self, today: date) -> int:
        """Days the next step is late (0 when due today or not due)."""
        if self.due_on is None or self.state is not PositionState.DUE:
            return 0
        return max(0, (today - self.due_on).days)


def _ahead(active: Sequence[LadderStep], pos: int, event: LadderEvent) -> int | None:
    """Index of the step ``event`` completes when the case stands at ``pos`` (-1: nothing done)."""
    if event.step_id is not None:
        return next((j for j in range(pos + 1, len(active)) if active[j].id == event.step_id), None)
    current = active[pos].stage if pos >= 0 else Stage.PREPARATION
    for j in range(pos + 1, len(active)):
        if active[j].stage == event.stage:
            return j if j == pos + 1 or active[j].stage > current else None
    return None


def ladder_position(
    steps: Iterable[LadderStep],
    *,
    opened_on: date,
    today: date,
    amount_fen: int,
    months: int,
    events: Iterable[LadderEvent] = (),
    promises: Iterable[PromiseEvent] = (),
    instalments: Iterable[InstalmentMark] = (),
    holds: Iterable[Hold] = (),
) -> LadderPosition:
    """Where a case opened on ``opened_on`` stands on ``today``, from its history.

    ``amount_fen`` and ``months`` are the room's overdue arrears today (they decide the next
    step's minimum). Events before the case opened or after today are ignored; inactive steps
    are skipped.
    """
    active = sorted((s for s in steps if s.active), key=lambda s: s.seq)
    pos, since, done_on = -1, opened_on, None
    completed: list[tuple[int, date]] = []
    for event in sorted(events):
        if not opened_on <= event.on <= today:
            continue
        j = _ahead(active, pos, event)
        if j is not None:
            pos, since, done_on = j, event.on, event.on
            completed.append((active[j].seq, event.on))
    done = active[pos] if pos >= 0 else None
    running = [h.until for h in holds if h.start <= today <= h.until]
    hold_until = max(running) if running else None

    def position(state: PositionState, nxt: LadderStep | None = None, due: date | None = None,
                 reason: DueReason | None = None, promise_due: date | None = None) -> LadderPosition:
        return LadderPosition(state, done, done_on, nxt, due, reason, hold_until, promise_due, tuple(completed))

    if amount_fen <= 0:
        return position(PositionState.CLEARED)
    if pos + 1 >= len(active):
        return position(PositionState.END)
    nxt = active[pos + 1]
    if not minimum_met(nxt, amount_fen=amount_fen, months=months):
        return position(PositionState.ON_HOLD if hold_until else PositionState.BELOW_MINIMUM, nxt)

    due, reason, promise_due = since + timedelta(days=nxt.wait_days), DueReason.WAIT, None
    recent = [p for p in promises if since <= p.made_on <= today]
    if recent:
        p = max(recent, key=lambda p: (p.made_on, p.due_date))
        after = p.due_date + timedelta(days=1)
        promise_due = p.due_date
        if p.status is PromiseStatus.BROKEN:
            due, reason = after, DueReason.PROMISE_BROKEN
        elif after > due:
            due, reason = after, DueReason.PROMISE
    unpaid = sorted(i.due_date for i in instalments if not i.paid)
    if unpaid:
        first = unpaid[0]
        after = first + timedelta(days=1)
        if first < today:
            if after > since:  # missed since the last step: the case moves on at once
                due, reason, promise_due = after, DueReason.INSTALMENT_MISSED, first
        elif after > due:
            due, reason, promise_due = after, DueReason.INSTALMENT, first
    moved = True
    while moved:  # holds may follow one another
        moved = False
        for h in holds:
            if h.start <= today and h.start <= h.until and h.until >= due:
                due, reason, moved = h.until + timedelta(days=1), DueReason.HOLD, True
    if hold_until is not None:
        state = PositionState.ON_HOLD
    else:
        state = PositionState.DUE if due <= today else PositionState.WAITING
    return position(state, nxt, due, reason, promise_due)


# ---------------------------------------------------------------------------
# Checking a ladder a manager edits
# ---------------------------------------------------------------------------


def validate_steps(steps: Sequence[LadderStep]) -> list[tuple[int, str, dict]]:
    """Problems of an edited ladder: ``(index, code, params)`` for each step at fault.

    Names are required; waits 0–3650 days; minimums not negative; no threatening words
    (Civil Code art. 944) in a name or note; at least one step stays active.
    """
    problems: list[tuple[int, str, dict]] = []
    for i, s in enumerate(steps):
        if not s.name_zh.strip():
            problems.append((i, "ladder.name_required", {"field": "name"}))
        words = check_notice_text(f"{s.name_zh}\n{s.note}")
        if words:
            problems.append((i, "ladder.forbidden_words", {"field": "name", "words": "、".join(words)}))
        if not 0 <= s.wait_days <= MAX_WAIT_DAYS:
            problems.append((i, "ladder.days_out_of_range", {"field": "wait_days"}))
        if s.min_amount_fen < 0:
            problems.append((i, "ladder.minimum_negative", {"field": "min_amount"}))
        if not 0 <= s.min_months <= MAX_MONTHS:
            problems.append((i, "ladder.months_out_of_range", {"field": "min_months"}))
    if steps and not any(s.active for s in steps):
        problems.append((0, "ladder.none_active", {}))
    return problems


#: Phrases a property-fee notice must never contain: threats to cut utilities or services.
FORBIDDEN_WORDS: tuple[str, ...] = (
    "停水", "停电", "断水", "断电", "停气", "断气", "停暖", "断暖", "限电", "限水", "限气",
    "停止供水", "停止供电", "停止供气", "停止供暖", "停止供热", "停热", "断热",
    "切断水电", "拉闸", "断网", "停梯", "停用电梯", "停用门禁", "限制出入", "停止服务",
)

#: Phrases that disclose an owner's debt to third parties or threaten to (employer, relatives,
#: neighbours, the press, a named public list): privacy (Civil Code art. 1032) and PIPL art. 25.
DISCLOSURE_WORDS: tuple[str, ...] = (
    "通知您的单位", "通知你的单位", "告知您的单位", "告知你的单位", "通知工作单位", "告知工作单位", "联系您的单位",
    "联系你的单位", "联系单位领导", "通报单位", "告知您的亲友", "告知你的亲友", "通知您的亲友", "通知你的亲友",
    "告知亲友", "通知亲友", "联系您的亲友", "告知邻居", "通知邻居", "告知左邻右舍", "公布姓名", "公开姓名",
    "公示姓名", "张贴姓名", "公布您的姓名", "公开您的姓名", "公示您的姓名", "公布身份证", "公布电话", "曝光",
    "媒体报道", "登报", "黑名单", "失信名单", "通报批评", "挂牌公示",
)


@dataclass(frozen=True)
class NoticeRule:
    """A law that notice wording must respect, with the phrases that break it."""

    code: str  # "utilities" | "disclosure"
    article_zh: str  # the article cited to the user
    reason_zh: str
    phrases: tuple[str, ...]
    negation_allowed: bool = False  # "不公示姓名" states the rule; "不停水" is still refused (no hints at all)


#: The rules every notice text is checked against (templates on save and before every batch).
NOTICE_RULES: tuple[NoticeRule, ...] = (
    NoticeRule("utilities", "《民法典》第九百四十四条", "不得以停止供水、供电、供热、供燃气等方式催交物业费",
               FORBIDDEN_WORDS),
    NoticeRule("disclosure", "《民法典》第一千零三十二条、《个人信息保护法》第二十五条",
               "不得向第三方披露业主欠费信息（单位、亲友、邻居、媒体、公开姓名）", DISCLOSURE_WORDS,
               negation_allowed=True),
)


@dataclass(frozen=True)
class NoticeFinding:
    """A forbidden phrase found in a text and the rule it breaks."""

    phrase: str
    rule: NoticeRule

    def describe_zh(self) -> str:
        """``“停水”：违反《民法典》第九百四十四条（不得以停止供水…催交物业费）``."""
        return f"“{self.phrase}”：违反{self.rule.article_zh}（{self.rule.reason_zh}）"


_STRIP = re.compile(r"[\s\u200b\u3000·、，,.。\-_*]+")


def _flat(text: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", text or ""))


def notice_text_findings(text: str) -> list[NoticeFinding]:
    """Every forbidden phrase in ``text`` with its rule, rule by rule, each phrase once.

    Spaces and punctuation inside a phrase do not hide it (``停 水``, ``停-电``).
    """
    flat = _flat(text)
    return [NoticeFinding(w, rule) for rule in NOTICE_RULES for w in rule.phrases
            if w in flat and (not rule.negation_allowed or _affirmed(flat, w))]


_NEGATIONS = ("不", "勿", "禁止", "严禁", "不得", "不会", "绝不", "不予", "不再")


def _affirmed(flat: str, phrase: str) -> bool:
    """True when some occurrence of ``phrase`` is not directly negated (``不公示姓名`` is a promise, not a threat)."""
    start = flat.find(phrase)
    while start >= 0:
        if not any(flat[:start].endswith(n) for n in _NEGATIONS):
            return True
        start = flat.find(phrase, start + 1)
    return False


def check_notice_text(text: str) -> list[str]:
    """Forbidden phrases found in ``text`` (threats to cut utilities first, then disclosure), each once."""
    return [f.phrase for f in notice_text_findings(text)]
