"""Password and account dialogs: change one's own password (also forced after a reset), a new staff
account, and an administrator's password reset. Every field is checked beside itself; the save runs
as a task and keeps what was typed when it fails."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.messages import error_message, message_for_code
from cuijiao_desktop.services import auth, users
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, set_inline
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import role_label


class _FormDialog(QDialog):
    """A form with an error label under each field and a general one above the buttons."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        set_inline(self.hint, "")
        layout.addWidget(self.hint)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.general = QLabel()
        self.general.setWordWrap(True)
        set_inline(self.general, "")
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_field(self, name: str, caption: str, widget: QWidget) -> QWidget:
        error = QLabel()
        error.setWordWrap(True)
        set_inline(error, "")
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        v.addWidget(error)
        self.form.addRow(caption, box)
        self.fields[name] = (widget, error)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, n=name: self.set_error(n, ""))
        return widget

    def password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{name}Edit")
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def set_error(self, name: str, text: str) -> None:
        set_inline(self.fields[name][1], text)
        set_inline(self.general, "")

    def error(self, name: str) -> str:
        """The error shown under field ``name`` ("" if none)."""
        return self.fields[name][1].text()

    def text(self, name: str) -> str:
        widget = self.fields[name][0]
        return widget.text() if isinstance(widget, QLineEdit) else ""

    def check_new_password(self, new: str = "new", confirm: str = "confirm") -> bool:
        ok = True
        if len(self.text(new)) < auth.MIN_PASSWORD_LENGTH:
            self.set_error(new, message_for_code("auth.password_too_short", {"minimum": auth.MIN_PASSWORD_LENGTH}))
            ok = False
        if self.text(new) != self.text(confirm):
            self.set_error(confirm, message_for_code("auth.password_mismatch"))
            ok = False
        return ok

    def focus_first_error(self) -> None:
        for widget, label in self.fields.values():
            if label.text():
                widget.setFocus()
                return

    def show_failure(self, exc: BaseException) -> None:
        """A field's error beside the field, anything else above the buttons; the typed values stay."""
        field = exc.params.get("field") if isinstance(exc, DomainError) else None
        aliases = {"password": "new", "old_password": "current"}
        field = aliases.get(field, field) if field not in self.fields else field
        if field in self.fields:
            self.set_error(field, error_message(exc))
            self.fields[field][0].setFocus()
        else:
            set_inline(self.general, error_message(exc))

    def busy(self, on: bool) -> None:
        self.buttons.setEnabled(not on)

    def submit(self) -> None:  # subclasses
        raise NotImplementedError


class ChangePasswordDialog(_FormDialog):
    """Change one's own password. ``forced``: right after signing in with a password an administrator
    set; the current one is already known, and cancelling signs out."""

    sig_changed = Signal()

    def __init__(self, runner, user, *, forced: bool = False, current_password: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change password"), parent)
        self._runner, self._user, self._current = runner, user, current_password
        self.setObjectName("ChangePasswordDialog")
        if forced:
            set_inline(self.hint, self.tr("Your password was set by an administrator. Choose your own password "
                                          "before you continue (at least {n} characters).")
                       .format(n=auth.MIN_PASSWORD_LENGTH), HINT_STYLE)
        else:
            self.add_field("current", self.tr("Current password:"), self.password_edit("current"))
        self.add_field("new", self.tr("New password:"), self.password_edit("new"))
        self.add_field("confirm", self.tr("New password again:"), self.password_edit("confirm"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change password"))
        if forced:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Sign out"))
        self.fields["current" if "current" in self.fields else "new"][0].setFocus()

    def submit(self) -> None:
        ok = True
        if "current" in self.fields and not self.text("current"):
            self.set_error("current", message_for_code("auth.password_required"))
            ok = False
        if not self.check_new_password() or not ok:
            self.focus_first_error()
            return
        self.busy(True)
        self._runner.submit(
            auth.change_password, actor=self._user, user_id=self._user.id,
            old_password=self.text("current") if "current" in self.fields else self._current,
            new_password=self.text("new"),
            on_result=lambda _r: self._done(), on_error=self.show_failure, on_finished=lambda: self.busy(False),
        )

    def _done(self) -> None:
        self.sig_changed.emit()
        self.accept()


class NewAccountDialog(_FormDialog):
    """An administrator adds a member of staff with a first password (changed at their first log-in)."""

    sig_saved = Signal(object)  # users.Account

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New user"), parent)
        self._runner, self._user = runner, user
        self.setObjectName("NewAccountDialog")
        set_inline(self.hint, self.tr("Tell the new colleague this first password: they choose their own at the "
                                      "first sign-in."), HINT_STYLE)
        username = self.add_field("username", self.tr("User name:"), QLineEdit())
        username.setObjectName("usernameEdit")
        display = self.add_field("display_name", self.tr("Name shown:"), QLineEdit())
        display.setObjectName("displayNameEdit")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleCombo")
        for role in (Role.CLERK, Role.COLLECTOR, Role.FINANCE, Role.MANAGER, Role.ADMIN):
            self.role_combo.addItem(role_label(role), role.value)
        self.add_field("role", self.tr("Role:"), self.role_combo)
        self.add_field("new", self.tr("First password:"), self.password_edit("new"))
        self.add_field("confirm", self.tr("Password again:"), self.password_edit("confirm"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add user"))
        username.setFocus()

    def submit(self) -> None:
        ok = True
        for name, code in (("username", "auth.username_required"), ("display_name", "auth.display_name_required")):
            if not self.text(name).strip():
                self.set_error(name, message_for_code(code))
                ok = False
        if not self.check_new_password() or not ok:
            self.focus_first_error()
            return
        self.busy(True)
        self._runner.submit(
            users.add_account, actor=self._user, username=self.text("username").strip(),
            display_name=self.text("display_name").strip(), role=Role(self.role_combo.currentData()),
            password=self.text("new"),
            on_result=self._saved, on_error=self.show_failure, on_finished=lambda: self.busy(False),
        )

    def _saved(self, account) -> None:
        self.sig_saved.emit(account)
        self.accept()


class ResetPasswordDialog(_FormDialog):
    """An administrator sets a temporary password; the user must change it at the next log-in."""

    sig_saved = Signal(object)

    def __init__(self, runner, user, account, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reset password"), parent)
        self._runner, self._user, self._account = runner, user, account
        self.setObjectName("ResetPasswordDialog")
        set_inline(self.hint, self.tr("New password for {name} ({username}). They must change it at their next "
                                      "sign-in; a lock-out is lifted.").format(
                                          name=account.display_name, username=account.username), HINT_STYLE)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.add_field("new", self.tr("Temporary password:"), self.password_edit("new")).setFocus()
        self.add_field("confirm", self.tr("Password again:"), self.password_edit("confirm"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reset password"))

    def submit(self) -> None:
        if not self.check_new_password():
            self.focus_first_error()
            return
        self.busy(True)
        self._runner.submit(
            users.reset_password, actor=self._user, user_id=self._account.id, new_password=self.text("new"),
            on_result=self._saved, on_error=self.show_failure, on_finished=lambda: self.busy(False),
        )

    def _saved(self, account) -> None:
        self.sig_saved.emit(account)
        self.accept()
