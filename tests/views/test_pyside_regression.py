"""PySide6 6.12.0 on Python 3.11 takes a reference from None on every binding call returning None.

After enough calls CPython aborts (``Fatal Python error: none_dealloc``). We pin
``PySide6-Essentials<6.12`` on Python < 3.12; this test catches a bad wheel.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

CALLS = 100_000


def test_none_returning_calls_keep_the_refcount_of_none():
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        obj.setObjectName("x" if i % 2 else "y")
    after = sys.getrefcount(None)
    # Python 3.12+ makes None immortal (huge constant refcount); 3.11 must not drift.
    assert before - after <= 5, f"None lost {before - after} references over {CALLS} calls"
