"""The security screens, driven like a user would: 设置 → 用户 / 服务中心信息 / 审计日志, the own-password
dialog, the forced change after a reset, the idle screen lock, and 显示号码 in the room ledger."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from sqlalchemy import select

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import AuditLog, Contact, LoginSession, RoomPerson, User
from cuijiao_desktop.domain.enums import ContactKind, Role
from cuijiao_desktop.domain.errors import AuthenticationFailed
from cuijiao_desktop.services import office
from cuijiao_desktop.services import users as accounts
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.settings import Keys
from cuijiao_desktop.views.dialogs.account_dialogs import ChangePasswordDialog
from cuijiao_desktop.views.dialogs.login_dialog import LoginDialog
from cuijiao_desktop.views.lock_screen import IdleWatcher, LockOverlay
from cuijiao_desktop.views.main_window import MainWindow
from cuijiao_desktop.views.pages.audit_section import AuditSection
from cuijiao_desktop.views.pages.office_section import OfficeSection
from cuijiao_desktop.views.pages.users_section import UsersSection


@pytest.fixture
def make_window(qtbot, runner, ui_settings, db_url):
    def make(user) -> MainWindow:
        window = MainWindow(runner, user, ui_settings, db_url=db_url, db_description=describe_url(db_url),
                            today=lambda: date(2026, 9, 1))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def _tabs(window) -> list[str]:
    tabs = window.pages[next(k for k in window.pages if k.value == "nav.settings")].tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_each_role_sees_its_settings_tabs(zh, make_window, users):
    # these are shown to everyone (read-only unless the role may change them)
    shared = ["收费项目", "公示与隐私", "联系规则", "上门时段", "催缴流程"]
    # 数据库: this desk's connection and backups, for everyone (changed by administrators only)
    assert _tabs(make_window(users[Role.ADMIN]))[1:] == ["用户", "服务中心信息", "审计日志", "数据库", *shared]
    assert _tabs(make_window(users[Role.MANAGER]))[1:] == ["服务中心信息", "审计日志", "数据库", *shared]
    assert _tabs(make_window(users[Role.CLERK]))[1:] == ["数据库", *shared]
    assert _tabs(make_window(users[Role.FINANCE]))[1:] == ["数据库", *shared]


def test_the_admin_adds_resets_disables_and_changes_a_role(zh, qtbot, runner, users, ui_settings, session_factory,
                                                           monkeypatch):
    admin = users[Role.ADMIN]
    section = UsersSection(runner, admin, ui_settings)
    qtbot.addWidget(section)
    section.refresh()
    assert section.model.rowCount() == len(Role)

    def fill_new_user() -> None:
        d = QApplication.activeModalWidget()
        d.fields["username"][0].setText("qiantai9")
        d.fields["display_name"][0].setText("小周")
        d.role_combo.setCurrentIndex(0)
        d.fields["new"][0].setText("short")
        d.submit()  # too short, and the two differ: both said beside the fields, nothing saved
        assert "至少" in d.error("new") and d.error("confirm")
        d.fields["new"][0].setText("first-pass1")
        d.fields["confirm"][0].setText("first-pass1")
        d.submit()

    QTimer.singleShot(0, fill_new_user)
    section.add_user()
    with session_factory() as s:
        new = s.scalars(select(User).where(User.username == "qiantai9")).one()
        assert new.role is Role.CLERK and new.must_change_password
    row = next(i for i, a in enumerate(section.model.rows()) if a.username == "qiantai9")
    section.view.selectRow(row)
    assert "须改密码" in section.model.index(row, 3).data()

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("主管", True))
    section.change_role()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    section.toggle_active()
    with session_factory() as s:
        new = s.get(User, new.id)
        assert new.role is Role.MANAGER and not new.active
    assert not section.reset_button.isEnabled()  # a disabled account gets no new password
    section.toggle_active()

    def fill_reset() -> None:
        d = QApplication.activeModalWidget()
        d.fields["new"][0].setText("temporary9")
        d.fields["confirm"][0].setText("temporary9")
        d.submit()

    section.view.selectRow(next(i for i, a in enumerate(section.model.rows()) if a.username == "qiantai9"))
    QTimer.singleShot(0, fill_reset)
    section.reset_password()
    with session_factory() as s:
        actions = s.scalars(select(AuditLog.action).where(AuditLog.entity_id == str(new.id))).all()
    assert actions == ["user.create", "user.set_role", "user.disable", "user.enable", "user.reset_password"]
    own = next(i for i, a in enumerate(section.model.rows()) if a.id == admin.id)
    section.view.selectRow(own)
    assert not section.active_button.isEnabled() and not section.reset_button.isEnabled()
    section.idle_spin.setValue(3)
    assert ui_settings.get(Keys.IDLE_LOCK_MINUTES) == 3


def test_the_office_details_and_pictures_are_saved_in_the_database(zh, qtbot, runner, users, session_factory,
                                                                    tmp_path):
    section = OfficeSection(runner, users[Role.MANAGER])
    qtbot.addWidget(section)
    section.refresh()
    section.edits["office.name"].setText("锦程物业城西服务中心")
    section.edits["office.bank_account"].setText("1202 0212 abc")
    section.save()
    assert "只能包含数字" in section.errors["office.bank_account"].text()
    section.edits["office.bank_account"].setText("1202 0212 0990 0123 456")
    section.edits["office.phone"].setText("0571-88206688")
    section.save()
    assert section.status.text() == "已保存。"
    picture = tmp_path / "seal.png"
    image = QImage(120, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor("#C0392B"))
    assert image.save(str(picture))
    section.load_image("office.seal_image", picture)
    (tmp_path / "fake.png").write_bytes(b"not a picture")
    section.load_image("office.payment_qr_image", tmp_path / "fake.png")
    assert "PNG 或 JPEG" in section.status.text()
    with session_factory() as s:
        dto = office.get_office(s)
    assert dto.name == "锦程物业城西服务中心" and dto.bank_account == "1202 0212 0990 0123 456"
    assert dto.seal_image == picture.read_bytes() and dto.payment_qr_image is None
    assert not section.images["office.seal_image"].preview.pixmap().isNull()
    section.remove_image("office.seal_image")
    with session_factory() as s:
        assert office.get_office(s).seal_image is None


def test_the_audit_viewer_filters_exports_and_verifies(zh, qtbot, runner, users, session_factory, tmp_path,
                                                       monkeypatch):
    manager = users[Role.MANAGER]
    with session_factory.begin() as s:
        office.update_office(s, actor=manager, values={"office.name": "甲"})
        office.update_office(s, actor=manager, values={"office.name": "乙"})
    section = AuditSection(runner, manager)
    qtbot.addWidget(section)
    section.refresh()
    assert section.model.rowCount() == 2 and section.page_label.text() == "1–2，共 2 条"
    assert section.model.index(0, 3).data() == "修改了服务中心信息"
    section.room.setText("3-2-1502")
    section.load(0)
    assert section.model.rowCount() == 0
    section.room.clear()
    section.what.setCurrentIndex(section.what.findData("office."))
    section.load(0)
    assert section.model.rowCount() == 2
    out = tmp_path / "audit.xlsx"
    section.export_to(out, section.current_filter())
    sheet = load_workbook(out).active
    assert any(cell.value == "office.update" for row in sheet.iter_rows() for cell in row)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    section.verify()
    assert shown and "审计日志完好" in shown[0] and "3 条" in shown[0]  # the export is in the chain too


@pytest.mark.both_engines
def test_the_idle_lock_ends_the_sign_in_and_the_password_reopens_it(zh, qtbot, make_window, users, session_factory):
    clerk = users[Role.CLERK]
    window = make_window(clerk)
    lock = window.screen_lock
    lock.watcher._minutes = lambda: 1
    lock.watcher.last_input -= 61
    lock.watcher.check()
    assert lock.locked and lock.form is not None and lock.form.isVisible()
    assert all(not a.isEnabled() for a in window.actions.actions.values())
    with pytest.raises(AuthenticationFailed), session_factory() as s:  # the token is refused while locked
        authorize(s, clerk)
    lock.form.password.setText("wrong-pass")
    lock.unlock()
    assert "密码错误" in lock.form.error.text() and lock.locked
    lock.form.password.setText("password1")
    lock.unlock()
    assert not lock.locked and all(not o.isVisible() for o in window.findChildren(LockOverlay))
    with session_factory() as s:
        assert authorize(s, clerk).id == clerk.id
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.chain_seq)).all()
    assert actions[-3:] == ["user.logout", "user.login_failed", "user.unlock"]
    assert window.actions.actions[next(iter(window.actions.actions))].isEnabled()


def test_switch_user_at_the_lock_signs_out(zh, qtbot, make_window, users):
    window = make_window(users[Role.CLERK])
    window.screen_lock.lock()
    with qtbot.waitSignal(window.sig_logout_requested, timeout=2000):
        window.screen_lock.form.switch_button.click()


def test_logout_ends_the_sign_in_in_the_database(zh, qtbot, make_window, users, session_factory):
    clerk = users[Role.CLERK]
    window = make_window(clerk)
    window.log_out()
    with session_factory() as s:
        assert s.scalar(select(LoginSession.ended_at).where(LoginSession.user_id == clerk.id)) is not None


def test_idle_watcher_counts_any_input(qapp):
    watcher = IdleWatcher(lambda: 10)
    fired = []
    watcher.sig_idle.connect(lambda: fired.append(1))
    watcher.last_input -= 599
    watcher.check()
    assert not fired
    watcher.last_input -= 2
    watcher.check()
    watcher.check()
    assert fired == [1]  # once, until resumed
    watcher.stop()


def test_own_password_needs_the_current_one(zh, qtbot, runner, users):
    dialog = ChangePasswordDialog(runner, users[Role.CLERK])
    qtbot.addWidget(dialog)
    dialog.fields["current"][0].setText("not-it")
    dialog.fields["new"][0].setText("brand-new-1")
    dialog.fields["confirm"][0].setText("brand-new-1")
    dialog.submit()
    assert dialog.error("current") == "当前密码不正确。"
    dialog.fields["current"][0].setText("password1")
    dialog.submit()
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted


def test_a_reset_password_must_be_changed_at_sign_in(zh, qtbot, runner, users, ui_settings, session_factory):
    admin, clerk = users[Role.ADMIN], users[Role.CLERK]
    with session_factory.begin() as s:
        accounts.reset_password(s, actor=admin, user_id=clerk.id, new_password="temporary1")
    dialog = LoginDialog(runner, ui_settings)
    qtbot.addWidget(dialog)
    dialog.ui.usernameEdit.setText(clerk.username)
    dialog.ui.passwordEdit.setText("temporary1")

    def choose() -> None:
        d = QApplication.activeModalWidget()
        assert isinstance(d, ChangePasswordDialog) and "current" not in d.fields
        d.fields["new"][0].setText("my-own-pass")
        d.fields["confirm"][0].setText("my-own-pass")
        d.submit()

    QTimer.singleShot(0, choose)
    dialog.submit()
    assert dialog.user is not None and not dialog.user.must_change_password
    with session_factory() as s:
        assert not s.get(User, clerk.id).must_change_password
        assert authorize(s, dialog.user).id == clerk.id


def test_the_ledger_shows_phones_masked_until_asked(zh, qtbot, runner, users, session_factory):
    from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage

    room = make_room_with_bills(session_factory, months=2)
    with session_factory.begin() as s:
        person_id = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room.room_id))
        s.add(Contact(person_id=person_id, kind=ContactKind.MOBILE, value="13800138000", last4="8000",
                      is_primary=True))
    page = RoomLedgerPage(runner, users[Role.CLERK], today=lambda: date(2026, 9, 1))
    qtbot.addWidget(page)
    page.show()
    page.load(room.room_id)
    assert "138****8000" in page.info_contacts.text() and "13800138000" not in page.info_contacts.text()
    assert page.reveal_button.isVisible()
    page.reveal_button.click()
    assert "13800138000" in page.info_contacts.text() and not page.reveal_button.isVisible()
    with session_factory() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "phone.reveal")).one()
    assert row.room_id == room.room_id and row.username == users[Role.CLERK].username
    finance = RoomLedgerPage(runner, users[Role.FINANCE], today=lambda: date(2026, 9, 1))
    qtbot.addWidget(finance)
    finance.show()
    finance.load(room.room_id)
    assert not finance.reveal_button.isVisible()


def test_users_service_keeps_one_administrator(session_factory, users):
    admin = users[Role.ADMIN]
    from cuijiao_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        accounts.set_role(s, actor=admin, user_id=admin.id, role=Role.MANAGER)
    assert err.value.code == "users.last_admin"
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        accounts.set_active(s, actor=admin, user_id=admin.id, active=False)
    assert err.value.code == "users.cannot_disable_self"
