"""设置 → 数据库: where this desk's data lives, and the backups.

- **Connection**: the embedded SQLite file (one desk, the default) or a PostgreSQL server (several
  desks): host, port, database, user; the password goes to the system keyring, never to a settings
  file. 测试连接 connects once off the GUI thread and says what it found. Saving asks to reconnect
  (``sig_reconnect_requested``); the application then opens the new database and asks for a sign-in.
- **Backups**: the newest backup of the database (any desk), how many days automatic backups are kept,
  立即备份, and 恢复… (administrators): a backup from the list of this desk's backups or any file; it is
  checked in a new file first (integrity, schema, books) and only then replaces the data
  (``sig_restored``: everyone signs in again).

Only administrators change anything here; everyone else sees it read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.connection import DatabaseConfig, get_password, load_config, save_config, set_password
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message, format_local_datetime, message_for_code
from cuijiao_desktop.settings import Keys, UiSettings
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.pages.settings_page import SettingsSection

_OK = "color: #1E7B34;"
_BAD = "color: #B3261E;"
_WARN = "color: #8A5300;"


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(n, 1) // 1024 or 1} KB"


class DatabaseSection(SettingsSection):
    """The 数据库 tab (see the module docstring)."""

    sig_reconnect_requested = Signal()
    sig_restored = Signal()
    sig_backup_done = Signal()

    def __init__(self, runner, user, settings: UiSettings, *, db_url: str, db_description: str,
                 startup: bool = False, parent: QWidget | None = None) -> None:
        """``startup``: the database could not be opened and nobody is signed in: only the connection
        part, editable (it is this computer's setting, not the office's data)."""
        super().__init__(parent)
        self.setObjectName("databaseSection")
        self._runner = runner
        self._user = user
        self._settings = settings
        self._db_url = db_url
        self.startup = startup
        self.overview = None
        self.can_edit = startup or (user is not None and user.can(Permission.MAINTAIN_DATABASE))
        self.can_back_up = not startup and user is not None and user.can(Permission.BACKUP)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # tall content: the window keeps its size, the tab scrolls
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 12, 0, 0)

        # --- connection ---
        box = QGroupBox(self.tr("Where the data is"))
        form = QFormLayout(box)
        self.in_use_label = QLabel(self.tr("In use now: {db}").format(db=db_description))
        self.in_use_label.setWordWrap(True)
        form.addRow(self.in_use_label)
        self.sqlite_radio = QRadioButton(self.tr("&Embedded database on this computer (one desk)"))
        self.pg_radio = QRadioButton(self.tr("&PostgreSQL server (several desks)"))
        group = QButtonGroup(self)
        group.addButton(self.sqlite_radio)
        group.addButton(self.pg_radio)
        form.addRow(self.sqlite_radio)
        form.addRow(self.pg_radio)
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("dbHost")
        self.host_edit.setPlaceholderText(self.tr("e.g. 192.168.1.20 or office-server"))
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("dbPort")
        self.port_spin.setRange(1, 65535)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("dbName")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("dbUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("dbPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Server:"), self.host_edit)
        form.addRow(self.tr("P&ort:"), self.port_spin)
        form.addRow(self.tr("&Database:"), self.name_edit)
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        note = QLabel(self.tr("The password is kept in the system keyring of this computer, never in a file. "
                              "An SQLite file must stay on this computer's own disk: for several desks use a "
                              "PostgreSQL server."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5F6B7A;")
        form.addRow(note)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("dbTest")
        self.save_button = QPushButton(self.tr("Save and &connect") if startup else self.tr("Save and &reconnect"))
        self.save_button.setObjectName("dbSave")
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("dbConnectionStatus")
        self.connection_label.setWordWrap(True)
        self.connection_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.connection_label)
        layout.addWidget(box)

        # --- backups ---
        backups = QGroupBox(self.tr("Backups"))
        bform = QFormLayout(backups)
        self.last_label = QLabel("—")
        self.last_label.setObjectName("lastBackup")
        self.last_label.setWordWrap(True)
        bform.addRow(self.tr("Last backup:"), self.last_label)
        self.folder_label = QLabel("—")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bform.addRow(self.tr("Folder on this computer:"), self.folder_label)
        self.keep_spin = QSpinBox()
        self.keep_spin.setObjectName("keepDays")
        self.keep_spin.setRange(1, 3650)
        self.keep_spin.setSuffix(self.tr(" days"))
        self.keep_spin.setValue(max(1, settings.get(Keys.BACKUP_KEEP_DAYS)))
        self.keep_spin.valueChanged.connect(lambda v: settings.set(Keys.BACKUP_KEEP_DAYS, int(v)))
        bform.addRow(self.tr("&Keep automatic backups for:"), self.keep_spin)
        auto = QLabel(self.tr("A backup is made automatically on the first start of each day and before every "
                              "upgrade of the database structure."))
        auto.setWordWrap(True)
        auto.setStyleSheet("color: #5F6B7A;")
        bform.addRow(auto)
        self.files_list = QListWidget()
        self.files_list.setObjectName("backupFiles")
        self.files_list.setMinimumHeight(120)
        bform.addRow(self.tr("Backups on this computer:"), self.files_list)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.setObjectName("restoreSelected")
        self.restore_file_button = QPushButton(self.tr("Restore from another file…"))
        self.restore_file_button.setObjectName("restoreFile")
        for b in (self.backup_button, self.restore_button, self.restore_file_button):
            row.addWidget(b)
        row.addStretch(1)
        bform.addRow(row)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backupStatus")
        self.backup_label.setWordWrap(True)
        bform.addRow(self.backup_label)
        layout.addWidget(backups)
        backups.setVisible(not startup)
        layout.addStretch(1)

        self.sqlite_radio.toggled.connect(self._kind_changed)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_other_file)
        self.files_list.itemSelectionChanged.connect(self._update_buttons)
        self.load_config()
        self._update_buttons()

    # connection
    def load_config(self) -> None:
        """Show this desk's saved connection."""
        config = load_config(self._settings)
        (self.pg_radio if config.kind == "postgresql" else self.sqlite_radio).setChecked(True)
        self.host_edit.setText(config.host)
        self.port_spin.setValue(int(config.port))
        self.name_edit.setText(config.database)
        self.user_edit.setText(config.user)
        self.password_edit.clear()
        self.password_edit.setPlaceholderText("")
        if config.kind == "postgresql" and not config.problems():
            try:
                if get_password(config):
                    self.password_edit.setPlaceholderText(self.tr("saved in the system keyring"))
            except DomainError:
                self.password_edit.setPlaceholderText(self.tr("no system keyring on this computer"))
        self._kind_changed()

    def config(self) -> DatabaseConfig:
        """The connection as filled in."""
        return DatabaseConfig(
            kind="postgresql" if self.pg_radio.isChecked() else "sqlite", host=self.host_edit.text().strip(),
            port=self.port_spin.value(), database=self.name_edit.text().strip(), user=self.user_edit.text().strip(),
        )

    def _kind_changed(self) -> None:
        pg = self.pg_radio.isChecked()
        for w in (self.host_edit, self.port_spin, self.name_edit, self.user_edit, self.password_edit):
            w.setEnabled(pg and self.can_edit)
        for w in (self.sqlite_radio, self.pg_radio, self.save_button):
            w.setEnabled(self.can_edit)
        self.test_button.setEnabled(pg)

    def _show_connection(self, text: str, style: str) -> None:
        self.connection_label.setStyleSheet(style)
        self.connection_label.setText(text)

    def _problems(self, config: DatabaseConfig) -> bool:
        problems = config.problems()
        if problems:
            self._show_connection(" ".join(message_for_code(c) for c in problems), _BAD)
        return bool(problems)

    def _url_to_test(self, config: DatabaseConfig) -> str:
        password = self.password_edit.text()
        if not password:
            try:
                password = get_password(config) or ""
            except DomainError:
                password = ""
        return config.url(password or None)

    def test_connection(self) -> None:
        """测试连接: connect once off the GUI thread; say what was found."""
        from cuijiao_desktop.services.database import check_connection

        config = self.config()
        if config.kind != "postgresql" or self._problems(config):
            return
        self._show_connection(self.tr("Connecting…"), _WARN)
        self.test_button.setEnabled(False)

        def done(check) -> None:
            self.test_button.setEnabled(True)
            texts = {
                "empty": self.tr("The database is empty: this program sets it up at the first start."),
                "older": self.tr("The database will be upgraded (after a backup) at the next start."),
                "current": self.tr("The database is ready."),
                "newer": self.tr("The database was upgraded by a newer version of this program: install it first."),
            }
            style = _BAD if check.schema == "newer" else _OK
            self._show_connection(self.tr("Connected to {server}. {state}").format(
                server=check.server, state=texts[check.schema]), style)

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self._show_connection(error_message(exc), _BAD)

        self._runner.submit(check_connection, self._url_to_test(config), with_session=False, on_result=done,
                            on_error=failed)

    def save(self) -> None:
        """Save the connection (the password into the keyring) and ask to reconnect."""
        if not self.can_edit:
            return
        config = self.config()
        if self._problems(config):
            return
        if config.kind == "postgresql" and self.password_edit.text():
            try:
                set_password(config, self.password_edit.text())
            except DomainError as exc:
                self._show_connection(error_message(exc), _BAD)
                return
        save_config(config, self._settings)
        self.password_edit.clear()
        if self.startup:
            self.sig_reconnect_requested.emit()
            return
        answer = QMessageBox.question(
            self, self.tr("Database"),
            self.tr("Saved. Reconnect now? Everyone on this computer signs in again."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.sig_reconnect_requested.emit()
        else:
            self._show_connection(self.tr("Saved: used from the next start."), _OK)

    # backups
    def refresh(self) -> None:
        """Reload the backup overview off the GUI thread."""
        from cuijiao_desktop.services.database import backup_overview

        if self.startup:
            return
        self._runner.submit(backup_overview, url=self._db_url, on_result=self._show_overview,
                            on_error=lambda exc: self._show_backup(error_message(exc), _BAD))

    def _show_overview(self, overview) -> None:
        self.overview = overview
        last = overview.last
        if last is None:
            self.last_label.setText(self.tr("never"))
            self.last_label.setStyleSheet(_BAD)
        else:
            self.last_label.setText(self.tr("{when} on {host}: {path}").format(
                when=format_local_datetime(last.taken_at), host=last.host, path=last.path))
            self.last_label.setStyleSheet("")
        self.folder_label.setText(overview.folder)
        self.files_list.clear()
        for f in overview.files:
            item = QListWidgetItem(f"{f.modified:%Y-%m-%d %H:%M}    {_size(f.size_bytes)}    {f.path.rsplit('/', 1)[-1]}")
            item.setData(Qt.ItemDataRole.UserRole, f.path)
            item.setToolTip(f.path)
            self.files_list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.backup_button.setEnabled(self.can_back_up)
        self.restore_button.setEnabled(self.can_edit and bool(self.files_list.selectedItems()))
        self.restore_file_button.setEnabled(self.can_edit)

    def _show_backup(self, text: str, style: str) -> None:
        self.backup_label.setStyleSheet(style)
        self.backup_label.setText(text)

    def back_up(self) -> None:
        """立即备份: into this desk's backup folder, recorded, old automatic ones pruned."""
        from cuijiao_desktop.services.backups import manual_backup

        self._show_backup(self.tr("Backing up…"), _WARN)
        self.backup_button.setEnabled(False)

        def done(record) -> None:
            self._show_backup(self.tr("Backup saved to {path}").format(path=record.path), _OK)
            self.sig_backup_done.emit()
            self.refresh()

        def failed(exc: BaseException) -> None:
            self._show_backup(error_message(exc), _BAD)
            self._update_buttons()

        self._runner.submit(manual_backup, self._db_url, None, actor=self._user, with_session=False,
                            keep_days=self.keep_spin.value(), on_result=done, on_error=failed)

    def restore_selected(self) -> None:
        items = self.files_list.selectedItems()
        if items:
            self.restore(items[0].data(Qt.ItemDataRole.UserRole))

    def restore_other_file(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Restore from a backup"), purpose="restore", show_databases=True, settings=self._settings,
            filters=self.tr("Database backups (*.sqlite3 *.dump);;All files (*)"))
        if path is not None:
            self.restore(str(path))

    def restore(self, path: str) -> None:
        """Ask, then restore ``path`` with progress; on success everyone signs in again."""
        from cuijiao_desktop.services.backups import restore_database

        answer = QMessageBox.warning(
            self, self.tr("Restore"),
            self.tr("Replace ALL data of the database with the backup\n{path}?\n\nThe backup is checked first; "
                    "the current data is backed up before it is replaced. Close the program on the other desks "
                    "first.").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(report) -> None:
            QMessageBox.information(self, self.tr("Restore"), self.tr(
                "The backup was restored and the books balance. The data before the restore was saved to "
                "{path}. Please sign in again.").format(path=report.safety_backup))
            self.sig_restored.emit()

        def failed(exc: BaseException) -> None:
            self._show_backup(error_message(exc), _BAD)

        run_with_progress(self._runner, self, self.tr("Restoring…"), restore_database, self._db_url, path,
                          actor=self._user, keep_days=self.keep_spin.value(), with_session=False,
                          on_result=done, on_error=failed)
