"""导出 (on the 报表 page): the contact log, the visits, the notices issued and the SMS batch file.

A section per export: its date range and filters and an 导出… button. Each export runs through the
task runner with progress and cancel (``reports.activity_exports``, the one export shape of
``services/export_file.py``: read without the write lock, the file written to a temporary name, the audit
row in a short transaction, then the file renamed into place). The SMS section edits the
message template beside a live preview of the first room's message and its length in SMS segments.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import NoticeKind, VisitStatus
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.sms import (
    DEFAULT_SMS_TEMPLATE,
    SINGLE_SEGMENT_CHARS,
    SMS_PLACEHOLDERS,
    check_sms_template,
    render_sms,
    sms_segments,
)
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.reports import activity_exports as export_tasks
from cuijiao_desktop.services import arrears as arrears_service
from cuijiao_desktop.services import contact_log as log_service
from cuijiao_desktop.services import sms_batch
from cuijiao_desktop.services.activity_exports import DeliveryState, NoticeExportFilter, VisitExportFilter
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.labels import Labels, label
from cuijiao_desktop.views.visits.labels import STATUS_LABELS as VISIT_STATUS_LABELS
from cuijiao_desktop.views.widgets.dates import date_edit
from cuijiao_desktop.views.widgets.files import ask_save_path
from cuijiao_desktop.views.widgets.filters import debounced

__all__ = ["DELIVERY_STATE_LABELS", "NOTICE_KIND_LABELS", "ExportsTab"]

_CTX = "exports"
DEFAULT_DAYS = 30

NOTICE_KIND_LABELS = Labels(_CTX, {
    NoticeKind.REMINDER: QT_TRANSLATE_NOOP("exports", "Friendly reminder"),
    NoticeKind.ARREARS_NOTICE: QT_TRANSLATE_NOOP("exports", "Notice of arrears"),
    NoticeKind.FINAL_NOTICE: QT_TRANSLATE_NOOP("exports", "Final notice"),
    NoticeKind.LAWYER_LETTER: QT_TRANSLATE_NOOP("exports", "Lawyer's letter"),
})
DELIVERY_STATE_LABELS = Labels(_CTX, {
    DeliveryState.PENDING: QT_TRANSLATE_NOOP("exports", "Not delivered yet"),
    DeliveryState.DELIVERED: QT_TRANSLATE_NOOP("exports", "Delivered"),
    DeliveryState.EVIDENCED: QT_TRANSLATE_NOOP("exports", "Delivered with proof"),
    DeliveryState.UNPROVEN: QT_TRANSLATE_NOOP("exports", "Delivered without proof"),
})


def _day(edit: QDateEdit) -> date:
    return edit.date().toPython()


class ExportsTab(QWidget):
    """The four exports. Emits ``sig_exported(path)`` after each file is written."""

    sig_exported = Signal(str)
    sig_sample = Signal(object)  # SmsSample: the SMS preview's values arrived

    def __init__(self, runner, user, *, today: Callable[[], date], settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._settings = settings
        self.handle = None
        self.last_batch: sms_batch.SmsBatch | None = None
        self.sample: sms_batch.SmsSample | None = None
        self._arrears_options: arrears_service.ArrearsFilterOptions | None = None
        self._loaded = False
        self._sample_seq = 0
        self.carried: tuple[int, ...] = ()
        self._build()

    # construction
    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        return combo

    def _range(self, prefix: str) -> tuple[QDateEdit, QDateEdit, QWidget]:
        today = self._today()
        start = date_edit(f"{prefix}From", today - timedelta(days=DEFAULT_DAYS))
        end = date_edit(f"{prefix}To", today)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(start)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(end)
        row.addStretch(1)
        return start, end, box

    def _format_combo(self, name: str) -> QComboBox:
        combo = self._combo(name)
        combo.addItem(self.tr("Excel workbook (.xlsx)"), ".xlsx")
        combo.addItem(self.tr("CSV text (.csv)"), ".csv")
        return combo

    def _button(self, name: str, text: str, slot: Callable[[], None], *, personal: bool) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        if personal and not self._user.can(Permission.EXPORT_PERSONAL_DATA):
            button.setEnabled(False)
            button.setToolTip(self.tr("Your role may not export personal data."))
        return button

    def _build(self) -> None:
        # the contact log
        self.calls_from, self.calls_to, calls_range = self._range("exportCalls")
        self.calls_staff = self._combo("exportCallsStaff")
        self.calls_button = self._button("exportCalls", self.tr("Export…"), self.choose_calls_file, personal=False)
        calls = QGroupBox(self.tr("Contact log"))
        form = QFormLayout(calls)
        form.addRow(self.tr("Contacts from"), calls_range)
        form.addRow(self.tr("Logged by"), self.calls_staff)
        form.addRow("", self.calls_button)

        # visits
        self.visits_from, self.visits_to, visits_range = self._range("exportVisits")
        self.visits_staff = self._combo("exportVisitsStaff")
        self.visits_status = self._combo("exportVisitsStatus")
        self.visits_status.addItem(self.tr("Any status"), None)
        for s in VisitStatus:
            self.visits_status.addItem(label(VISIT_STATUS_LABELS, s), s)  # the calendar's words
        self.visits_format = self._format_combo("exportVisitsFormat")
        self.visits_button = self._button("exportVisits", self.tr("Export…"), self.choose_visits_file, personal=True)
        visits = QGroupBox(self.tr("Home visits"))
        form = QFormLayout(visits)
        form.addRow(self.tr("Planned from"), visits_range)
        form.addRow(self.tr("Staff"), self.visits_staff)
        form.addRow(self.tr("Status"), self.visits_status)
        form.addRow(self.tr("File"), self.visits_format)
        form.addRow("", self.visits_button)

        # notices issued
        self.notices_from, self.notices_to, notices_range = self._range("exportNotices")
        self.notices_kind = self._combo("exportNoticesKind")
        self.notices_kind.addItem(self.tr("Any kind"), None)
        for k in NoticeKind:
            self.notices_kind.addItem(label(NOTICE_KIND_LABELS, k), k)
        self.notices_state = self._combo("exportNoticesDelivery")
        self.notices_state.addItem(self.tr("Any delivery"), None)
        for st in DeliveryState:
            self.notices_state.addItem(label(DELIVERY_STATE_LABELS, st), st)
        self.notices_format = self._format_combo("exportNoticesFormat")
        self.notices_button = self._button("exportNotices", self.tr("Export…"), self.choose_notices_file,
                                           personal=True)
        notices = QGroupBox(self.tr("Notices issued"))
        form = QFormLayout(notices)
        form.addRow(self.tr("Issued from"), notices_range)
        form.addRow(self.tr("Kind"), self.notices_kind)
        form.addRow(self.tr("Delivery"), self.notices_state)
        form.addRow(self.tr("File"), self.notices_format)
        form.addRow("", self.notices_button)

        # the SMS batch
        sms = QGroupBox(self.tr("SMS batch file (for the office's SMS platform)"))
        self.sms_estate = self._combo("smsEstate")
        self.sms_building = self._combo("smsBuilding")
        self.sms_collector = self._combo("smsCollector")
        self.sms_months = QSpinBox()
        self.sms_months.setObjectName("smsMinMonths")
        self.sms_months.setRange(0, 120)
        self.sms_months.setPrefix(self.tr("at least "))
        self.sms_months.setSuffix(self.tr(" months"))
        self.sms_months.setSpecialValueText(self.tr("any arrears"))
        self.sms_batch = QLineEdit()
        self.sms_batch.setObjectName("smsBatchNo")
        self.sms_batch.setPlaceholderText(self.tr("Notice batch no. (optional)"))
        self.sms_batch.setClearButtonEnabled(True)
        self.sms_due = date_edit("smsDue", self._today() + timedelta(days=sms_batch.DEFAULT_DUE_DAYS))
        self.sms_estate.currentIndexChanged.connect(lambda _i: self._fill_buildings())
        grid = QGridLayout()
        grid.addWidget(self.sms_estate, 0, 0)
        grid.addWidget(self.sms_building, 0, 1)
        grid.addWidget(self.sms_collector, 0, 2)
        grid.addWidget(self.sms_months, 1, 0)
        grid.addWidget(self.sms_batch, 1, 1)
        due = QHBoxLayout()
        due.addWidget(QLabel(self.tr("Pay by")))
        due.addWidget(self.sms_due, 1)
        grid.addLayout(due, 1, 2)
        self.sms_carried = QLabel()
        self.sms_carried.setObjectName("smsCarried")
        self.sms_carried.setStyleSheet("background: #FFF6DB; border: 1px solid #E9D48A; border-radius: 4px; "
                                       "padding: 4px 8px; color: #5C4400;")
        self.sms_carried.setWordWrap(True)
        self.sms_clear_carried = QPushButton(self.tr("Use the filters instead"))
        self.sms_clear_carried.setObjectName("smsClearCarried")
        self.sms_clear_carried.clicked.connect(lambda: self.carry_rooms(()))
        carried = QHBoxLayout()
        carried.addWidget(self.sms_carried, 1)
        carried.addWidget(self.sms_clear_carried)
        self.sms_carried.hide()
        self.sms_clear_carried.hide()
        self.sms_template = QPlainTextEdit(DEFAULT_SMS_TEMPLATE)
        self.sms_template.setObjectName("smsTemplate")
        self.sms_template.setMaximumHeight(90)
        hint = QLabel(self.tr("Placeholders: {names}. The owner is named by surname only and the room's last "
                              "digits are masked.").format(names="  ".join("{" + p + "}" for p in SMS_PLACEHOLDERS)))
        hint.setObjectName("smsPlaceholders")
        hint.setWordWrap(True)
        hint.setToolTip("\n".join(f"{{{k}}}：{v}" for k, v in SMS_PLACEHOLDERS.items()))
        hint.setStyleSheet("color: #555;")
        self.sms_preview = QLabel()
        self.sms_preview.setObjectName("smsPreview")
        self.sms_preview.setWordWrap(True)
        self.sms_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sms_preview.setStyleSheet("background: #F3F7EE; border: 1px solid #C9D8B6; border-radius: 6px; "
                                       "padding: 6px 8px;")
        self.sms_count = QLabel()
        self.sms_count.setObjectName("smsCount")
        self.sms_rooms = QLabel()
        self.sms_rooms.setObjectName("smsRooms")
        self.sms_button = self._button("exportSms", self.tr("Export SMS file…"), self.choose_sms_file, personal=True)
        self.sms_save = QPushButton(self.tr("Save as the office's template"))
        self.sms_save.setObjectName("smsSaveTemplate")
        self.sms_save.setToolTip(self.tr("Every desk starts from this wording"))
        self.sms_save.clicked.connect(self.save_template)
        self.sms_save.setVisible(self._user.can(Permission.EDIT_LADDER))
        self.sms_left_out = QPlainTextEdit()
        self.sms_left_out.setObjectName("smsLeftOut")
        self.sms_left_out.setReadOnly(True)
        self.sms_left_out.setMinimumHeight(60)
        self.sms_left_out.setPlaceholderText(self.tr("Rooms that get no message are listed here after the export."))
        lay = QVBoxLayout(sms)
        lay.addLayout(grid)
        lay.addLayout(carried)
        lay.addWidget(QLabel(self.tr("Message template")))
        lay.addWidget(self.sms_template)
        lay.addWidget(hint)
        lay.addWidget(QLabel(self.tr("First message")))
        lay.addWidget(self.sms_preview)
        counts = QHBoxLayout()
        counts.addWidget(self.sms_count, 1)
        counts.addWidget(self.sms_rooms)
        counts.addWidget(self.sms_save)
        counts.addWidget(self.sms_button)
        lay.addLayout(counts)
        lay.addWidget(self.sms_left_out, 1)

        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QVBoxLayout()
        left.addWidget(calls)
        left.addWidget(visits)
        left.addWidget(notices)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(sms, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        outer.addLayout(columns, 1)
        outer.addWidget(self.status)

        self._fill_options(None, None)
        self.sms_template.textChanged.connect(self.update_preview)
        self._sample_timer = debounced(self, 300, self.load_sample, self.sms_estate.currentIndexChanged,
                                       self.sms_building.currentIndexChanged, self.sms_collector.currentIndexChanged,
                                       self.sms_months.valueChanged, self.sms_batch.editingFinished,
                                       self.sms_due.dateChanged)
        self.update_preview()

    # choices
    def _fill(self, combo: QComboBox, any_text: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _fill_options(self, arrears: arrears_service.ArrearsFilterOptions | None,
                      log: log_service.ContactLogOptions | None) -> None:
        self._arrears_options = arrears
        staff = [(u.name, u.id) for u in (log.users if log else ())]
        self._fill(self.calls_staff, self.tr("Anyone"), staff)
        self._fill(self.visits_staff, self.tr("Anyone"), staff)
        self._fill(self.sms_estate, self.tr("All estates"), [(e.name, e.id) for e in (arrears.estates if arrears else ())])
        self._fill(self.sms_collector, self.tr("Any collector"),
                   [(c.name, c.id) for c in (arrears.collectors if arrears else ())])
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        o = self._arrears_options
        estate = self.sms_estate.currentData()
        names = {e.id: e.name for e in (o.estates if o else ())}
        items = []
        for b in (o.buildings if o else ()):
            if estate is None or b.estate_id == estate:
                prefix = f"{names.get(b.estate_id, '')} " if estate is None and len(names) > 1 else ""
                items.append((self.tr("{estate}Building {name}").format(estate=prefix, name=b.name), b.id))
        self._fill(self.sms_building, self.tr("All buildings"), items)

    def activate(self) -> None:
        """Load the filter choices and the preview's first room the first time the tab is shown."""
        if self._loaded:
            return
        self._loaded = True
        self.refresh()

    def refresh(self) -> None:
        """F5: reload the choices and the preview's first room."""
        got: dict[str, object] = {}

        def arrived(key: str, value: object) -> None:
            got[key] = value
            if len(got) == 3:
                self._fill_options(got["arrears"], got["log"])  # type: ignore[arg-type]
                if not self.sms_template.document().isModified():  # the office's wording, unless being edited
                    self.sms_template.setPlainText(str(got["template"]))
                self.load_sample()

        self._runner.submit(sms_batch.sms_template, on_result=lambda t: arrived("template", t),
                            on_error=self._show_error)

        self._runner.submit(arrears_service.arrears_filter_options, on_result=lambda o: arrived("arrears", o),
                            on_error=self._show_error)
        self._runner.submit(log_service.contact_log_options, on_result=lambda o: arrived("log", o),
                            on_error=self._show_error)

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText(error_message(exc))

    # filters
    def calls_filter(self) -> log_service.ContactLogFilter:
        return log_service.ContactLogFilter(date_from=_day(self.calls_from), date_to=_day(self.calls_to),
                                            user_id=self.calls_staff.currentData())

    def visits_filter(self) -> VisitExportFilter:
        return VisitExportFilter(date_from=_day(self.visits_from), date_to=_day(self.visits_to),
                                 staff_id=self.visits_staff.currentData(), status=self.visits_status.currentData())

    def notices_filter(self) -> NoticeExportFilter:
        return NoticeExportFilter(date_from=_day(self.notices_from), date_to=_day(self.notices_to),
                                  kind=self.notices_kind.currentData(), state=self.notices_state.currentData())

    def carry_rooms(self, room_ids, description: str = "") -> None:
        """Message only the rooms chosen in the arrears table (``room_ids``; empty: back to the filters)."""
        self.carried = tuple(room_ids)
        for w in (self.sms_estate, self.sms_building, self.sms_collector, self.sms_months, self.sms_batch):
            w.setEnabled(not self.carried)
        if self.carried:
            text = self.tr("{n} rooms carried over from the arrears list").format(n=f"{len(self.carried):,}")
            self.sms_carried.setText(f"{text} ({description})" if description else text)
        self.sms_carried.setVisible(bool(self.carried))
        self.sms_clear_carried.setVisible(bool(self.carried))
        self.load_sample()

    def sms_selection(self) -> sms_batch.SmsSelection:
        if self.carried:
            return sms_batch.SmsSelection(room_ids=self.carried)
        return sms_batch.SmsSelection(
            arrears=arrears_service.ArrearsFilter(estate_id=self.sms_estate.currentData(),
                                                  building_id=self.sms_building.currentData(),
                                                  collector_id=self.sms_collector.currentData()),
            batch_no=self.sms_batch.text().strip(), min_months=self.sms_months.value())

    # the SMS preview
    def load_sample(self) -> None:
        """Ask for the first chosen room's values; the preview fills them in as the template is typed."""
        self._sample_seq += 1
        seq = self._sample_seq

        def arrived(sample: sms_batch.SmsSample) -> None:
            if seq != self._sample_seq:
                return
            self.sample = sample
            self.update_preview()
            self.sig_sample.emit(sample)

        def failed(exc: BaseException) -> None:
            if seq == self._sample_seq:
                self.sample = None
                self.sms_rooms.setText("")
                self.sms_preview.setText(error_message(exc))

        self._runner.submit(sms_batch.sms_sample, actor=self._user, selection=self.sms_selection(),
                            today=self._today(), due=_day(self.sms_due), on_result=arrived, on_error=failed)

    def update_preview(self) -> None:
        """Fill the template with the first room's values; show its length and segments, or what is wrong."""
        template = self.sms_template.toPlainText()
        try:
            check_sms_template(template)
        except DomainError as exc:
            self.sms_preview.setText(error_message(exc))
            self.sms_preview.setStyleSheet(self.sms_preview.styleSheet().replace("#F3F7EE", "#FBECEC"))
            self.sms_count.setText("")
            return
        self.sms_preview.setStyleSheet(self.sms_preview.styleSheet().replace("#FBECEC", "#F3F7EE"))
        values = self.sample.values if self.sample is not None else {}
        text = render_sms(template, values)
        self.sms_preview.setText(text)
        segments = sms_segments(text)
        count = self.tr("{chars} characters · {n} SMS").format(chars=len(text), n=segments)
        if segments > 1:
            count += "  " + self.tr("(over {limit} characters: billed as {n} messages)").format(
                limit=SINGLE_SEGMENT_CHARS, n=segments)
            self.sms_count.setStyleSheet("color: #8A5300;")
        else:
            self.sms_count.setStyleSheet("")
        self.sms_count.setText(count)
        if self.sample is not None and self.sample.quiet_text:
            self.sms_count.setText(count + "  " + self.tr("Do not send during the quiet hours {hours}.").format(
                hours=self.sample.quiet_text))
        if self.sample is not None:
            self.sms_rooms.setText(self.tr("{n} rooms chosen").format(n=f"{self.sample.rooms:,}") if self.sample.rooms
                                   else self.tr("No room chosen: an example is shown"))

    def save_template(self) -> None:
        """Keep the editor's wording as the office's SMS template (checked first; audited)."""
        def saved(text: str) -> None:
            self.sms_template.document().setModified(False)
            self.status.setText(self.tr("The office's SMS template was saved."))

        self._runner.submit(sms_batch.save_sms_template, actor=self._user, text=self.sms_template.toPlainText(),
                            on_result=saved, on_error=self._show_error)

    # exports
    def _ask(self, title: str, name: str, suffix: str) -> Path | None:
        file_filter = self.tr("CSV text (*.csv)") if suffix == ".csv" else self.tr("Excel workbook (*.xlsx)")
        return ask_save_path(self, self._settings, key="export", title=title,
                             name=f"{name}-{self._today():%Y%m%d}{suffix}", file_filter=file_filter, suffix=suffix)

    def choose_calls_file(self) -> None:
        path = self._ask(self.tr("Export the contact log"), self.tr("Contact log"), ".xlsx")
        if path is not None:
            self.export_calls_to(path)

    def choose_visits_file(self) -> None:
        path = self._ask(self.tr("Export the home visits"), self.tr("Home visits"),
                         self.visits_format.currentData())
        if path is not None:
            self.export_visits_to(path)

    def choose_notices_file(self) -> None:
        path = self._ask(self.tr("Export the notices issued"), self.tr("Notices issued"),
                         self.notices_format.currentData())
        if path is not None:
            self.export_notices_to(path)

    def choose_sms_file(self) -> None:
        path = self._ask(self.tr("Export the SMS batch file"), self.tr("SMS batch"), ".csv")
        if path is not None:
            self.export_sms_to(path)

    def _buttons(self, enabled: bool) -> None:
        personal = self._user.can(Permission.EXPORT_PERSONAL_DATA)
        self.calls_button.setEnabled(enabled)
        for b in (self.visits_button, self.notices_button, self.sms_button):
            b.setEnabled(enabled and personal)

    def _run(self, title: str, fn: Callable[..., object], path: Path, done: Callable[[object], str],
             **kwargs: object) -> None:
        self._buttons(False)
        self.status.setText("")

        def result(value: object) -> None:
            self.status.setText(done(value))
            self.sig_exported.emit(str(path))

        def failed(exc: BaseException) -> None:
            self.status.setText(self.tr("The export failed: {error}").format(error=error_message(exc)))

        def finished() -> None:
            self.handle = None
            self._buttons(True)

        self.handle = run_with_progress(
            self._runner, self, title, fn, actor=self._user, path=path, on_result=result, on_error=failed,
            on_cancelled=lambda: self.status.setText(self.tr("Export cancelled: no file was written.")),
            on_finished=finished, **kwargs)
        if self.handle.done:
            self.handle = None

    def export_calls_to(self, path: Path) -> None:
        """The contact log of the dates (and person) chosen, to ``path`` (.xlsx); audited."""
        self._run(self.tr("Exporting the contact log…"), export_tasks.export_contact_log, path,
                  lambda n: self.tr("Exported {n} contacts to {path}").format(n=f"{n:,}", path=path),
                  flt=self.calls_filter(), today=self._today())

    def export_visits_to(self, path: Path) -> None:
        """The visits of the filter, to ``path`` (.xlsx or .csv); audited."""
        self._run(self.tr("Exporting the home visits…"), export_tasks.export_visits, path,
                  lambda n: self.tr("Exported {n} visits to {path}").format(n=f"{n:,}", path=path),
                  flt=self.visits_filter())

    def export_notices_to(self, path: Path) -> None:
        """The notices issued of the filter, to ``path`` (.xlsx or .csv); audited."""
        self._run(self.tr("Exporting the notices issued…"), export_tasks.export_notices, path,
                  lambda n: self.tr("Exported {n} notices to {path}").format(n=f"{n:,}", path=path),
                  flt=self.notices_filter())

    def export_sms_to(self, path: Path) -> None:
        """The SMS batch file of the selection, to ``path`` (.csv); audited. The rooms left out are listed."""
        def done(batch: object) -> str:
            assert isinstance(batch, sms_batch.SmsBatch)
            self.last_batch = batch
            self.sms_left_out.setPlainText("\n".join(
                self.tr("{room}: {reason}").format(room=f"{r.estate} {r.room_code}", reason=r.reason)
                for r in batch.left_out))
            text = self.tr("Wrote {n} messages ({segments} SMS to be billed) to {path}.").format(
                n=f"{len(batch.messages):,}", segments=f"{batch.segments:,}", path=path)
            if batch.left_out:
                text += " " + self.tr("{n} rooms get no message (listed below).").format(n=f"{len(batch.left_out):,}")
            if batch.quiet_text:
                warn = (self.tr("It is now within the quiet hours {hours}: send the messages later.")
                        if batch.in_quiet_hours else self.tr("Do not send during the quiet hours {hours}."))
                text += " " + warn.format(hours=batch.quiet_text)
            return text

        self._run(self.tr("Writing the SMS batch file…"), export_tasks.export_sms, path, done,
                  template=self.sms_template.toPlainText(), selection=self.sms_selection(), today=self._today(),
                  due=_day(self.sms_due))

