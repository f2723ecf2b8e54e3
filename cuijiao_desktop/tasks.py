"""Qt adapter for long work: one database thread, progress, cancel, errors.

Background functions are plain Python: ``fn(session, *args, progress=..., cancel=...)``
(``progress``/``cancel`` only when ``fn`` accepts them). They never touch widgets.
The runner opens ``with session_factory.begin() as session:`` around each call, so
one task is one transaction; a cancelled task is rolled back. A function marked
``services.tx.read_only`` (or submitted with ``read_only=True``) gets a session from the
read factory: its transaction takes no write lock.

Results, errors and progress reach the GUI thread through queued signals and are
delivered to the ``on_*`` callbacks given to :meth:`TaskRunner.submit`.
:class:`SyncTaskRunner` has the same interface and runs inline (tests).
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.services.tx import Transactions, is_long_write, is_read_only

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]
Callback = Callable[..., Any] | None


class TaskCancelled(Exception):
    """Raised inside a task to stop it; the transaction is rolled back."""


class TaskHandle(QObject):
    """One submitted task, living in the GUI thread. Its signals fire there."""

    sig_progress = Signal(int, int, str)
    sig_result = Signal(object)
    sig_error = Signal(object)  # the exception
    sig_cancelled = Signal()
    sig_finished = Signal()  # after any of the three outcomes

    def __init__(self, task_id: int, name: str) -> None:
        super().__init__()  # owned by Python (no Qt parent): kept alive by the runner until done
        self.task_id = task_id
        self.name = name
        self._cancel = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.reports_errors = False  # True when the submitter handles errors itself

    def cancel(self) -> None:
        """Ask the task to stop; it is checked by the function's ``cancel()``."""
        self._cancel.set()

    def is_cancel_requested(self) -> bool:
        """True once :meth:`cancel` was called (thread-safe)."""
        return self._cancel.is_set()


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


class _BaseRunner(QObject):
    """Shared bookkeeping for both runners."""

    sig_task_failed = Signal(object, object)  # handle, exception: errors with no on_error callback
    sig_busy_changed = Signal(bool)

    def __init__(self, session_factory: Any | None, parent: QObject | None = None, *,
                 read_session_factory: Any | None = None) -> None:
        super().__init__(parent)
        self._session_factory = session_factory
        self._read_session_factory = read_session_factory
        self._ids = itertools.count(1)
        self._handles: dict[int, TaskHandle] = {}

    @property
    def session_factory(self) -> Any | None:
        """The sessionmaker used for tasks (None if only plain tasks are run)."""
        return self._session_factory

    def set_session_factory(self, session_factory: Any, read_session_factory: Any | None = None) -> None:
        """Set the sessionmakers once the database is ready (reads use the writer's when none is given)."""
        self._session_factory = session_factory
        self._read_session_factory = read_session_factory

    def is_busy(self) -> bool:
        """True while any task is queued or running."""
        return bool(self._handles)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        with_session: bool = True,
        on_result: Callback = None,
        on_error: Callback = None,
        on_progress: Callback = None,
        on_cancelled: Callback = None,
        on_finished: Callback = None,
        read_only: bool | None = None,
        **kwargs: Any,
    ) -> TaskHandle:
        """Run ``fn`` on the database thread; callbacks run in the GUI thread.

        ``with_session=True`` calls ``fn(session, *args, **kwargs)`` inside
        ``session_factory.begin()`` (a function marked ``services.tx.long_write`` gets the factories as
        ``Transactions`` instead and commits in steps of its own); otherwise ``fn(*args, **kwargs)``. ``read_only``
        (default: whether ``fn`` is marked ``services.tx.read_only``) picks the read factory.
        Errors without ``on_error`` are reported through ``sig_task_failed``.
        """
        handle = TaskHandle(next(self._ids), getattr(fn, "__qualname__", repr(fn)))
        if on_result is not None:
            handle.sig_result.connect(on_result)
        if on_error is not None:
            handle.sig_error.connect(on_error)
            handle.reports_errors = True
        if on_progress is not None:
            handle.sig_progress.connect(on_progress)
        if on_cancelled is not None:
            handle.sig_cancelled.connect(on_cancelled)
        if on_finished is not None:
            handle.sig_finished.connect(on_finished)
        self._handles[handle.task_id] = handle
        if len(self._handles) == 1:
            self.sig_busy_changed.emit(True)
        if read_only is None:
            read_only = is_read_only(fn)
        job = self._make_job(handle, fn, args, kwargs, with_session, read_only)
        self._start(handle, job)
        return handle

    def _make_job(
        self,
        handle: TaskHandle,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        with_session: bool,
        read_only: bool = False,
    ) -> Callable[[ProgressFn], Any]:
        if with_session and self._session_factory is None:
            raise RuntimeError("no session factory set on the task runner")
        factory = self._session_factory
        if read_only and self._read_session_factory is not None:
            factory = self._read_session_factory
        long_write = with_session and is_long_write(fn)

        def job(progress: ProgressFn) -> Any:
            call_kwargs = dict(kwargs)
            if _accepts(fn, "progress"):
                call_kwargs.setdefault("progress", progress)
            if _accepts(fn, "cancel"):
                call_kwargs.setdefault("cancel", handle.is_cancel_requested)
            if long_write:  # its own short transactions (services/batch.py): the factories, not a session
                return fn(Transactions(self._session_factory, self._read_session_factory), *args, **call_kwargs)
            if not with_session:
                result = fn(*args, **call_kwargs)
                if handle.is_cancel_requested():
                    raise TaskCancelled()
                return result
            with factory.begin() as session:
                result = fn(session, *args, **call_kwargs)
                if handle.is_cancel_requested():
                    raise TaskCancelled()  # roll back: a cancelled task saves nothing
            return result

        return job

    def _start(self, handle: TaskHandle, job: Callable[[ProgressFn], Any]) -> None:
        raise NotImplementedError

    def _deliver(self, task_id: int, kind: str, payload: Any) -> None:
        handle = self._handles.get(task_id)
        if handle is None:
            return
        if kind == "progress":
            done, total, text = payload
            handle.sig_progress.emit(done, total, text)
            return
        del self._handles[task_id]
        handle.done = True
        try:
            if kind == "result":
                handle.result = payload
                handle.sig_result.emit(payload)
            elif kind == "cancelled" or (kind == "error" and handle.is_cancel_requested()):
                handle.cancelled = True
                handle.sig_cancelled.emit()
            else:
                handle.error = payload
                handle.sig_error.emit(payload)
                if not handle.reports_errors:
                    self.sig_task_failed.emit(handle, payload)
        finally:
            handle.sig_finished.emit()
            if not self._handles:
                self.sig_busy_changed.emit(False)

    def shutdown(self, wait: bool = True) -> None:
        """Cancel queued work and stop the thread."""
        for handle in list(self._handles.values()):
            handle.cancel()


