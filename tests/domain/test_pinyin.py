"""The one pinyin-initials rule (search by ``zs`` finds 张三), for people and companies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.pinyin import MAX_INITIALS, name_initials


@pytest.mark.parametrize(("name", "initials"), [
    ("张三", "zs"), ("欧阳娜娜", "oynn"), ("单田芳", "stf"), ("曾小贤", "zxx"), ("解晓东", "xxd"), ("张 三", "zs"),
    ("Li Lei 李雷", "lileill"), ("John Smith", "johnsmith"), ("2000号商贸有限公司", "2000hsmyxgs"),
    ("ＡＢＣ科技（杭州）有限公司", "abckjhzyxgs"), ("TCL专卖店", "tclzmd"), ("张三2", "zs2"),
    ("解放路五金店", "jflwjd"),  # a company: 解 reads jiě, not the surname xiè
    ("买买提·艾力", "mmtal"), ("", ""), (None, ""), ("单", "d"),
])
def test_name_initials(name, initials):
    assert name_initials(name) == initials


@given(st.text(max_size=80))
def test_initials_are_short_lower_ascii(name):
    key = name_initials(name)
    assert len(key) <= MAX_INITIALS and key == key.lower() and key.isascii()
    assert all(c.isalnum() for c in key)


def test_the_rooms_import_and_demo_use_the_same_rule():
    from cuijiao_desktop.services import demo, rooms
    from cuijiao_desktop.services.imports import rooms as import_rooms

    assert rooms.name_initials is name_initials
    assert import_rooms.name_initials is name_initials
    assert demo.name_initials is name_initials
