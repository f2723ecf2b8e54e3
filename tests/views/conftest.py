"""Fixtures for GUI tests: isolated UI settings, a synchronous runner, the language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings

from cuijiao_desktop.app import install_translators
from cuijiao_desktop.settings import UiSettings
from cuijiao_desktop.tasks import SyncTaskRunner


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    """UI settings in an INI file of this test only."""
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def runner(qapp, session_factory) -> Iterator[SyncTaskRunner]:
    """Runs tasks inline against the test's migrated SQLite database."""
    r = SyncTaskRunner(session_factory)
    yield r
    r.deleteLater()


@pytest.fixture
def no_viewer(monkeypatch) -> None:
    """PDFs a test writes (receipts, vouchers) are not opened in the desktop's viewer."""
    monkeypatch.setenv("CUIJIAO_NO_OPEN", "1")


@pytest.fixture
def zh(qapp) -> Iterator[None]:
    """Simplified Chinese translations installed for the test (the default language)."""
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")
    QLocale.setDefault(QLocale.c())