class SyncTaskRunner(_BaseRunner):
    """Runs every task inline, in the calling thread. Same interface as TaskRunner (tests)."""

    def _start(self, handle: TaskHandle, job: Callable[[ProgressFn], Any]) -> None:
        def progress(done: int, total: int, text: str = "") -> None:
            self._deliver(handle.task_id, "progress", (int(done), int(total), str(text)))

        try:
            result = job(progress)
        except TaskCancelled:
            self._deliver(handle.task_id, "cancelled", None)
        except Exception as exc:  # noqa: BLE001 (delivered to on_error)
            self._deliver(handle.task_id, "error", exc)
        else:
            self._deliver(handle.task_id, "result", result)


class _Bridge(QObject):
    """Lives in the GUI thread; worker threads emit on it, slots run queued in the GUI thread."""

    sig_event = Signal(int, str, object)


class TaskRunner(_BaseRunner):
    """One database worker thread (a single-thread executor): tasks run one after another."""

    PROGRESS_INTERVAL = 0.05  # seconds between progress signals

    def __init__(self, session_factory: Any | None = None, parent: QObject | None = None, *,
                 read_session_factory: Any | None = None) -> None:
        super().__init__(session_factory, parent, read_session_factory=read_session_factory)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cuijiao-db")
        self._bridge = _Bridge()
        self._bridge.sig_event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)

    @Slot(int, str, object)
    def _on_event(self, task_id: int, kind: str, payload: Any) -> None:
        self._deliver(task_id, kind, payload)

    def _start(self, handle: TaskHandle, job: Callable[[ProgressFn], Any]) -> None:
        task_id = handle.task_id
        emit = self._bridge.sig_event.emit
        last = [0.0]

        def progress(done: int, total: int, text: str = "") -> None:
            now = time.monotonic()
            if now - last[0] < self.PROGRESS_INTERVAL and done < total:
                return
            last[0] = now
            emit(task_id, "progress", (int(done), int(total), str(text)))

        def run() -> None:
            if handle.is_cancel_requested():
                emit(task_id, "cancelled", None)
                return
            try:
                result = job(progress)
            except TaskCancelled:
                emit(task_id, "cancelled", None)
            except Exception as exc:
                if isinstance(exc, DomainError):  # a rule said no: the user is told, nothing to log
                    log.debug("task %s failed", handle.name, exc_info=True)
                else:  # a bug or a broken database: the traceback goes to the log file
                    log.exception("task %s failed", handle.name)
                emit(task_id, "error", exc)
            else:
                emit(task_id, "result", result)

        self._executor.submit(run)

    def shutdown(self, wait: bool = True) -> None:
        """Cancel queued work and wait for the running task to finish."""
        super().shutdown(wait)
        self._executor.shutdown(wait=wait, cancel_futures=True)


def wait_for(handle: TaskHandle) -> TaskHandle:
    """Spin a local event loop until ``handle`` is done (the GUI stays responsive)."""
    if handle.done:
        return handle
    loop = QEventLoop()
    handle.sig_finished.connect(loop.quit)
    if not handle.done:
        loop.exec()
    return handle


def run_with_progress(
    runner: _BaseRunner,
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    cancel_text: str | None = None,
    minimum_duration_ms: int = 300,
    **kwargs: Any,
) -> TaskHandle:
    """Submit ``fn`` with a modal progress dialog that follows its progress and can cancel it.

    Takes the same keyword arguments as :meth:`TaskRunner.submit`. The dialog closes
    itself when the task finishes.
    """
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(minimum_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)
    dialog.setMinimumWidth(420)
    if cancel_text is not None:
        dialog.setCancelButtonText(cancel_text)
    else:
        dialog.setCancelButtonText(QCoreApplication.translate("tasks", "Cancel"))

    user_progress = kwargs.pop("on_progress", None)
    user_finished = kwargs.pop("on_finished", None)

    def on_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)
        if user_progress is not None:
            user_progress(done, total, text)

    def on_finished() -> None:
        dialog.close()
        dialog.deleteLater()
        if user_finished is not None:
            user_finished()

    handle = runner.submit(fn, *args, on_progress=on_progress, on_finished=on_finished, **kwargs)
    if not handle.done:
        dialog.canceled.connect(handle.cancel)
    return handle
