"""The task runners: one transaction per task, results in the GUI thread, progress, cancel, errors."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.services.tx import read_only
from cuijiao_desktop.tasks import SyncTaskRunner, TaskRunner, run_with_progress


@pytest.fixture
def scratch(engine):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE scratch (x INTEGER NOT NULL)"))

    def rows() -> list[int]:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT x FROM scratch ORDER BY x"))]

    return rows


def insert(session, x: int) -> int:
    session.execute(text("INSERT INTO scratch (x) VALUES (:x)"), {"x": x})
    return x * 10


def insert_then_fail(session, x: int) -> None:
    insert(session, x)
    raise ValidationError("validation.invalid", field="x")


@pytest.fixture
def threaded(qapp, session_factory):
    r = TaskRunner(session_factory)
    yield r
    r.shutdown(wait=True)


# synchronous runner (used by the other GUI tests)

def test_sync_runner_commits_and_delivers_the_result(session_factory, scratch):
    runner = SyncTaskRunner(session_factory)
    got = []
    handle = runner.submit(insert, 7, on_result=got.append)
    assert handle.done and handle.result == 70
    assert got == [70]
    assert scratch() == [7]


def test_sync_runner_rolls_back_on_error_and_reports_it(session_factory, scratch):
    runner = SyncTaskRunner(session_factory)
    errors, failed = [], []
    runner.sig_task_failed.connect(lambda h, e: failed.append(e))
    runner.submit(insert_then_fail, 1, on_error=errors.append)
    assert isinstance(errors[0], ValidationError) and not failed
    runner.submit(insert_then_fail, 2)  # no on_error: the runner's signal reports it
    assert isinstance(failed[0], ValidationError)
    assert scratch() == []


def test_progress_and_cancel_are_passed_only_to_functions_that_take_them(session_factory, scratch):
    runner = SyncTaskRunner(session_factory)
    seen = []

    def work(session, *, progress, cancel):
        for i in range(3):
            insert(session, i)
            progress(i + 1, 3, f"row {i}")
        return cancel()

    result = runner.submit(work, on_progress=lambda d, t, s: seen.append((d, t, s))).result
    assert result is False
    assert seen == [(1, 3, "row 0"), (2, 3, "row 1"), (3, 3, "row 2")]
    assert scratch() == [0, 1, 2]


def test_plain_task_without_session(session_factory):
    runner = SyncTaskRunner(session_factory)
    assert runner.submit(lambda a, b: a + b, 2, 3, with_session=False).result == 5


# threaded runner

def test_threaded_runner_runs_on_the_db_thread_and_answers_in_the_gui_thread(qtbot, threaded, scratch):
    where = {}

    def work(session, x):
        where["task"] = threading.current_thread().name
        return insert(session, x)

    def on_result(value):
        where["callback"] = threading.current_thread() is threading.main_thread()
        where["value"] = value

    with qtbot.waitSignal(threaded.sig_busy_changed, check_params_cb=lambda busy: not busy):
        handle = threaded.submit(work, 4, on_result=on_result)
    assert where == {"task": where["task"], "callback": True, "value": 40}
    assert where["task"].startswith("cuijiao-db")
    assert handle.done and scratch() == [4]


def test_threaded_runner_error_rolls_back(qtbot, threaded, scratch):
    errors = []
    handle = threaded.submit(insert_then_fail, 5, on_error=errors.append)
    qtbot.waitUntil(lambda: handle.done)
    assert isinstance(errors[0], ValidationError)
    assert scratch() == []


def test_cancel_rolls_the_transaction_back(qtbot, threaded, scratch):
    go = threading.Event()

    def work(session, *, progress, cancel):
        insert(session, 1)
        progress(1, 2, "one")
        go.wait(5)
        return "finished"

    cancelled = []
    handle = threaded.submit(work, on_cancelled=lambda: cancelled.append(True))
    handle.sig_progress.connect(lambda *_: (handle.cancel(), go.set()))
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert cancelled == [True] and handle.cancelled
    assert scratch() == []


def test_tasks_run_one_after_another(qtbot, threaded, scratch):
    handles = [threaded.submit(insert, i) for i in range(5)]
    qtbot.waitUntil(lambda: all(h.done for h in handles))
    assert [h.result for h in handles] == [0, 10, 20, 30, 40]
    assert scratch() == [0, 1, 2, 3, 4]


def test_progress_dialog_follows_and_cancels(qtbot, threaded, scratch):
    started = threading.Event()

    def work(session, *, progress, cancel):
        insert(session, 9)
        for i in range(1000):
            progress(i, 1000, "working")
            started.set()
            if cancel():
                return None
            threading.Event().wait(0.005)
        return "done"

    handle = run_with_progress(threaded, None, "Working", work, minimum_duration_ms=0)
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert handle.cancelled
    assert scratch() == []


# read-only tasks

@read_only
def count_scratch(session) -> int:
    return session.execute(text("SELECT count(*) FROM scratch")).scalar()


@read_only
def sneaky_insert(session, x: int) -> None:
    insert(session, x)


def test_runner_gives_read_only_functions_a_read_only_transaction(session_factory, read_factory, scratch):
    runner = SyncTaskRunner(session_factory, read_session_factory=read_factory)
    assert runner.submit(count_scratch).result == 0
    errors = []
    runner.submit(sneaky_insert, 3, on_error=errors.append)  # a read that writes fails, writes nothing
    assert errors and scratch() == []
    runner.submit(insert, 4)  # unmarked functions still write
    assert scratch() == [4]
    assert runner.submit(insert, 5, read_only=True, on_error=errors.append).error is not None
    assert scratch() == [4]


def test_a_partial_keeps_the_transaction_kind_of_the_function_it_wraps():
    from functools import partial

    from cuijiao_desktop.services.tx import is_long_write, is_read_only, long_write

    @read_only
    def reads(session, a, b):
        return a + b

    @long_write
    def writes_in_steps(tx, a, b):
        return a + b

    assert is_read_only(partial(reads, b=1)) and not is_long_write(partial(reads, b=1))
    assert is_long_write(partial(partial(writes_in_steps, 1), b=2)) and not is_read_only(partial(writes_in_steps, 1))
