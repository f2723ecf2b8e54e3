"""The first start of a day brings the arrears cache to the day, in the background."""

from __future__ import annotations

from datetime import date

from factories import make_room_with_bills

from cuijiao_desktop.app import Controller
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.services.arrears_cache import arrears_cache_status


def test_start_of_day_refreshes_the_arrears_cache(qapp, runner, ui_settings, db_url, users, session_factory):
    make_room_with_bills(session_factory, months=4)
    controller = Controller(qapp, ui_settings, runner, db_url)
    controller.user = users[Role.CLERK]
    controller.start_of_day(date(2026, 6, 1))
    with session_factory() as s:
        status = arrears_cache_status(s)
    assert (status.as_of, status.dirty_rooms, status.cached_rooms) == (date(2026, 6, 1), 0, 1)
    controller.start_of_day(date(2026, 6, 2))  # the next day: rebuilt for it
    with session_factory() as s:
        assert arrears_cache_status(s).as_of == date(2026, 6, 2)
