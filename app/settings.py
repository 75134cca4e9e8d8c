"""The settings kept in the database, with their defaults and checks; SettingsService reads
and writes them (reached as ``service.settings``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import time
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from app.changes import Change
from app.errors import ValidationError
from storage import queries

if TYPE_CHECKING:
    from app.core import Core
from app.grammar import DATE_ORDERS, read_time_of_day, system_date_order

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Settings(NamedTuple):
    strategic_target: int = 50          # percent of logged hours
    week_start: int = 0                 # 0 = Monday … 6 = Sunday
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    reminder_time: time | None = time(17, 0)
    usual_hours: float = 8.0            # a normal working day, for the reminder
    handoff_weeks: int = 4
    handoff_min_score: float = 1.0      # reclaimable hours a week
    handoff_min_checklist: int = 3
    handoff_min_recurrence: float = 0.5
    backup_keep: int = 14               # automatic and manual backups kept
    calendar_me: str = ""               # the calendar owner's address: their declines are left out
    calendar_file: str = ""             # the .ics file the window re-reads ("" = none)
    fte_hours: float = 40.0             # hours a week of one full-time person (the team report)
    work_start: time = time(9, 0)       # working hours: the day view shows the gaps in them
    work_end: time = time(17, 30)
    away_after_minutes: int = 10        # ask about time away after this long idle (0 = never)
    date_order: str = ""                # a short date (20/11): "dmy", "mdy"; "" = the system's


def _int_in(low: int, high: int, what: str):
    def parse(text: str) -> int:
        try:
            value = int(str(text).strip())
        except ValueError:
            raise ValidationError(f"{what} must be a whole number from {low} to {high}.") from None
        if not low <= value <= high:
            raise ValidationError(f"{what} must be from {low} to {high}; {value} is out of range.")
        return value

    return parse


def _float_in(low: float, high: float, what: str):
    def parse(text: str) -> float:
        try:
            value = float(str(text).strip().replace(",", "."))
        except ValueError:
            raise ValidationError(f"{what} must be a number from {low:g} to {high:g}.") from None
        if not low <= value <= high:
            raise ValidationError(f"{what} must be from {low:g} to {high:g}; {value:g} is out of range.")
        return value

    return parse


def _weekday(text: str) -> int:
    word = str(text).strip().casefold()
    for index, name in enumerate(WEEKDAYS):
        if word and (word == str(index) or name.casefold().startswith(word) and len(word) >= 2):
            return index
    raise ValidationError(f"'{text}' is not a day of the week.")


def _days(text: str) -> tuple[int, ...]:
    parts = [p for p in re.split(r"[,\s]+", str(text).strip()) if p]
    days = sorted({_weekday(p) for p in parts})
    return tuple(days)


def _clock_time(text: str) -> time | None:
    text = str(text).strip()
    if not text or text.casefold() in ("off", "none"):
        return None
    try:
        return read_time_of_day(text)
    except ValidationError as error:
        raise ValidationError(f"{error}, or 'off'.") from None


def _working_time(what: str):
    def parse(text: str) -> time:
        try:
            return read_time_of_day(str(text).strip())
        except ValidationError as error:
            raise ValidationError(f"{what}: {error}") from None

    return parse


def _away_minutes(text: str) -> int:
    # Blank means never, as 0 does.
    return _int_in(0, 240, "Minutes idle before asking about time away")(str(text).strip() or "0")
def _date_order(text: str) -> str:
    order = str(text).strip().casefold()
    if order not in ("", *DATE_ORDERS):
        raise ValidationError(
            f"'{text}' is no date order; use dmy (20/11 is 20 November), mdy (11/20) or leave it "
            "empty for the system's.")
    return order


def _address(text: str) -> str:
    address = str(text).strip().removeprefix("mailto:").removeprefix("MAILTO:").strip()
    if address and not re.fullmatch(r"[^@\s]+@[^@\s]+", address):
        raise ValidationError(f"'{address}' is not an e-mail address; write it like pm@example.com.")
    return address.casefold()


def _file_path(text: str) -> str:
    path = str(text).strip()
    if "\0" in path or "\n" in path or len(path) > 4096:
        raise ValidationError("The calendar file's path holds characters no file name can.")
    return path


_PARSERS = {
    "strategic_target": _int_in(0, 100, "The strategic target"),
    "week_start": _weekday,
    "working_days": _days,
    "reminder_time": _clock_time,
    "usual_hours": _float_in(0.5, 24, "Usual hours a day"),
    "handoff_weeks": _int_in(1, 52, "The hand-off look-back"),
    "handoff_min_score": _float_in(0, 40, "The minimum hand-off score"),
    "handoff_min_checklist": _int_in(1, 5, "The minimum checklist rating"),
    "handoff_min_recurrence": _float_in(0, 1, "The minimum recurrence"),
    "backup_keep": _int_in(1, 365, "The number of backups kept"),
    "calendar_me": _address,
    "calendar_file": _file_path,
    "fte_hours": _float_in(1, 80, "Hours a week per FTE"),
    "work_start": _working_time("The start of working hours"),
    "work_end": _working_time("The end of working hours"),
    "away_after_minutes": _away_minutes,
    "date_order": _date_order,
}

SETTING_NAMES = Settings._fields


def format_setting(name: str, value: object) -> str:
    """Return a setting's value as stored text."""
    if name == "working_days":
        return ",".join(str(d) for d in cast(Iterable[int], value))
    if name in ("reminder_time", "work_start", "work_end"):
        return "off" if value is None else cast(time, value).strftime("%H:%M")
    return str(value)


