"""Chinese words for enum values in documents that are Chinese whatever the UI language.

Excel exports, PDFs and the command line print these; the GUI goes through Qt translations.
"""

from __future__ import annotations

from .enums import ArrearsReason, CallOutcome, PaymentMethod, Stage

__all__ = ["ARREARS_ZH", "METHOD_ZH", "NOT_YET_DUE_ZH", "OUTCOME_ZH", "REASON_ZH", "STAGE_ZH", "TOTAL_OWED_ZH"]

# One word for each amount, in the GUI's Chinese (cuijiao_zh_CN.ts), documents and exports alike:
#: billed, due date passed, unpaid (a sum over rooms is 欠费合计)
ARREARS_ZH = "欠费"
#: billed, due date not passed yet, unpaid
NOT_YET_DUE_ZH = "未到期"
#: both: everything billed and unpaid
TOTAL_OWED_ZH = "应缴合计"

STAGE_ZH: dict[Stage, str] = {
    Stage.PREPARATION: "前期准备",
    Stage.REMINDER: "友好提醒",
    Stage.PHONE: "电话催缴",
    Stage.WRITTEN_NOTICE: "书面催缴",
    Stage.VISIT: "上门催缴",
    Stage.PUBLIC_BOARD: "公示",
    Stage.COMMITTEE: "业委会督促",
    Stage.LAWYER_LETTER: "律师函",
    Stage.LITIGATION: "起诉/仲裁",
    Stage.WRITE_OFF: "坏账核销",
}

OUTCOME_ZH: dict[CallOutcome, str] = {
    CallOutcome.PROMISED: "承诺缴费",
    CallOutcome.CONDITIONAL: "有条件缴费",
    CallOutcome.REFUSED: "拒绝",
    CallOutcome.NO_ANSWER: "无人接听",
    CallOutcome.PHONE_OFF: "关机/停机",
    CallOutcome.WRONG_NUMBER: "号码错误",
    CallOutcome.PAID: "已缴",
    CallOutcome.DELIVERED: "已送达",
    CallOutcome.NOT_HOME: "上门无人",
    CallOutcome.OTHER: "其他",
}

REASON_ZH: dict[ArrearsReason, str] = {
    ArrearsReason.SERVICE_QUALITY: "服务质量",
    ArrearsReason.HARDSHIP: "经济困难",
    ArrearsReason.LOW_AWARENESS: "缴费意识淡薄",
    ArrearsReason.LEGACY_DISPUTE: "历史遗留/房屋质量",
    ArrearsReason.BURGLARY: "被盗",
    ArrearsReason.RECTIFICATION: "整改未完成",
    ArrearsReason.MALICIOUS: "恶意欠缴",
    ArrearsReason.VACANT: "空置房",
    ArrearsReason.UNREACHABLE: "联系不上",
    ArrearsReason.OTHER: "其他",
}

#: Every method, including the internal ones (prepaid credit applied, imported history).
METHOD_ZH: dict[PaymentMethod, str] = {
    PaymentMethod.CASH: "现金",
    PaymentMethod.CARD: "刷卡",
    PaymentMethod.WECHAT: "微信",
    PaymentMethod.ALIPAY: "支付宝",
    PaymentMethod.BANK_TRANSFER: "银行转账",
    PaymentMethod.DIRECT_DEBIT: "托收",
    PaymentMethod.CREDIT: "预存抵扣",
    PaymentMethod.HISTORIC: "历史导入",
}
