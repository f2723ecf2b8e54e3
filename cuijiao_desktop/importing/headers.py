"""Find the header row of a sheet and map its columns to the fields of an import.

Offices put title rows above the header (merged ``XX小区业主信息表``), notes
(``制表人：``, ``日期：``) and sometimes a units row; the header is the row, among the
first :data:`SCAN_ROWS`, whose cells name the most known fields. Header names are compared
after NFKC, without spaces, ``*`` marks and bracketed units (``建筑面积(㎡)`` -> ``建筑面积``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "FIELDS",
    "SCAN_ROWS",
    "Field",
    "HeaderGuess",
    "ImportKind",
    "detect_header",
    "field_by_key",
    "header_key",
    "mapping_problems",
]

SCAN_ROWS = 30


class ImportKind(StrEnum):
    """What a sheet holds."""

    ROOMS = "rooms"  # 房屋/业主
    BILLS = "bills"  # 应收/期初欠费
    PAYMENTS = "payments"  # 实收


KIND_ZH = {ImportKind.ROOMS: "房屋与业主", ImportKind.BILLS: "应收账单", ImportKind.PAYMENTS: "实收记录"}


@dataclass(frozen=True)
class Field:
    """One thing an import reads: ``key`` (code), ``label`` (the canonical Chinese header), aliases."""

    key: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False


_ROOM_FIELDS = (
    Field("building", "楼栋", ("楼栋", "楼号", "栋", "栋号", "楼栋号", "幢", "幢号", "楼宇", "楼栋名称", "楼")),
    Field("unit", "单元", ("单元", "单元号")),
    Field("room", "房号", ("房号", "房间号", "房屋编号", "室号", "房间", "门牌号", "房屋", "户号", "房屋号",
                          "房号编码", "房产编号", "房间编号", "房产"), required=True),
)

FIELDS: dict[ImportKind, tuple[Field, ...]] = {
    ImportKind.ROOMS: _ROOM_FIELDS + (
        Field("owner", "业主", ("业主", "业主姓名", "姓名", "户主", "业主名称", "客户名称", "客户", "产权人",
                               "客户姓名", "业主名")),
        Field("phone", "电话", ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "业主电话",
                               "电话号码", "业主手机", "联系电话号码")),
        Field("area", "面积", ("面积", "建筑面积", "房屋面积", "计费面积", "收费面积", "产权面积")),
        Field("occupancy", "入住状态", ("入住状态", "状态", "房屋状态", "居住状态", "入住情况")),
        Field("owner_type", "业主类型", ("业主类型", "客户类型", "业主性质")),
        Field("usage", "用途", ("用途", "房屋用途", "房屋类型", "物业类型", "房产类型")),
        Field("tenant", "租户", ("租户", "租户姓名", "承租人", "住户", "住户姓名")),
        Field("tenant_phone", "租户电话", ("租户电话", "租户手机", "承租人电话", "住户电话", "租户联系电话")),
        Field("note", "备注", ("备注", "说明", "备注说明")),
    ),
    ImportKind.BILLS: _ROOM_FIELDS + (
        Field("fee_item", "收费项目", ("收费项目", "费用名称", "费用项目", "收费名称", "项目", "费项", "科目",
                                       "收费项目名称", "费用类型"), required=True),
        Field("period", "账期", ("账期", "所属期间", "费用期间", "月份", "所属月份", "计费月份", "期间",
                                 "费用所属期", "账单月份", "所属期", "费用月份"), required=True),
        Field("amount", "应收", ("应收", "应收金额", "应缴", "应缴金额", "应收款", "金额", "欠费金额", "欠款",
                                 "欠费", "应收费用"), required=True),
        Field("paid", "已缴", ("实收", "实收金额", "已缴", "已缴金额", "已收", "已收金额", "已交", "已交金额")),
        Field("paid_on", "缴费日期", ("缴费日期", "收款日期", "付款日期", "缴款日期", "实收日期", "交费日期",
                                      "收款时间", "缴费时间", "交费时间", "付款时间", "收费日期", "收费时间")),
        Field("due_date", "应缴日期", ("应缴日期", "缴费截止日", "截止日期", "到期日", "最后缴费日期", "缴费期限")),
    ),
    ImportKind.PAYMENTS: _ROOM_FIELDS + (
        Field("paid_on", "缴费日期", ("缴费日期", "日期", "交易日期", "收款日期", "扣款日期", "入账日期",
                                      "付款日期", "交费日期", "缴款日期"), required=True),
        Field("amount", "金额", ("金额", "实收", "实收金额", "缴费金额", "交易金额", "扣款金额", "收款金额",
                                 "实缴金额", "交费金额"), required=True),
        Field("method", "缴费方式", ("缴费方式", "支付方式", "付款方式", "收款方式", "方式", "交费方式")),
        Field("receipt_no", "票据号", ("票据号", "收据号", "单据号", "流水号", "交易流水号", "凭证号", "收据编号",
                                       "交易号", "订单号", "票据编号", "交易流水")),
        Field("note", "备注", ("备注", "说明", "摘要")),
    ),
}


def field_by_key(kind: ImportKind, key: str) -> Field:
    """The field ``key`` of ``kind``."""
    for f in FIELDS[kind]:
        if f.key == key:
            return f
    raise KeyError(key)


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>")
_UNIT_SUFFIX = re.compile(r"(m2|平方米|平米|㎡)$")


def header_key(value: Any) -> str:
    """A header cell as compared with the aliases (``" 建筑面积（㎡）* "`` -> ``"建筑面积"``)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\s+", "", text).strip("*:：#")
    text = _BRACKETS.sub("", text)
    text = _UNIT_SUFFIX.sub("", text)
    return text.strip("*:：").lower()


