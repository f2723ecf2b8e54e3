"""The ten-notice series (催缴通知书) and its editable templates.

A template is a small text file an office can edit in Notepad::

    # comment lines start with '#'
    version = v1
    level = 3
    title = 催缴通知书
    deadline_days = 7
    ---
    尊敬的{业主}：
    ……body paragraphs, separated by blank lines……
    {欠费明细}
    ……paragraphs after the table……

Named placeholders in braces (``{业主}``, ``{房号}``, ``{合计}`` …, see :data:`PLACEHOLDERS`)
are filled per room; a paragraph that is exactly ``{欠费明细}`` is where the itemised table
goes. Every template is checked against the notice rules of ``domain.ladder`` (Civil Code
art. 944: no threat to cut utilities; no disclosure to third parties) when it is saved and
before every batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .enums import DeliveryMethod, NoticeKind
from .errors import ValidationError
from .ladder import notice_text_findings

__all__ = [
    "LEVELS",
    "MAX_LEVEL",
    "PLACEHOLDERS",
    "SIGNATURE_FROM_LEVEL",
    "TABLE_MARK",
    "ArrearsLine",
    "LevelInfo",
    "NoticeTemplate",
    "arrears_lines",
    "bump_version",
    "check_template",
    "default_intended_delivery",
    "fill",
    "format_template",
    "late_fee_rule_text",
    "level_zh",
    "next_level",
    "parse_template",
    "period_text",
    "sum_lines",
]

#: From this level on the owner must sign for the notice (and late fees are charged).
SIGNATURE_FROM_LEVEL = 6
MAX_LEVEL = 10
TABLE_MARK = "{欠费明细}"

#: Placeholder -> what it is filled with (shown in the template editor).
PLACEHOLDERS: dict[str, str] = {
    "业主": "业主姓名（收件人）",
    "房号": "房号，如 3-2-1502",
    "小区": "小区名称",
    "欠费金额": "逾期未缴的本金合计，如 ¥1,234.50",
    "滞纳金": "尚欠滞纳金",
    "合计": "本金与滞纳金合计",
    "合计大写": "合计金额大写",
    "欠费月数": "欠费月数",
    "起始月份": "最早欠费月份，如 2026年3月",
    "截止月份": "最近欠费月份",
    "缴费期限": "请于此日前缴纳，如 2026年12月1日",
    "日期": "通知日期",
    "编号": "通知编号",
    "第几次": "第几次催缴，如 三",
    "服务中心": "服务中心名称",
    "服务中心电话": "服务中心电话",
    "服务中心地址": "服务中心地址",
    "开户银行": "收款开户银行",
    "银行账号": "收款银行账号",
    "合同条款": "《物业服务合同》中关于缴费和滞纳金的条款",
    "滞纳金规则": "滞纳金的计算规则",
    "欠费明细": "（单独成段）欠费明细表",
}

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,12})\}")
_CN_NUM = "零一二三四五六七八九十"


@dataclass(frozen=True)
class LevelInfo:
    """What a level of the series is: its kind, default title, firmness colour and delivery."""

    level: int
    kind: NoticeKind
    title: str
    accent: tuple[float, float, float]  # RGB 0..1: paper colour grows stronger with the level
    needs_signature: bool
    deadline_days: int


def _accent(level: int) -> tuple[float, float, float]:
    if level <= 2:
        return (0.12, 0.36, 0.58)  # calm blue
    if level <= 5:
        return (0.80, 0.45, 0.05)  # amber
    if level <= 8:
        return (0.78, 0.24, 0.08)  # deep orange
    return (0.62, 0.07, 0.09)  # dark red


def _kind(level: int) -> NoticeKind:
    if level == 1:
        return NoticeKind.REMINDER
    return NoticeKind.FINAL_NOTICE if level == MAX_LEVEL else NoticeKind.ARREARS_NOTICE


LEVELS: dict[int, LevelInfo] = {
    lv: LevelInfo(
        level=lv, kind=_kind(lv),
        title={1: "温馨提示", 9: "催缴函", 10: "最后催告函"}.get(lv, "催缴通知书"),
        accent=_accent(lv), needs_signature=lv >= SIGNATURE_FROM_LEVEL,
        deadline_days=10 if lv == 1 else (15 if lv == MAX_LEVEL else 7),
    )
    for lv in range(1, MAX_LEVEL + 1)
}


def level_zh(level: int) -> str:
    """``3`` -> ``"三"``, ``10`` -> ``"十"``."""
    return _CN_NUM[level] if 0 <= level <= 10 else str(level)


def next_level(last_level: int | None) -> int | None:
    """The level after ``last_level`` (1 when none); None once the series of ten is complete."""
    if last_level is None or last_level < 1:
        return 1
    return last_level + 1 if last_level < MAX_LEVEL else None


def default_intended_delivery(level: int) -> DeliveryMethod:
    """How a notice of ``level`` is meant to reach the owner: signed for from level 6, else by hand/door."""
    return DeliveryMethod.HAND_SIGNED if level >= SIGNATURE_FROM_LEVEL else DeliveryMethod.DOOR


def _rate_text(ppm: int) -> str:
    """300 -> ``日万分之三（0.3‰）``; 500 -> ``日万分之五（0.5‰）``; 250 -> ``日0.025%``."""
    per_mille = f"{ppm / 1000:g}‰"
    if ppm % 100 == 0 and 1 <= ppm // 100 <= 10:
        return f"日万分之{_CN_NUM[ppm // 100]}（{per_mille}）"
    return f"日{ppm / 10000:g}%（{per_mille}）"


def late_fee_rule_text(daily_rate_ppm: int, grace_days: int = 0, from_notice_level: int | None = None,
                       cap_ppm_of_principal: int | None = None) -> str:
    """The contract's late-fee rule in words, for notices and the dossier.

    ``late_fee_rule_text(300, 30, 6)`` -> ``逾期超过30天未缴的，自第六次催缴通知起按欠费本金的日万分之三（0.3‰）计收滞纳金，
    累计不超过欠费本金``.
    """
    parts = [f"逾期超过{grace_days}天未缴的，" if grace_days else "逾期未缴的，"]
    if from_notice_level:
        parts.append(f"自第{level_zh(from_notice_level)}次催缴通知起")
    parts.append(f"按欠费本金的{_rate_text(daily_rate_ppm)}计收滞纳金")
    if cap_ppm_of_principal is not None and cap_ppm_of_principal < 1_000_000:
        parts.append(f"，累计不超过欠费本金的{cap_ppm_of_principal / 10000:g}%")
    else:
        parts.append("，累计不超过欠费本金")
    return "".join(parts)


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeTemplate:
    """One level's wording. ``paragraphs`` keep :data:`TABLE_MARK` where the table goes."""

    level: int
    version: str
    title: str
    deadline_days: int
    paragraphs: tuple[str, ...]
    source: str = "builtin"  # "builtin" | "office" (overridden in the office's data folder)
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def info(self) -> LevelInfo:
        return LEVELS[self.level]

    @property
    def version_label(self) -> str:
        """What a notice records: ``v1`` for the built-in wording, ``v3/本地`` for an office's."""
        return self.version if self.source == "builtin" else f"{self.version}/本地"

    def text(self) -> str:
        """All wording (the title and every paragraph) for the notice rules."""
        return "\n".join((self.title, *self.paragraphs))


