"""批量通知: choose rooms, list the notices each would get, preview, then issue and print or save.

Listing and previewing record nothing. 打印… asks for the printer first and only then records the
batch (serials, one notice row per room) and writes its PDF in one task with progress and
cancel: a cancelled or failed batch records nothing. 保存为 PDF… does the same into a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import IntEnum
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import DeliveryMethod
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import arrears as arrears_service
from cuijiao_desktop.services.notices import NoticeBatch, NoticeDocument, NoticeSelection, plan_notices
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.labels import STAGE_LABELS, Labels, label
from cuijiao_desktop.views.models.base import ALIGN_RIGHT, RowRole, RowTableModel, SortRole
from cuijiao_desktop.views.widgets.files import ask_save_path
from cuijiao_desktop.views.widgets.pdf_preview import PdfPreview, print_pdf
from cuijiao_desktop.views.widgets.tables import list_view

_CTX = "notices"

DELIVERY_LABELS = Labels("notices", {
    DeliveryMethod.HAND_SIGNED: QT_TRANSLATE_NOOP("notices", "Signed for by hand"),
    DeliveryMethod.DOOR: QT_TRANSLATE_NOOP("notices", "Left at the door"),
    DeliveryMethod.REGISTERED_MAIL: QT_TRANSLATE_NOOP("notices", "Registered letter"),
    DeliveryMethod.EXPRESS: QT_TRANSLATE_NOOP("notices", "Express (EMS)"),
    DeliveryMethod.SMS: QT_TRANSLATE_NOOP("notices", "SMS"),
    DeliveryMethod.WECHAT: QT_TRANSLATE_NOOP("notices", "WeChat"),
    DeliveryMethod.EMAIL: QT_TRANSLATE_NOOP("notices", "E-mail"),
})


def delivery_label(method: DeliveryMethod | None) -> str:
    return label(DELIVERY_LABELS, method)


class NoticeListModel(RowTableModel):
    """The notices a batch would print."""

    CONTEXT = _CTX

    class Column(IntEnum):
        ROOM = 0
        RECIPIENT = 1
        LEVEL = 2
        MONTHS = 3
        PRINCIPAL = 4
        LATE_FEE = 5
        TOTAL = 6
        DELIVERY = 7

    HEADERS = (
        QT_TRANSLATE_NOOP("notices", "Room"), QT_TRANSLATE_NOOP("notices", "Recipient"),
        QT_TRANSLATE_NOOP("notices", "Notice"), QT_TRANSLATE_NOOP("notices", "Months"),
        QT_TRANSLATE_NOOP("notices", "Arrears"), QT_TRANSLATE_NOOP("notices", "Late fee"),
        QT_TRANSLATE_NOOP("notices", "Total"), QT_TRANSLATE_NOOP("notices", "Delivery"),
    )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        d: NoticeDocument | None = self.row_of(index)
        if d is None:
            return None
        c = self.Column(index.column())
        if role == RowRole:
            return d
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (self.Column.MONTHS, self.Column.PRINCIPAL,
                                                                self.Column.LATE_FEE, self.Column.TOTAL):
            return ALIGN_RIGHT
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            sort = role == SortRole
            if c is self.Column.ROOM:
                return f"{d.estate} {d.room_code}"
            if c is self.Column.RECIPIENT:
                return d.recipient_name
            if c is self.Column.LEVEL:
                return d.level if sort else QCoreApplication.translate("notices", "No. {n} · {title}").format(
                    n=d.level, title=d.title)
            if c is self.Column.MONTHS:
                return d.months
            if c is self.Column.PRINCIPAL:
                return d.principal_fen if sort else format_money(d.principal_fen)
            if c is self.Column.LATE_FEE:
                return d.late_fee_fen if sort else (format_money(d.late_fee_fen) if d.late_fee_fen else "")
            if c is self.Column.TOTAL:
                return d.total_fen if sort else format_money(d.total_fen)
            if c is self.Column.DELIVERY:
                return delivery_label(d.intended_delivery)
        return None


class BatchTab(QWidget):
    """Choose rooms, list, preview, issue + print or save."""

    sig_issued = Signal(object)  # PrintedBatch

    def __init__(self, runner, user, *, today: Callable[[], date], settings, data_dir: Callable[[], Path],
                 scratch: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._settings = settings
        self._data_dir = data_dir
        self._scratch = scratch
        self._options: arrears_service.ArrearsFilterOptions | None = None
        self.carried: tuple[int, ...] = ()
        self.batch: NoticeBatch | None = None
        self.handle = None
        self._seq = 0
        self._loaded = False
        self._built = False
        self._previews = 0
        self._build()
        self._built = True

    # construction
    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        combo.currentIndexChanged.connect(self._choice_changed)
        return combo

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.estate_combo = self._combo("noticeEstate")
        self.building_combo = self._combo("noticeBuilding")
        self.collector_combo = self._combo("noticeCollector")
        self.stage_combo = self._combo("noticeStage")
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("noticeMinMonths")
        self.months_spin.setRange(0, 120)
        self.months_spin.setPrefix(self.tr("at least "))
        self.months_spin.setSuffix(self.tr(" months"))
        self.months_spin.setSpecialValueText(self.tr("any arrears"))
        self.months_spin.valueChanged.connect(self._choice_changed)
        self.level_combo = self._combo("noticeLevel")
        self.level_combo.addItem(self.tr("Next notice of each room"), None)
        for level in range(1, 11):
            self.level_combo.addItem(self.tr("Notice no. {n} for every room").format(n=level), level)
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("noticePaper")
        self.paper_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.paper_combo.setMinimumContentsLength(3)
        self.paper_combo.addItem(self.tr("A4, one notice a page"), "a4")
        self.paper_combo.addItem(self.tr("A5, two notices on an A4 sheet"), "a5x2")
        self.paper_combo.currentIndexChanged.connect(lambda _i: self._preview_stale())
        self._fill_options()
        for col, w in enumerate((self.estate_combo, self.building_combo, self.collector_combo, self.stage_combo)):
            grid.addWidget(w, 0, col)
        grid.addWidget(self.months_spin, 1, 0)
        grid.addWidget(self.level_combo, 1, 1)
        grid.addWidget(self.paper_combo, 1, 2)
        self.list_button = QPushButton(self.tr("List notices (F5)"))  # F5: the window's 刷新 action
        self.list_button.setObjectName("noticeList")
        self.list_button.clicked.connect(self.plan)
        grid.addWidget(self.list_button, 1, 3)
        for col in range(4):
            grid.setColumnStretch(col, 1)

        self.carried_label = QLabel()
        self.carried_label.setObjectName("noticeCarried")
        self.carried_label.setStyleSheet("background: #FFF6DB; border: 1px solid #E9D48A; border-radius: 4px; "
                                         "padding: 4px 8px; color: #5C4400;")
        self.carried_label.hide()
        self.clear_carried = QPushButton(self.tr("Use the filters instead"))
        self.clear_carried.setObjectName("noticeClearCarried")
        self.clear_carried.clicked.connect(lambda: self.carry_rooms(()))
        self.clear_carried.hide()
        carried = QHBoxLayout()
        carried.addWidget(self.carried_label, 1)
        carried.addWidget(self.clear_carried)

        self.model = NoticeListModel(self)
        self.table = list_view(self.model, "noticeTable", fit=True, multi=True, wrap=True)
        self.summary = QLabel(self.tr("Choose the rooms, then list the notices (F5)."))
        self.summary.setObjectName("noticeSummary")
        self.summary.setWordWrap(True)
        self.skipped_label = QLabel()
        self.skipped_label.setObjectName("noticeSkipped")
        self.skipped_label.setStyleSheet("color: #8A5300;")
        self.skipped_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("noticeStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("noticePreview")
        self.preview_button.setToolTip(self.tr("Show the notices as they will print (numbers are given when issued)"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton(self.tr("Issue and print…"))
        self.print_button.setObjectName("noticePrint")
        self.print_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 14px; }")
        self.print_button.setToolTip(self.tr("Choose the printer, then record the notices with their numbers "
                                             "and print them (Ctrl+P)"))
        self.print_button.clicked.connect(self.issue_and_print)
        self.save_button = QPushButton(self.tr("Issue and save PDF…"))
        self.save_button.setObjectName("noticeSave")
        self.save_button.clicked.connect(self.issue_and_save)
        can_print = self._user.can(Permission.PRINT_NOTICES)
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        self.print_button.setVisible(can_print)
        self.save_button.setVisible(can_print)
        buttons.addStretch(1)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(grid)
        lay.addLayout(carried)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.skipped_label)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        self.viewer = PdfPreview()
        self.viewer.setMinimumWidth(160)  # the window may be narrow: the splitter gives it room when there is
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.viewer)
        split.setSizes([620, 480])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.addWidget(split, 1)
        # F5 is the window's 刷新, which reaches refresh() below; Ctrl+P prints from this tab
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.issue_and_print)

    # choices
    def _fill_options(self) -> None:
        o = self._options
        for combo, any_text, items in (
            (self.estate_combo, self.tr("All estates"), [(e.name, e.id) for e in (o.estates if o else ())]),
            (self.collector_combo, self.tr("Any collector"), [(c.name, c.id) for c in (o.collectors if o else ())]),
            (self.stage_combo, self.tr("Any stage"), [(label(STAGE_LABELS, s), s) for s in (o.stages if o else ())]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_text, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        o = self._options
        estate = self.estate_combo.currentData()
        current = self.building_combo.currentData()
        self.building_combo.blockSignals(True)
        self.building_combo.clear()
        self.building_combo.addItem(self.tr("All buildings"), None)
        names = {e.id: e.name for e in (o.estates if o else ())}
        for b in (o.buildings if o else ()):
            if estate is None or b.estate_id == estate:
                prefix = f"{names.get(b.estate_id, '')} " if estate is None and len(names) > 1 else ""
                self.building_combo.addItem(self.tr("{estate}Building {name}").format(estate=prefix, name=b.name), b.id)
        self.building_combo.setCurrentIndex(max(0, self.building_combo.findData(current)))
        self.building_combo.blockSignals(False)

    def _choice_changed(self) -> None:
        if not self._built:
            return
        if self.sender() is self.estate_combo:
            self._fill_buildings()
        self.batch = None
        self.model.set_rows([])
        self._update_buttons()
        self.summary.setText(self.tr("The choice changed: list the notices again (F5)."))
        self.skipped_label.clear()
        self._preview_stale()

    def _preview_stale(self) -> None:
        self.viewer.clear()

    def selection(self) -> NoticeSelection:
        """What the filters (or the rooms carried over) describe."""
        building = self.building_combo.currentData()
        return NoticeSelection(
            room_ids=self.carried, estate_id=None if self.carried else self.estate_combo.currentData(),
            building_ids=(building,) if building is not None and not self.carried else (),
            collector_id=None if self.carried else self.collector_combo.currentData(),
            stage=None if self.carried else self.stage_combo.currentData(),
            min_months=0 if self.carried else self.months_spin.value(), level=self.level_combo.currentData(),
        )

    def carry_rooms(self, room_ids: Sequence[int], description: str = "") -> None:
        """Limit the batch to rooms chosen in the arrears table (empty: back to the filters)."""
        self.carried = tuple(room_ids)
        for w in (self.estate_combo, self.building_combo, self.collector_combo, self.stage_combo, self.months_spin):
            w.setEnabled(not self.carried)
        if self.carried:
            text = self.tr("{n} rooms carried over from the arrears list").format(n=f"{len(self.carried):,}")
            if description:
                text += f" ({description})"
            self.carried_label.setText(text)
        self.carried_label.setVisible(bool(self.carried))
        self.clear_carried.setVisible(bool(self.carried))
        self._choice_changed()
        if self.carried:
            self.plan()

    # loading
    def activate(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """F5: reload the choices and list the notices again."""
        first = not self._loaded
        self._loaded = True
        self._runner.submit(arrears_service.arrears_filter_options, on_result=self._show_options,
                            on_error=self._show_error)
        if not first:
            self.plan()

    def _show_options(self, options) -> None:
        self._options = options
        self._fill_options()

    def plan(self) -> None:
        """List the notices the choice gives (nothing is recorded)."""
        self._seq += 1
        seq = self._seq
        self.summary.setText(self.tr("Listing…"))
        self._runner.submit(plan_notices, selection=self.selection(), today=self._today(),
                            data_dir=self._data_dir(),
                            on_result=lambda batch: self._show_plan(seq, batch), on_error=self._show_error)

    def _show_plan(self, seq: int, batch: NoticeBatch) -> None:
        if seq != self._seq:
            return
        self.batch = batch
        self.model.set_rows(batch.documents)
        levels = self.tr(", ").join(self.tr("{n} × no. {level}").format(n=n, level=lv)
                                    for lv, n in batch.by_level().items())
        if batch.documents:
            self.summary.setText(self.tr("{n} notices ({levels}), total {amount}").format(
                n=f"{len(batch.documents):,}", levels=levels, amount=format_money(batch.total_fen)))
        else:
            self.summary.setText(self.tr("No room of this choice gets a notice now."))
        if batch.skipped:
            shown = "；".join(f"{x.room_code} {x.reason}" for x in batch.skipped[:6])
            more = self.tr(" … and {n} more").format(n=len(batch.skipped) - 6) if len(batch.skipped) > 6 else ""
            self.skipped_label.setText(self.tr("Left out ({n}): {rooms}").format(n=len(batch.skipped),
                                                                              rooms=shown + more))
        else:
            self.skipped_label.clear()
        self._update_buttons()

    def _show_error(self, exc: BaseException) -> None:
        self.summary.setText("")
        self.status.setStyleSheet("color: #B3261E;")
        self.status.setText(error_message(exc))

    def _update_buttons(self) -> None:
        ready = bool(self.batch and self.batch.documents) and self.handle is None
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(ready)

    # preview
    def preview(self) -> None:
        """Write the listed notices with "preview" in place of the numbers and show them."""
        if not self.batch or not self.batch.documents:
            return
        from cuijiao_desktop.reports.notice_pdf import write_notices_pdf

        self._previews += 1  # a new name each time: the viewer may still hold the last file open
        path = self._scratch / self.tr("notices-preview-{n}.pdf").format(n=self._previews)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Preparing the preview…"))
        run_with_progress(
            self._runner, self, self.tr("Preview"), partial(write_notices_pdf, paper=self.paper_combo.currentData()),
            self.batch, path, with_session=False,
            on_result=lambda printed: self._show_preview(printed.path), on_error=self._show_error,
            on_cancelled=lambda: self.status.setText(self.tr("Preview cancelled.")),
        )

    def _show_preview(self, path: Path) -> None:
        self.viewer.load(path)
        self.status.setText(self.tr("Preview: the notices get their numbers when they are issued."))

    # issuing
    def _batch_path(self) -> Path:
        folder = self._data_dir() / "notices"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"催缴通知-{datetime.now():%Y%m%d-%H%M%S}.pdf"

    def _confirm(self) -> bool:
        n = len(self.batch.documents) if self.batch else 0
        answer = QMessageBox.question(
            self, self.tr("Issue notices"),
            self.tr("Record {n} notices with their numbers and the date {date}? Each room's notice then counts "
                    "as sent; record its delivery when it has reached the owner.").format(
                        n=f"{n:,}", date=self._today().isoformat()),
        )
        return answer == QMessageBox.StandardButton.Yes

    def issue_and_print(self) -> None:
        """Choose the printer, then issue the batch and print it (nothing is recorded if the dialog is cancelled)."""
        if not self.print_button.isEnabled() or not self.print_button.isVisible():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print notices"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self._issue(self._batch_path(), printer)

    def issue_and_save(self) -> None:
        """Issue the batch into a PDF file the user names."""
        if not self.save_button.isEnabled() or not self.save_button.isVisible():
            return
        path = ask_save_path(self, self._settings, key="notices", title=self.tr("Save notices"),
                             name=self._batch_path().name, file_filter=self.tr("PDF document (*.pdf)"),
                             suffix=".pdf")
        if path is not None and self._confirm():
            self._issue(path, None)

    def _issue(self, path: Path, printer: QPrinter | None) -> None:
        from cuijiao_desktop.reports.notice_pdf import issue_and_write
        from cuijiao_desktop.views.pages.room_ledger_page import system_font_dirs

        selection = self.selection()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Issuing…"))

        def done(printed) -> None:
            printed.publish()
            docs = printed.batch.documents
            self.status.setText(self.tr("Issued {n} notices, numbers {first} to {last}. PDF: {path}").format(
                n=f"{len(docs):,}", first=docs[0].serial, last=docs[-1].serial, path=printed.path))
            self.viewer.load(printed.path)
            self.sig_issued.emit(printed)
            if printer is not None and not print_pdf(printed.path, self, title=printed.path.stem, ask=False,
                                                     printer=printer):
                self.status.setText(self.status.text() + " " + self.tr(
                    "Printing did not finish: print the saved PDF again from its folder."))
            self.plan()

        def failed(exc: BaseException) -> None:
            path.with_name(path.name + ".part").unlink(missing_ok=True)
            self._show_error(exc)

        def cancelled() -> None:
            path.with_name(path.name + ".part").unlink(missing_ok=True)
            self.status.setText(self.tr("Cancelled: no notice was recorded."))

        def finished() -> None:
            self.handle = None
            self._update_buttons()

        self.handle = run_with_progress(
            self._runner, self, self.tr("Issuing notices…"), issue_and_write, actor=self._user, selection=selection,
            today=self._today(), out_path=path, data_dir=self._data_dir(), paper=self.paper_combo.currentData(),
            font_dirs=system_font_dirs(), on_result=done, on_error=failed, on_cancelled=cancelled,
            on_finished=finished,
        )
        if self.handle.done:
            self.handle = None
        self._update_buttons()
