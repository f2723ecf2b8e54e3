"""Start-up: flags, database location, resources, and what is imported before the splash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from cuijiao_desktop import app as app_module
from cuijiao_desktop import paths
from cuijiao_desktop.datadir import resolve_database_url
from cuijiao_desktop.settings import Keys, UiSettings


def test_flags():
    args = app_module.parse_args(["--db", "sqlite:///x.db", "--lang", "en", "--demo-if-empty"])
    assert (args.db, args.lang, args.demo_if_empty) == ("sqlite:///x.db", "en", True)
    assert app_module.parse_args(["-platform", "offscreen"]).db is None  # Qt's flags pass through


def test_database_url_precedence(qapp, monkeypatch, tmp_path):
    monkeypatch.setenv("CUIJIAO_DB_URL", "postgresql+psycopg://u@h/db")
    assert resolve_database_url("sqlite:///cli.db") == ("sqlite:///cli.db", False)
    assert resolve_database_url(None) == ("postgresql+psycopg://u@h/db", False)
    monkeypatch.delenv("CUIJIAO_DB_URL")
    url, is_default = resolve_database_url(None)
    assert is_default
    assert url.startswith("sqlite:///") and url.endswith("/cuijiao.sqlite3")
    assert Path(url.removeprefix("sqlite:///")).parent.is_dir()


def test_resources_from_checkout_and_frozen_build(monkeypatch, tmp_path):
    assert (paths.resources_dir() / "icons" / "workbench.svg").exists()
    assert (paths.translations_dir() / "cuijiao_zh_CN.qm").exists()
    frozen = tmp_path / "bundle"
    (frozen / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    paths.resources_dir.cache_clear()
    try:
        assert paths.resources_dir() == frozen / "resources"
    finally:
        monkeypatch.delattr(sys, "_MEIPASS")
        paths.resources_dir.cache_clear()


def test_every_action_and_page_icon_exists():
    from cuijiao_desktop.views.actions import SPECS

    for spec in SPECS.values():
        if spec.icon:
            assert paths.icon_path(spec.icon).exists(), spec.icon


def test_a_cjk_font_is_chosen(qapp):
    family = app_module.choose_ui_font(qapp)
    assert family is not None
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_importing_the_app_loads_no_database_or_report_libraries():
    code = (
        "import sys, cuijiao_desktop.app, cuijiao_desktop.paths;"
        "bad = [m for m in ('sqlalchemy', 'openpyxl', 'reportlab', 'alembic') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_paths_module_does_not_need_qt():
    code = "import sys, cuijiao_desktop.paths; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_ui_settings_types(ui_settings: UiSettings):
    assert ui_settings.language == "zh_CN"
    ui_settings.language = "en"
    ui_settings.set_column_widths("arrears", [80, 120])
    ui_settings.set_last_folder("export", "/tmp/x")
    ui_settings.set_shortcut_override("search", "Ctrl+K")
    ui_settings.sync()
    again = UiSettings(ui_settings.store)
    assert again.language == "en"
    assert again.column_widths("arrears") == [80, 120]
    assert again.last_folder("export") == "/tmp/x"
    assert again.shortcut_override("search") == "Ctrl+K"
    assert again.shortcut_override("quit") is None
    assert again.get(Keys.LAST_USERNAME) == ""


def test_shortcut_override_applies(qapp, ui_settings):
    from PySide6.QtCore import QObject

    from cuijiao_desktop.views.actions import ActionId, create_action

    owner = QObject()
    ui_settings.set_shortcut_override(ActionId.SEARCH.value, "Ctrl+K")
    action = create_action(ActionId.SEARCH, owner, settings=ui_settings)
    assert action.shortcut().toString() == "Ctrl+K"
    ui_settings.set_shortcut_override(ActionId.QUIT.value, "")
    assert create_action(ActionId.QUIT, owner, settings=ui_settings).shortcuts() == []
    assert create_action(ActionId.REFRESH, owner).shortcuts()  # F5 by default


def test_demo_hint_names_one_user_per_role():
    users = [("admin", "A", "admin"), ("zg", "B", "manager"), ("qt1", "C", "clerk"), ("qt2", "D", "clerk")]
    assert app_module.demo_user_hint(users) == ["admin", "zg", "qt1"]
