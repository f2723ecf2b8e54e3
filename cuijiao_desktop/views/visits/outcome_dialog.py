"""What a visit came to (上门结果): whom they met, the attitude, the result with the promise, and the
evidence: the notice handed over (signed for or not), photos, service issues raised. A revisit asked
for here opens the form of the next visit once the outcome is saved.

The result is picked with a digit (1 当场缴费 … 5 无人在家) or its button; every field has a
mnemonic; Ctrl+Enter saves; problems are shown beside their field and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.contacts import FieldError
from cuijiao_desktop.domain.enums import AnsweredBy, IssueCategory
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.visits import (
    ATTITUDE_CHOICES,
    IssueDraft,
    OutcomeDraft,
    RevisitDraft,
    VisitResult,
    outcome_errors,
)
from cuijiao_desktop.messages import error_message, message_for_code
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.services.tx import read_only
from cuijiao_desktop.views.collection.call_dialog import (
    DayEdit,
    next_field_on_enter,
    read_promise,
    save_buttons,
)
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, error_label, set_inline
from cuijiao_desktop.views.labels import ANSWERED_LABELS, CATEGORY_LABELS, label
from cuijiao_desktop.views.visits.labels import RESULT_LABELS
from cuijiao_desktop.views.visits.small_dialogs import _title

RESULTS = tuple(VisitResult)
PROMISE_RESULTS = frozenset({VisitResult.PROMISED, VisitResult.INSTALMENT})


def default_data_dir() -> Path:
    """The office's data folder, where the photos are kept under their content hash."""
    from cuijiao_desktop.datadir import app_data_dir

    return app_data_dir()


@dataclass(frozen=True)
class OutcomeForm:
    """The visit in full and the print room's notice to hand over on it (None: none waiting)."""

    detail: visit_service.VisitDetail
    notice: visit_service.RouteNotice | None


@read_only
def load_outcome_form(session, *, actor, visit_id: int, today: date) -> OutcomeForm:
    """The task of the form: the visit, and the print room's notice to hand over on it."""
    detail = visit_service.get_visit(session, actor=actor, visit_id=visit_id, today=today)
    return OutcomeForm(detail, detail.notice_to_hand)


