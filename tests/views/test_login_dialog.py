"""The sign-in dialog against a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from cuijiao_desktop.db.models import User
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.services import auth
from cuijiao_desktop.settings import Keys
from cuijiao_desktop.views.dialogs.login_dialog import LoginDialog


def _dialog(qtbot, runner, ui_settings, **kw) -> LoginDialog:
    dialog = LoginDialog(runner, ui_settings, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_password_shows_message_and_keeps_user_name(qtbot, zh, runner, ui_settings, users, session_factory):
    dialog = _dialog(qtbot, runner, ui_settings)
    qtbot.keyClicks(dialog.ui.usernameEdit, "u_clerk")
    qtbot.keyClicks(dialog.ui.passwordEdit, "not-the-password")
    qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)  # Enter submits

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.user is None
    assert dialog.ui.errorLabel.isVisible()
    assert "用户名或密码错误" in dialog.ui.errorLabel.text()
    assert dialog.ui.usernameEdit.text() == "u_clerk"
    assert dialog.ui.passwordEdit.text() == ""
    # the failed attempt is committed (counts toward the lock-out)
    with session_factory() as s:
        assert s.scalar(select(User.failed_logins).where(User.username == "u_clerk")) == 1


def test_right_password_signs_in_and_remembers_user_name(qtbot, runner, ui_settings, users):
    dialog = _dialog(qtbot, runner, ui_settings)
    dialog.ui.usernameEdit.setText("u_manager")
    dialog.ui.passwordEdit.setText("password1")
    with qtbot.waitSignal(dialog.sig_logged_in) as blocker:
        qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Enter)
    assert blocker.args[0].role is Role.MANAGER
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ui_settings.get(Keys.LAST_USERNAME) == "u_manager"

    again = _dialog(qtbot, runner, ui_settings)
    assert again.ui.usernameEdit.text() == "u_manager"


def test_lock_out_message_names_the_time(qtbot, zh, runner, ui_settings, users):
    dialog = _dialog(qtbot, runner, ui_settings)
    for _ in range(auth.MAX_FAILURES):
        dialog.ui.usernameEdit.setText("u_finance")
        dialog.ui.passwordEdit.setText("wrong-password")
        dialog.submit()
    text = dialog.ui.errorLabel.text()
    assert "锁定" in text
    assert any(ch.isdigit() for ch in text) and ":" in text  # local time of the unlock


def test_empty_fields_are_refused_inline(qtbot, runner, ui_settings, users):
    dialog = _dialog(qtbot, runner, ui_settings)
    dialog.submit()
    assert dialog.ui.errorLabel.text() == "Enter your user name."
    dialog.ui.usernameEdit.setText("u_clerk")
    dialog.submit()
    assert dialog.ui.errorLabel.text() == "Enter your password."


def test_demo_hint_lists_users_and_password(qtbot, runner, ui_settings):
    dialog = _dialog(qtbot, runner, ui_settings, demo_users=["manager", "clerk"], demo_password="demo1234")
    assert dialog.ui.demoHintLabel.isVisible()
    assert "manager" in dialog.ui.demoHintLabel.text()
    assert "demo1234" in dialog.ui.demoHintLabel.text()
    plain = _dialog(qtbot, runner, ui_settings)
    assert not plain.ui.demoHintLabel.isVisible()