def _match(kind: ImportKind, key: str) -> tuple[str, int] | None:
    """(field key, score) for one header text: 3 exact alias, 1 the text contains an alias."""
    if not key:
        return None
    best: tuple[str, int] | None = None
    for f in FIELDS[kind]:
        if key in f.aliases:
            return f.key, 3
        for alias in f.aliases:
            if len(alias) >= 2 and alias in key and (best is None or best[1] < 1):
                best = (f.key, 1)
    return best


@dataclass(frozen=True)
class HeaderGuess:
    """Where the header is (0-based row index) and which column holds each field (0-based)."""

    kind: ImportKind
    header_row: int | None
    titles: tuple[str, ...]  # the header cells as text
    mapping: Mapping[str, int] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """True when a header row was recognised."""
        return self.header_row is not None


def _assign(kind: ImportKind, keys: Sequence[str]) -> dict[str, int]:
    candidates = []
    for col, key in enumerate(keys):
        hit = _match(kind, key)
        if hit is not None:
            candidates.append((-hit[1], col, hit[0]))
    mapping: dict[str, int] = {}
    for _score, col, fkey in sorted(candidates):
        if fkey not in mapping and col not in mapping.values():
            mapping[fkey] = col
    return mapping


def detect_header(kind: ImportKind, rows: Sequence[Sequence[Any]]) -> HeaderGuess:
    """Find the header row among the first :data:`SCAN_ROWS` rows and map its columns.

    The header is the row naming the most fields (at least two, one of them a room field);
    ties go to the first such row. Returns a guess with ``header_row=None`` when none fits.
    """
    room_keys = {"room", "building"}
    best: tuple[int, int, dict[str, int]] | None = None
    for i, row in enumerate(rows[:SCAN_ROWS]):
        keys = [header_key(v) for v in row]
        mapping = _assign(kind, keys)
        if len(mapping) < 2 or not room_keys & mapping.keys():
            continue
        score = len(mapping)
        if best is None or score > best[0]:
            best = (score, i, mapping)
    if best is None:
        return HeaderGuess(kind, None, ())
    _, index, mapping = best
    titles = tuple("" if v is None else str(v).strip() for v in rows[index])
    return HeaderGuess(kind, index, titles, mapping)


def mapping_problems(kind: ImportKind, mapping: Mapping[str, int]) -> list[str]:
    """Reasons (Chinese) why ``mapping`` cannot be imported: missing required fields, a column used twice."""
    problems = []
    keys = set(mapping)
    for f in FIELDS[kind]:
        if f.required and f.key not in keys:
            problems.append(f"缺少必需的列：{f.label}")
    cols = list(mapping.values())
    for col in sorted({c for c in cols if cols.count(c) > 1}):
        names = "、".join(field_by_key(kind, k).label for k, c in mapping.items() if c == col)
        problems.append(f"同一列被用作多个字段：{names}")
    return problems
