"""Quick-add figures: parsing 32,767-character lines of several shapes (the window re-parses the
line on every key), each against parsing a short line in the same run, and the growth from a
line half as long (linear parsing: about 2x for twice the input; goal <= 2.5x).

Run: .venv/bin/python -m tests.bench.bench_quickadd [--runs N]
"""

from __future__ import annotations

import statistics
from datetime import date

from tests.bench.common import Figure, compared, ms, run_bench, time_call

SECTION = "quickadd"
LENGTH = 32_767          # the most a QLineEdit holds
TODAY = date(2026, 11, 24)
SHORT = "Weekly status deck 45m ops #status yesterday 14:00"


def _filled(head: str, word: str, length: int) -> str:
    """Return ``head`` followed by ``word`` repeated, cut to exactly ``length`` characters."""
    body = (f" {word}" * (length // (len(word) + 1) + 1))
    return (head + body)[:length]


# (measure, head, repeated word): each shape is a path through the parser.
SHAPES = (
    ("many #words", "Deck 30m", "#ab"),
    ("#category then many words", "Deck 30m #status", "ab"),
    ("#category then many durations", "Deck #status", "45m"),
    ("#category then many kind words", "Deck #zz", "ops"),
    ("many plain words", "Deck", "ab"),
    ("many durations", "Deck", "45m"),
    ("many split durations", "Deck", "1 h 30 min"),   # each number is tried with the words after it
    ("many numbers", "Deck", "9"),
    ("many split times", "Deck", "9 am"),
    ("one long word", "x", "x" * LENGTH),
)


def _parse(line: str, names: list[str]) -> None:
    from app.errors import ValidationError
    from app.log.quickadd import parse_quick_add

    try:
        parse_quick_add(line, names, TODAY)
    except ValidationError:
        pass  # most of these lines are refused: how fast the message comes is what counts


def figures(runs: int = 20) -> list[Figure]:
    """Return, per shape, the time of a 32,767-character line against a short line, and its
    growth from the line of half the length."""
    from storage.schema import DEFAULT_CATEGORIES

    names = [name for name, _ in DEFAULT_CATEGORIES]
    short = statistics.median(time_call(lambda: _parse(SHORT, names), runs * 10))
    found = []
    for measure, head, word in SHAPES:
        full, half = _filled(head, word, LENGTH), _filled(head, word, LENGTH // 2)
        assert len(full) == LENGTH
        whole = statistics.median(time_call(lambda line=full: _parse(line, names), runs))
        halved = statistics.median(time_call(lambda line=half: _parse(line, names), runs))
        found.append(Figure(SECTION, f"{measure}, {LENGTH:,} chars", ms(whole),
                            f"{ms(short)} a short line", whole / short, "<= 50 ms", whole <= 0.050))
        found.append(compared(SECTION, f"{measure}: growth from {LENGTH // 2:,} chars", whole, halved,
                              "half the line", 2.5))
    return found


def main() -> None:
    run_bench(__doc__, "Quick-add parsing (median of {runs} parses)", figures, 20)


if __name__ == "__main__":
    main()
