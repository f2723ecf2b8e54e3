"""设置 → 用户 (administrators): the staff accounts, and this desk's idle screen lock."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.messages import error_message, format_local_datetime
from cuijiao_desktop.services import users
from cuijiao_desktop.settings import Keys, UiSettings
from cuijiao_desktop.views.dialogs.account_dialogs import NewAccountDialog, ResetPasswordDialog
from cuijiao_desktop.views.labels import role_label
from cuijiao_desktop.views.models.base import RowRole, RowTableModel
from cuijiao_desktop.views.pages.settings_page import SettingsSection

_CTX = "UsersModel"


class UsersModel(RowTableModel):
    """Accounts: user name, name, role, state, last sign-in."""

    CONTEXT = _CTX
    HEADERS = (
        QT_TRANSLATE_NOOP("UsersModel", "User name"),
        QT_TRANSLATE_NOOP("UsersModel", "Name"),
        QT_TRANSLATE_NOOP("UsersModel", "Role"),
        QT_TRANSLATE_NOOP("UsersModel", "State"),
        QT_TRANSLATE_NOOP("UsersModel", "Last sign-in"),
    )

    def state_text(self, a: users.Account) -> str:
        parts = [self.tr("active") if a.active else self.tr("disabled")]
        if a.active and a.locked():
            parts.append(self.tr("locked after wrong passwords"))
        if a.must_change_password:
            parts.append(self.tr("must change password"))
        return "，".join(parts)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        a = self.row_of(index)
        if a is None:
            return None
        if role == RowRole:
            return a
        if role == Qt.ItemDataRole.DisplayRole:
            return (a.username, a.display_name, role_label(a.role), self.state_text(a),
                    format_local_datetime(a.last_login_at) if a.last_login_at else "—")[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not a.active:
            return QColor("#8592A0")
        return None


class UsersSection(SettingsSection):
    """Add, disable or enable, change a role, reset a password; the idle lock of this desk."""

    sig_changed = Signal()

    def __init__(self, runner, user, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersSection")
        self._runner, self._user, self._settings = runner, user, settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("New user…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.active_button = QPushButton(self.tr("Disable"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        for name, button in (("addUser", self.add_button), ("changeRole", self.role_button),
                             ("toggleActive", self.active_button), ("resetPassword", self.reset_button)):
            button.setObjectName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = UsersModel(self)
        self.view = QTableView()
        self.view.setObjectName("usersTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        layout.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        lock_box = QGroupBox(self.tr("Screen lock on this computer"))
        lock = QHBoxLayout(lock_box)
        lock.addWidget(QLabel(self.tr("Lock the window and end the sign-in after")))
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleMinutes")
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setSuffix(self.tr(" min idle"))
        self.idle_spin.setSpecialValueText(self.tr("never"))
        self.idle_spin.setValue(settings.get(Keys.IDLE_LOCK_MINUTES))
        self.idle_spin.valueChanged.connect(lambda v: settings.set(Keys.IDLE_LOCK_MINUTES, int(v)))
        lock.addWidget(self.idle_spin)
        lock.addStretch(1)
        layout.addWidget(lock_box)

        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _i: self.change_role())
        self._update_buttons()

    def selected(self) -> users.Account | None:
        """The account selected in the table."""
        return self.model.row_of(self.view.currentIndex())

    def _update_buttons(self) -> None:
        a = self.selected()
        own = a is not None and a.id == self._user.id
        self.role_button.setEnabled(a is not None)
        self.active_button.setEnabled(a is not None and not own)
        self.reset_button.setEnabled(a is not None and not own and a.active)
        self.active_button.setText(self.tr("Enable") if a is not None and not a.active else self.tr("Disable"))

    def refresh(self) -> None:
        self._runner.submit(users.list_accounts, actor=self._user, on_result=self._show, on_error=self._failed)

    def _show(self, accounts) -> None:
        selected = self.selected()
        self.model.set_rows(accounts)
        self.status.clear()
        row = next((i for i, a in enumerate(accounts) if selected is not None and a.id == selected.id), 0)
        if accounts:
            self.view.selectRow(row)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #B3261E;")
        self.status.setText(error_message(exc))

    def _done(self, text: str) -> None:
        self.refresh()
        self.status.setStyleSheet("color: #1E5631;")
        self.status.setText(text)
        self.sig_changed.emit()

    def add_user(self) -> None:
        dialog = NewAccountDialog(self._runner, self._user, self)
        dialog.sig_saved.connect(lambda a: self._done(self.tr("User {name} added.").format(name=a.username)))
        dialog.exec()
        dialog.deleteLater()

    def change_role(self) -> None:
        a = self.selected()
        if a is None:
            return
        roles = [Role.CLERK, Role.COLLECTOR, Role.FINANCE, Role.MANAGER, Role.ADMIN]
        labels = [role_label(r) for r in roles]
        text, ok = QInputDialog.getItem(self, self.tr("Change role"), self.tr("Role of {name}:").format(
            name=a.display_name), labels, roles.index(a.role), False)
        if not ok or roles[labels.index(text)] == a.role:
            return
        self._runner.submit(users.set_role, actor=self._user, user_id=a.id, role=roles[labels.index(text)],
                            version=a.version, on_result=lambda r: self._done(self.tr("{name} is now {role}.").format(
                                name=r.display_name, role=role_label(r.role))), on_error=self._failed)

    def toggle_active(self) -> None:
        a = self.selected()
        if a is None:
            return
        if a.active:
            answer = QMessageBox.question(self, self.tr("Disable user"), self.tr(
                "Disable {name}? Their open sign-ins end at once and they can no longer sign in.").format(
                    name=a.display_name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._runner.submit(users.set_active, actor=self._user, user_id=a.id, active=not a.active, version=a.version,
                            on_result=lambda r: self._done((self.tr("{name} enabled.") if r.active else self.tr(
                                "{name} disabled.")).format(name=r.display_name)), on_error=self._failed)

    def reset_password(self) -> None:
        a = self.selected()
        if a is None:
            return
        dialog = ResetPasswordDialog(self._runner, self._user, a, self)
        dialog.sig_saved.connect(lambda r: self._done(self.tr(
            "Password of {name} reset: they choose a new one at the next sign-in.").format(name=r.display_name)))
        dialog.exec()
        dialog.deleteLater()
