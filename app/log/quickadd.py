"""The quick-add line: "Weekly status deck 45 min ops #Status reports yesterday 9:30am".

The title comes first; after it, in any order, a duration, a kind word, a #category
(several words allowed), a date and a start time. A number and its unit may be apart
("45 min", "1 h 30", "9 am"), and a duration may be said in words ("half an hour"): they are
read as one field. Fields are read from the end of the line,
so a title may hold numbers ("Review 2 PRDs 30m"). A title in double quotes is taken as it
is ("\"Fix #123\" 30m"); inside it, a doubled quote stands for one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from typing import NamedTuple

from app.display import format_duration, shorten
from app.domain import Kind
from app.errors import ValidationError
from app.grammar import (
    DURATION_PHRASES,
    MOST_PHRASE_WORDS,
    match_day,
    match_duration,
    match_kind,
    match_time_of_day,
)
from app.text import strip_controls
from app.validation import clean_title

DURATION, KIND, DAY, START = "duration", "kind", "day", "start"


class QuickAdd(NamedTuple):
    """A parsed quick-add line. ``category`` is the canonical name of the category it matched."""

    title: str
    minutes: int | None = None
    kind: Kind | None = None
    category: str | None = None
    new_category: bool = False
    day: date | None = None
    start: time | None = None


class _When(NamedTuple):
    """What reading a day word needs: today, and the order of a short date (dmy or mdy)."""

    today: date
    order: str = "dmy"


# The fields after the title, in the order a token is tried; each reads it with app.grammar.
_FIELDS: tuple[tuple[str, Callable[[str, _When], object]], ...] = (
    (KIND, lambda token, when: match_kind(token)),
    (DAY, lambda token, when: match_day(token, when.today, when.order)),
    (START, lambda token, when: match_time_of_day(token)),
    (DURATION, lambda token, when: match_duration(token)),
)
# A field of several words: a number and its unit ("45 min", "1 h 30 min", "9 am"). A word is
# joined to the next only when that one is a unit, or minutes after hours ("1h 30"), and then
# with at most _MOST_WORDS words: reading stays linear, and cheap for a line of numbers.
_MOST_WORDS = 4
_UNIT = re.compile(r"(?:m|min|mins|minutes?|h|hrs?|hours?|[ap]\.?m\.?)", re.IGNORECASE | re.ASCII)
_HOURS = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?(?:h|hrs?|hours?)", re.IGNORECASE | re.ASCII)
_MINUTES = re.compile(r"\d{1,2}(?:m|min|mins|minutes?)?", re.IGNORECASE | re.ASCII)


def _tokens(text: str, when: _When) -> list[str]:
    """Return the words of ``text``, a number and the unit words after it joined into one
    token ("1 h 30 min") where together they read as a duration or a time of day."""
    words = text.split()
    tokens: list[str] = []
    i = 0
    while i < len(words):
        taken = _phrase_at(words, i)
        if taken == 1 and i + 1 < len(words) and words[i][:1].isdigit() and (
                _UNIT.fullmatch(words[i + 1])
                or _HOURS.fullmatch(words[i]) and _MINUTES.fullmatch(words[i + 1])):
            # Longer while the next word is a unit or minutes too: "1 h" → "1 h 30" → "1 h 30 min".
            count = 2
            while count <= _MOST_WORDS and i + count <= len(words) and (
                    count == 2 or _UNIT.fullmatch(words[i + count - 1])
                    or _MINUTES.fullmatch(words[i + count - 1])):
                if _read_field(" ".join(words[i:i + count]), when, shape_only=True) is None:
                    break
                taken = count
                count += 1
        tokens.append(" ".join(words[i:i + taken]))
        i += taken
    return tokens


def _phrase_at(words: Sequence[str], i: int) -> int:
    """Return how many words from ``i`` say a duration in words ("half an hour"), else 1.

    At most MOST_PHRASE_WORDS are tried at each word: reading stays linear."""
    if words[i].casefold() not in _PHRASE_STARTS:
        return 1
    for count in range(min(MOST_PHRASE_WORDS, len(words) - i), 1, -1):
        if " ".join(words[i:i + count]).casefold() in DURATION_PHRASES:
            return count
    return 1


_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in DURATION_PHRASES)


def _field(token: str, when: _When) -> tuple[str, object] | None:
    """Return (field, value) when the token is a duration, kind, date or time; else None.

    A token shaped like a field but out of range (25:00, 2026-02-30, 9999h) raises.
    """
    return _read_field(token, when, shape_only=False)


def _kind_of_token(token: str, when: _When) -> str | None:
    """Return which field a token is shaped like (without checking its value), or None."""
    found = _read_field(token, when, shape_only=True)
    return found[0] if found else None


def _read_field(token: str, when: _When, *, shape_only: bool) -> tuple[str, object] | None:
    # With ``shape_only``, a token shaped like a field but out of range gives (field, None).
    for field, read in _FIELDS:
        try:
            value = read(token, when)
        except ValidationError:
            if shape_only:
                return field, None
            raise
        if value is not None:
            return field, value
    return None


def _bare_number(token: str) -> bool:
    # A bare number before the title's words is part of it ("2 PRDs"), not its duration.
    return token.isascii() and token.isdigit()


def _leading_duration(token: str) -> bool:
    # Only a number with its unit may stand before the title ("45m Weekly status deck"); a
    # duration in words there begins the title ("An hour of code").
    return token[:1].isdigit() and not _bare_number(token)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+|&", text.casefold())


def match_categories(text: str, names: Iterable[str]) -> list[str]:
    """Return the category names that ``text`` names: exactly, by prefix, or by word prefixes."""
    names = list(names)
    key = " ".join(text.split()).casefold()
    if not key:
        return []
    exact = [n for n in names if " ".join(n.split()).casefold() == key]
    if exact:
        return exact
    prefix = [n for n in names if n.casefold().startswith(key)]
    if prefix:
        return prefix
    query = _words(text)
    if not query:
        return []
    found = []
    for name in names:
        words = _words(name)
        if any(
            all(words[i + j].startswith(q) for j, q in enumerate(query))
            for i in range(len(words) - len(query) + 1)
        ):
            found.append(name)
    return found


class _Fields:
    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.tokens: dict[str, str] = {}

    def take(self, field: str, value: object, token: str, strict: bool) -> bool:
        if field in self.values:
            if strict:
                raise ValidationError(
                    f"Two {'durations' if field == DURATION else field + 's'} given: "
                    f"'{self.tokens[field]}' and '{token}'.",
                    "minutes" if field == DURATION else field,
                )
            return False
        self.values[field] = value
        self.tokens[field] = token
        return True


def _split_quoted_title(line: str) -> tuple[str | None, str]:
    stripped = line.lstrip()
    if not stripped.startswith('"'):
        return None, line
    chars, i = [], 1
    while i < len(stripped):
        if stripped[i] == '"':
            if stripped[i + 1:i + 2] == '"':
                chars.append('"')
                i += 2
                continue
            rest = stripped[i + 1:]
            if rest and not rest[0].isspace():
                raise ValidationError(
                    "Put a space after the closing quote of the title.", "title"
                )
            return "".join(chars), rest
        chars.append(stripped[i])
        i += 1
    raise ValidationError("The title's opening quote is never closed.", "title")


def parse_quick_add(
    line: str,
    categories: Sequence[str],
    today: date,
    *,
    allow_new_category: bool = False,
    archived: Sequence[str] = (),
    date_order: str = "dmy",
) -> QuickAdd:
    """Return the parsed line, or raise a ValidationError naming the part that is wrong.

    ``categories`` are the names a #category may match; ``archived`` ones are refused by name;
    ``date_order`` ("dmy" or "mdy") says how a short date such as 20/11 is read.
    """
    if not line or not line.strip():
        raise ValidationError(
            "Type what you worked on and for how long, e.g. 'Weekly status deck 45m ops'.",
            "title",
        )
    line = strip_controls(line)  # an ESC or a bidi override is no part of a title or a category
    when = _When(today, date_order)
    quoted_title, rest = _split_quoted_title(line)
    tokens = _tokens(rest, when)
    fields = _Fields()
    category: str | None = None
    new_category = False

    hash_at = next(
        (i for i in range(len(tokens) - 1, -1, -1) if tokens[i].startswith("#")), None
    )
    if hash_at is not None:
        words = [tokens[hash_at][1:]] + tokens[hash_at + 1:]
        words = [w for w in words if w] or [""]
        category, new_category, trailing = _read_category(
            words, categories, archived, when, allow_new_category
        )
        for token in trailing:
            field, value = _field(token, when)  # type: ignore[misc]  # None only for a non-field
            fields.take(field, value, token, strict=True)
        tokens = tokens[:hash_at]

    # Fields after the title, read from the end until a word that is not one.
    end = len(tokens)
    last_field: str | None = None
    while end > 0:
        token = tokens[end - 1]
        if last_field is not None and _CONNECTORS.get(token.casefold()) == last_field:
            end -= 1  # "at 14:00", "on mon": the little word belongs to the field after it
            last_field = None
            continue
        if _kind_of_token(token, when) in (None, *fields.values):
            break  # not a field, or one already given: the title ends here
        field, value = _field(token, when)  # type: ignore[misc]  # a field: _kind_of_token said so
        fields.take(field, value, token, strict=False)
        last_field = field
        end -= 1
    _check_bare_decimal(tokens, end, when)
    _check_stopper(tokens, end, when)
    tokens = tokens[:end]

    if quoted_title is not None:
        if tokens:
            raise ValidationError(
                f"After the quoted title, '{shorten(tokens[0])}' is not a duration, kind, #category, "
                "date or time.",
                "title",
            )
        title_text = quoted_title
    else:
        # A duration with its unit may also stand first: "45m Weekly status deck".
        if tokens and DURATION not in fields.values and _leading_duration(tokens[0]):
            try:
                minutes = match_duration(tokens[0])
            except ValidationError:
                minutes = None
            if minutes is not None and len(tokens) > 1:
                fields.take(DURATION, minutes, tokens[0], strict=False)
                tokens = tokens[1:]
        title_text = " ".join(tokens)

    return QuickAdd(
        title=clean_title(title_text),
        minutes=fields.values.get(DURATION),  # type: ignore[arg-type]  # take() checked its type
        kind=fields.values.get(KIND),  # type: ignore[arg-type]  # take() checked its type
        category=category,
        new_category=new_category,
        day=fields.values.get(DAY),  # type: ignore[arg-type]  # take() checked its type
        start=fields.values.get(START),  # type: ignore[arg-type]  # take() checked its type
    )


_CONNECTORS = {"at": START, "@": START, "on": DAY}  # words that may lead a field: "at 9am"
_MOST_FIELD_WORDS = 8  # "1 h 30 min ops tomorrow at 9am" and the like


def _check_stopper(tokens: Sequence[str], end: int, when: _When) -> None:
    """Raise naming the word that ended the reading of the fields when fields with a duration
    stand before it too ("Sync 30m s tmrw"): the line's fields were meant, and that word kept
    them in the title, which would only be reported as a missing kind or duration."""
    if end < 2:
        return
    run = end - 1
    # A line's fields are a handful of words: look back no further (a paste stays linear).
    while run > max(0, end - 1 - _MOST_FIELD_WORDS) and _is_field(tokens[run - 1], when):
        run -= 1
    before = tokens[run:end - 1]
    if any(not _bare_number(t) and _kind_of_token(t, when) == DURATION for t in before):
        word = tokens[end - 1]
        raise ValidationError(
            f"Can't read '{shorten(word)}' after '{shorten(' '.join(before), 30)}': it is not a "
            "duration, kind, #category, day or time (e.g. 45m, ops, tomorrow, 14:00).", "title")


_BARE_DECIMAL = re.compile(r"\d+[.,]\d+", re.ASCII)


def _check_bare_decimal(tokens: Sequence[str], end: int, when: _When) -> None:
    """Raise on a number with a decimal point and no unit standing among the fields ("Plan
    1h ops 1.5"): it would end the title there and leave the fields before it in the title."""
    if end > 1 and _BARE_DECIMAL.fullmatch(tokens[end - 1]) and _is_field(tokens[end - 2], when):
        number = tokens[end - 1]
        raise ValidationError(
            f"Can't read '{shorten(number)}' without a unit: write {number}h for hours or put it "
            "in quotes as part of the title.", "duration")


def _is_field(token: str, when: _When) -> bool:
    try:
        return _field(token, when) is not None
    except ValidationError:
        return False


def _fields_from(words: Sequence[str], when: _When, *, malformed_too: bool = False) -> int:
    """Return where the run of field words ending ``words`` starts (len(words) when none).

    With ``malformed_too``, words shaped like a field but out of range (25:00) count as fields.
    """
    looks = _looks_like_field if malformed_too else _is_field
    start = len(words)
    while start > 0 and looks(words[start - 1], when):
        start -= 1
    return start


def _reach(words: Sequence[str], names: Sequence[str]) -> int:
    """Return how many leading words may at most name one of ``names``: beyond it the text is
    longer than every name and has more words than any, so match_categories finds nothing.

    This keeps the search for the category linear: only the few counts of words that could
    match are joined and matched, not every count of a line of thousands of words.
    """
    longest = max((len(n.casefold()) for n in names), default=0)
    most_words = max((len(_words(n)) for n in names), default=0)
    length, count_words = -1, 0
    for count, word in enumerate(words):
        length += len(word.casefold()) + 1
        count_words += len(_words(word))
        if length > longest and count_words > most_words:
            return count
    return len(words)


def _read_category(
    words: list[str],
    names: Sequence[str],
    archived: Sequence[str],
    when: _When,
    allow_new: bool,
) -> tuple[str, bool, list[str]]:
    """Return (category, is_new, trailing field tokens) for the words after '#'."""
    if not words[0]:
        raise ValidationError("Write the category after '#', e.g. #status.", "category")
    # The longest run of words that names a category, the rest being fields, wins. A run
    # leaving a word that is no field behind is no candidate, nor one longer than any name.
    fields_at = max(_fields_from(words, when), 1)
    reach = _reach(words, names)
    for count in range(min(len(words), reach), fields_at - 1, -1):
        trailing = words[count:]
        text = " ".join(words[:count])
        found = match_categories(text, names)
        if len(found) == 1:
            return found[0], False, trailing
        if len(found) > 1:
            shown = ", ".join(sorted(found)[:5])
            raise ValidationError(
                f"'#{shorten(text)}' matches more than one category ({shown}); type more of the name.",
                "category",
            )
    # Nothing matched: the category is every word up to the trailing fields.
    count = fields_at
    text = " ".join(words[:count])
    trailing = words[count:]
    for token in trailing:
        _field(token, when)  # raise on a malformed trailing field before the category message
    key = " ".join(text.split()).casefold()
    if any(" ".join(n.split()).casefold() == key for n in archived):
        raise ValidationError(
            f"The category '{text}' is archived; restore it in Settings to log to it.", "category"
        )
    if allow_new:
        return " ".join(text.split()), True, trailing
    # "#status 25:00": the category is fine, the malformed field after it is what is wrong.
    looks_at = max(_fields_from(words, when, malformed_too=True), 1)
    for count in range(min(len(words) - 1, reach), looks_at - 1, -1):
        if len(match_categories(" ".join(words[:count]), names)) == 1:
            for token in words[count:]:
                _field(token, when)
    raise ValidationError(
        f"There is no category '#{shorten(text)}'.{_did_you_mean(text, names)}", "category")


def _did_you_mean(text: str, names: Sequence[str]) -> str:
    """Return ' Did you mean #word (Category name)?' for a near miss, else a pointer to the list."""
    import difflib  # only on this error path

    words = {w: name for name in names for w in _words(name) if len(w) > 2}
    typed = " ".join(_words(text))
    close = difflib.get_close_matches(typed, list(words), n=1, cutoff=0.7)
    if close:
        return f" Did you mean #{close[0]} ({words[close[0]]})?"
    whole = difflib.get_close_matches(text.casefold(), [n.casefold() for n in names], n=1, cutoff=0.6)
    if whole:
        name = next(n for n in names if n.casefold() == whole[0])
        return f" Did you mean #{name}?"
    return " The categories are listed in Settings, where new ones can be added."


# -- formatting back into a line -----------------------------------------------------------
def _looks_like_field(token: str, when: _When) -> bool:
    try:
        return _field(token, when) is not None
    except ValidationError:
        return True  # the parser would stop on it with an error


def _needs_quotes(title: str, when: _When) -> bool:
    tokens = _tokens(title, when)
    if not tokens or title.startswith('"') or any(t.startswith("#") for t in tokens):
        return True
    if _looks_like_field(tokens[-1], when):
        return True
    try:  # a title whose last word would be named as unreadable after fields before it
        _check_bare_decimal(tokens, len(tokens), when)
        _check_stopper(tokens, len(tokens), when)
    except ValidationError:
        return True
    if len(tokens) > 1 and _leading_duration(tokens[0]):
        try:
            return match_duration(tokens[0]) is not None
        except ValidationError:
            return False  # the leading-duration read ignores a malformed one
    return False


def format_quick_add(
    title: str,
    minutes: int | None = None,
    kind: Kind | None = None,
    category: str | None = None,
    day: date | None = None,
    start: time | None = None,
    *,
    today: date,
) -> str:
    """Return a quick-add line that parses back to exactly these values."""
    title = " ".join(strip_controls(title).split())  # as the parser will see it
    quoted = _needs_quotes(title, _When(today)) or _needs_quotes(title, _When(today, "mdy"))
    parts = ['"' + title.replace('"', '""') + '"' if quoted else title]
    if minutes is not None:
        parts.append(format_duration(minutes))
    if kind is not None:
        parts.append(kind.value)
    if day is not None:
        parts.append(day.isoformat())
    if start is not None:
        parts.append(start.strftime("%H:%M"))
    if category:
        parts.append("#" + category)
    return " ".join(parts)
