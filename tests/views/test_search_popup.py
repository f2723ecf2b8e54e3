"""The search box: typing shows the popup, keys move and open, stale results are dropped, Ctrl+F focuses."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import Estate
from cuijiao_desktop.domain.enums import ContactKind, PersonRole, Role
from cuijiao_desktop.services.rooms import ContactDraft, PersonDraft, RoomDraft, save_room
from cuijiao_desktop.services.search import HitKind, SearchHit
from cuijiao_desktop.views.main_window import MainWindow
from cuijiao_desktop.views.models.rooms_model import RowRole
from cuijiao_desktop.views.models.search_model import SearchResultsModel
from cuijiao_desktop.views.widgets.search_popup import SearchController

TODAY = date(2026, 6, 20)


@pytest.fixture
def rooms(session_factory, users):
    """3-2-1501 (李四), 3-2-1502 (张三, 13800138000), 3-2-1503 (张三丰)."""
    ids = {}
    with session_factory.begin() as s:
        e = Estate(code="T1", name="测试花园")
        s.add(e)
        s.flush()
        for number, owner, phone in (("1501", "李四", "13912340000"), ("1502", "张三", "13800138000"),
                                     ("1503", "张三丰", "13500002222")):
            ids[number] = save_room(
                s, actor=users[Role.CLERK],
                draft=RoomDraft(estate_id=e.id, building="3", unit="2", number=number, area="80"),
                owner=PersonDraft(name=owner, contacts=(ContactDraft(kind=ContactKind.MOBILE, value=phone),)),
            ).room_id
    return ids


@pytest.fixture
def box_and_controller(qtbot, runner):
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.activateWindow()  # focus needs the active window; another test's window may still hold it
    assert QTest.qWaitForWindowActive(box)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=1000)
    controller = SearchController(box, runner, today=lambda: TODAY)
    yield box, controller
    controller.popup.close()
    controller.popup.deleteLater()


def _type(qtbot, controller, box, text):
    """Type ``text`` like a user: keys for ASCII, an input-method commit (as a Chinese IME sends) otherwise."""
    with qtbot.waitSignal(controller.sig_results, timeout=3000):
        if text.isascii():
            QTest.keyClicks(box, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(box, event)


def test_typing_shows_ranked_hits_and_enter_opens_the_highlighted_room(qtbot, box_and_controller, rooms):
    box, controller = box_and_controller
    _type(qtbot, controller, box, "150")
    popup = controller.popup
    assert popup.isVisible()
    model = popup.model
    assert [model.row_at(i).room_id for i in range(model.rowCount())] == [rooms["1501"], rooms["1502"], rooms["1503"]]
    assert model.index(1, SearchResultsModel.Column.ROOM).data() == "测试花园 3栋2单元1502"
    assert model.index(1, SearchResultsModel.Column.PHONE).data() == "****8000"
    assert popup.current_row() == 0
    QTest.keyClick(box, Qt.Key.Key_Down)
    assert popup.current_row() == 1
    assert box.hasFocus()  # the popup never takes the keyboard
    with qtbot.waitSignal(controller.sig_open_room, timeout=1000) as opened:
        QTest.keyClick(box, Qt.Key.Key_Return)
    assert opened.args == [rooms["1502"]]
    assert not popup.isVisible()


def test_name_initials_and_phone_queries(qtbot, box_and_controller, rooms):
    box, controller = box_and_controller
    _type(qtbot, controller, box, "zs")
    model = controller.popup.model
    assert [model.row_at(i).person_name for i in range(model.rowCount())] == ["张三", "张三丰"]
    assert model.index(0, SearchResultsModel.Column.PERSON).data() == "张三（Owner）"
    box.clear()
    _type(qtbot, controller, box, "8000")
    assert [model.row_at(i).kind for i in range(model.rowCount())] == [HitKind.PHONE]


def test_escape_closes_and_nothing_found_says_so(qtbot, box_and_controller, rooms):
    box, controller = box_and_controller
    _type(qtbot, controller, box, "1502")
    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert not controller.popup.isVisible()
    box.clear()
    _type(qtbot, controller, box, "不存在")
    assert controller.popup.model.rowCount() == 0
    assert "不存在" in controller.popup.status.text()


def test_enter_before_the_results_opens_the_best_hit(qtbot, box_and_controller, rooms):
    box, controller = box_and_controller
    QTest.keyClicks(box, "3-2-1503")
    assert controller.timer.isActive()  # still waiting for the pause in typing
    with qtbot.waitSignal(controller.sig_open_room, timeout=1000) as opened:
        QTest.keyClick(box, Qt.Key.Key_Enter)
    assert opened.args == [rooms["1503"]]


class DeferredRunner:
    """Keeps submitted tasks so the test decides when (and in which order) results arrive."""

    def __init__(self, session_factory):
        self.session_factory = session_factory
        self.jobs = []

    def submit(self, fn, *args, on_result=None, on_error=None, on_finished=None, **kwargs):
        self.jobs.append((fn, args, kwargs, on_result, on_finished))

    def deliver(self, index):
        fn, args, kwargs, on_result, on_finished = self.jobs[index]
        with self.session_factory() as s:
            result = fn(s, *args, **kwargs)
        on_result(result)
        on_finished()


def test_results_of_an_older_query_are_dropped(qtbot, session_factory, rooms):
    runner = DeferredRunner(session_factory)
    box = QLineEdit()
    qtbot.addWidget(box)
    controller = SearchController(box, runner, today=lambda: TODAY)
    box.setText("张")
    controller.run_query()
    box.setText("张三丰")
    controller.run_query()  # the first query is still running: this one waits
    assert len(runner.jobs) == 1
    runner.deliver(0)  # "张" comes back, stale: dropped, and the newest text is sent
    assert controller.popup.model.rowCount() == 0
    assert len(runner.jobs) == 2 and runner.jobs[1][1] == ("张三丰",)
    runner.deliver(1)
    model = controller.popup.model
    assert [model.row_at(i).person_name for i in range(model.rowCount())] == ["张三丰"]
    controller.popup.close()


def test_search_model_passes_the_model_tester(qtmodeltester):
    model = SearchResultsModel()
    model.set_rows([
        SearchHit(1, "3-2-1502", "3栋2单元1502", "测试花园", 7, "张三", PersonRole.OWNER, "****8000", 12_300,
                  HitKind.ROOM_EXACT),
        SearchHit(2, "3-2-1503", "3栋2单元1503", "测试花园", None, "", None, "", 0, HitKind.ROOM_PREFIX),
    ])
    qtmodeltester.check(model)
    assert model.index(0, SearchResultsModel.Column.ARREARS).data() == "¥123.00"
    assert model.index(1, SearchResultsModel.Column.ARREARS).data(RowRole).room_id == 2


def test_main_window_box_is_enabled_ctrl_f_focuses_and_enter_opens_the_ledger(qtbot, runner, ui_settings, db_url,
                                                                              users, rooms):
    window = MainWindow(runner, users[Role.CLERK], ui_settings, db_url=db_url, db_description=describe_url(db_url),
                        today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.search_box.isEnabled() and window.search_box.isVisible()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)  # shortcuts and focus need the active window
    window.search_box.setText("old text")
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_box
    assert window.search_box.selectedText() == "old text"
    window.search_box.clear()
    _type(qtbot, window.search, window.search_box, "1502")
    QTest.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.current_page() is window.room_ledger_page
    assert window.room_ledger_page.room_id == rooms["1502"]
    window.search.popup.close()