def parse_template(text: str, *, source: str = "builtin") -> NoticeTemplate:
    """Read a template file's text; raises ``ValidationError("notice_template.invalid", …)``."""
    head, sep, body = (text or "").replace("\r\n", "\n").lstrip("\ufeff").partition("\n---")
    if not sep:
        raise ValidationError("notice_template.invalid", reason="缺少分隔行 ---")
    body = body.partition("\n")[2] if not body.startswith("\n") else body[1:]
    values: dict[str, str] = {}
    for raw in head.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, eq, value = line.partition("=")
        if not eq:
            raise ValidationError("notice_template.invalid", reason=f"无法识别的行：{line}")
        values[key.strip()] = value.strip()
    try:
        level = int(values.pop("level"))
    except (KeyError, ValueError) as exc:
        raise ValidationError("notice_template.invalid", reason="缺少 level = 1…10") from exc
    if level not in LEVELS:
        raise ValidationError("notice_template.invalid", reason="level 必须是 1 到 10")
    try:
        deadline = int(values.pop("deadline_days", str(LEVELS[level].deadline_days)))
    except ValueError as exc:
        raise ValidationError("notice_template.invalid", reason="deadline_days 必须是天数") from exc
    if not 1 <= deadline <= 90:
        raise ValidationError("notice_template.invalid", reason="deadline_days 必须在 1 到 90 天之间")
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return NoticeTemplate(
        level=level, version=values.pop("version", "v1") or "v1", title=values.pop("title", "") or LEVELS[level].title,
        deadline_days=deadline, paragraphs=paragraphs, source=source, extra=values,
    )


def format_template(t: NoticeTemplate, *, header_comment: str = "") -> str:
    """The file text of ``t`` (what :func:`parse_template` reads back)."""
    lines = [f"# {c}" for c in header_comment.splitlines() if c.strip()]
    lines += [f"version = {t.version}", f"level = {t.level}", f"title = {t.title}", f"deadline_days = {t.deadline_days}"]
    lines += [f"{k} = {v}" for k, v in t.extra.items()]
    lines.append("---")
    return "\n".join(lines) + "\n" + "\n\n".join(t.paragraphs) + "\n"


