"""Guards against a Qt binding that leaks references (PySide6 6.12.0 on Python 3.11 does).

Each leaked reference to None brings the interpreter closer to aborting with
'none_dealloc'; the timer bar alone updates a label every second, all day.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_setting_text_does_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("a")
    # A little slack for unrelated objects created meanwhile; a leak loses ~2000.
    assert sys.getrefcount(None) - before > -100
