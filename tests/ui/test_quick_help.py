"""The F1 help for the quick-log line (issue #16): a window of its own beside the main one,
closed with Esc, which gives the keyboard back to the line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def open_help(window, qtbot):
    qtbot.keyClick(window.log_page.quick.line, Qt.Key.Key_F1)
    help_window = window.quick_help
    qtbot.waitExposed(help_window)
    return help_window


def test_esc_closes_the_help_opened_with_f1_and_the_line_has_the_keys_again(window, qtbot):
    help_window = open_help(window, qtbot)
    qtbot.waitUntil(help_window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not help_window.isVisible()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.log_page.quick.line.hasFocus()


def test_the_help_is_an_ordinary_window_not_kept_above_the_main_one(window, qtbot):
    help_window = open_help(window, qtbot)
    assert help_window.windowType() == Qt.WindowType.Window
    assert not help_window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert help_window.windowHandle().transientParent() is None