def bump_version(version: str) -> str:
    """``v1`` -> ``v2``, ``2026.3`` -> ``2026.4``, ``abc`` -> ``abc.1``."""
    m = re.search(r"(\d+)$", version or "")
    if not m:
        return f"{version or 'v'}.1" if version else "v2"
    return f"{version[:m.start()]}{int(m.group(1)) + 1}"


def check_template(t: NoticeTemplate) -> None:
    """Refuse a template that breaks a notice rule or uses unknown placeholders.

    Raises ``ValidationError("notice_template.forbidden", findings=…, level=…)`` citing the
    article, or ``notice_template.unknown_placeholder`` / ``notice_template.empty``.
    """
    findings = notice_text_findings(t.text())
    if findings:
        raise ValidationError(
            "notice_template.forbidden", field="text", level=t.level,
            findings="；".join(f.describe_zh() for f in findings),
            phrases=[f.phrase for f in findings],
        )
    unknown = sorted({m.group(1) for p in t.paragraphs for m in _PLACEHOLDER.finditer(p)} - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError("notice_template.unknown_placeholder", field="text", level=t.level,
                              names="、".join("{" + u + "}" for u in unknown))
    if not [p for p in t.paragraphs if p != TABLE_MARK] or not t.title.strip():
        raise ValidationError("notice_template.empty", field="text", level=t.level)


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each known ``{name}`` in ``text`` by its value; unknown braces stay as they are."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


# ---------------------------------------------------------------------------
# The itemised arrears table
# ---------------------------------------------------------------------------


def period_text(period: int) -> str:
    """``202603`` -> ``"2026-03"``."""
    return f"{period // 100}-{period % 100:02d}"


def _next_period(p: int) -> int:
    return p + 89 if p % 100 == 12 else p + 1


@dataclass(frozen=True)
class ArrearsLine:
    """One line of the table: an item over a run of months with the same monthly amount."""

    item: str
    first: int  # YYYYMM
    last: int
    months: int
    basis: str  # "2.50元/㎡·月 × 89.37㎡ × 6个月"
    amount_fen: int

    @property
    def periods(self) -> str:
        if self.first == self.last:
            return period_text(self.first)
        return f"{period_text(self.first)} 至 {period_text(self.last)}"


def arrears_lines(
    bills: Iterable[tuple[int, str, int, int, str]], *, max_lines: int = 10,
) -> list[ArrearsLine]:
    """Group unpaid bills ``(period, item, item_order, outstanding_fen, basis_note)`` into table lines.

    Consecutive months of an item with the same amount and basis make one line (the basis then
    says ``× N个月``); the lines of an item stay together, in the items' order. When that still gives more than ``max_lines`` lines, each item becomes one
    line over all its months, so a notice always fits its page; the sum never changes.
    """
    by_item: dict[str, list[tuple[int, int, int, str]]] = {}
    for period, item, order, fen, basis in bills:
        if fen > 0:
            by_item.setdefault(item, []).append((period, order, fen, basis))
    runs: list[tuple[int, int, ArrearsLine]] = []
    for item, rows in by_item.items():
        rows.sort()
        start = prev = rows[0]
        total, count = start[2], 1
        for row in rows[1:]:
            if row[0] == _next_period(prev[0]) and row[2] == prev[2] and row[3] == prev[3]:
                prev, total, count = row, total + row[2], count + 1
                continue
            runs.append((start[0], start[1], _line(item, start, prev, total, count)))
            start = prev = row
            total, count = row[2], 1
        runs.append((start[0], start[1], _line(item, start, prev, total, count)))
    if len(runs) > max_lines:
        runs = []
        for item, rows in by_item.items():
            total = sum(r[2] for r in rows)
            runs.append((rows[0][0], rows[0][1], ArrearsLine(
                item, rows[0][0], rows[-1][0], len(rows), f"共{len(rows)}个月，逐月明细见对账单", total)))
    runs.sort(key=lambda r: (r[1], r[2].item, r[0]))  # each fee item together, oldest months first
    return [r[2] for r in runs]


def _line(item: str, first: tuple, last: tuple, total: int, count: int) -> ArrearsLine:
    basis = first[3] or ""
    if count > 1:
        basis = f"{basis} × {count}个月" if basis else f"{count}个月"
    return ArrearsLine(item, first[0], last[0], count, basis, total)


def sum_lines(lines: Sequence[ArrearsLine]) -> int:
    """The principal of the table."""
    return sum(x.amount_fen for x in lines)
