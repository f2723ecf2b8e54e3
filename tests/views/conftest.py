"""Fixtures for GUI tests: the language, no PDF viewer (UI settings and the runner are in ../conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from cuijiao_desktop.app import install_translators


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
