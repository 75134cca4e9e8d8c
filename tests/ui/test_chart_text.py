"""The review canvas's text patch (ui/review/charts.py) still fits the matplotlib it runs on.

The canvas replaces RendererAgg.draw_text with a whole-string version built on matplotlib
internals. A matplotlib that renames or changes any of them must fail here, not silently fall
back to the slow path or draw text in the wrong place.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from ui.review import charts  # noqa: E402


def test_what_the_patch_uses_is_there():
    assert hasattr(FT2Font, "draw_glyphs_to_bitmap"), "the patch would switch itself off"
    for name in ("get_bitmap_offset", "get_descent", "get_image", "set_text"):
        assert hasattr(FT2Font, name), f"FT2Font.{name} is gone"
    assert hasattr(RendererAgg, "_prepare_font")
    from matplotlib.backends import backend_agg

    assert callable(backend_agg.get_hinting_flag)


def test_the_patched_draw_text_takes_the_same_arguments_as_matplotlibs():
    patched = charts._whole_text_renderer(RendererAgg)
    ours = list(inspect.signature(patched.draw_text).parameters)
    theirs = list(inspect.signature(RendererAgg.draw_text).parameters)
    assert ours == theirs


def _draw(renderer_class: type | None, rotation: float) -> np.ndarray:
    figure = Figure(figsize=(3, 1.2), dpi=100)
    canvas = FigureCanvasAgg(figure)
    figure.text(0.5, 0.5, "Status reports & decks 4.7 h", ha="center", va="center",
                rotation=rotation, fontsize=11)
    renderer = canvas.get_renderer()
    if renderer_class is not None:
        renderer.__class__ = renderer_class
    figure.draw(renderer)
    return np.asarray(renderer.buffer_rgba())[..., :3].mean(axis=2)


@pytest.mark.parametrize("rotation", [0, 90])
def test_the_patched_text_lands_where_matplotlibs_does(rotation):
    stock = _draw(None, rotation)
    whole = _draw(charts._whole_text_renderer(RendererAgg), rotation)
    ink_stock, ink_whole = stock < 128, whole < 128
    assert ink_whole.sum() > 50, "the patched renderer drew no text"
    # The same glyphs, placed within a pixel or two: the inked boxes match closely.
    def box(ink):
        rows, cols = np.nonzero(ink)
        return rows.min(), rows.max(), cols.min(), cols.max()
    for ours, theirs in zip(box(ink_whole), box(ink_stock), strict=True):
        assert abs(int(ours) - int(theirs)) <= 2
    assert abs(int(ink_whole.sum()) - int(ink_stock.sum())) <= 0.15 * ink_stock.sum()
