"""Chinese by default, English on request; the choice is saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from cuijiao_desktop.app import install_translators, parse_args
from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.views.actions import ActionId
from cuijiao_desktop.views.main_window import MainWindow


def _window(qtbot, runner, ui_settings, users, db_url) -> MainWindow:
    window = MainWindow(runner, users[Role.CLERK], ui_settings, db_url=db_url, db_description=describe_url(db_url))
    qtbot.addWidget(window)
    return window


def test_chinese_then_english(qtbot, qapp, runner, ui_settings, users, db_url):
    try:
        assert install_translators(qapp, "zh_CN")
        zh = _window(qtbot, runner, ui_settings, users, db_url)
        assert zh.ui.navList.item(0).text() == "工作台"
        assert zh.menus["file"].title() == "文件(&F)"
        # Qt's own strings are Chinese too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"

        assert install_translators(qapp, "en") == []
        en = _window(qtbot, runner, ui_settings, users, db_url)
        assert en.ui.navList.item(0).text() == "Workbench"
        assert en.menus["file"].title() == "&File"
        assert en.user_label.text() == "User: 测试clerk (Front desk)"
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(QLocale.c())


def test_choosing_english_saves_the_setting_and_signals(qtbot, runner, ui_settings, users, db_url):
    window = _window(qtbot, runner, ui_settings, users, db_url)
    assert ui_settings.language == "zh_CN"
    assert window.actions[ActionId.LANG_ZH].isChecked()
    with qtbot.waitSignal(window.sig_language_changed) as blocker:
        window.actions[ActionId.LANG_EN].trigger()
    assert blocker.args == ["en"]
    assert ui_settings.language == "en"


def test_lang_flag_overrides_the_saved_language():
    assert parse_args(["--lang", "en"]).lang == "en"
    assert parse_args([]).lang is None
