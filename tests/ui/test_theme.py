"""Kind colours on light and dark palettes, the dark palette, the icon and asset paths."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer

from app.domain import Kind
from ui.common import resources, theme


@pytest.fixture
def restore_palette(qapp):
    before = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(before)


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_default_offscreen_palette_is_light(qapp):
    assert not theme.is_dark()


def test_dark_palette_is_detected():
    assert theme.is_dark(theme.dark_palette())
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    assert not theme.is_dark(light)


@pytest.mark.parametrize("dark", [False, True])
def test_kind_words_are_readable_on_the_window(dark, qapp):
    window = (theme.dark_palette() if dark else qapp.style().standardPalette()).color(
        QPalette.ColorRole.Window)
    for kind in Kind:
        assert contrast(theme.kind_text_color(kind, dark), window) >= 4.5


@pytest.mark.parametrize("dark", [False, True])
def test_the_two_kinds_look_different(dark):
    strategic = theme.kind_color(Kind.STRATEGIC, dark)
    operational = theme.kind_color(Kind.OPERATIONAL, dark)
    assert abs(strategic.hueF() - operational.hueF()) > 0.3


def test_dark_variants_are_lighter():
    for kind in Kind:
        assert theme.kind_color(kind, True).lightness() > theme.kind_color(kind, False).lightness()


def test_kind_words():
    assert theme.kind_word(Kind.STRATEGIC) == "Strategic"
    assert theme.kind_word("operational") == "Operational"
    assert theme.kind_word(None) == ""


def test_applying_the_dark_palette_switches_the_colours(qtbot, restore_palette, service):
    from ui.log.timer_bar import TimerBar

    bar = TimerBar(service)
    qtbot.addWidget(bar)
    service.timer.start("Weekly status deck ops")
    light_css = bar.kind_label.styleSheet()
    theme.apply_dark_palette(restore_palette)
    assert theme.is_dark()
    assert theme.kind_color(Kind.STRATEGIC) == QColor("#60a5fa")
    qtbot.waitUntil(lambda: bar.kind_label.styleSheet() != light_css)
    assert theme.kind_text_color(Kind.OPERATIONAL, True).name() in bar.kind_label.styleSheet()
    theme.apply_light_palette(restore_palette)
    assert not theme.is_dark()


def test_assets_are_found_from_source():
    assert resources.asset_path("icon.svg").is_file()
    assert resources.asset_path("icon.png").is_file()


def test_assets_are_found_in_a_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.asset_path("icon.png") == tmp_path / "assets" / "icon.png"


def test_the_icon_renders(qapp):
    renderer = QSvgRenderer(str(resources.asset_path("icon.svg")))
    assert renderer.isValid()
    png = QImage(str(resources.asset_path("icon.png")))
    assert (png.width(), png.height()) == (256, 256)
    assert png.pixelColor(0, 0).alpha() == 0          # transparent corners
    assert png.pixelColor(128, 128).alpha() == 255    # a solid middle
    icon = resources.app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(32, 32).isNull()
    assert QGuiApplication.instance() is qapp


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_the_checked_one_of_a_group_of_toggle_buttons_shows_light_and_dark(qtbot, restore_palette):
    """The Log page's Week / Day switch: Fusion's checked look vanished on the dark palette."""
    from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    row, group = QHBoxLayout(box), QButtonGroup(box)
    for mode, text in enumerate(("Week", "Day")):
        button = QToolButton(box)
        button.setText(text)
        button.setCheckable(True)
        group.addButton(button, mode)
        row.addWidget(button)
    group.button(0).setChecked(True)
    theme.mark_checked(group)
    box.show()
    qtbot.waitExposed(box)

    def window_colour() -> QColor:
        return box.palette().color(QPalette.ColorRole.Window)

    def fills() -> list[QColor]:
        shot = box.grab().toImage()
        return [shot.pixelColor(b.geometry().left() + 4, b.geometry().center().y())
                for b in group.buttons()]

    for apply, clicked in ((theme.apply_dark_palette, 1), (theme.apply_light_palette, 0),
                           (theme.apply_dark_palette, 0)):
        apply(restore_palette)
        palette = restore_palette.palette()
        wanted = palette.color(QPalette.ColorRole.Window)
        qtbot.waitUntil(lambda w=wanted: window_colour() == w)  # the switch reached the box
        group.button(clicked).click()
        highlight, button = (palette.color(QPalette.ColorRole.Highlight),
                             palette.color(QPalette.ColorRole.Button))
        checked, other = (fills()[clicked], fills()[1 - clicked])
        assert distance(checked, highlight) < distance(checked, button) / 2
        assert distance(other, button) < distance(other, highlight) / 2
        assert distance(checked, other) > 120
        label = group.button(clicked).palette().color(QPalette.ColorRole.ButtonText)
        assert label == palette.color(QPalette.ColorRole.HighlightedText)