class OutcomeDialog(QDialog):
    """Record the outcome of a planned or confirmed visit. Emits ``sig_saved(OutcomeResult)``."""

    sig_saved = Signal(object)
    sig_loaded = Signal(object)  # OutcomeForm

    def __init__(self, runner, user, visit, *, today: date, now: Callable[[], datetime], settings=None,
                 data=None, data_dir: Callable[[], Path] = default_data_dir, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutcomeDialog")
        self.setWindowTitle(self.tr("Outcome of the visit"))
        self._runner = runner
        self._user = user
        self._visit = visit
        self._today = today
        self._now = now
        self._settings = settings
        self._data_dir = data_dir
        self._data = data  # the calendar's load: who can go, the slots, the team labels
        self.revisit: RevisitDraft | None = None
        self.revisit_dialog = None
        self._saving = False
        self.form: OutcomeForm | None = None
        self.photos: list[str] = []
        self._build()
        self.resize(720, 540)
        self.save_button.setEnabled(False)
        runner.submit(load_outcome_form, actor=user, visit_id=visit.visit_id, today=today,
                      on_result=self._loaded, on_error=lambda exc: set_inline(self.status_label, error_message(exc)))

    # construction
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(_title(self._visit))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.errors: dict[str, QLabel] = {}

        def row(text: str, widget: QWidget, key: str, *extra: QWidget, buddy: QWidget | None = None) -> None:
            caption = QLabel(text)
            caption.setBuddy(buddy or widget)
            box = QWidget()
            lines = QVBoxLayout(box)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(2)
            top = QHBoxLayout()
            top.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
            for w in extra:
                top.addWidget(w)
            if not isinstance(widget, QLineEdit):
                top.addStretch(1)
            lines.addLayout(top)
            self.errors[key] = error_label(f"error_{key}")
            lines.addWidget(self.errors[key])
            form.addRow(caption, box)

        results = QWidget()
        grid = QGridLayout(results)
        grid.setContentsMargins(0, 0, 0, 0)
        self.result_group = QButtonGroup(self)
        self.result_buttons: dict[VisitResult, QRadioButton] = {}
        for i, result in enumerate(RESULTS):
            button = QRadioButton(f"{i + 1}  {label(RESULT_LABELS, str(result))}")
            button.setObjectName(f"result_{result.value}")
            button.setToolTip(self.tr("Press {key}").format(key=i + 1))
            button.installEventFilter(self)
            self.result_group.addButton(button, i)
            self.result_buttons[result] = button
            grid.addWidget(button, i // 3, i % 3)
        self.result_group.idToggled.connect(lambda _i, on: on and self._result_changed())
        row(self.tr("&Result"), results, "result", buddy=self.result_buttons[RESULTS[0]])

        self.met_combo = QComboBox()
        self.met_combo.setObjectName("outcomeMet")
        self.met_combo.addItem(self.tr("Nobody"), None)
        for who in AnsweredBy:
            self.met_combo.addItem(label(ANSWERED_LABELS, who), who)
        self.met_combo.setCurrentIndex(1)
        self.attitude_combo = QComboBox()
        self.attitude_combo.setObjectName("outcomeAttitude")
        self.attitude_combo.setEditable(True)
        self.attitude_combo.addItem("")
        self.attitude_combo.addItems(list(ATTITUDE_CHOICES))
        self.attitude_combo.setMinimumWidth(150)
        attitude_label = QLabel(self.tr("A&ttitude"))
        attitude_label.setBuddy(self.attitude_combo)
        row(self.tr("&Met"), self.met_combo, "met", attitude_label, self.attitude_combo)
        self.errors["attitude"] = self.errors["met"]

        self.promise_date = DayEdit(self._today)
        self.promise_date.setObjectName("outcomePromiseDate")
        row(self.tr("Promised &date"), self.promise_date, "promise_date", self.promise_date.echo)
        self.promise_amount = QLineEdit()
        self.promise_amount.setObjectName("outcomePromiseAmount")
        self.promise_amount.setMaximumWidth(130)
        self.promise_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.promise_signed = QCheckBox(self.tr("Si&gned in writing"))
        self.promise_signed.setObjectName("outcomePromiseSigned")
        row(self.tr("Promised &amount ¥"), self.promise_amount, "promise_amount", self.promise_signed)

        self.notice_check = QCheckBox(self.tr("&Notice handed over"))
        self.notice_check.setObjectName("outcomeNotice")
        self.notice_signed = QCheckBox(self.tr("&signed for"))
        self.notice_signed.setObjectName("outcomeNoticeSigned")
        self.notice_label = QLabel(self.tr("(no notice waiting for this room)"))
        self.notice_label.setStyleSheet("color: #5F6B7A;")
        row(self.tr("Notice"), self.notice_check, "notice", self.notice_signed, self.notice_label)
        self.received_edit = QLineEdit()
        self.received_edit.setObjectName("outcomeReceivedBy")
        self.received_edit.setPlaceholderText(self.tr("Who signed, when not the owner"))
        row(self.tr("Recei&ved by"), self.received_edit, "received_by")

        self.photos_label = QLabel(self.tr("No photo"))
        self.photos_label.setObjectName("outcomePhotos")
        self.photos_label.setStyleSheet("color: #5F6B7A;")
        self.photo_button = QPushButton(self.tr("Add &photo…"))
        self.photo_button.setObjectName("outcomeAddPhoto")
        self.photo_button.clicked.connect(self.choose_photo)
        self.clear_photos_button = QPushButton(self.tr("Remove"))
        self.clear_photos_button.clicked.connect(lambda: self.set_photos([]))
        row(self.tr("P&hotos"), self.photo_button, "photos", self.clear_photos_button, self.photos_label)

        self.issue_check = QCheckBox(self.tr("Service &issue raised"))
        self.issue_check.setObjectName("outcomeIssue")
        self.issue_category = QComboBox()
        self.issue_category.setObjectName("outcomeIssueCategory")
        for category in IssueCategory:
            self.issue_category.addItem(label(CATEGORY_LABELS, category), category)
        row(self.tr("Issue"), self.issue_check, "issues", self.issue_category)
        self.issue_text = QLineEdit()
        self.issue_text.setObjectName("outcomeIssueText")
        self.issue_text.setPlaceholderText(self.tr("What the owner complains about"))
        row(self.tr("Issue te&xt"), self.issue_text, "issue_text")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("outcomeNote")
        row(self.tr("N&ote"), self.note_edit, "note")
        self.revisit_check = QCheckBox(self.tr("R&evisit needed…"))
        self.revisit_check.setObjectName("outcomeRevisit")
        self.revisit_check.setToolTip(self.tr("Plan the next visit now: it is saved with this outcome"))
        self.revisit_label = QLabel()
        self.revisit_label.setObjectName("outcomeRevisitLabel")
        self.revisit_label.setStyleSheet("color: #44546A;")
        revisit_row = QHBoxLayout()
        revisit_row.addWidget(self.revisit_check)
        revisit_row.addWidget(self.revisit_label, 1)
        form.addRow("", revisit_row)
        self.revisit_check.clicked.connect(self._revisit_clicked)
        self.errors["revisit"] = self.errors["note"]
        outer.addLayout(form)

        self.status_label = error_label("outcomeError")
        outer.addWidget(self.status_label)
        outer.addStretch(1)
        _buttons, self.save_button = save_buttons(self, outer, self.tr("Save (Ctrl+Enter)"), "outcomeSave")
        self.issue_check.toggled.connect(self._issue_toggled)
        self.notice_check.toggled.connect(self._notice_toggled)
        self._issue_toggled(False)
        self._notice_toggled(False)
        self.notice_check.setEnabled(False)
        self._result_changed()

    def eventFilter(self, obj, event) -> bool:
        """A digit 1…5 on a result button picks that result."""
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress and \
                event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            index = event.key() - Qt.Key.Key_1
            if 0 <= index < len(RESULTS):
                self.set_result(RESULTS[index])
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves to the next field (Ctrl+Enter saves)."""
        if not next_field_on_enter(self, event):
            super().keyPressEvent(event)

    # reactions
    def result(self) -> VisitResult | None:
        index = self.result_group.checkedId()
        return RESULTS[index] if index >= 0 else None

    def set_result(self, result: VisitResult) -> None:
        button = self.result_buttons[result]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _result_changed(self) -> None:
        result = self.result()
        promise = result in PROMISE_RESULTS
        for w in (self.promise_date, self.promise_amount, self.promise_signed):
            w.setEnabled(promise)
        nobody = result is VisitResult.NOT_HOME
        if nobody:
            self.met_combo.setCurrentIndex(0)
            self.notice_signed.setChecked(False)
        elif self.met_combo.currentData() is None and result is not None:
            self.met_combo.setCurrentIndex(1)
        self.met_combo.setEnabled(not nobody)
        self.attitude_combo.setEnabled(not nobody)
        self._notice_toggled(self.notice_check.isChecked())

    def _notice_toggled(self, on: bool) -> None:
        can_sign = on and self.result() is not VisitResult.NOT_HOME
        self.notice_signed.setEnabled(can_sign)
        self.received_edit.setEnabled(can_sign)
        if not can_sign:
            self.notice_signed.setChecked(False)

    def _issue_toggled(self, on: bool) -> None:
        self.issue_category.setEnabled(on)
        self.issue_text.setEnabled(on)

    def choose_photo(self) -> None:
        """The existing file dialog (pictures and PDF scans)."""
        path = file_dialogs.open_file(
            self, self.tr("Photo of the visit"), purpose="proofs", settings=self._settings,
            filters=self.tr("Pictures and PDF (*.jpg *.jpeg *.png *.pdf *.webp *.bmp *.heic)"))
        if path is not None:
            self.set_photos([*self.photos, str(path)])

    def set_photos(self, paths: list[str]) -> None:
        self.photos = list(dict.fromkeys(paths))
        self.photos_label.setText("、".join(Path(p).name for p in self.photos) if self.photos else self.tr("No photo"))
        set_inline(self.errors["photos"], "")

    def _revisit_clicked(self, on: bool) -> None:
        """Ticked: the form of the next visit, prefilled from this one (same room, same people, a week
        later); its draft is saved with the outcome. Unticked: no revisit."""
        if not on:
            self.set_revisit(None)
            return
        from cuijiao_desktop.views.visits.visit_dialog import VisitDialog

        dialog = VisitDialog(self._runner, self._user, today=self._today, previous=self._visit, data=self._data,
                             draft_only=True, parent=self)
        dialog.sig_draft.connect(self.set_revisit)
        dialog.rejected.connect(lambda: self.revisit is None and self.revisit_check.setChecked(False))
        self.revisit_dialog = dialog
        dialog.open()

    def set_revisit(self, draft) -> None:
        """The next visit (a ``VisitDraft`` from the form), or None."""
        if draft is None:
            self.revisit = None
            self.revisit_label.setText("")
        else:
            self.revisit = RevisitDraft(start=draft.start, end=draft.end, staff=draft.staff, team=draft.team,
                                        note=draft.note, override_reason=draft.override_reason)
            start, end = draft.start.astimezone(), draft.end.astimezone()
            self.revisit_label.setText(self.tr("next visit {when}").format(when=f"{start:%m-%d %H:%M}–{end:%H:%M}"))
        self.revisit_check.setChecked(self.revisit is not None)
        set_inline(self.errors["note"], "")

    # loading
    def _loaded(self, form: OutcomeForm) -> None:
        self.form = form
        d = form.detail
        if form.notice is not None:
            n = form.notice
            self.notice_label.setText(self.tr("{title} No. {serial}, {amount}").format(
                title=n.title, serial=n.serial, amount=format_money(n.amount_fen)))
            self.notice_check.setEnabled(True)
            self.notice_check.setChecked(True)
        if d.arrears_fen > 0:
            self.promise_amount.setText(format_money(d.arrears_fen).lstrip("¥"))
        self.save_button.setEnabled(True)
        self.result_buttons[RESULTS[0]].setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_loaded.emit(form)

    # saving
    def draft(self) -> tuple[OutcomeDraft | None, list[FieldError]]:
        errors: list[FieldError] = []
        result = self.result()
        if result is None or self.form is None:
            return None, [FieldError("result", "visit.result_invalid")]
        promise_date = amount = None
        if result in PROMISE_RESULTS:
            promise_date, amount = read_promise(self.promise_date, self.promise_amount, errors)
            if result is VisitResult.INSTALMENT and promise_date is None:
                amount = None  # instalments agreed without a first date: no promise
        issues: tuple[IssueDraft, ...] = ()
        if self.issue_check.isChecked():
            issues = (IssueDraft(self.issue_category.currentData(), self.issue_text.text().strip()),)
        notice = self.form.notice if self.notice_check.isChecked() else None
        draft = OutcomeDraft(
            visit_id=self.form.detail.visit_id, version=self.form.detail.version, result=result,
            met=self.met_combo.currentData() if self.met_combo.isEnabled() else None,
            attitude=self.attitude_combo.currentText().strip() if self.attitude_combo.isEnabled() else "",
            promise_date=promise_date, promise_amount_fen=amount,
            promise_signed=self.promise_signed.isChecked() and result in PROMISE_RESULTS,
            notice_id=notice.notice_id if notice is not None else None,
            notice_signed=self.notice_signed.isChecked() and notice is not None,
            received_by=self.received_edit.text().strip() if notice is not None else "",
            photos=tuple(self.photos), issues=issues, note=self.note_edit.text().strip(),
            revisit=self.revisit if self.revisit_check.isChecked() else None,
        )
        return draft, errors

    def _show_errors(self, errors: list[FieldError]) -> None:
        for widget in self.errors.values():
            set_inline(widget, "")
        focus = {"result": self.result_buttons[RESULTS[0]], "met": self.met_combo, "attitude": self.attitude_combo,
                 "promise_date": self.promise_date, "promise_amount": self.promise_amount,
                 "notice": self.notice_check, "received_by": self.received_edit, "photos": self.photo_button,
                 "proof": self.photo_button, "issues": self.issue_text, "note": self.note_edit}
        rest, first = [], None
        for e in errors:
            text = message_for_code(e.code, e.params)
            key = "photos" if e.field == "proof" else ("issue_text" if e.field == "issues" else e.field)
            target = self.errors.get(key)
            if target is not None:
                set_inline(target, text)
            else:
                rest.append(text)
            first = first or focus.get(e.field)
        set_inline(self.status_label, "\n".join(rest))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Check beside each field, then record the outcome on the task runner."""
        if self._saving or self.form is None:
            return
        draft, errors = self.draft()
        if draft is not None and not errors:
            errors = outcome_errors(draft, today=self._today, visit_day=self._visit.start.date(),
                                    owed_fen=self.form.detail.arrears_fen)
        self._show_errors(errors)
        if errors or draft is None:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        set_inline(self.status_label, self.tr("Saving…"), HINT_STYLE)
        self._runner.submit(visit_service.record_outcome, actor=self._user, draft=draft, now=self._now(),
                            data_dir=self._data_dir(), on_result=self._saved, on_error=self._failed)

    def _saved(self, result) -> None:
        self._saving = False
        self.sig_saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError) and exc.params.get("field"):
            self._show_errors([FieldError(exc.params["field"], exc.code, dict(exc.params))])
            if self.status_label.text():
                return
            return
        set_inline(self.status_label, self.tr("Not saved: {error}").format(error=error_message(exc)))
