"""Creating the first administrator: inline validation and the saved account."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from cuijiao_desktop.db.models import User
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.views.dialogs.first_admin_dialog import FirstAdminDialog


def _dialog(qtbot, runner) -> FirstAdminDialog:
    dialog = FirstAdminDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _count_users(session_factory) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(User))


def test_empty_form_shows_an_error_beside_each_field(qtbot, zh, runner, session_factory):
    dialog = _dialog(qtbot, runner)
    dialog.submit()
    assert dialog.field_error("username") == "请输入用户名。"
    assert dialog.field_error("display_name") == "请输入同事看到的姓名。"
    assert "至少需要 8 个字符" in dialog.field_error("password")
    assert dialog.ui.usernameError.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert _count_users(session_factory) == 0


def test_password_mismatch_is_shown_while_typing_and_cleared_when_fixed(qtbot, runner):
    dialog = _dialog(qtbot, runner)
    qtbot.keyClicks(dialog.ui.passwordEdit, "password1")
    qtbot.keyClicks(dialog.ui.confirmEdit, "password2")
    assert dialog.field_error("confirm") == "The two passwords are not the same."
    qtbot.keyClick(dialog.ui.confirmEdit, "\b")
    qtbot.keyClicks(dialog.ui.confirmEdit, "1")
    assert dialog.field_error("confirm") == ""


def test_error_from_the_service_lands_beside_its_field(qtbot, runner, session_factory):
    dialog = _dialog(qtbot, runner)
    dialog.ui.usernameEdit.setText("two words")
    dialog.ui.displayNameEdit.setText("王经理")
    dialog.ui.passwordEdit.setText("password1")
    dialog.ui.confirmEdit.setText("password1")
    dialog.submit()
    assert dialog.field_error("username") == "A user name has no spaces and at most 64 characters."
    assert _count_users(session_factory) == 0


def test_valid_form_creates_the_administrator(qtbot, runner, session_factory):
    dialog = _dialog(qtbot, runner)
    qtbot.keyClicks(dialog.ui.usernameEdit, "admin")
    dialog.ui.displayNameEdit.setText("王经理")  # keyClicks aborts on non-ASCII
    qtbot.keyClicks(dialog.ui.passwordEdit, "password1")
    qtbot.keyClicks(dialog.ui.confirmEdit, "password1")
    with qtbot.waitSignal(dialog.sig_saved):
        dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user.role is Role.ADMIN
    with session_factory() as s:
        user = s.scalar(select(User))
        assert (user.username, user.display_name, user.role) == ("admin", "王经理", Role.ADMIN)
