"""service.parse_duration: the durations the quick-add line accepts, for fields that hold one."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.log.entries import EntryService


@pytest.mark.parametrize(("text", "minutes"), [
    ("45", 45), ("45m", 45), (" 45 min ", 45), ("1h", 60), ("1h30", 90), ("1 h 30", 90),
    ("1.5h", 90), ("2hrs", 120), ("1440", 1440),
])
def test_reads_durations(text, minutes):
    assert EntryService.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "   ", "abc", "45 apples", "0", "25h", "1h75"])
def test_refuses_what_is_not_a_duration_with_a_message(text):
    with pytest.raises(ValidationError) as caught:
        EntryService.parse_duration(text)
    assert caught.value.field == "minutes"
    assert str(caught.value)
