"""分户账: one room's ledger, opened from search or lists through ``MainWindow.open_room``.

A header with who lives there and where the money stands (已缴至 and 欠费 large; 未到期, 应缴合计),
then tabs: the month × fee-item grid with its colour legend, the payments with their
allocation lines, the prepaid credit (each deposit and what spent it), and the collection
timeline. 收款 (F9), 冲正, 调整账单金额 and 刷新 act on the room.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import ContactKind, PersonRole
from cuijiao_desktop.domain.limitation import LimitationStatus
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import room_ledger as ledger_service
from cuijiao_desktop.services.room_ledger import LedgerPayment, RoomLedger
from cuijiao_desktop.settings import Keys
from cuijiao_desktop.views.labels import (
    BUCKET_LABELS,
    OCCUPANCY_LABELS,
    PERSON_ROLE_LABELS,
    USAGE_LABELS,
    label,
)
from cuijiao_desktop.views.models.billing_models import CreditModel
from cuijiao_desktop.views.models.ledger_models import (
    BUCKET_COLOURS,
    LEDGER_STAGE_LABELS,
    NOT_DUE_COLOURS,
    PAID_COLOURS,
    LedgerGridModel,
    PaymentLinesModel,
    PaymentsModel,
    RowRole,
    TimelineModel,
    period_text,
)
from cuijiao_desktop.views.pages.base import Page


def receipts_dir() -> Path:
    """Where receipt PDFs are written: ``Documents/物业费收据`` (never the data folder, which holds the
    database and nothing people browse to: see ``sqlite_files.py``)."""
    from cuijiao_desktop.datadir import documents_dir

    return documents_dir() / "物业费收据"


def system_font_dirs() -> list[str]:
    """Qt's font folders, handed to the PDF writer to find a Chinese font."""
    return QStandardPaths.standardLocations(QStandardPaths.StandardLocation.FontsLocation)


class _Figure(QFrame):
    """A caption above a large value."""

    def __init__(self, caption: str, *, big: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerFigure")
        self.setStyleSheet("#ledgerFigure { background: #FFFFFF; border: 1px solid #D9E0E7; border-radius: 8px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5F6B7A;")
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * (1.9 if big else 1.3))
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set_value(self, text: str, colour: str = "#1F3B57") -> None:
        """Show ``text`` in ``colour``."""
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {colour};")


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    return view


