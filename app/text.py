"""Text from outside (typed, imported, passed on the command line): controls kept out, and
text shown safely on a terminal. (Cutting text short for a message is display text:
app.display.shorten.)"""

from __future__ import annotations

import re
from typing import Any, TextIO

from app.display import shorten

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates
# (U+202A–U+202E, U+2066–U+2069): on a terminal they move the cursor, ring, recolour or
# reorder what follows; in a title they make one text look like another. Tab, line feed
# and carriage return are handled apart: a note keeps its lines, and CR LF is a line break.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
_UNSAFE_IN_LINE = re.compile(f"[{_CONTROLS}\t\n\r]")
_LONE_CR = re.compile(r"\r(?!\n)")  # alone, it sends the cursor back over the line
# Lone surrogates: what Python makes of bytes that are not UTF-8 in argv (surrogateescape).
_SURROGATES = "\ud800-\udfff"
_SURROGATE = re.compile(f"[{_SURROGATES}]")
_SHOWN_ESCAPED = re.compile(f"[{_CONTROLS}{_SURROGATES}]|\r(?!\n)")
_SHOWN_ESCAPED_IN_LINE = re.compile(f"[{_CONTROLS}{_SURROGATES}\t\n\r]")


def strip_controls(text: str, *, keep_lines: bool = False) -> str:
    """Return ``text`` without control characters and bidi overrides.

    Tabs and line breaks become spaces, so one-line fields (titles, categories, labels) keep
    their words apart; with ``keep_lines`` (notes) tabs and line breaks stay, a lone carriage
    return becoming a line feed.
    """
    if keep_lines:
        return _UNSAFE.sub(_dropped, _LONE_CR.sub("\n", text))
    return _UNSAFE_IN_LINE.sub(_dropped, text)


def _dropped(match: re.Match[str]) -> str:
    # A control that separates (vertical tab, form feed, the file/record separators) keeps
    # the words apart; the others go without a trace.
    return " " if match.group().isspace() else ""


def escape_controls(text: str, *, keep_lines: bool = True) -> str:
    """Return ``text`` with control characters and bidi overrides written as \\uXXXX escapes,
    and the bytes that were not UTF-8 (lone surrogates) as \\xNN.

    For text shown on a terminal that may have been stored before controls were kept out;
    the \\uXXXX escape is also valid inside a JSON string, so JSON output reads back the same.
    """
    pattern = _SHOWN_ESCAPED if keep_lines else _SHOWN_ESCAPED_IN_LINE
    if not pattern.search(text):
        return text  # the usual case: no copy
    return pattern.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def has_surrogates(text: str) -> bool:
    """Return True when ``text`` holds lone surrogates (bytes that were not UTF-8)."""
    return _SURROGATE.search(text) is not None


def shown_bytes(text: str, width: int = 40) -> str:
    """Return ``text`` for a message, its undecodable bytes written as \\xNN, cut to ``width``."""
    return shorten(escape_controls(text, keep_lines=False), width)


class EscapingWriter:
    """A text stream that writes to ``stream`` with controls and undecodable bytes escaped.

    The command line prints through it, so a title stored with an ESC sequence cannot take
    over the terminal; the underlying binary buffer (CSV export to stdout) stays untouched.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, buffer, close, …
        return getattr(self.stream, name)
