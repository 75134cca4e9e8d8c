"""What CSV export and import share: the columns, spreadsheet-safe cells, reading a file safely.

A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is written with a leading apostrophe, which spreadsheets show as text. So that our
own import gives back exactly what was exported, a cell that already starts with apostrophes
followed by such a character gets one more; reading removes one. Every other cell is left as
it is.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from app.errors import ValidationError

# The entries CSV: one row per entry (see docs/csv-format.md).
ENTRY_COLUMNS = ("date", "start", "minutes", "hours", "title", "kind", "category", "handoff", "note")
# The summary CSV: one row per week x task x category x kind; no titles, no notes. A task is
# named by an opaque key (stable within one file only); format 1 had the first five columns.
SUMMARY_COLUMNS = ("week", "week_start", "category", "kind", "hours",
                   "task", "checklist", "needed", "handoff")
# Format 2 starts with comment lines (# …) saying what the file holds; format 1 had none.
SUMMARY_VERSION = 2
SUMMARY_MARK = "# PM Workload summary format "

# Larger files are refused before anything is read: a year of one PM's entries is ~1 MB.
MAX_IMPORT_BYTES = 64 * 1024 * 1024

Progress = Callable[[int, int], None]
CancelFlag = Callable[[], bool]

_FORMULA_START = frozenset("=+-@\t\r")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


_CSV_ERRORS = {
    "unexpected end of data": "a quoted cell is never closed",
    "field larger than field limit": "a cell is over 131,072 characters long; "
                                     "perhaps a quote is never closed",
    "',' expected after '\"'": "a closing quote is followed by more text; "
                                "a quote inside a cell must be doubled",
}


class Cancelled(Exception):  # noqa: N818 - it is an outcome, not a failure
    """The user cancelled a long export or import; nothing was written."""


def safe_cell(text: str) -> str:
    """Return text as a cell a spreadsheet shows as text rather than running as a formula."""
    if text and (text[0] in _FORMULA_START or (text[0] == "'" and _ESCAPED.match(text))):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """Return the text a cell written by ``safe_cell`` stood for."""
    if text and text[0] == "'" and _ESCAPED.match(text):
        return text[1:]
    return text


def check_cancel(cancelled: CancelFlag | None) -> None:
    """Raise Cancelled when the flag says so."""
    if cancelled is not None and cancelled():
        raise Cancelled("Cancelled; nothing was written.")


# -- reading a file safely ----------------------------------------------------------------
class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read through it, for progress."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        read = self.raw.readinto(buffer)  # type: ignore[attr-defined]  # raw is a binary file; IO has no readinto
        self.count += read or 0
        return read

    def close(self) -> None:
        self.raw.close()
        super().close()


STDIN = "-"
STDIN_NAME = "standard input"


class CsvSource:
    """A CSV file checked for size, encoding and separator before its rows are read.

    ``header`` is the first row that is not a comment (# …; those are ``preamble``);
    ``rows()`` yields (row number, cells) for the rest, the header's row being row 1 when
    there are no comments, as a spreadsheet numbers them. Close it (or use ``with``).
    ``path`` "-" reads standard input; it, and any pipe, FIFO or device (/dev/stdin), is
    read whole into memory first (within ``max_bytes``), as it can be read only once.
    """

    def __init__(self, path: str | os.PathLike[str], max_bytes: int = MAX_IMPORT_BYTES) -> None:
        self.path = Path(path)
        self.name = STDIN_NAME if str(path) == STDIN else self.path.name
        try:
            if str(path) == STDIN:
                raw, self.size = _read_whole(_stdin(), max_bytes)
            else:
                raw = open(self.path, "rb")  # noqa: SIM115 - closed by close()
                if stat.S_ISREG(os.fstat(raw.fileno()).st_mode):
                    self.size = os.fstat(raw.fileno()).st_size
                else:
                    with raw:
                        raw, self.size = _read_whole(raw, max_bytes)
        except IsADirectoryError:
            raise ValidationError(f"{self.path} is a folder, not a CSV file.", "file") from None
        except FileNotFoundError:
            raise ValidationError(f"There is no file {self.path}.", "file") from None
        except OSError as error:
            raise ValidationError(
                f"Could not read {self.path}: {error.strerror or error}.", "file") from None
        try:
            head = raw.read(64 * 1024)
            _check_bytes(head, self.size, max_bytes, self.name)
            raw.seek(0)
            self._counter = _CountingReader(raw)
            self._text = io.TextIOWrapper(
                io.BufferedReader(self._counter), encoding="utf-8-sig", newline="")
            self._reader = csv.reader(self._text, strict=True)
            self._row = 0
            self._cells = self._read()
            self.header = self._first_row()
        except BaseException:
            raw.close()
            raise

    def _first_row(self) -> list[str]:
        """Return the header; comment lines above it (# …) go to ``preamble``."""
        self.preamble: list[str] = []
        for cells in self._cells:
            if cells and cells[0].lstrip().startswith("#"):
                self.preamble.append(",".join(cells).strip())
                continue
            if any(c.strip() for c in cells):
                header = [c.strip() for c in cells]
                _check_separator(header, self.name)
                return header
        raise ValidationError(f"{self.name} is empty: it holds no header and no rows.", "file")

    def _read(self) -> Iterator[list[str]]:
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                # The text layer decodes a block ahead of the rows read so far: find the row.
                row = _row_of_first_bad_byte(self._counter.raw)
                where = f"row {row}" if row else f"about row {self._row + 1}"
                raise ValidationError(
                    f"{self.name} is not UTF-8 text from {where} on; save it as "
                    "'CSV UTF-8' and import it again.", "file") from None
            except csv.Error as error:
                raise ValidationError(
                    f"{self.name}, row {self._row + 1}: this is not valid CSV "
                    f"({_CSV_ERRORS.get(str(error).split(' (')[0], str(error))}).", "file") from None
            self._row += 1
            yield cells

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, cells) for every row after the header, blank rows left out."""
        for cells in self._cells:
            if cells and (len(cells) > 1 or cells[0].strip()):
                yield self._row, cells

    @property
    def bytes_read(self) -> int:
        """Return how far into the file reading has got, in bytes."""
        return min(self._counter.count, self.size)

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> CsvSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stdin() -> BinaryIO:
    """Return standard input's bytes; refuse a terminal (nothing was piped in)."""
    stream = sys.stdin
    if stream is None or not hasattr(stream, "buffer"):
        raise ValidationError("There is no standard input to read the CSV from.", "file")
    if stream.isatty():
        raise ValidationError("Standard input is a terminal: pipe the CSV in, e.g. "
                              "pm-workload import - < report.csv", "file")
    return stream.buffer


def _read_whole(stream: BinaryIO, max_bytes: int) -> tuple[BinaryIO, int]:
    """Return (a seekable copy, its size) of a stream read to its end, or to max_bytes + 1
    (enough for the size check to refuse it)."""
    data = stream.read(max_bytes + 1)
    return io.BytesIO(data), len(data)


def _row_of_first_bad_byte(raw: BinaryIO) -> int | None:
    """Return the row (header = 1, as CsvSource counts) holding the file's first byte that is
    not UTF-8, reading it again from the start; None when it cannot be read again."""
    try:
        raw.seek(0)
        carry, base, bad = b"", 0, None
        while bad is None:
            chunk = raw.read(1 << 16)
            data = carry + chunk
            try:
                _text, used = codecs.utf_8_decode(data, "strict", not chunk)
            except UnicodeDecodeError as error:
                bad = base + error.start
                break
            if not chunk:
                return None
            carry, base = data[used:], base + used
        raw.seek(0)
        prefix = io.TextIOWrapper(io.BytesIO(raw.read(bad)), encoding="utf-8-sig", newline="")
    except (OSError, ValueError):
        return None

    def lines() -> Iterator[str]:
        # The prefix's lines, then a stand-in for the bad byte: the row the reader ends in is
        # the row that holds it (a line's end inside a string would confuse the reader).
        last = None
        for line in prefix:
            if last is not None:
                yield last
            last = line
        if last is None or last.endswith(("\n", "\r")):
            if last is not None:
                yield last
            yield "x"
        else:
            yield last + "x"

    try:
        return sum(1 for _ in csv.reader(lines(), strict=False))
    except csv.Error:
        return None


def _check_bytes(head: bytes, size: int, max_bytes: int, name: str) -> None:
    """Refuse an empty, too big or not-UTF-8 file, saying which."""
    if size == 0 or not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ValidationError(f"{name} is empty: it holds no header and no rows.", "file")
    if size > max_bytes:
        raise ValidationError(
            f"{name} is {size / 2**20:,.1f} MB; PM Workload imports CSV files up to "
            f"{max_bytes / 2**20:,.0f} MB. Export a shorter date range and import it in parts.",
            "file")
    advice = "save it as 'CSV UTF-8' (comma-separated) and import it again."
    # UTF-16 without a BOM: every other byte of Latin text is NUL (a stray NUL is just text).
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            or head[:4096].count(0) * 4 > len(head[:4096]):
        raise ValidationError(f"{name} is not UTF-8 text (it looks like UTF-16); {advice}", "file")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) >= size)
    except UnicodeDecodeError as error:
        # Rows, not lines: a quoted cell may hold line breaks.
        row = _row_of_first_bad_byte(io.BytesIO(head)) or head[: error.start].count(b"\n") + 1
        looks = "Latin-1 / Windows-1252" if _is_cp1252(head) else "another encoding"
        raise ValidationError(
            f"{name} is not UTF-8 text (it looks like {looks}, first odd byte in row {row}); "
            f"{advice}", "file") from None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            f"{name} is a spreadsheet workbook, not CSV; save it as 'CSV UTF-8' first.", "file")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _check_separator(header: list[str], name: str) -> None:
    """Refuse a header that shows the data is separated by semicolons or tabs."""
    line = ",".join(header)
    for separator, word in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
        if line.count(separator) >= max(2, len(header)):
            raise ValidationError(
                f"{name} is separated by {word}; export it with commas (in a spreadsheet: "
                "Save As 'CSV UTF-8 (comma delimited)') and import it again.", "file")


def refuse_database_file(path: str | os.PathLike[str], db_path: Path, what: str) -> None:
    """Refuse (ValidationError) to read or write the app's own database as a CSV file.

    Reading it would open the file outside SQLite (dropping the window's locks); writing it
    would replace the database with a CSV.
    """
    from storage.paths import is_database_file

    if str(path) != STDIN and is_database_file(path, db_path):
        raise ValidationError(
            f"{path} is PM Workload's own database, not a CSV file; choose another file to "
            f"{what}.", "file" if what == "import" else "output")
