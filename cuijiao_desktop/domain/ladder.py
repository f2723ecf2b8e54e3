"""The collection ladder (催缴流程) and the lawful-wording check for notices.

Civil Code art. 944 forbids cutting water, power, heating or gas to force payment
of property fees, so no step ever does that and notice texts are checked for threats.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .enums import Channel, Stage

__all__ = [
    "DEFAULT_LADDER",
    "DISCLOSURE_WORDS",
    "FORBIDDEN_WORDS",
    "NOTICE_RULES",
    "LadderStep",
    "NoticeFinding",
    "NoticeRule",
    "check_notice_text",
    "is_step_due",
    "next_step",
    "notice_text_findings",
]


@dataclass(frozen=True)
class LadderStep:
    """One configured step. ``days_after_due`` may be negative (a reminder before the due date).

    ``min_amount_fen``: when set, the step is also due as soon as the debt exceeds it
    (the lawyer letter: over ¥5,000 or over a year).
    """

    seq: int
    stage: Stage
    name_zh: str
    days_after_due: int
    channel: Channel
    note: str = ""
    min_amount_fen: int | None = None


DEFAULT_LADDER: tuple[LadderStep, ...] = (
    LadderStep(1, Stage.REMINDER, "缴费提醒", -5, Channel.SMS, "到期前友好提醒：金额与缴费期限"),
    LadderStep(2, Stage.REMINDER, "到期提醒", 0, Channel.SMS, "缴费期截止日提醒"),
    LadderStep(3, Stage.PHONE, "电话催缴", 2, Channel.PHONE, "短信后约2天内致电；记录结果、承诺日期与金额"),
    LadderStep(4, Stage.WRITTEN_NOTICE, "书面催缴通知书", 15, Channel.LETTER,
               "须送达并留存回执；系列通知每3-4天一次，第6次起须签收并计收滞纳金"),
    LadderStep(5, Stage.VISIT, "上门催缴", 30, Channel.VISIT, "先电话预约，至少两名员工（主管+维修工）"),
    LadderStep(6, Stage.PUBLIC_BOARD, "欠费公示", 60, Channel.NOTICE,
               "仅公示楼栋单元、遮蔽房号、月数与金额，不公示姓名电话；已缴请忽略"),
    LadderStep(7, Stage.COMMITTEE, "业委会督促", 90, Channel.VISIT, "《物业管理条例》第64条：业委会督促限期缴纳"),
    LadderStep(8, Stage.LAWYER_LETTER, "律师函", 366, Channel.REGISTERED_LETTER,
               "欠费超过¥5,000或超过1年；记录快递单号", min_amount_fen=500_000),
    LadderStep(9, Stage.LITIGATION, "起诉/仲裁", 450, Channel.REGISTERED_LETTER,
               "证据链：服务合同、欠费明细、全部催缴与送达记录；注意诉讼时效"),
    LadderStep(10, Stage.WRITE_OFF, "坏账核销", 1095, Channel.LETTER, "附全部催缴证据，经审批"),
)


def is_step_due(step: LadderStep, *, days_overdue: int, amount_fen: int) -> bool:
    """Whether ``step``'s time has come for a debt of ``amount_fen`` that is ``days_overdue`` old."""
    if days_overdue >= step.days_after_due:
        return True
    return step.min_amount_fen is not None and days_overdue > 0 and amount_fen > step.min_amount_fen


def next_step(
    ladder: Sequence[LadderStep],
    *,
    current: Stage,
    days_overdue: int,
    amount_fen: int,
    last_seq: int | None = None,
) -> LadderStep | None:
    """The step to do now, or None when nothing is due yet (or nothing is owed).

    Escalates one step at a time: the first step after ``current`` (or after step
    ``last_seq`` when given, which also distinguishes steps of the same stage) if it
    is due. Steps before the due date are skipped once the debt is overdue.
    """
    if amount_fen <= 0:
        return None
    steps = sorted(ladder, key=lambda s: s.seq)
    if last_seq is not None:
        candidates = [s for s in steps if s.seq > last_seq]
    else:
        candidates = [s for s in steps if s.stage > current]
    if days_overdue > 0:
        candidates = [s for s in candidates if s.days_after_due >= 0]
    if not candidates:
        return None
    step = candidates[0]
    return step if is_step_due(step, days_overdue=days_overdue, amount_fen=amount_fen) else None


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