def parse_setting(name: str, text: str) -> object:
    """Return a setting's value from text, or raise a ValidationError naming what is wrong."""
    if name not in _PARSERS:
        raise ValidationError(
            f"There is no setting '{name}'; known: {', '.join(SETTING_NAMES)}.", "setting"
        )
    value = _PARSERS[name](text)
    if name == "working_days" and not value:
        raise ValidationError("Choose at least one working day.", name)
    return value


def settings_from_rows(stored: dict[str, str]) -> Settings:
    """Return Settings from stored text, keeping the default for anything unreadable."""
    values: dict[str, Any] = {}  # each of the type its parser returns, which the field has
    for name in SETTING_NAMES:
        if name in stored:
            try:
                values[name] = parse_setting(name, stored[name])
            except ValidationError:
                continue  # a damaged value falls back to its default rather than blocking start-up
    return Settings()._replace(**values)


class SettingsService:
    """The settings of one database, cached until they change."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._cached: Settings | None = None

    def forget(self) -> None:
        """Drop the cached settings (another connection may have changed them)."""
        self._cached = None

    def get(self) -> Settings:
        """Return the settings, defaults filled in."""
        if self._cached is None:
            self._cached = settings_from_rows(queries.settings(self._core.store))
        return self._cached

    def date_order(self) -> str:
        """Return how a short date (20/11) is read: the setting, else the system's order."""
        return self.get().date_order or system_date_order()

    def update(self, **texts_or_values: Any) -> Settings:
        """Check and store settings given as text or values; all or nothing."""
        parsed: dict[str, Any] = {}  # each of the type its parser returns, which the field has
        for name, value in texts_or_values.items():
            text = value if isinstance(value, str) else format_setting(name, value)
            parsed[name] = parse_setting(name, text)
        store = self._core.store
        with store.transaction():
            if {"work_start", "work_end"} & parsed.keys():  # checked against what is stored
                chosen = settings_from_rows(queries.settings(store))._replace(**parsed)
                if chosen.work_end <= chosen.work_start:
                    raise ValidationError(
                        f"The working hours end ({chosen.work_end:%H:%M}) before they start "
                        f"({chosen.work_start:%H:%M}).", "work_end")
            for name, value in parsed.items():
                queries.put_setting(store, name, format_setting(name, value))
        self._cached = None
        self._core.changes.notify(Change.SETTINGS)
        return self.get()
