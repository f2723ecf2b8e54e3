"""The sign-in dialog."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import auth
from cuijiao_desktop.settings import Keys, UiSettings
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, set_inline
from cuijiao_desktop.views.forms.ui_login_dialog import Ui_LoginDialog
from cuijiao_desktop.views.icons import icon


class LoginDialog(QDialog):
    """Asks for user name and password; on success ``user`` holds the UserDTO.

    ``demo_users`` (user names) and ``demo_password`` show a one-line hint on a demo database.
    """

    sig_logged_in = Signal(object)  # UserDTO

    def __init__(
        self,
        runner,
        settings: UiSettings,
        *,
        office_name: str = "",
        demo_users: list[str] | None = None,
        demo_password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self._runner = runner
        self._settings = settings
        self.user = None
        self.setWindowIcon(icon("app"))
        font = QFont(self.ui.titleLabel.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.ui.titleLabel.setFont(font)
        self.ui.officeLabel.setText(office_name)
        self.ui.officeLabel.setVisible(bool(office_name))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.usernameEdit.textEdited.connect(self._clear_error)
        self.ui.passwordEdit.textEdited.connect(self._clear_error)
        set_inline(self.ui.errorLabel, "")
        if demo_users and demo_password:
            hint = self.tr("Demo database: sign in as {users}, password {password}").format(
                users=" / ".join(demo_users), password=demo_password
            )
            set_inline(self.ui.demoHintLabel, hint, HINT_STYLE)
        else:
            set_inline(self.ui.demoHintLabel, "")
        self.setMinimumWidth(460)
        self.adjustSize()
        last = settings.get(Keys.LAST_USERNAME)
        self.ui.usernameEdit.setText(last)
        (self.ui.passwordEdit if last else self.ui.usernameEdit).setFocus()

    def _clear_error(self) -> None:
        set_inline(self.ui.errorLabel, "")

    def show_error(self, text: str) -> None:
        """Show an inline error under the fields."""
        set_inline(self.ui.errorLabel, text)

    def _set_busy(self, busy: bool) -> None:
        self.ui.buttonBox.setEnabled(not busy)
        self.ui.usernameEdit.setReadOnly(busy)
        self.ui.passwordEdit.setReadOnly(busy)

    def submit(self) -> None:
        """Check the password through the task runner (Enter or the Sign in button)."""
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username:
            self.show_error(self.tr("Enter your user name."))
            self.ui.usernameEdit.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter your password."))
            self.ui.passwordEdit.setFocus()
            return
        self._set_busy(True)
        self._password = password
        # attempt_login does not raise, so the failure count is committed.
        self._runner.submit(
            auth.attempt_login,
            username=username,
            password=password,
            on_result=self._on_attempt,
            on_error=self._on_error,
            on_finished=lambda: self._set_busy(False),
        )

    def _on_attempt(self, attempt) -> None:
        if attempt.error is not None:
            self._on_error(attempt.error)
            return
        user = attempt.user
        if user.must_change_password and not self._choose_own_password(user):
            return
        self.user = replace(user, must_change_password=False)
        self._settings.set(Keys.LAST_USERNAME, attempt.user.username)
        self.sig_logged_in.emit(attempt.user)
        self.accept()

    def _choose_own_password(self, user) -> bool:
        """After an administrator's reset: the user sets their own password now, or is signed out."""
        from cuijiao_desktop.views.dialogs.account_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self._runner, user, forced=True, current_password=self._password, parent=self)
        changed = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not changed:
            self._runner.submit(auth.logout, actor=user, on_error=lambda _e: None)
            self.show_error(self.tr("Choose a new password to continue."))
            self.ui.passwordEdit.clear()
            self.ui.passwordEdit.setFocus()
        return changed

    def _on_error(self, exc: BaseException) -> None:
        self.show_error(error_message(exc))
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()