class RoomLedgerPage(Page):
    """The ledger of one room. Not in the navigation list; 返回 (Alt+Left) goes back."""

    sig_back = Signal()
    sig_loaded = Signal(object)  # RoomLedger
    sig_payment_saved = Signal(object)  # ReceiptDTO of a payment or reversal
    sig_open_case = Signal(int)  # room_id: its collection case (button, context menu; F7 is the window's)

    def __init__(
        self,
        runner,
        user,
        *,
        today: Callable[[], date] = date.today,
        settings=None,
        receipts_folder: Callable[[], Path] = receipts_dir,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Room ledger"), "owners", parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._settings = settings
        self._receipts_folder = receipts_folder
        self.room_id: int | None = None
        self.ledger: RoomLedger | None = None
        self._request = 0
        # Everything scrolls as one when the window is smaller than the ledger needs.
        inner = QWidget()
        self.content = QVBoxLayout(inner)
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.setSpacing(12)
        scroll = QScrollArea()
        scroll.setObjectName("ledgerScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.body.addWidget(scroll, 1)

        bar = QHBoxLayout()
        self.back_button = QPushButton(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack), self.tr("Back"))
        self.back_button.setObjectName("ledgerBack")
        self.back_button.setToolTip(self.tr("Return to the previous page (Alt+Left)"))
        self.back_button.clicked.connect(self.sig_back)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.pay_button = QPushButton(self.tr("Take payment (F9)"))
        self.pay_button.setObjectName("ledgerPay")
        self.pay_button.setToolTip(self.tr("Record money paid for this room and print the receipt"))
        self.pay_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 14px; }")
        self.pay_button.clicked.connect(self.take_payment)
        self.pay_button.setVisible(user.can(Permission.TAKE_PAYMENT))
        self.reverse_button = QPushButton(self.tr("Reverse payment…"))
        self.reverse_button.setObjectName("ledgerReverse")
        self.reverse_button.setToolTip(self.tr("Cancel the selected payment by a reversal entry (manager)"))
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.reverse_button.setVisible(user.can(Permission.REVERSE_PAYMENT))
        self.reverse_button.setEnabled(False)
        self.adjust_button = QPushButton(self.tr("Change bill amount…"))
        self.adjust_button.setObjectName("ledgerAdjust")
        self.adjust_button.setToolTip(self.tr("Change the amount of the bill selected in the grid, with a reason "
                                              "(finance)"))
        self.adjust_button.clicked.connect(self.adjust_selected)
        self.adjust_button.setVisible(user.can(Permission.EDIT_BILLING))
        self.adjust_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("ledgerRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.case_button = QPushButton(self.tr("Case (F7)"))
        self.case_button.setObjectName("ledgerCase")
        self.case_button.setToolTip(self.tr("The collection case: ladder, next step, plans, holds, service issues"))
        self.case_button.clicked.connect(self._open_case)
        self.statement_button = QPushButton(self.tr("Statement (Ctrl+P)"))
        self.statement_button.setObjectName("ledgerStatement")
        self.statement_button.setToolTip(self.tr("Bills, payments and the balance over chosen months, to print for the owner"))
        self.statement_button.clicked.connect(self.print_statement)
        self.dossier_button = QPushButton(self.tr("Lawyer dossier…"))
        self.dossier_button.setObjectName("ledgerDossier")
        self.dossier_button.setToolTip(self.tr("A lawyer-letter draft and the evidence of this room, as one PDF"))
        self.dossier_button.clicked.connect(self.write_dossier)
        self.dossier_button.setVisible(user.can(Permission.EXPORT_PERSONAL_DATA))
        for b in (self.case_button, self.pay_button, self.reverse_button, self.adjust_button, self.statement_button,
                  self.dossier_button, self.refresh_button):
            bar.addWidget(b)
        self.content.addLayout(bar)
        back = QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.sig_back)  # 收款 F9 is the main window's action (ActionId.TAKE_PAYMENT)
        statement = QShortcut(QKeySequence.StandardKey.Print, self)
        statement.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        statement.activated.connect(self.print_statement)
        self._documents = QTemporaryDir()

        self.issues_label = QLabel()  # open service issues: fixing them often unlocks the payment
        self.issues_label.setObjectName("ledgerOpenIssues")
        self.issues_label.setStyleSheet("background: #FFF4E0; color: #7A4A00; border-radius: 4px; padding: 6px;")
        self.issues_label.setWordWrap(True)
        self.issues_label.hide()
        self.content.addWidget(self.issues_label)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

        self.error_label = QLabel()
        self.error_label.setObjectName("ledgerError")
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.content.addWidget(self.error_label)

        self._build_header()
        self._build_tabs()

    # construction
    def _build_header(self) -> None:
        self.room_label = QLabel()
        self.room_label.setObjectName("ledgerRoom")
        font = QFont(self.room_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.room_label.setFont(font)
        self.room_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.content.addWidget(self.room_label)

        figures = QHBoxLayout()
        figures.setSpacing(10)
        self.fig_paid_through = _Figure(self.tr("Paid through"), big=True)
        # the three words used everywhere: 欠费 (overdue), 未到期 (not yet due), 应缴合计 (both)
        self.fig_arrears = _Figure(self.tr("Arrears"), big=True)
        self.fig_not_due = _Figure(self.tr("Not yet due"), big=False)
        self.fig_total = _Figure(self.tr("Total owed"), big=False)
        self.fig_credit = _Figure(self.tr("Prepaid credit"), big=False)
        self.fig_late_fee = _Figure(self.tr("Late fees due"), big=False)
        self.fig_stage = _Figure(self.tr("Collection stage"), big=False)
        for f in (self.fig_paid_through, self.fig_arrears, self.fig_not_due, self.fig_total, self.fig_credit,
                  self.fig_late_fee, self.fig_stage):
            figures.addWidget(f, 1)
        self.content.addLayout(figures)

        info = QGridLayout()
        info.setHorizontalSpacing(18)
        info.setVerticalSpacing(4)
        self.info_room = QLabel()
        self.info_people = QLabel()
        self.info_contacts = QLabel()
        self.info_limitation = QLabel()
        self.info_limitation.setObjectName("ledgerLimitation")
        for i, (caption, widget) in enumerate((
            (self.tr("Room"), self.info_room), (self.tr("People"), self.info_people),
            (self.tr("Phones"), self.info_contacts), (self.tr("Limitation"), self.info_limitation),
        )):
            cap = QLabel(caption)
            cap.setStyleSheet("color: #5F6B7A;")
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            info.addWidget(cap, i, 0, Qt.AlignmentFlag.AlignTop)
            info.addWidget(widget, i, 1)
        # Phones show masked; the full numbers on demand, each reveal audited (services.phones).
        self.reveal_button = QPushButton(self.tr("Show numbers"))
        self.reveal_button.setObjectName("revealPhones")
        self.reveal_button.setToolTip(self.tr("Show the full phone numbers (Ctrl+Shift+H); each time is recorded "
                                              "in the audit log"))
        self.reveal_button.setVisible(False)
        self.reveal_button.clicked.connect(self.reveal_phones)
        QShortcut(QKeySequence("Ctrl+Shift+H"), self, activated=self.reveal_phones,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        info.addWidget(self.reveal_button, 2, 2, Qt.AlignmentFlag.AlignTop)
        self.revealed: dict[int, str] = {}
        info.setColumnStretch(1, 1)
        self.content.addLayout(info)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ledgerTabs")

        grid_tab = QWidget()
        grid_layout = QHBoxLayout(grid_tab)
        grid_layout.setContentsMargins(0, 6, 0, 0)
        self.grid_model = LedgerGridModel(self)
        self.grid_view = _table(self.grid_model)
        self.grid_view.setObjectName("ledgerGrid")
        self.grid_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid_view.horizontalHeader().setMinimumSectionSize(120)
        grid_layout.addWidget(self.grid_view, 1)
        grid_layout.addWidget(self._legend())
        self.grid_view.selectionModel().currentChanged.connect(self._on_cell_selected)
        self.grid_view.doubleClicked.connect(lambda _index: self.adjust_selected())
        self.tabs.addTab(grid_tab, self.tr("Bills"))

        pay_tab = QSplitter(Qt.Orientation.Vertical)
        self.payments_model = PaymentsModel(self)
        self.payments_view = _table(self.payments_model)
        self.payments_view.setObjectName("ledgerPayments")
        self.payments_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.payments_view.horizontalHeader().setStretchLastSection(True)
        self.lines_model = PaymentLinesModel(self)
        self.lines_view = _table(self.lines_model)
        self.lines_view.setObjectName("ledgerPaymentLines")
        self.lines_view.horizontalHeader().setStretchLastSection(True)
        pay_tab.addWidget(self.payments_view)
        pay_tab.addWidget(self.lines_view)
        pay_tab.setSizes([300, 160])
        self.payments_view.selectionModel().currentRowChanged.connect(self._on_payment_selected)
        self.tabs.addTab(pay_tab, self.tr("Payments"))


        self.timeline_model = TimelineModel(self)
        self.timeline_view = _table(self.timeline_model)
        self.timeline_view.setObjectName("ledgerTimeline")
        self.timeline_view.setWordWrap(False)  # one line per event; the tooltip holds all details
        header = self.timeline_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TimelineModel.Column.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.timeline_view, self.tr("Collection history"))

        self.credit_model = CreditModel(self)
        self.credit_view = _table(self.credit_model)
        self.credit_view.setObjectName("ledgerCredit")
        self.credit_view.setWordWrap(False)  # one line per movement; the tooltip holds the bills it paid
        header = self.credit_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CreditModel.Column.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.credit_tab = self.tabs.addTab(self.credit_view, self.tr("Prepaid credit"))
        self.content.addWidget(self.tabs, 1)

    def _legend(self) -> QWidget:
        legend = QWidget()
        legend.setObjectName("ledgerLegend")
        row = QVBoxLayout(legend)  # beside the grid, which rarely needs the full width
        row.setContentsMargins(6, 0, 0, 0)
        row.setSpacing(4)
        caption = QLabel(self.tr("Colours:"))
        caption.setStyleSheet("color: #5F6B7A;")
        row.addWidget(caption)
        entries = [(self.tr("Paid"), PAID_COLOURS), (self.tr("Not yet due"), NOT_DUE_COLOURS)]
        entries += [(label(BUCKET_LABELS, b), BUCKET_COLOURS[b]) for b in AgeBucket]
        for text, (bg, fg) in entries:
            chip = QLabel(text)
            chip.setStyleSheet(f"background: {bg}; color: {fg}; padding: 2px 6px; border-radius: 3px;")
            row.addWidget(chip)
        note = QLabel(self.tr("“owes” = part paid"))
        note.setStyleSheet("color: #5F6B7A;")
        note.setWordWrap(True)
        row.addWidget(note)
        row.addStretch(1)
        return legend

    # loading
    def load(self, room_id: int) -> None:
        """Show the ledger of ``room_id`` (loaded in the background)."""
        if room_id != self.room_id:
            self.ledger = None
            self.revealed = {}  # another room: its numbers are masked again
            self.room_label.setText(self.tr("Loading…"))
        self.room_id = room_id
        self.refresh()

    def refresh(self) -> None:
        """Reload the current room from the database."""
        super().refresh()
        if self.room_id is None:
            return
        self._request += 1
        request = self._request
        self._runner.submit(
            ledger_service.room_ledger, room_id=self.room_id, today=self._today(),
            on_result=lambda ledger: self._on_loaded(request, ledger),
            on_error=lambda exc: self._on_failed(request, exc),
        )

    def _on_loaded(self, request: int, ledger: RoomLedger) -> None:
        if request != self._request:
            return  # an older request (another room, or a refresh since)
        self.ledger = ledger
        self.error_label.hide()
        self._show_header(ledger)
        self.grid_model.set_rows(ledger.rows, ledger.fee_items, ledger.today)
        self.grid_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.payments_model.set_rows(ledger.payments)
        self.lines_model.set_rows(())
        self.reverse_button.setEnabled(False)
        if ledger.payments:
            self.payments_view.selectRow(0)
        self.timeline_model.set_rows(ledger.timeline)
        issues = getattr(ledger.header, "open_issues", ())
        self.issues_label.setText(self.tr("Open service issues: {list}").format(list="；".join(issues)))
        self.issues_label.setVisible(bool(issues))
        self.credit_model.set_rows(ledger.credits)
        self.adjust_button.setEnabled(self.selected_cell() is not None)
        self.sig_loaded.emit(ledger)

    def _on_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self.error_label.setText(error_message(exc))
        self.error_label.show()
        if self.ledger is None:
            self.room_label.setText("")

    def _show_header(self, ledger: RoomLedger) -> None:
        h = ledger.header
        self.room_label.setText(f"{h.estate_name}  {h.room_code}")
        self.fig_paid_through.set_value(period_text(h.paid_through) if h.paid_through else self.tr("nothing paid"))
        self.fig_arrears.set_value(format_money(h.arrears_fen), "#B3261E" if h.arrears_fen else "#1E5631")
        self.fig_not_due.set_value(format_money(h.not_due_fen))
        self.fig_total.set_value(format_money(h.arrears_fen + h.not_due_fen))
        self.fig_credit.set_value(format_money(h.credit_fen))
        self.fig_late_fee.set_value(format_money(h.late_fee_due_fen), "#B3261E" if h.late_fee_due_fen else "#1F3B57")
        stage = label(LEDGER_STAGE_LABELS, h.stage) if h.stage is not None else self.tr("no open case")
        if h.collector:
            stage += f" · {h.collector}"
        self.fig_stage.set_value(stage)
        area = f"{h.area_centi_m2 // 100}.{h.area_centi_m2 % 100:02d} m²"
        room_bits = [area, label(USAGE_LABELS, h.usage), label(OCCUPANCY_LABELS, h.occupancy)]
        if h.direct_debit:
            room_bits.append(self.tr("bank direct debit"))
        if h.hold_until:
            room_bits.append(self.tr("on hold until {date}").format(date=h.hold_until.isoformat()))
        self.info_room.setText(" · ".join(room_bits))
        role = {r: label(PERSON_ROLE_LABELS, r) for r in PersonRole}
        people = [f"{role[PersonRole.OWNER]}：{'、'.join(p.name for p in h.owners) or '—'}"]
        if h.tenant:
            tenant = f"{role[PersonRole.TENANT]}：{h.tenant.name}"
            if h.tenant.pays_fees:
                tenant += self.tr(" (pays the fees)")
            people.append(tenant)
        if h.occupants:
            people.append(f"{role[PersonRole.OCCUPANT]}：{'、'.join(p.name for p in h.occupants)}")
        self.info_people.setText("    ".join(people))
        self.show_phones()
        self.info_limitation.setText(self._limitation_text(ledger))
        self.info_limitation.setToolTip(self.tr(
            "3 years per bill period (Civil Code art. 188), restarted by an evidenced demand, a promise, an "
            "instalment plan or a part payment (art. 195); a notice-board posting does not restart it."))

    def show_phones(self) -> None:
        """The phones line: masked numbers, or the full ones once revealed for this room."""
        if self.ledger is None:
            return
        h = self.ledger.header
        phones = []
        shown = [c for c in h.contacts if c.kind in (ContactKind.MOBILE, ContactKind.LANDLINE)]
        self.reveal_button.setVisible(bool(shown) and self._user.can(Permission.REVEAL_PHONE)
                                      and not all(c.contact_id in self.revealed for c in shown))
        for c in shown:
            value = self.revealed.get(c.contact_id, c.value)
            text = f"{c.person_name}{'（' + c.contact_name + '）' if c.contact_name else ''} {value}"
            if not c.valid:
                text = f"<s>{text}</s>"
            elif c.is_primary:
                text = f"<b>{text}</b>"
            phones.append(text)
        self.info_contacts.setText("    ".join(phones) or "—")

    def _limitation_text(self, ledger: RoomLedger) -> str:
        """The earliest end of the limitation period and the periods at risk (rich text)."""
        periods = ledger.limitation
        if not periods:
            return self.tr("nothing overdue")
        first = min(periods, key=lambda p: p.expires_on)
        expired = [p for p in periods if p.status is LimitationStatus.EXPIRED]
        at_risk = [p for p in periods if p.status is LimitationStatus.AT_RISK]
        parts = [self.tr("earliest end {date}").format(date=first.expires_on.isoformat())]
        if expired:
            parts.append("<span style='color:#B3261E'>" + self.tr("run out: {periods}").format(
                periods="、".join(period_text(p.period) for p in expired)) + "</span>")
        if at_risk:
            parts.append("<span style='color:#8A5A00'>" + self.tr("ends within 180 days: {periods}").format(
                periods="、".join(f"{period_text(p.period)}（{p.expires_on:%Y-%m-%d}）" for p in at_risk)) + "</span>")
        if not expired and not at_risk:
            parts.append(self.tr("no period at risk"))
        return " · ".join(parts)

    # the case
    def _open_case(self) -> None:
        if self.room_id is not None:
            self.sig_open_case.emit(self.room_id)

    def _context_menu(self, pos) -> None:
        if self.room_id is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Collection case (F7)"), self._open_case)
        self.context_menu = menu
        menu.popup(self.mapToGlobal(pos))

    def reveal_phones(self) -> None:
        """显示号码: ask the service for the room's full numbers (audited) and show them."""
        if self.ledger is None or not self._user.can(Permission.REVEAL_PHONE):
            return
        ids = [c.contact_id for c in self.ledger.header.contacts
               if c.kind in (ContactKind.MOBILE, ContactKind.LANDLINE) and c.contact_id not in self.revealed]
        if not ids:
            return
        from cuijiao_desktop.services import phones

        room_id = self.room_id

        def shown(numbers: dict[int, str]) -> None:
            if room_id == self.room_id:
                self.revealed.update(numbers)
                self.show_phones()

        self._runner.submit(phones.reveal_phones, actor=self._user, contact_ids=ids, room_id=room_id,
                            purpose="ledger", on_result=shown,
                            on_error=lambda exc: QMessageBox.warning(self, self.tr("Show numbers"), error_message(exc)))

    # payments
    def selected_payment(self) -> LedgerPayment | None:
        """The payment selected in the payments tab."""
        index = self.payments_view.currentIndex()
        return self.payments_model.data(index, RowRole) if index.isValid() else None

    def _on_payment_selected(self, current, _previous) -> None:
        payment = self.payments_model.data(current, RowRole) if current.isValid() else None
        self.lines_model.set_rows(payment.lines if payment else ())
        self.reverse_button.setEnabled(bool(payment and payment.reversible))

    def _paper(self) -> str:
        """Receipt paper of this workstation's printer (A5 unless set)."""
        return self._settings.get(Keys.RECEIPT_PAPER) if self._settings is not None else "a5"

    def take_payment(self) -> None:
        """收款 (F9): open the payment dialog for this room."""
        if self.room_id is None or not self.isVisible():
            return
        self.open_payment_dialog(self.room_id)

    def open_payment_dialog(self, room_id: int, *, parent: QWidget | None = None):
        """The payment dialog of ``room_id``: this room's, or (F9 on another page) the room selected
        there, over ``parent``. A saved payment emits ``sig_payment_saved``. Returns the dialog."""
        if not self._user.can(Permission.TAKE_PAYMENT):
            return None
        from cuijiao_desktop.views.dialogs.payment_dialog import PaymentDialog

        dialog = PaymentDialog(
            self._runner, self._user, room_id, today=self._today(), receipts_folder=self._receipts_folder(),
            paper=self._paper(), font_dirs=system_font_dirs(), parent=parent or self,
        )
        dialog.sig_saved.connect(self._after_save if room_id == self.room_id else self.sig_payment_saved.emit)
        self.payment_dialog = dialog
        dialog.open()
        return dialog

    def reverse_selected(self) -> None:
        """冲正 the selected payment (managers)."""
        payment = self.selected_payment()
        if payment is None or not payment.reversible or not self._user.can(Permission.REVERSE_PAYMENT):
            return
        from cuijiao_desktop.views.dialogs.reversal_dialog import ReversalDialog

        dialog = ReversalDialog(
            self._runner, self._user, payment, room_code=self.ledger.header.room_code if self.ledger else "",
            today=self._today(), receipts_folder=self._receipts_folder(), paper=self._paper(),
            font_dirs=system_font_dirs(), parent=self,
        )
        dialog.sig_saved.connect(self._after_save)
        self.reversal_dialog = dialog
        dialog.open()

    # documents
    def _room_text(self) -> str:
        h = self.ledger.header if self.ledger else None
        return f"{h.estate_name} {h.room_code}" if h else ""

    def _show_document(self, path: Path, title: str) -> None:
        from cuijiao_desktop.views.dialogs.pdf_dialog import PdfDialog

        dialog = PdfDialog(path, title, settings=self._settings, parent=self)
        self.document_dialog = dialog
        dialog.open()

    def print_statement(self) -> None:
        """对账单 (Ctrl+P): choose the months, then preview, print or save it."""
        if self.room_id is None or self.ledger is None or not self.isVisible():
            return
        from cuijiao_desktop.reports.statement_pdf import write_statement
        from cuijiao_desktop.views.dialogs.statement_dialog import StatementDialog

        dialog = StatementDialog(self._room_text(), self._today(), parent=self)
        if dialog.exec() != StatementDialog.DialogCode.Accepted:
            return
        first, last = dialog.periods()
        path = Path(self._documents.path()) / f"对账单-{self.ledger.header.room_code}-{first}-{last}.pdf"
        self._runner.submit(
            write_statement, actor=self._user, room_id=self.room_id, period_from=first, period_to=last,
            today=self._today(), out_path=path, font_dirs=system_font_dirs(),
            on_result=lambda p: self._show_document(p, self.tr("Statement {room}").format(room=self._room_text())),
            on_error=self._on_document_failed,
        )

    def write_dossier(self) -> None:
        """律师函草稿及证据材料 of this room (managers)."""
        if self.room_id is None or self.ledger is None or not self._user.can(Permission.EXPORT_PERSONAL_DATA):
            return
        from cuijiao_desktop.reports.dossier_pdf import write_dossier

        path = Path(self._documents.path()) / f"证据材料-{self.ledger.header.room_code}.pdf"
        self._runner.submit(
            write_dossier, actor=self._user, room_id=self.room_id, today=self._today(), out_path=path,
            font_dirs=system_font_dirs(),
            on_result=lambda p: self._show_document(p, self.tr("Lawyer dossier {room}").format(room=self._room_text())),
            on_error=self._on_document_failed,
        )

    def _on_document_failed(self, exc: BaseException) -> None:
        self.error_label.setText(error_message(exc))
        self.error_label.show()

    # bills
    def selected_cell(self):
        """The bill selected in the grid (a LedgerCell), or None."""
        return self.grid_model.cell(self.grid_view.currentIndex())

    def _on_cell_selected(self, current, _previous) -> None:
        self.adjust_button.setEnabled(self.grid_model.cell(current) is not None)

    def adjust_selected(self) -> None:
        """调整账单金额 of the selected bill (finance): a dialog with the new amount and the reason."""
        cell = self.selected_cell()
        if cell is None or not self._user.can(Permission.EDIT_BILLING):
            return
        from cuijiao_desktop.views.dialogs.bill_adjust_dialog import BillAdjustDialog

        dialog = BillAdjustDialog(self._runner, self._user, cell,
                                  room_code=self.ledger.header.room_code if self.ledger else "", parent=self)
        dialog.sig_saved.connect(self._after_save)
        self.adjust_dialog = dialog
        dialog.open()

    def _after_save(self, receipt) -> None:
        self.sig_payment_saved.emit(receipt)
        self.refresh()

