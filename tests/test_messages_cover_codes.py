"""Every error code the program can raise has its own sentence, in English and in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTranslator

from cuijiao_desktop import messages
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.paths import translations_dir

PACKAGE = Path(messages.__file__).resolve().parent
RAISED = re.compile(r'(?:Error|Denied|Failed|NotFound|DomainError)\(\s*"([a-z_]+\.[a-z_.]+)"')
DEFAULT = re.compile(r'default_code = "([a-z_.]+)"')


def _codes() -> set[str]:
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(RAISED.findall(text)) | set(DEFAULT.findall(text))
    return codes


def test_the_scan_finds_the_codes():
    codes = _codes()
    assert {"payment.already_reversed", "auth.failed", "room.invalid", "conflict.stale"} <= codes
    assert len(codes) > 40


def test_every_raised_code_has_a_message():
    missing = sorted(c for c in _codes() if not messages.has_message(c))
    assert missing == []


def test_every_message_is_translated_to_chinese():
    translator = QTranslator()
    assert translator.load(str(translations_dir() / "cuijiao_zh_CN.qm"))
    untranslated = [src for src in messages.MESSAGES.values() if not translator.translate("messages", src)]
    assert untranslated == []


def test_money_and_list_parameters_read_naturally():
    with messages.translated_without_app("zh_CN"):
        text = messages.error_message(DomainError("late_fee.waiver_too_large", remaining_fen=585))
        assert text == "此账单可减免的滞纳金只剩 ¥5.85。"
        words = messages.error_message(DomainError("ladder.forbidden_words", words=["停水", "断电"]))
        assert "停水、断电" in words
    assert messages._direct is None  # the command line's translator does not leak into the GUI
