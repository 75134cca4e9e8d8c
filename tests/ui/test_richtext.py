"""escape(): plain text shown in rich-text labels stays text."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from ui.common.richtext import escape


@given(st.text())
def test_escape_writes_markup_characters_as_html_escape_does(text):
    assert escape(text) == html.escape(text)


def test_a_title_with_markup_is_shown_as_typed():
    assert escape("<b>R&D</b> 'x' \"y\"") == "&lt;b&gt;R&amp;D&lt;/b&gt; &#x27;x&#x27; &quot;y&quot;"
