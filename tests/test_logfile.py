"""Unexpected errors go to a rotating log file in the data folder; the messages name it."""

from __future__ import annotations

import logging
import logging.handlers

import pytest

from cuijiao_desktop import logfile
from cuijiao_desktop.cli import EXIT_UNEXPECTED, main
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.messages import error_message


@pytest.fixture
def log_path(tmp_path):
    path = logfile.install(tmp_path / "logs" / "cuijiao.log")
    yield path
    logfile.uninstall()


def test_an_unexpected_error_is_logged_with_its_traceback_and_the_message_names_the_file(log_path):
    try:
        raise RuntimeError("kaputt")
    except RuntimeError as exc:
        logfile.log_unexpected(exc, "a test")
        text = error_message(exc)
    assert str(log_path) in text and "kaputt" in text
    content = log_path.read_text(encoding="utf-8")
    assert "Traceback" in content and "RuntimeError: kaputt" in content and "in a test" in content
    assert str(log_path) not in error_message(ValidationError("room.invalid", text="x"))  # rules say no: no log


def test_the_file_rotates(log_path):
    [handler] = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handler.baseFilename == str(log_path)
    assert handler.maxBytes == logfile.MAX_BYTES and handler.backupCount == logfile.BACKUP_COUNT


def test_the_command_line_logs_a_bug_and_says_where(tmp_path, monkeypatch, capsys):
    from cuijiao_desktop.cli import database

    def broken(args, ctx):
        raise KeyError("no such thing")

    monkeypatch.setattr(database, "_status", broken)
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    try:
        assert main(["--db", url, "db", "status"]) == EXIT_UNEXPECTED
        err = capsys.readouterr().err.strip()
        path = logfile.current_path()
        assert path is not None and err.startswith("错误：意外错误（KeyError") and str(path) in err
        assert "KeyError: 'no such thing'" in path.read_text(encoding="utf-8")
    finally:
        logfile.uninstall()
