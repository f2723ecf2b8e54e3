"""Closed vocabularies shared by every layer.

Values are stable ASCII codes stored in the database; labels the user sees are
translated at the edges (``views/labels.py`` for the GUI, ``LABELS_ZH`` for files).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Usage(StrEnum):
    RESIDENTIAL = "residential"  # 住宅
    SHOP = "shop"  # 商铺
    PARKING = "parking"  # 车位
    OFFICE = "office"  # 办公


class Occupancy(StrEnum):
    OCCUPIED = "occupied"  # 已入住
    DECORATING = "decorating"  # 装修未入住
    VACANT = "vacant"  # 空置毛坯
    RENTED = "rented"  # 出租


class OwnerType(StrEnum):
    SELF_OCCUPIED = "self"  # 自住
    INVESTOR = "investor"  # 投资


class PersonRole(StrEnum):
    OWNER = "owner"  # 业主
    TENANT = "tenant"  # 租户
    OCCUPANT = "occupant"  # 同住人


class ContactKind(StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"
    WECHAT = "wechat"
    EMAIL = "email"


class Relation(StrEnum):
    SELF = "self"  # 本人
    SPOUSE = "spouse"  # 配偶
    CHILD = "child"  # 子女
    PARENT = "parent"  # 父母
    EMERGENCY = "emergency"  # 紧急联系人
    AGENT = "agent"  # 代理人/中介


class Channel(StrEnum):
    """Preferred or used communication channel."""

    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    EMAIL = "email"
    LETTER = "letter"
    REGISTERED_LETTER = "registered_letter"
    VISIT = "visit"
    NOTICE = "notice"
    DESK = "desk"  # in person at the service-centre desk (前台面谈)


class ChargeBasis(StrEnum):
    PER_AREA = "per_area"  # 按面积 (fen per m² per month)
    FIXED = "fixed"  # 固定金额 per month
    METERED = "metered"  # 按表计量 (fen per unit)


class PaymentMethod(StrEnum):
    CASH = "cash"  # 现金
    CARD = "card"  # 刷卡/POS
    WECHAT = "wechat"  # 微信
    ALIPAY = "alipay"  # 支付宝
    BANK_TRANSFER = "bank_transfer"  # 银行转账
    DIRECT_DEBIT = "direct_debit"  # 托收
    CREDIT = "credit"  # 预存款抵扣 (internal: prepaid credit applied)
    HISTORIC = "historic"  # 历史导入 (paid before the office used this program; from an import)


class PaymentKind(StrEnum):
    PAYMENT = "payment"
    REVERSAL = "reversal"  # 冲正


class Stage(IntEnum):
    """The collection ladder; the order is the escalation order."""

    PREPARATION = 0  # 前期准备
    REMINDER = 1  # 友好提醒
    PHONE = 2  # 电话催缴
    WRITTEN_NOTICE = 3  # 书面催缴通知书
    VISIT = 4  # 上门催缴
    PUBLIC_BOARD = 5  # 公示
    COMMITTEE = 6  # 业委会
    LAWYER_LETTER = 7  # 律师函
    LITIGATION = 8  # 起诉/仲裁
    WRITE_OFF = 9  # 坏账核销


class CallOutcome(StrEnum):
    PROMISED = "promised"  # 承诺缴费
    CONDITIONAL = "conditional"  # 有条件缴费
    REFUSED = "refused"  # 拒绝
    NO_ANSWER = "no_answer"  # 无人接听
    PHONE_OFF = "phone_off"  # 关机/停机
    WRONG_NUMBER = "wrong_number"  # 号码错误
    PAID = "paid"  # 已缴
    DISPUTED = "disputed"  # 对账单有异议
    DELIVERED = "delivered"  # 已送达 (notices, letters)
    NOT_HOME = "not_home"  # 上门无人
    OTHER = "other"


class ArrearsReason(StrEnum):
    SERVICE_QUALITY = "service_quality"  # 服务质量
    HARDSHIP = "hardship"  # 经济困难
    LOW_AWARENESS = "low_awareness"  # 意识淡薄
    LEGACY_DISPUTE = "legacy_dispute"  # 历史遗留/房屋质量
    BURGLARY = "burglary"  # 被盗
    RECTIFICATION = "rectification"  # 整改拒交
    MALICIOUS = "malicious"  # 恶意欠缴
    VACANT = "vacant"  # 空置房
    UNREACHABLE = "unreachable"  # 联系不上
    OTHER = "other"


class AnsweredBy(StrEnum):
    """Who answered a collection call (stored in ``contact_event.answered_by``; "" when nobody did)."""

    OWNER = "owner"  # 本人
    FAMILY = "family"  # 配偶/家人
    TENANT = "tenant"  # 租户
    OTHER = "other"  # 其他人


class PromiseStatus(StrEnum):
    """Derived from the ledger, never stored: open → due (the day before and on the date) → kept or broken."""

    OPEN = "open"  # 待兑现
    DUE = "due"  # 到期 (remind the day before, chase on the day)
    KEPT = "kept"  # 已兑现
    BROKEN = "broken"  # 未兑现


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class VisitStatus(StrEnum):
    PLANNED = "planned"  # 计划
    CONFIRMED = "confirmed"  # 已预约确认 (the owner agreed on the phone)
    DONE = "done"  # 已上门 (somebody was met)
    FAILED = "failed"  # 未遇 (nobody at home)
    CANCELLED = "cancelled"  # 已取消


class NoticeKind(StrEnum):
    REMINDER = "reminder"  # 温馨提示
    ARREARS_NOTICE = "arrears_notice"  # 催缴通知书
    FINAL_NOTICE = "final_notice"  # 公告函/最后通知
    LAWYER_LETTER = "lawyer_letter"  # 律师函


class DeliveryMethod(StrEnum):
    HAND_SIGNED = "hand_signed"  # 当面签收
    DOOR = "door"  # 张贴/塞门 (not proof of receipt)
    REGISTERED_MAIL = "registered_mail"  # 挂号信
    EXPRESS = "express"  # 快递 (EMS)
    SMS = "sms"
    WECHAT = "wechat"
    EMAIL = "email"


class IssueStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"


class IssueCategory(StrEnum):
    LEAK = "leak"  # 漏水
    CLEANING = "cleaning"  # 保洁
    SECURITY = "security"  # 安保
    GREENERY = "greenery"  # 绿化
    PARKING = "parking"  # 停车
    ELEVATOR = "elevator"  # 电梯
    NOISE = "noise"  # 噪音
    HOUSE_QUALITY = "house_quality"  # 房屋质量
    OTHER = "other"


class Role(StrEnum):
    CLERK = "clerk"  # 前台
    COLLECTOR = "collector"  # 催收
    MANAGER = "manager"  # 主管
    FINANCE = "finance"  # 财务
    ADMIN = "admin"  # 管理员


class InterruptionKind(StrEnum):
    """Events that may restart the limitation clock (Civil Code art. 195)."""

    DEMAND = "demand"  # evidenced written/electronic demand that reached the owner
    PROMISE = "promise"
    INSTALMENT_PLAN = "instalment_plan"
    PART_PAYMENT = "part_payment"
    LAWSUIT = "lawsuit"
    BOARD_POSTING = "board_posting"  # never counts
    MASS_MESSAGE = "mass_message"  # never counts
