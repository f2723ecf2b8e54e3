"""设置 → 收费项目: the office's fee items, each item's standards and its late-fee terms.

Everyone sees them; only those who may edit fee items (managers, the administrator) get the
buttons. Keyboard: Enter (or a double click) edits the selected item or standard, Insert adds
one, Delete removes it after a question; every change runs as a task, is audited by the service,
and reloads the tab.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.fee_items import format_daily_rate
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import fee_items as svc
from cuijiao_desktop.views.dialogs.fee_item_dialogs import (
    FeeItemDialog,
    FeeStandardDialog,
    LateFeePolicyDialog,
)
from cuijiao_desktop.views.dialogs.style import error_label
from cuijiao_desktop.views.labels import USAGE_LABELS, basis_label, label
from cuijiao_desktop.views.models.base import ALIGN_RIGHT, Index, RowRole, RowTableModel, SortRole
from cuijiao_desktop.views.pages.settings_page import SettingsSection


class FeeItemsModel(RowTableModel):
    """The fee items, in charging order (rows: ``FeeItemDTO``)."""

    class Column(IntEnum):
        NAME = 0
        CODE = 1
        BASIS = 2
        UNIT = 3
        ORDER = 4
        DUE_DAY = 5
        ACTIVE = 6
        LATE_FEE = 7

    CONTEXT = "FeeItemsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("FeeItemsModel", "Fee item"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "Code"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "Charged"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "Price unit"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "Order"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "Due day"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "In use"),
        QT_TRANSLATE_NOOP("FeeItemsModel", "Late fee"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: svc.FeeItemDTO | None = self.row_of(index)
        if item is None:
            return None
        col = self.Column(index.column())
        if role == RowRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col is self.Column.NAME:
                return item.name
            if col is self.Column.CODE:
                return item.code
            if col is self.Column.BASIS:
                return basis_label(item.basis)
            if col is self.Column.UNIT:
                return item.unit_label
            if col is self.Column.ORDER:
                return item.sort_order if role == SortRole else str(item.sort_order)
            if col is self.Column.DUE_DAY:
                return item.due_day if role == SortRole else self.tr("day {day}").format(day=item.due_day)
            if col is self.Column.LATE_FEE:
                if item.policy is None:
                    return self.tr("none")
                return self.tr("{rate} a day").format(rate=format_daily_rate(item.policy.daily_rate_ppm))
            return self.tr("yes") if item.active else self.tr("no")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.Column.ORDER, self.Column.DUE_DAY):
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return QColor("#8592A0")
        return None


class FeeStandardsModel(RowTableModel):
    """The standards of one item (rows: ``FeeStandardDTO``); ``unit`` is the item's price unit."""

    class Column(IntEnum):
        ESTATE = 0
        USAGE = 1
        PRICE = 2
        VACANCY = 3
        FROM = 4
        UNTIL = 5
        NOTE = 6

    CONTEXT = "FeeStandardsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("FeeStandardsModel", "Estate"),
        QT_TRANSLATE_NOOP("FeeStandardsModel", "Usage"),
        QT_TRANSLATE_NOOP("FeeStandardsModel", "Price"),
        QT_TRANSLATE_NOOP("FeeStandardsModel", "Vacancy discount"),
        QT_TRANSLATE_NOOP("FeeStandardsModel", "From"),
        QT_TRANSLATE_NOOP("FeeStandardsModel", "Until"),
        QT_TRANSLATE_NOOP("FeeStandardsModel", "Note"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.unit = ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s: svc.FeeStandardDTO | None = self.row_of(index)
        if s is None:
            return None
        col = self.Column(index.column())
        if role == RowRole:
            return s
        if role == SortRole:
            return {self.Column.PRICE: s.unit_price_fen, self.Column.VACANCY: s.vacancy_discount_pct,
                    self.Column.FROM: s.valid_from, self.Column.UNTIL: s.valid_to}.get(col, self.data(index))
        if role == Qt.ItemDataRole.DisplayRole:
            if col is self.Column.ESTATE:
                return s.estate_name or self.tr("All estates")
            if col is self.Column.USAGE:
                return label(USAGE_LABELS, s.usage) if s.usage else self.tr("All usages")
            if col is self.Column.PRICE:
                if s.unit_price_fen == 0:
                    return self.tr("free of charge")
                return f"{format_money(s.unit_price_fen, symbol=False)} {self.unit}".strip()
            if col is self.Column.VACANCY:
                return f"{s.vacancy_discount_pct} %" if s.vacancy_discount_pct else "—"
            if col is self.Column.FROM:
                return s.valid_from.isoformat()
            if col is self.Column.UNTIL:
                return s.valid_to.isoformat() if s.valid_to else "—"
            return s.note
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.Column.PRICE, self.Column.VACANCY):
            return ALIGN_RIGHT
        return None


