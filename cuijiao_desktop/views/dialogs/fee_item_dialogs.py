"""设置 → 收费项目: the dialogs that edit a fee item, a fee standard and an item's late-fee terms.

Each checks its fields with the domain's rules before saving (every problem in red under its
field), saves as a task, keeps what was typed when the save fails, and after a conflict offers
to reload what is stored. Emits ``sig_saved`` with what the service returned.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cuijiao_desktop.domain.enums import ChargeBasis, Usage
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.fee_items import (
    MAX_DUE_DAY,
    NOTICE_LEVELS,
    FeeItemDraft,
    FeeStandardDraft,
    LateFeePolicyDraft,
    default_unit_label,
    format_daily_rate,
    new_item_code,
    parse_daily_rate,
    validate_fee_item,
    validate_fee_standard,
    validate_late_fee_policy,
)
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import fee_items as svc
from cuijiao_desktop.views.dialogs.room_edit_dialog import EditDialog, with_error
from cuijiao_desktop.views.dialogs.style import HINT_STYLE
from cuijiao_desktop.views.labels import USAGE_LABELS, basis_label, label
from cuijiao_desktop.views.widgets.dates import date_edit, optional_date


def _yuan(fen: int) -> str:
    return format_money(fen, symbol=False).replace(",", "")


class _FeeDialog(EditDialog):
    """What the three dialogs share: a form, Save/Cancel, the save as a task, conflict → reload."""

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self.setMinimumWidth(500)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.outer.addLayout(self.form)

    def _row(self, title: str, widget: QWidget, field: str | None = None) -> None:
        self.form.addRow(title, with_error(widget, self.errors.make(field)) if field else widget)

    def _failed(self, exc: BaseException) -> None:
        self._show_failure(exc, self.tr("Someone else changed this in the meantime. Reload to see what is "
                                        "stored now (what you typed here will be replaced)."))

    def reload(self) -> None:
        """Load what is stored now (after a conflict)."""
        self._runner.submit(svc.list_fee_settings, actor=self._user, on_result=self._reloaded,
                            on_error=lambda exc: self.banner.show_message(error_message(exc)))

    def _reloaded(self, settings: svc.FeeSettings) -> None:
        """Subclasses fill the fields from ``settings``."""


class FeeItemDialog(_FeeDialog):
    """New or changed fee item: code, name, how it is charged, price unit, order, due day, in use."""

    def __init__(self, runner, user, *, item: svc.FeeItemDTO | None = None, taken_codes=(),
                 next_order: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self.item = item
        self.taken_codes = tuple(taken_codes)
        self.setObjectName("feeItemDialog")
        self.setWindowTitle(self.tr("New fee item") if item is None else self.tr("Edit fee item"))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. 物业管理费"))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText(self.tr("letters and digits, e.g. WYF"))
        self.basis = QComboBox()
        self.basis.setObjectName("basis")
        for b in ChargeBasis:
            self.basis.addItem(basis_label(b), b)
        self.unit_label = QLineEdit()
        self.unit_label.setObjectName("unitLabel")
        self.sort_order = QSpinBox()
        self.sort_order.setObjectName("sortOrder")
        self.sort_order.setRange(0, 999)
        self.sort_order.setValue(next_order)
        self.sort_order.setToolTip(self.tr("Payments settle the items of a month in this order"))
        self.due_day = QSpinBox()
        self.due_day.setObjectName("dueDay")
        self.due_day.setRange(1, MAX_DUE_DAY)
        self.due_day.setValue(10)
        self.due_day.setSuffix(self.tr(" (day of the month)"))
        self.active = QCheckBox(self.tr("In use: bills are issued for this item"))
        self.active.setObjectName("active")
        self.active.setChecked(True)
        self._row(self.tr("Name"), self.name, "name")
        self._row(self.tr("Code"), self.code, "code")
        self._row(self.tr("Charged"), self.basis, "basis")
        self._row(self.tr("Price unit"), self.unit_label, "unit_label")
        self._row(self.tr("Order"), self.sort_order, "sort_order")
        self._row(self.tr("Due each month on"), self.due_day, "due_day")
        self.form.addRow("", self.active)
        self._add_buttons()
        self._unit_touched = False
        self.unit_label.textEdited.connect(lambda _t: setattr(self, "_unit_touched", True))
        self.basis.currentIndexChanged.connect(self._basis_changed)
        self.name.editingFinished.connect(self._suggest_code)
        if item is not None:
            self.fill(item)
        else:
            self._basis_changed()

    def fill(self, item: svc.FeeItemDTO) -> None:
        """Put the stored item into the fields (and remember its version)."""
        self.item = item
        self.name.setText(item.name)
        self.code.setText(item.code)
        self.basis.setCurrentIndex(max(0, self.basis.findData(item.basis)))
        self.unit_label.setText(item.unit_label)
        self._unit_touched = True
        self.sort_order.setValue(item.sort_order)
        self.due_day.setValue(item.due_day)
        self.active.setChecked(item.active)

    def _basis_changed(self) -> None:
        if not self._unit_touched:
            self.unit_label.setText(default_unit_label(self.name.text(), ChargeBasis(self.basis.currentData())))

    def _suggest_code(self) -> None:
        if self.item is None and not self.code.text().strip() and self.name.text().strip():
            self.code.setText(new_item_code(self.name.text(), self.taken_codes))
            self._basis_changed()

    def draft(self) -> FeeItemDraft:
        """The item as typed."""
        return FeeItemDraft(
            code=self.code.text(), name=self.name.text(), basis=ChargeBasis(self.basis.currentData()),
            unit_label=self.unit_label.text(), sort_order=self.sort_order.value(), due_day=self.due_day.value(),
            active=self.active.isChecked(), item_id=self.item.id if self.item else None,
            version=self.item.version if self.item else None,
        )

    def save(self) -> None:
        """Check, then save in the background."""
        self._suggest_code()
        draft = self.draft()
        self._submit(svc.save_fee_item, validate_fee_item(draft), draft=draft)

    def _reloaded(self, settings: svc.FeeSettings) -> None:
        stored = next((i for i in settings.items if self.item and i.id == self.item.id), None)
        if stored is None:
            self.banner.show_message(error_message(DomainError("fee_item.not_found")))
            return
        self.fill(stored)
        self._clear_messages()


class FeeStandardDialog(_FeeDialog):
    """A fee standard of one item: which estate and usage, the price, vacancy discount, from (and until) when."""

    def __init__(self, runner, user, *, item: svc.FeeItemDTO, estates, standard: svc.FeeStandardDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self.item = item
        self.standard = standard
        self.setObjectName("feeStandardDialog")
        self.setWindowTitle((self.tr("New standard of {item}") if standard is None
                             else self.tr("Edit standard of {item}")).format(item=item.name))
        hint = QLabel(self.tr("{item} is charged {basis}. The standard in force on the first day of a month "
                              "bills that month; the one for an estate and usage wins over one for all.")
                      .format(item=item.name, basis=basis_label(item.basis)))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.outer.insertWidget(1, hint)
        self.estate = QComboBox()
        self.estate.setObjectName("estate")
        self.estate.addItem(self.tr("All estates"), None)
        for eid, name in estates:
            self.estate.addItem(name, eid)
        self.usage = QComboBox()
        self.usage.setObjectName("usage")
        self.usage.addItem(self.tr("All usages"), None)
        for u in Usage:
            self.usage.addItem(label(USAGE_LABELS, u), u)
        self.price = QLineEdit()
        self.price.setObjectName("price")
        self.price.setPlaceholderText(self.tr("yuan, e.g. 2.35 (0: free of charge)"))
        price_row = QWidget()
        pr = QHBoxLayout(price_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.price, 1)
        pr.addWidget(QLabel(item.unit_label or default_unit_label(item.name, item.basis)))
        self.vacancy = QSpinBox()
        self.vacancy.setObjectName("vacancy")
        self.vacancy.setRange(0, 100)
        self.vacancy.setSuffix(" %")
        self.vacancy.setToolTip(self.tr("Reduction for vacant rooms (空置), e.g. 30 %"))
        self.valid_from = date_edit("validFrom")
        self.valid_from.setDate(QDate(QDate.currentDate().year(), QDate.currentDate().month(), 1))
        self.has_until = QCheckBox(self.tr("Ends on"))
        self.has_until.setObjectName("hasUntil")
        self.valid_to = date_edit("validTo")
        until_row = optional_date(self.has_until, self.valid_to)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("e.g. 业主大会表决调价"))
        self._row(self.tr("Estate"), self.estate, "estate")
        self._row(self.tr("Usage"), self.usage, "usage")
        self._row(self.tr("Price"), price_row, "unit_price")
        self._row(self.tr("Vacancy discount"), self.vacancy, "vacancy_discount_pct")
        self._row(self.tr("Applies from"), self.valid_from, "valid_from")
        self._row("", until_row, "valid_to")
        self._row(self.tr("Note"), self.note, "note")
        self.errors.make("fee_item")
        self._add_buttons()
        if standard is not None:
            self.fill(standard)

    def fill(self, s: svc.FeeStandardDTO) -> None:
        """Put the stored standard into the fields (and remember its version)."""
        self.standard = s
        self.estate.setCurrentIndex(max(0, self.estate.findData(s.estate_id)))
        self.usage.setCurrentIndex(max(0, self.usage.findData(s.usage)))
        self.price.setText(_yuan(s.unit_price_fen))
        self.vacancy.setValue(s.vacancy_discount_pct)
        self.valid_from.setDate(QDate(s.valid_from))
        self.has_until.setChecked(s.valid_to is not None)
        if s.valid_to is not None:
            self.valid_to.setDate(QDate(s.valid_to))
        self.note.setText(s.note)

    def draft(self) -> FeeStandardDraft:
        """The standard as typed."""
        usage = self.usage.currentData()
        return FeeStandardDraft(
            fee_item_id=self.item.id, unit_price=self.price.text(), valid_from=self.valid_from.date().toPython(),
            estate_id=self.estate.currentData(), usage=Usage(usage) if usage else None,
            vacancy_discount_pct=self.vacancy.value(),
            valid_to=self.valid_to.date().toPython() if self.has_until.isChecked() else None,
            note=self.note.text(), standard_id=self.standard.id if self.standard else None,
            version=self.standard.version if self.standard else None,
        )

    def save(self) -> None:
        """Check, then save in the background."""
        draft = self.draft()
        self._submit(svc.save_fee_standard, validate_fee_standard(draft), draft=draft)

    def _reloaded(self, settings: svc.FeeSettings) -> None:
        stored = next((s for s in settings.standards if self.standard and s.id == self.standard.id), None)
        if stored is None:
            self.banner.show_message(error_message(DomainError("fee_standard.not_found")))
            return
        self.fill(stored)
        self._clear_messages()


class LateFeePolicyDialog(_FeeDialog):
    """An item's late-fee terms: daily rate, days of grace, cap, from which written notice, contract clause."""

    def __init__(self, runner, user, *, item: svc.FeeItemDTO, parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self.item = item
        self.policy = item.policy
        self.setObjectName("lateFeePolicyDialog")
        self.setWindowTitle(self.tr("Late-fee terms of {item}").format(item=item.name))
        self.shared = QLabel()
        self.shared.setWordWrap(True)
        self.shared.setStyleSheet(HINT_STYLE)
        self.shared.hide()
        self.outer.insertWidget(1, self.shared)
        self.rate = QLineEdit()
        self.rate.setObjectName("rate")
        self.rate.setPlaceholderText(self.tr("per day, e.g. 0.3‰ or 万分之三"))
        self.rate_hint = QLabel()
        self.rate_hint.setObjectName("rateHint")
        self.rate_hint.setStyleSheet("color: #5F6B7A;")
        self.rate.textChanged.connect(self._rate_changed)
        self.grace = QSpinBox()
        self.grace.setObjectName("grace")
        self.grace.setRange(0, 365)
        self.grace.setSuffix(self.tr(" days"))
        self.cap = QLineEdit()
        self.cap.setObjectName("cap")
        self.cap.setPlaceholderText(self.tr("% of the principal; empty: never more than the principal"))
        self.level = QSpinBox()
        self.level.setObjectName("level")
        self.level.setRange(0, NOTICE_LEVELS)
        self.level.setSpecialValueText(self.tr("from the due date (after the grace days)"))
        self.level.setPrefix(self.tr("from written notice no. "))
        self.clause = QLineEdit()
        self.clause.setObjectName("clause")
        self.clause.setPlaceholderText(self.tr("e.g. 《物业服务合同》第十二条"))
        self.valid_from = date_edit("validFrom")
        self._row(self.tr("Daily rate"), self.rate, "daily_rate")
        self.form.addRow("", self.rate_hint)
        self._row(self.tr("Days of grace"), self.grace, "grace_days")
        self._row(self.tr("Cap"), self.cap, "cap_percent")
        self._row(self.tr("Charged"), self.level, "from_notice_level")
        self._row(self.tr("Contract clause"), self.clause, "contract_clause")
        self._row(self.tr("Applies from"), self.valid_from, "valid_from")
        self._add_buttons()
        self.fill(item)

    def fill(self, item: svc.FeeItemDTO) -> None:
        """Put the item's stored terms into the fields (a new item: the common 0.3‰ after 30 days)."""
        self.item = item
        self.policy = p = item.policy
        if p is None:
            self.rate.setText("0.3‰")
            self.grace.setValue(30)
            self.valid_from.setDate(QDate.currentDate())
        else:
            self.rate.setText(format_daily_rate(p.daily_rate_ppm))
            self.grace.setValue(p.grace_days)
            self.cap.setText("" if p.cap_ppm_of_principal is None else
                             f"{p.cap_ppm_of_principal / 10_000:g}")
            self.level.setValue(p.from_notice_level or 0)
            self.clause.setText(p.contract_clause)
            self.valid_from.setDate(QDate(p.valid_from))
        shared = p is not None and bool(p.shared_with)
        self.shared.setVisible(shared)
        if shared:
            self.shared.setText(self.tr("These terms are shared with {items}. Saving gives {item} terms of its own; "
                                        "the other items keep theirs.").format(items="、".join(p.shared_with),
                                                                               item=item.name))

    def _rate_changed(self) -> None:
        try:
            ppm = parse_daily_rate(self.rate.text())
        except ValidationError:
            self.rate_hint.setText("")
            return
        per_10k = format_money(ppm)  # ppm of ¥10,000 a day = fen: 300 ppm → ¥3.00
        self.rate_hint.setText(self.tr("{rate} a day: {amount} a day on ¥10,000 owed, {year} % a year")
                               .format(rate=format_daily_rate(ppm), amount=per_10k,
                                       year=f"{ppm * 365 / 10_000:.2f}"))

    def draft(self) -> LateFeePolicyDraft:
        """The terms as typed."""
        return LateFeePolicyDraft(
            daily_rate=self.rate.text(), valid_from=self.valid_from.date().toPython(), grace_days=self.grace.value(),
            cap_percent=self.cap.text(), from_notice_level=self.level.value() or None,
            contract_clause=self.clause.text(), version=self.policy.version if self.policy else None,
        )

    def save(self) -> None:
        """Check, then save in the background."""
        draft = self.draft()
        self._submit(svc.save_late_fee_policy, validate_late_fee_policy(draft), item_id=self.item.id, draft=draft)

    def _reloaded(self, settings: svc.FeeSettings) -> None:
        stored = next((i for i in settings.items if i.id == self.item.id), None)
        if stored is None:
            self.banner.show_message(error_message(DomainError("fee_item.not_found")))
            return
        self.fill(stored)
        self._clear_messages()


__all__ = ["FeeItemDialog", "FeeStandardDialog", "LateFeePolicyDialog"]
