"""Chinese words for enum values in documents that are Chinese whatever the UI language.

Excel exports, PDFs and the command line print these; the GUI goes through Qt translations.
"""

from __future__ import annotations

from .enums import (
    AnsweredBy,
    ArrearsReason,
    CallOutcome,
    Channel,
    IssueCategory,
    PaymentMethod,
    PromiseStatus,
    Stage,
    VisitStatus,
)

__all__ = [
    "ANSWERED_ZH",
    "ARREARS_ZH",
    "CHANNEL_ZH",
    "ISSUE_CATEGORY_ZH",
    "METHOD_ZH",
    "NOT_YET_DUE_ZH",
    "OUTCOME_ZH",
    "PROMISE_STATUS_ZH",
    "REASON_ZH",
    "STAGE_ZH",
    "TOTAL_OWED_ZH",
    "VISIT_DUTY_ZH",
    "VISIT_RESULT_ZH",
    "VISIT_STATUS_ZH",
]


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
    CallOutcome.DISPUTED: "对账单有异议",
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

CHANNEL_ZH: dict[Channel, str] = {
    Channel.PHONE: "电话",
    Channel.SMS: "短信",
    Channel.WECHAT: "微信",
    Channel.EMAIL: "邮件",
    Channel.LETTER: "信函",
    Channel.REGISTERED_LETTER: "挂号信",
    Channel.VISIT: "上门",
    Channel.NOTICE: "通知",
    Channel.DESK: "前台面谈",
}

ANSWERED_ZH: dict[AnsweredBy, str] = {
    AnsweredBy.OWNER: "业主本人",
    AnsweredBy.FAMILY: "配偶/家人",
    AnsweredBy.TENANT: "租户",
    AnsweredBy.OTHER: "其他人",
}

PROMISE_STATUS_ZH: dict[PromiseStatus, str] = {
    PromiseStatus.OPEN: "待兑现",
    PromiseStatus.DUE: "到期",
    PromiseStatus.KEPT: "已兑现",
    PromiseStatus.BROKEN: "未兑现",
}

ISSUE_CATEGORY_ZH: dict[IssueCategory, str] = {
    IssueCategory.LEAK: "漏水",
    IssueCategory.CLEANING: "保洁",
    IssueCategory.SECURITY: "安保",
    IssueCategory.GREENERY: "绿化",
    IssueCategory.PARKING: "停车",
    IssueCategory.ELEVATOR: "电梯",
    IssueCategory.NOISE: "噪音",
    IssueCategory.HOUSE_QUALITY: "房屋质量",
    IssueCategory.OTHER: "其他",
}


#: Visit statuses, results and duties (issue 13: the visit sheet, the command line).
VISIT_STATUS_ZH: dict[VisitStatus, str] = {
    VisitStatus.PLANNED: "计划上门",
    VisitStatus.CONFIRMED: "已预约",
    VisitStatus.DONE: "已上门",
    VisitStatus.FAILED: "上门未遇",
    VisitStatus.CANCELLED: "上门取消",
}
VISIT_RESULT_ZH: dict[str, str] = {
    "paid": "当场缴费",
    "promised": "承诺缴费",
    "instalment": "同意分期",
    "refused": "拒绝缴费",
    "not_home": "无人在家",
}
VISIT_DUTY_ZH: dict[str, str] = {
    "collector": "催收专员",
    "supervisor": "主管",
    "maintenance": "维修工",
}