def _table(model: RowTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    view.setMinimumHeight(56)  # header and one row: the settings page stays small on a small screen
    return view


class FeeItemsSection(SettingsSection):
    """The 收费项目 tab."""

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feeItemsSection")
        self._runner = runner
        self._user = user
        self.settings: svc.FeeSettings | None = None
        self.can_edit = user.can(Permission.EDIT_FEE_ITEMS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        self.setToolTip(self.tr("What the office charges: each fee item, its standards per estate and usage from a "
                                "date (the billing run uses the one in force on a month's first day), and its "
                                "late-fee terms from the service contract."))
        self.readonly_label = QLabel(self.tr("Only a manager can change fee items, standards and late-fee terms."))
        self.readonly_label.setObjectName("readonlyNote")
        self.readonly_label.setStyleSheet("color: #8A5300;")
        self.readonly_label.setWordWrap(True)
        self.readonly_label.setVisible(not self.can_edit)

        self.items_model = FeeItemsModel(self)
        self.items_view = _table(self.items_model, "feeItemsTable")
        self.new_item_button = QPushButton(self.tr("&New item…"))
        self.edit_item_button = QPushButton(self.tr("&Edit item…"))
        self.delete_item_button = QPushButton(self.tr("Delete item"))
        items_box = QWidget()
        il = QVBoxLayout(items_box)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(self.items_view, 1)
        item_buttons = self._buttons(self.new_item_button, self.edit_item_button, self.delete_item_button)
        item_buttons.insertWidget(0, self.readonly_label)  # where the buttons are for managers
        il.addLayout(item_buttons)

        self.standards_model = FeeStandardsModel(self)
        self.standards_view = _table(self.standards_model, "feeStandardsTable")
        self.new_standard_button = QPushButton(self.tr("New &standard…"))
        self.edit_standard_button = QPushButton(self.tr("Edit standard…"))
        self.delete_standard_button = QPushButton(self.tr("Delete standard"))
        self.standards_box = QGroupBox(self.tr("Standards"))
        sl = QVBoxLayout(self.standards_box)
        sl.addWidget(self.standards_view, 1)
        sl.addLayout(self._buttons(self.new_standard_button, self.edit_standard_button,
                                   self.delete_standard_button))

        self.late_fee_box = QGroupBox(self.tr("Late-fee terms"))
        ll = QHBoxLayout(self.late_fee_box)
        self.late_fee_label = QLabel()
        self.late_fee_label.setObjectName("lateFeeSummary")
        self.late_fee_label.setWordWrap(True)
        self.late_fee_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.late_fee_label.setMinimumHeight(self.late_fee_label.fontMetrics().lineSpacing() * 2 + 4)
        ll.addWidget(self.late_fee_label, 1)
        self.late_fee_button = QPushButton(self.tr("&Late-fee terms…"))
        self.no_late_fee_button = QPushButton(self.tr("No late fee"))
        ll.addWidget(self.late_fee_button, 0, Qt.AlignmentFlag.AlignTop)
        ll.addWidget(self.no_late_fee_button, 0, Qt.AlignmentFlag.AlignTop)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(items_box)
        splitter.addWidget(self.standards_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)
        outer.addWidget(self.late_fee_box)
        self.status_label = error_label("feeItemsStatus")
        outer.addWidget(self.status_label)

        for button in (self.new_item_button, self.edit_item_button, self.delete_item_button, self.new_standard_button,
                       self.edit_standard_button, self.delete_standard_button, self.late_fee_button,
                       self.no_late_fee_button):
            button.setVisible(self.can_edit)
        self.new_item_button.clicked.connect(self.new_item)
        self.edit_item_button.clicked.connect(self.edit_item)
        self.delete_item_button.clicked.connect(self.delete_item)
        self.new_standard_button.clicked.connect(self.new_standard)
        self.edit_standard_button.clicked.connect(self.edit_standard)
        self.delete_standard_button.clicked.connect(self.delete_standard)
        self.late_fee_button.clicked.connect(self.edit_late_fee)
        self.no_late_fee_button.clicked.connect(self.remove_late_fee)
        self.items_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_item())
        self.items_view.doubleClicked.connect(lambda *_: self.edit_item())
        self.standards_view.doubleClicked.connect(lambda *_: self.edit_standard())
        self.standards_view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._keys = {
            self.items_view: {Qt.Key.Key_Return: self.edit_item, Qt.Key.Key_Enter: self.edit_item,
                              Qt.Key.Key_Insert: self.new_item, Qt.Key.Key_Delete: self.delete_item},
            self.standards_view: {Qt.Key.Key_Return: self.edit_standard, Qt.Key.Key_Enter: self.edit_standard,
                                  Qt.Key.Key_Insert: self.new_standard, Qt.Key.Key_Delete: self.delete_standard},
        }
        for view in self._keys:
            view.installEventFilter(self)
        self._enable()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter edits, Insert adds, Delete removes in the table that has the focus."""
        keys = self._keys.get(watched) if hasattr(self, "_keys") else None
        if keys is not None and event.type() == QEvent.Type.KeyPress:
            slot = keys.get(Qt.Key(event.key()))
            if slot is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                           Qt.KeyboardModifier.KeypadModifier):
                slot()
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _buttons(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row

    # ---------------------------------------------------------------- data

    def refresh(self) -> None:
        """Load the items, standards and terms off the GUI thread."""
        self._runner.submit(svc.list_fee_settings, actor=self._user, on_result=self._show, on_error=self._error)

    def _show(self, settings: svc.FeeSettings) -> None:
        current = self.current_item()
        keep = current.id if current is not None else None
        self.settings = settings
        self.items_model.set_rows(settings.items)
        row = next((i for i, item in enumerate(settings.items) if item.id == keep), 0)
        if settings.items:
            self.items_view.selectionModel().setCurrentIndex(
                self.items_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.status_label.clear()
        self.status_label.hide()
        self._show_item()

    def _error(self, exc: BaseException) -> None:
        self.status_label.setText(error_message(exc))
        self.status_label.show()

    def current_item(self) -> svc.FeeItemDTO | None:
        """The selected fee item."""
        return self.items_model.row_at(self.items_view.currentIndex().row())

    def current_standard(self) -> svc.FeeStandardDTO | None:
        """The selected standard of the selected item."""
        return self.standards_model.row_at(self.standards_view.currentIndex().row())

    def _show_item(self) -> None:
        item = self.current_item()
        standards = self.settings.standards_of(item.id) if item is not None and self.settings else ()
        self.standards_model.unit = item.unit_label if item is not None else ""
        self.standards_model.set_rows(standards)
        if standards:
            self.standards_view.selectRow(0)
        if item is None:
            self.standards_box.setTitle(self.tr("Standards"))
            self.late_fee_box.setTitle(self.tr("Late-fee terms"))
            self.late_fee_label.setText(self.tr("No fee items yet: add one, or import a bills file with "
                                                "--create-fee-items."))
        else:
            self.standards_box.setTitle(self.tr("Standards of {item}").format(item=item.name))
            self.late_fee_box.setTitle(self.tr("Late-fee terms of {item}").format(item=item.name))
            self.late_fee_label.setText(self.late_fee_text(item))
        self._enable()

    def late_fee_text(self, item: svc.FeeItemDTO) -> str:
        """The item's late-fee terms in one paragraph."""
        p = item.policy
        if p is None:
            return self.tr("No late fee is charged on {item}.").format(item=item.name)
        parts = [self.tr("{rate} of the unpaid amount a day").format(rate=format_daily_rate(p.daily_rate_ppm))]
        parts.append(self.tr("after {days} days of grace").format(days=p.grace_days) if p.grace_days
                     else self.tr("from the day after the due date"))
        parts.append(self.tr("never more than the principal") if p.cap_ppm_of_principal is None
                     else self.tr("at most {pct} % of the principal").format(pct=f"{p.cap_ppm_of_principal / 10_000:g}"))
        if p.from_notice_level:
            parts.append(self.tr("only from written notice no. {level} on").format(level=p.from_notice_level))
        text = "；".join(parts) + "。"
        if p.contract_clause:
            text += self.tr(" Basis: {clause}.").format(clause=p.contract_clause)
        text += self.tr(" Applies from {date}.").format(date=p.valid_from.isoformat())
        if p.shared_with:
            text += "\n" + self.tr("Shared with {items}.").format(items="、".join(p.shared_with))
        return text

    def _enable(self) -> None:
        has_item = self.current_item() is not None
        has_standard = self.current_standard() is not None
        self.edit_item_button.setEnabled(has_item)
        self.delete_item_button.setEnabled(has_item)
        self.new_standard_button.setEnabled(has_item)
        self.edit_standard_button.setEnabled(has_standard)
        self.delete_standard_button.setEnabled(has_standard)
        self.late_fee_button.setEnabled(has_item)
        item = self.current_item()
        self.no_late_fee_button.setEnabled(item is not None and item.policy is not None)

    # ---------------------------------------------------------------- actions

    def _open(self, dialog) -> None:
        dialog.sig_saved.connect(lambda _r: self.refresh())
        dialog.exec()

    def new_item(self) -> None:
        """新增收费项目."""
        if not self.can_edit:
            return
        items = self.settings.items if self.settings else ()
        self._open(FeeItemDialog(self._runner, self._user, taken_codes=[i.code for i in items],
                                 next_order=max((i.sort_order for i in items), default=0) + 1, parent=self))

    def edit_item(self) -> None:
        """编辑收费项目."""
        item = self.current_item()
        if self.can_edit and item is not None:
            self._open(FeeItemDialog(self._runner, self._user, item=item, parent=self))

    def delete_item(self) -> None:
        """删除收费项目 (only one never billed)."""
        item = self.current_item()
        if not self.can_edit or item is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete fee item"), self.tr(
            "Delete {item} and its standards? An item that has bills cannot be deleted; set it out of use "
            "instead.").format(item=item.name))
        if answer == QMessageBox.StandardButton.Yes:
            self._runner.submit(svc.delete_fee_item, actor=self._user, item_id=item.id, version=item.version,
                                on_result=lambda _r: self.refresh(), on_error=self._error)

    def new_standard(self) -> None:
        """新增收费标准 for the selected item."""
        item = self.current_item()
        if self.can_edit and item is not None and self.settings is not None:
            self._open(FeeStandardDialog(self._runner, self._user, item=item, estates=self.settings.estates,
                                         parent=self))

    def edit_standard(self) -> None:
        """编辑收费标准."""
        item, standard = self.current_item(), self.current_standard()
        if self.can_edit and item is not None and standard is not None and self.settings is not None:
            self._open(FeeStandardDialog(self._runner, self._user, item=item, estates=self.settings.estates,
                                         standard=standard, parent=self))

    def delete_standard(self) -> None:
        """删除收费标准 (bills already issued keep their amounts)."""
        standard = self.current_standard()
        if not self.can_edit or standard is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete standard"), self.tr(
            "Delete the standard from {date}? Bills already issued keep their amounts.").format(
                date=standard.valid_from.isoformat()))
        if answer == QMessageBox.StandardButton.Yes:
            self._runner.submit(svc.delete_fee_standard, actor=self._user, standard_id=standard.id,
                                version=standard.version, on_result=lambda _r: self.refresh(), on_error=self._error)

    def edit_late_fee(self) -> None:
        """设置滞纳金规则 of the selected item."""
        item = self.current_item()
        if self.can_edit and item is not None:
            self._open(LateFeePolicyDialog(self._runner, self._user, item=item, parent=self))

    def remove_late_fee(self) -> None:
        """不收滞纳金: the item charges no late fee from now on."""
        item = self.current_item()
        if not self.can_edit or item is None or item.policy is None:
            return
        answer = QMessageBox.question(self, self.tr("No late fee"), self.tr(
            "Charge no late fee on {item} from now on? Late fees already assessed stay.").format(item=item.name))
        if answer == QMessageBox.StandardButton.Yes:
            self._runner.submit(svc.remove_late_fee_policy, actor=self._user, item_id=item.id, version=item.version,
                                on_result=lambda _r: self.refresh(), on_error=self._error)
