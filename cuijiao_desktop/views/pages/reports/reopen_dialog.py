"""撤销月结: reopening a closed month needs a reason (audited); the reopening runs as a task."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from cuijiao_desktop.messages import format_local_datetime
from cuijiao_desktop.services import stats as stats_service
from cuijiao_desktop.views.dialogs.reason import reason_rows, reason_task_failed, start_with_reason
from cuijiao_desktop.views.dialogs.style import error_label


class ReopenMonthDialog(QDialog):
    """Asks why ``month`` is reopened, then reopens it. ``sig_reopened(month)`` once saved."""

    sig_reopened = Signal(str)

    def __init__(self, runner, user, *, month: str, closed_at, closed_by: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reopenMonthDialog")
        self.setWindowTitle(self.tr("Reopen {month}").format(month=month))
        self._runner = runner
        self._user = user
        self.month = month
        self._saving = False
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "{month} was closed on {when} by {who}. Reopened, its figures are computed again from the ledger "
            "and may change; close it again when they are right. The reason is kept in the audit log.").format(
            month=month, when=format_local_datetime(closed_at), who=closed_by or "—"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason_edit, self.reason_error = reason_rows(
            form, self.tr("Reason"), name="reopenReason", error_name="reopenReasonError",
            placeholder=self.tr("Why is this month reopened? (required)"))
        layout.addLayout(form)
        self.general_error = error_label("reopenError")
        layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = self.buttons.addButton(self.tr("Reopen the month"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("confirmReopen")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Check the reason and reopen the month in the background."""
        reason = start_with_reason(self)
        if reason is None:
            return
        self._runner.submit(stats_service.reopen_month, actor=self._user, month=self.month, reason=reason,
                            on_result=lambda _r: self._saved(), on_error=self._failed)

    def _saved(self) -> None:
        self.sig_reopened.emit(self.month)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        reason_task_failed(self, exc)
