"""The short forms of a visit: the booking call (预约电话) and the cancellation with its reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import AnsweredBy
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import contacts as contact_service
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.views.collection.call_dialog import number_text, warning_text
from cuijiao_desktop.views.dialogs.reason import checked_reason, reason_rows
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, error_label, set_inline
from cuijiao_desktop.views.labels import ANSWERED_LABELS, label


def _title(v) -> QLabel:
    text = QLabel(f"{v.estate_name} {v.room_code}  {v.owner_name}  ·  {v.start:%Y-%m-%d %H:%M}–{v.end:%H:%M}")
    text.setObjectName("visitTitle")
    font = QFont(text.font())
    font.setBold(True)
    text.setFont(font)
    text.setWordWrap(True)
    return text


class AppointmentDialog(QDialog):
    """The phone call that booked a visit: the number dialled, who answered, whether the owner
    confirmed the time. It is logged as a contact (quiet hours and the weekly maximum are asked as for
    any call). Emits ``sig_saved(AppointmentResult)``."""

    sig_saved = Signal(object)
    sig_loaded = Signal(object)

    def __init__(self, runner, user, visit, *, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AppointmentDialog")
        self.setWindowTitle(self.tr("Booking call"))
        self._runner = runner
        self._user = user
        self._visit = visit
        self._now = now
        self._saving = False
        self.context = None
        outer = QVBoxLayout(self)
        outer.addWidget(_title(visit))
        form = QFormLayout()
        self.number_combo = QComboBox()
        self.number_combo.setObjectName("appointmentNumber")
        self.number_combo.setMinimumWidth(300)
        number_label = QLabel(self.tr("&Number"))
        number_label.setBuddy(self.number_combo)
        form.addRow(number_label, self.number_combo)
        self.answered_combo = QComboBox()
        self.answered_combo.setObjectName("appointmentAnswered")
        self.answered_combo.addItem(self.tr("Nobody answered"), None)
        for who in AnsweredBy:
            self.answered_combo.addItem(label(ANSWERED_LABELS, who), who)
        self.answered_combo.setCurrentIndex(1)
        answered_label = QLabel(self.tr("&Who answered"))
        answered_label.setBuddy(self.answered_combo)
        form.addRow(answered_label, self.answered_combo)
        self.confirmed_check = QCheckBox(self.tr("The owner &confirmed the day and time"))
        self.confirmed_check.setObjectName("appointmentConfirmed")
        self.confirmed_check.setChecked(True)
        form.addRow("", self.confirmed_check)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("appointmentNote")
        note_label = QLabel(self.tr("N&ote"))
        note_label.setBuddy(self.note_edit)
        form.addRow(note_label, self.note_edit)
        outer.addLayout(form)
        hint = QLabel(self.tr("The call is kept in the room's contact history; a confirmed visit is reminded of "
                              "in the worklist on the day before."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5F6B7A;")
        outer.addWidget(hint)
        self.status_label = error_label("appointmentError")
        outer.addWidget(self.status_label)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("appointmentSave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self.answered_combo.currentIndexChanged.connect(self._answered_changed)
        self.resize(520, 280)
        self.save_button.setEnabled(False)
        runner.submit(contact_service.call_form_context, actor=user, room_id=visit.room_id, now=now(),
                      on_result=self._loaded, on_error=lambda exc: set_inline(self.status_label, error_message(exc)))

    def _loaded(self, ctx) -> None:
        self.context = ctx
        self.number_combo.clear()
        for c in ctx.contacts:
            self.number_combo.addItem(number_text(c), c.contact_id)
        if not ctx.contacts:
            self.number_combo.addItem(self.tr("(no number on file)"), None)
        self.save_button.setEnabled(True)
        self.sig_loaded.emit(ctx)

    def _answered_changed(self) -> None:
        answered = self.answered_combo.currentData() is not None
        self.confirmed_check.setEnabled(answered)
        if not answered:
            self.confirmed_check.setChecked(False)

    def save(self, confirmed: tuple[str, ...] = ()) -> None:
        if self._saving or not self.save_button.isEnabled():
            return
        self._saving = True
        self.save_button.setEnabled(False)
        set_inline(self.status_label, self.tr("Saving…"), HINT_STYLE)
        number = self.number_combo.currentText().split("  ")[0] if self.number_combo.currentData() else ""
        self._runner.submit(visit_service.book_appointment, actor=self._user, visit_id=self._visit.visit_id,
                            version=self._visit.dto.version, now=self._now(),
                            confirmed=self.confirmed_check.isChecked(), contact_id=self.number_combo.currentData(),
                            number_dialled=number, answered_by=self.answered_combo.currentData(),
                            note=self.note_edit.text().strip(), confirmed_warnings=confirmed,
                            on_result=self._saved, on_error=self._failed)

    def _saved(self, result) -> None:
        self._saving = False
        self.sig_saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, contact_service.ContactsNeedConfirmation):
            warnings = exc.params.get("warnings", [])
            box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(),
                              "\n".join(warning_text(w) for w in warnings), parent=self)
            box.setInformativeText(self.tr("Save anyway? The override is recorded with the call."))
            yes = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
            box.exec()
            set_inline(self.status_label, "")
            if box.clickedButton() is yes:
                self.save(tuple(w.code for w in warnings))
            return
        set_inline(self.status_label, self.tr("Not saved: {error}").format(error=error_message(exc)))


class CancelVisitDialog(QDialog):
    """Cancel a visit with a reason. Emits ``sig_saved(VisitDetail)``."""

    sig_saved = Signal(object)

    def __init__(self, runner, user, visit, *, today=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CancelVisitDialog")
        self.setWindowTitle(self.tr("Cancel visit"))
        self._runner = runner
        self._user = user
        self._visit = visit
        self._today = today
        outer = QVBoxLayout(self)
        outer.addWidget(_title(visit))
        form = QFormLayout()
        self.reason_edit, self.reason_error = reason_rows(
            form, self.tr("&Reason"), name="cancelReason", error_name="cancelReasonError",
            placeholder=self.tr("Why the visit does not take place"))
        outer.addLayout(form)
        self.status_label = error_label("cancelError")
        outer.addWidget(self.status_label)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Cancel the &visit"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("cancelVisitSave")
        buttons.addButton(self.tr("&Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(480, 240)
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        reason = checked_reason(self.reason_edit, self.reason_error)
        if reason is None:
            return
        self.save_button.setEnabled(False)
        self._runner.submit(visit_service.cancel_visit, actor=self._user, visit_id=self._visit.visit_id,
                            version=self._visit.dto.version, reason=reason, today=self._today,
                            on_result=self._saved, on_error=self._failed)

    def _saved(self, detail) -> None:
        self.sig_saved.emit(detail)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        set_inline(self.status_label, self.tr("Not cancelled: {error}").format(error=error_message(exc)))
