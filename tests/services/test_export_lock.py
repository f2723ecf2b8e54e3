"""The one export shape (``services/export_file.py``): the write lock is not held while the file is written,
and a cancel or a failure leaves neither a file nor an audit row (a failed rename after the commit leaves the
audit row of what was attempted, never an unaudited file). Driven through the notices export, the slowest
one (46 s at 50,000 rooms); every other export goes through the same function."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cuijiao_desktop.db.models import AuditLog
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import DomainError, PermissionDenied
from cuijiao_desktop.reports import activity_exports
from cuijiao_desktop.services import audit
from cuijiao_desktop.services import export_file as export_file_module
from cuijiao_desktop.services import exports as export_service
from cuijiao_desktop.services.activity_exports import NoticeExportFilter
from cuijiao_desktop.services.tx import Transactions


def _count(session_factory, action: str) -> int:
    with session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == action)) or 0)


def _export(session_factory, users, out: Path, **kw) -> int:
    return activity_exports.export_notices(Transactions(session_factory), actor=users[Role.MANAGER],
                                           flt=NoticeExportFilter(), path=out, **kw)


def test_no_lock_is_held_while_the_file_is_written(session_factory, engine, users, tmp_path, monkeypatch):
    """While the (slowed) writer runs, no connection of the export is open and another desk commits an
    audited write at once (on SQLite: BEGIN IMMEDIATE, the write lock)."""
    real_write = activity_exports.write_table
    writing, release = threading.Event(), threading.Event()
    open_connections: list[int] = []

    def slow_write(path, *args, **kwargs):
        open_connections.append(engine.pool.checkedout())
        writing.set()
        assert release.wait(10)
        return real_write(path, *args, **kwargs)

    monkeypatch.setattr(activity_exports, "write_table", slow_write)
    out = tmp_path / "通知.xlsx"
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(_export(session_factory, users, out)))
    worker.start()
    try:
        assert writing.wait(10)
        assert not out.exists()
        started = time.monotonic()
        with session_factory.begin() as s:  # another desk's write (a payment writes the same way)
            audit.record(s, users[Role.CLERK], "test.concurrent_write", "report", None)
        waited = time.monotonic() - started
    finally:
        release.set()
        worker.join(20)
    assert open_connections == [0]  # the read transaction is over before the file is written
    assert waited < 1.0, f"the other desk waited {waited:.2f} s"
    assert outcome == [0] and out.exists()
    assert _count(session_factory, "export.notices") == 1
    assert _count(session_factory, "test.concurrent_write") == 1


def test_cancel_and_failures_leave_no_file_and_no_audit_row(session_factory, users, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "通知.xlsx"
    real_write = activity_exports.write_table
    written: list[Path] = []

    def tracked_write(path, *args, **kwargs):
        written.append(Path(path))
        return real_write(path, *args, **kwargs)

    monkeypatch.setattr(activity_exports, "write_table", tracked_write)

    # cancelled after the file was written, before the audit: nothing left
    with pytest.raises(DomainError) as cancelled:
        _export(session_factory, users, out, cancel=lambda: bool(written))
    assert cancelled.value.code == "task.cancelled"
    assert written and written[0].parent == folder and written[0].name.endswith(".part.xlsx")
    assert list(folder.iterdir()) == [] and _count(session_factory, "export.notices") == 0

    # a failed read (the role may not take personal data out): nothing written at all
    written.clear()
    with pytest.raises(PermissionDenied):
        activity_exports.export_notices(Transactions(session_factory), actor=users[Role.COLLECTOR],
                                        flt=NoticeExportFilter(), path=out)
    assert written == [] and list(folder.iterdir()) == []

    # a failed write (disk full): no file, no audit row
    def failing_write(path, *args, **kwargs):
        Path(path).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(activity_exports, "write_table", failing_write)
    with pytest.raises(OSError):
        _export(session_factory, users, out)
    assert list(folder.iterdir()) == [] and _count(session_factory, "export.notices") == 0

    # the audit write fails: the temporary file is removed, the audit row rolled back
    monkeypatch.setattr(activity_exports, "write_table", real_write)
    real_record = export_service.record_export

    def failing_record(session, **kwargs):
        real_record(session, **kwargs)
        raise DomainError("batch.conflict")

    monkeypatch.setattr(export_service, "record_export", failing_record)
    with pytest.raises(DomainError):
        _export(session_factory, users, out)
    assert list(folder.iterdir()) == [] and _count(session_factory, "export.notices") == 0
    monkeypatch.setattr(export_service, "record_export", real_record)

    # the rename fails after the commit (the file is open in Excel): the audit row says what was attempted,
    # and no file appears under the name asked for (never an unaudited file)
    real_replace = export_file_module.os.replace

    def failing_replace(src, dst):
        if Path(dst) == out:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)  # the writer's own temporary file

    monkeypatch.setattr(export_file_module.os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        _export(session_factory, users, out)
    monkeypatch.undo()
    assert list(folder.iterdir()) == [] and _count(session_factory, "export.notices") == 1

    # and the same export, undisturbed, lands under its name
    assert _export(session_factory, users, out) == 0
    assert list(folder.iterdir()) == [out] and _count(session_factory, "export.notices") == 2
