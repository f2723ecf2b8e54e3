"""SMS reminders (催缴短信) written from a template: placeholders, length in segments, the wording check.

The office sends the messages from its own SMS platform; this program writes the batch file. A
template is plain text with the notice templates' placeholder syntax (``{称呼}``, ``{欠费金额}`` …,
see :data:`SMS_PLACEHOLDERS`), filled by :func:`domain.notices.fill`. What a message shows follows
the masking rules (``domain.masking``): the owner by surname and a neutral title (``张先生/女士``),
never the whole name; the room with its last digits masked (``3栋2单元15**``), because a message is
read on a lock screen and passes through the platform. The amount owed is shown: it is what the
message is for, and it goes to the owner's own mobile only.

Length: Chinese carriers count 70 characters (letters, digits and hanzi alike, the signature
included) in a single message; a longer one is sent in parts of 67 characters each.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .errors import ValidationError
from .ladder import notice_text_findings
from .notices import fill

__all__ = [
    "DEFAULT_SMS_TEMPLATE",
    "MAX_SMS_CHARS",
    "SINGLE_SEGMENT_CHARS",
    "SMS_PLACEHOLDERS",
    "check_sms_template",
    "render_sms",
    "sms_segments",
]

#: Characters of one message sent alone; a longer text goes in parts of :data:`PART_CHARS`.
SINGLE_SEGMENT_CHARS = 70
PART_CHARS = 67
#: A template longer than this is refused (platforms cut messages of more than ~500 characters).
MAX_SMS_CHARS = 500

#: Placeholder -> what it is filled with (shown beside the template editor).
SMS_PLACEHOLDERS: dict[str, str] = {
    "称呼": "业主称呼：姓氏加“先生/女士”，如 张先生/女士（不显示全名）",
    "房号": "房号，末两位隐去，如 3栋2单元15**",
    "小区": "小区名称",
    "欠费金额": "逾期未缴的合计，如 ¥1,234.50",
    "欠费月数": "欠费月数",
    "起始月份": "最早欠费月份，如 2026年3月",
    "缴费期限": "请于此日前缴纳，如 2026年12月1日",
    "服务中心": "服务中心名称",
    "服务中心电话": "服务中心电话",
}

DEFAULT_SMS_TEMPLATE = (
    "【{服务中心}】尊敬的{称呼}：您在{小区}{房号}的物业费尚欠{欠费金额}（{欠费月数}个月），"
    "请于{缴费期限}前缴纳。如已缴请忽略，咨询{服务中心电话}。"
)

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,12})\}")


def sms_segments(text: str) -> int:
    """How many messages ``text`` is billed as: 1 up to 70 characters, else one per 67 (0 for no text)."""
    n = len(text or "")
    if n == 0:
        return 0
    return 1 if n <= SINGLE_SEGMENT_CHARS else math.ceil(n / PART_CHARS)


def check_sms_template(text: str) -> None:
    """Refuse an empty or over-long template, unknown placeholders, and wording a notice may not use
    (threats to cut utilities, disclosure to third parties: the notice rules of ``domain.ladder``).

    Raises ``ValidationError`` with code ``sms.template_empty``, ``sms.template_too_long``,
    ``sms.unknown_placeholder`` or ``sms.template_forbidden``.
    """
    body = (text or "").strip()
    if not body:
        raise ValidationError("sms.template_empty", field="template")
    if len(body) > MAX_SMS_CHARS:
        raise ValidationError("sms.template_too_long", field="template", chars=len(body), limit=MAX_SMS_CHARS)
    unknown = sorted({m.group(1) for m in _PLACEHOLDER.finditer(body)} - set(SMS_PLACEHOLDERS))
    if unknown:
        raise ValidationError("sms.unknown_placeholder", field="template",
                              names="、".join("{" + u + "}" for u in unknown))
    findings = notice_text_findings(body)
    if findings:
        raise ValidationError("sms.template_forbidden", field="template",
                              findings="；".join(f.describe_zh() for f in findings))


def render_sms(template: str, values: Mapping[str, str]) -> str:
    """The message of one room: the template with its placeholders filled, on one line."""
    text = fill((template or "").strip(), values)
    return re.sub(r"\s*[\r\n]+\s*", "", text)
