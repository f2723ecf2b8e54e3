"""Create the first administrator of an empty database."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.messages import error_message, message_for_code
from cuijiao_desktop.services import auth
from cuijiao_desktop.views.dialogs.style import set_inline
from cuijiao_desktop.views.forms.ui_first_admin_dialog import Ui_FirstAdminDialog
from cuijiao_desktop.views.icons import icon


class FirstAdminDialog(QDialog):
    """User name, display name and password twice, validated inline; ``user`` is set on success."""

    sig_saved = Signal(object)  # UserDTO

    def __init__(self, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstAdminDialog()
        self.ui.setupUi(self)
        self._runner = runner
        self.user = None
        self.setWindowIcon(icon("app"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._fields: dict[str, tuple[QLineEdit, QLabel]] = {
            "username": (self.ui.usernameEdit, self.ui.usernameError),
            "display_name": (self.ui.displayNameEdit, self.ui.displayNameError),
            "password": (self.ui.passwordEdit, self.ui.passwordError),
            "confirm": (self.ui.confirmEdit, self.ui.confirmError),
        }
        for name, (edit, label) in self._fields.items():
            set_inline(label, "")
            edit.textEdited.connect(lambda _t, n=name: self._on_edited(n))
        set_inline(self.ui.generalError, "")
        self.ui.usernameEdit.setFocus()

    def field_error(self, name: str) -> str:
        """The inline error shown beside field ``name`` ("" if none)."""
        return self._fields[name][1].text()

    def _set_field_error(self, name: str, text: str) -> None:
        set_inline(self._fields[name][1], text)

    def _on_edited(self, name: str) -> None:
        self._set_field_error(name, "")
        set_inline(self.ui.generalError, "")
        if name in ("password", "confirm") and self.ui.confirmEdit.text():
            self._check_match()

    def _check_match(self) -> bool:
        same = self.ui.passwordEdit.text() == self.ui.confirmEdit.text()
        self._set_field_error("confirm", "" if same else message_for_code("auth.password_mismatch"))
        return same

    def validate(self) -> bool:
        """Check the fields locally; show every problem beside its field."""
        ok = True
        checks = (
            ("username", "auth.username_required", {}),
            ("display_name", "auth.display_name_required", {}),
        )
        for name, code, params in checks:
            if not self._fields[name][0].text().strip():
                self._set_field_error(name, message_for_code(code, params))
                ok = False
        password = self.ui.passwordEdit.text()
        if len(password) < auth.MIN_PASSWORD_LENGTH:
            self._set_field_error(
                "password", message_for_code("auth.password_too_short", {"minimum": auth.MIN_PASSWORD_LENGTH})
            )
            ok = False
        if not self._check_match():
            ok = False
        return ok

    def submit(self) -> None:
        """Validate, then create the administrator through the task runner."""
        if not self.validate():
            for edit, label in self._fields.values():
                if label.text():
                    edit.setFocus()
                    break
            return
        self.ui.buttonBox.setEnabled(False)
        self._runner.submit(
            auth.create_first_admin,
            username=self.ui.usernameEdit.text().strip(),
            display_name=self.ui.displayNameEdit.text().strip(),
            password=self.ui.passwordEdit.text(),
            on_result=self._on_saved,
            on_error=self._on_error,
            on_finished=lambda: self.ui.buttonBox.setEnabled(True),
        )

    def _on_saved(self, user) -> None:
        self.user = user
        self.sig_saved.emit(user)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        field = exc.params.get("field") if isinstance(exc, DomainError) else None
        if field in self._fields:
            self._set_field_error(field, error_message(exc))
            self._fields[field][0].setFocus()
        else:
            set_inline(self.ui.generalError, error_message(exc))
