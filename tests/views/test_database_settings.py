"""设置 → 数据库: the connection (password in the keyring only), the connection test, backups, and the
status bar's last backup."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError, PasswordDeleteError
from PySide6.QtWidgets import QMessageBox

from cuijiao_desktop import connection
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.settings import Keys
from cuijiao_desktop.views.pages.database_settings import DatabaseSection


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


class NoKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        raise NoKeyringError("No recommended backend was available")

    def set_password(self, service, username, password):
        raise NoKeyringError("No recommended backend was available")

    def delete_password(self, service, username):
        raise NoKeyringError("No recommended backend was available")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _section(qtbot, runner, user, ui_settings, db_url):
    section = DatabaseSection(runner, user, ui_settings, db_url=db_url, db_description="test")
    qtbot.addWidget(section)
    return section


def test_postgresql_connection_is_saved_with_the_password_in_the_keyring_only(
        qtbot, runner, users, ui_settings, db_url, memory_keyring, monkeypatch, zh):
    section = _section(qtbot, runner, users[Role.ADMIN], ui_settings, db_url)
    assert section.sqlite_radio.isChecked() and not section.host_edit.isEnabled()
    section.pg_radio.setChecked(True)
    section.save_button.click()  # incomplete: said beside the fields, nothing saved
    assert "请输入服务器名称或地址" in section.connection_label.text()
    assert ui_settings.get(Keys.DB_KIND) == "sqlite"
    section.host_edit.setText("office-server")
    section.port_spin.setValue(5433)
    section.name_edit.setText("cuijiao")
    section.user_edit.setText("qiantai")
    section.password_edit.setText("p@ss:w/ord")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(section.sig_reconnect_requested):
        section.save_button.click()
    ui_settings.sync()
    from pathlib import Path

    stored = Path(ui_settings.store.fileName()).read_text(encoding="utf-8")
    assert "office-server" in stored and "p@ss" not in stored
    config = connection.load_config(ui_settings)
    assert connection.get_password(config) == "p@ss:w/ord"
    url = connection.configured_url(ui_settings)
    assert url == "postgresql+psycopg://qiantai:p%40ss%3Aw%2Ford@office-server:5433/cuijiao"
    from sqlalchemy.engine import make_url

    assert make_url(url).password == "p@ss:w/ord"
    from cuijiao_desktop.datadir import resolve_database_url

    assert resolve_database_url(None, settings=ui_settings) == (url, False)
    assert resolve_database_url("sqlite:////x.sqlite3", settings=ui_settings)[0] == "sqlite:////x.sqlite3"


def test_no_keyring_is_a_clear_message_not_a_crash(qtbot, runner, users, ui_settings, db_url, zh):
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        section = _section(qtbot, runner, users[Role.ADMIN], ui_settings, db_url)
        section.pg_radio.setChecked(True)
        for edit, value in ((section.host_edit, "h"), (section.name_edit, "d"), (section.user_edit, "u"),
                            (section.password_edit, "secret")):
            edit.setText(value)
        section.save_button.click()
        assert "无法使用系统密钥环" in section.connection_label.text()
        assert ui_settings.get(Keys.DB_KIND) == "sqlite"  # nothing half saved
        config = connection.DatabaseConfig("postgresql", "h", 5432, "d", "u")
        assert connection.configured_url(ui_settings) is None
        assert config.url() == "postgresql+psycopg://u@h:5432/d"  # PGPASSWORD / pgpass still work
    finally:
        keyring.set_keyring(previous)


def test_only_administrators_change_it(qtbot, runner, users, ui_settings, db_url):
    section = _section(qtbot, runner, users[Role.CLERK], ui_settings, db_url)
    assert not section.save_button.isEnabled() and not section.pg_radio.isEnabled()
    assert not section.restore_file_button.isEnabled() and not section.backup_button.isEnabled()
    for role in (Role.FINANCE, Role.MANAGER):  # backups hold every owner's data: administrators only
        other = _section(qtbot, runner, users[role], ui_settings, db_url)
        assert not other.backup_button.isEnabled() and not other.restore_file_button.isEnabled()
    admin = _section(qtbot, runner, users[Role.ADMIN], ui_settings, db_url)
    assert admin.backup_button.isEnabled() and admin.restore_file_button.isEnabled()


def test_connection_test_says_what_it_found(qtbot, runner, users, ui_settings, db_url, zh, monkeypatch):
    import os

    section = _section(qtbot, runner, users[Role.ADMIN], ui_settings, db_url)
    section.pg_radio.setChecked(True)
    section.host_edit.setText("127.0.0.1")
    section.port_spin.setValue(1)  # nothing listens there
    section.name_edit.setText("none")
    section.user_edit.setText("nobody")
    monkeypatch.setattr(connection, "get_password", lambda c: None)
    section.test_button.click()
    assert "无法连接数据库" in section.connection_label.text()
    pg = os.environ.get("CUIJIAO_TEST_PG_URL")
    if pg:
        from sqlalchemy.engine import make_url

        u = make_url(pg)
        section.host_edit.setText(u.host)
        section.port_spin.setValue(u.port)
        section.name_edit.setText(u.database)
        section.user_edit.setText(u.username)
        section.test_button.click()
        assert "已连接到 PostgreSQL" in section.connection_label.text()


def test_back_up_now_and_the_status_bar(qtbot, runner, users, ui_settings, db_url, zh):
    from cuijiao_desktop.views.main_window import MainWindow

    window = MainWindow(runner, users[Role.ADMIN], ui_settings, db_url=db_url, db_description="test")
    qtbot.addWidget(window)
    assert window.backup_label.text() == "最近备份：从未备份"
    section = window.database_section
    section.refresh()
    assert section.last_label.text() == "从未备份"
    section.back_up()
    assert "已备份到" in section.backup_label.text()
    assert window.backup_label.text().startswith("最近备份：") and "从未" not in window.backup_label.text()
    assert section.files_list.count() == 1 and "-manual.sqlite3" in section.files_list.item(0).text()
