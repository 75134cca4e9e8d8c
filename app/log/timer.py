"""The running timer: at most one, kept in the database so it survives a restart or a crash."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from app.changes import Change
from app.domain import Entry, EntryDraft, Kind, RunningTimer
from app.errors import ValidationError
from app.log.away import AwayResolution, AwayStretch
from app.validation import check_note, local_moment
from storage import queries

if TYPE_CHECKING:
    from app.core import Core
    from app.log.categories import CategoryService
    from app.log.entries import EntryService

LONG_TIMER_HOURS = 12
# Where the app's heartbeat and the last settled time away are kept (settings rows that are
# not Settings: the timer table stays as it is).
HEARTBEAT_KEY = "timer_heartbeat"
AWAY_SETTLED_KEY = "timer_away_settled"


class AwaySettled(NamedTuple):
    """What settling a stretch of time away saved: the timer's part before it, the time away
    as an entry of its own, and the timer running again from the stretch's end (each None
    when there is none)."""

    worked: Entry | None
    away: Entry | None
    timer: RunningTimer | None


class AwayAlreadySettled(ValidationError):
    """The stretch of time away was settled already (another window, or a second click)."""


class TimerNeedsConfirmation(ValidationError):
    """The timer ran past midnight or over 12 hours; saving it needs the user's yes."""


class TimerService:
    """Start, stop (into an entry) and discard the timer; reached as ``service.timer``."""

    def __init__(self, core: Core, entries: EntryService, categories: CategoryService) -> None:
        self._core = core
        self._entries = entries
        self._categories = categories
        # What start() chose for a start time that came twice that day ('' otherwise).
        self.notice = ""

    def running(self) -> RunningTimer | None:
        """Return the running timer, or None."""
        row = queries.running_timer(self._core.store)
        if row is None:
            return None
        return RunningTimer(
            row["title"], Kind(row["kind"]) if row["kind"] else None, row["category_id"],
            row["category"], row["note"], datetime.fromisoformat(row["started_at"]).astimezone(),
        )

    def start(self, line: str, *, note: str = "") -> RunningTimer:
        """Start the timer for a quick-add line (switching from a running one, see switch())."""
        return self.switch(line, note=note)[1]

    def switch(self, line: str, *, note: str = "") -> tuple[Entry | None, RunningTimer]:
        """Start the timer for a quick-add line; return the entry the running timer was saved
        as (None if none ran) and the new timer.

        A start time in the line backdates it; an empty line starts an untitled timer, named
        when stopped. A running timer is stopped where the new one starts, in the same write.
        """
        if not line.strip():
            return self._begin({"title": "", "kind": None, "category_id": None,
                                "note": check_note(note)}, self._core.clock.now())
        draft = self._entries.draft_from_line(line, note=note)
        if draft.minutes is not None:
            raise ValidationError(
                "A timer measures the time itself; leave the duration out of the line.", "minutes")
        values = self._entries.resolve(draft, need_minutes=False)
        now = self._core.clock.now()
        started, self.notice = now, ""
        if draft.start is not None or draft.day is not None:
            # Of a start time that came twice (clocks going back) the later: the shorter timer.
            started, self.notice = local_moment(values["day"], values["start"] or now.time(),
                                                before=now, prefer_later=True)
            if started > now:
                raise ValidationError("The timer cannot start in the future.", "start")
        return self._begin({
            "title": values["title"], "kind": values["kind"].value,
            "category_id": values["category"].id if values["category"] else None,
            "note": values["note"]}, started)

    def continue_entry(self, entry_id: int | None = None) -> tuple[Entry | None, RunningTimer]:
        """Start a timer now with an entry's title, kind and category (None: the entry saved
        last); return as switch() does."""
        if entry_id is None:
            entry_id = queries.last_entry_id(self._core.store)
            if entry_id is None:
                raise ValidationError("There is no entry to continue yet.", "entry")
        entry = self._entries.get(entry_id)
        self.notice = ""
        return self._begin({"title": entry.title, "kind": entry.kind.value,
                            "category_id": entry.category_id, "note": ""},
                           self._core.clock.now())

    def _begin(self, timer: dict[str, Any], started: datetime) -> tuple[Entry | None, RunningTimer]:
        """Save ``timer`` as the running one from ``started``, first stopping a running one
        into an entry that ends there; return that entry (or None) and the new timer."""
        stopped: Entry | None = None
        with self._core.store.transaction():
            # Read under the write lock: another process may have started or stopped one.
            running = self.running()
            if running is not None:
                stopped = self._entries.insert(self._switch_values(running, started))
            queries.put_timer(self._core.store, {
                **timer, "started_at": started.isoformat(timespec="seconds")})
        if stopped is not None:
            self._core.changes.notify(Change.ENTRIES, Change.TIMER)
        else:
            self._core.changes.notify(Change.TIMER)
        return stopped, self.running()  # type: ignore[return-value]  # just started: running

    def _switch_values(self, running: RunningTimer, at: datetime) -> dict[str, Any]:
        """Return the entry values of the running timer stopped at ``at`` for a switch; refuse
        one that is untitled or needs a yes, saying how to stop it first."""
        if not running.title:
            raise ValidationError(
                f"The timer running since {running.started_at:%H:%M} has no title yet; stop it "
                "with a title first.", "timer")
        try:
            return self._entry_values(running, at, confirmed=False)
        except TimerNeedsConfirmation as error:
            raise TimerNeedsConfirmation(
                f"{error} Stop it first (choosing when you stopped), then start the new one.",
                "timer") from None
        except ValidationError as error:
            raise ValidationError(
                f"Cannot switch from the timer for '{running.title}': {error}", "timer") from None

    def minutes(self, timer: RunningTimer, at: datetime | None = None) -> int:
        """Return the minutes from the timer's start to ``at``, counted on the clock's whole
        minutes (at least 1 once stopped).

        An entry keeps its start as hh:mm, so counting from there is what makes it end where
        the next one begins: a switch at 10:19:50 from a timer begun at 10:17:10 saves 10:17
        for 2 min, not the 3 min rounding gave, which overlapped the next timer's 10:19.
        """
        stop = (at or self._core.clock.now()).replace(second=0, microsecond=0)
        seconds = (stop - timer.started_at.replace(second=0, microsecond=0)).total_seconds()
        return max(1, int(seconds // 60))

    def needs_confirmation(self, timer: RunningTimer, at: datetime | None = None) -> str | None:
        """Return why stopping now needs a yes (over 12 h, or past midnight), else None."""
        at = (at or self._core.clock.now()).astimezone()
        if at - timer.started_at > timedelta(hours=LONG_TIMER_HOURS):
            return f"The timer has run for more than {LONG_TIMER_HOURS} hours."
        if at.date() != timer.started_at.date():
            return f"The timer has run past midnight (it started {timer.started_at:%a %d %b %H:%M})."
        return None

    def stop_moment(self, at: time, day: date | None = None,
                    timer: RunningTimer | None = None) -> tuple[datetime, str]:
        """Return the moment a stop time of day means for the running timer, and a note
        ('' unless that time came twice and one had to be chosen).

        Without ``day``: today, or else the day the timer started ("18:00" for a timer started
        yesterday morning means yesterday, as does "23:30" said at 00:40). A time the clocks
        skipped is refused, naming it; of one that came twice, the one after the start.
        """
        timer = timer or self.running()
        now = self._core.clock.now()
        after = timer.started_at if timer else None
        days = [day] if day else [now.date()]
        if day is None and timer is not None and timer.started_at.date() != now.date():
            days.append(timer.started_at.date())
        found: list[tuple[datetime, str]] = []
        skipped: ValidationError | None = None
        for candidate in days:
            try:
                moment = local_moment(candidate, at, after=after, before=now)
            except ValidationError as error:
                skipped = skipped or error
                continue
            if after is None or after <= moment[0] <= now:
                return moment
            found.append(moment)
        if skipped is not None:
            raise ValidationError(str(skipped), "timer")
        return found[0]  # out of range: stop() says why

    def stop(self, at: datetime | None = None, *, confirmed: bool = False,
             title: str = "", kind: Kind | None = None) -> Entry:
        """Stop the timer (now, or at ``at``) and save it as an entry on the day it started.

        ``title`` names it (required for an untitled timer): a quick-add line without
        duration or time, e.g. "Deck review s #status"; ``kind`` is the kind the line leaves out.
        """
        with self._core.store.transaction():
            # Read under the write lock: of several stops (or a stop and a discard) at the same
            # moment one wins, and the others find no timer instead of saving it again.
            timer = self.running()
            if timer is None:
                raise ValidationError("No timer is running.", "timer")
            if title.strip():
                timer = self.named(timer, title, kind)
            elif not timer.title:
                raise ValidationError(
                    "The timer has no title yet; say what you worked on to save it.", "title")
            values = self._entry_values(timer, at, confirmed)
            entry = self._entries.insert(values)
            queries.clear_timer(self._core.store)
        self._core.changes.notify(Change.ENTRIES, Change.TIMER)
        return entry

    def name(self, line: str, kind: Kind | None = None) -> RunningTimer:
        """Name (or rename) the running timer from a naming line, e.g. "Roadmap review s
        #strategy", while it runs; return it as renamed."""
        with self._core.store.transaction():
            timer = self.running()  # under the write lock: it may have been stopped meanwhile
            if timer is None:
                raise ValidationError("No timer is running.", "timer")
            named = self.named(timer, line, kind)
            queries.put_timer(self._core.store, {
                "title": named.title, "kind": named.kind.value if named.kind else None,
                "category_id": named.category_id, "note": named.note,
                "started_at": named.started_at.isoformat(timespec="seconds")})
        self._core.changes.notify(Change.TIMER)
        return named

    def named(self, timer: RunningTimer, line: str, kind: Kind | None = None) -> RunningTimer:
        """Return the timer with the title, kind and category a naming line gives (``kind``
        where the line, the task's history and the rules leave it open); reads only, raises
        ValidationError naming what is wrong."""
        if not line.strip():
            raise ValidationError("Say what you worked on, e.g. 'Roadmap review s #strategy'.",
                                  "title")
        draft = self._entries.draft_from_line(line)
        if draft.minutes is not None or draft.start is not None or draft.day is not None:
            raise ValidationError(
                "The timer knows when it ran; give only a title (and kind or #category).",
                "title")
        # Kind and category as a line logged now would get them: the task's history, rules;
        # ``kind`` only where those leave it open.
        try:
            values = self._entries.resolve(draft, need_minutes=False)
        except ValidationError as error:
            if error.field != "kind" or kind is None:
                raise
            values = self._entries.resolve(draft._replace(kind=kind), need_minutes=False)
        category = values["category"]
        return timer._replace(
            title=values["title"], kind=values["kind"],
            category_id=category.id if category else None,
            category=category.name if category else None)

    def _entry_values(self, timer: RunningTimer, at: datetime | None,
                      confirmed: bool) -> dict[str, Any]:
        """Return the checked values of the entry the timer stopped at ``at`` becomes."""
        now = self._core.clock.now().astimezone()
        at = (at or now).astimezone()
        if now < timer.started_at:
            raise ValidationError(
                f"The computer's clock reads {now:%H:%M}, earlier than the timer's start "
                f"({timer.started_at:%H:%M}): it was set back. Stop the timer once the clock has "
                "passed its start, or discard it.", "timer")
        if at < timer.started_at:
            raise ValidationError(
                f"The stop time is before the timer started ({timer.started_at:%H:%M}).", "timer")
        if at > now:
            raise ValidationError(
                f"The stop time {at:%a %H:%M} is still to come; stop at {now:%H:%M} or earlier.",
                "timer")
        reason = self.needs_confirmation(timer, at)
        if reason and not confirmed:
            raise TimerNeedsConfirmation(reason, "timer")
        minutes = self.minutes(timer, at)
        if minutes > 24 * 60:
            raise ValidationError(
                "The timer ran for more than 24 hours; choose when you stopped working.", "timer")
        draft = EntryDraft(timer.title, minutes, timer.kind, None, timer.started_at.date(),
                           timer.started_at.time(), timer.note)
        values = self._entries.resolve(draft)
        values["category"] = self._categories.get(timer.category_id)
        return values

    def discard(self) -> RunningTimer:
        """Throw the running timer away without saving; return what it was."""
        with self._core.store.transaction():
            # Read under the write lock, as stop() does: only one of them gets the timer.
            timer = self.running()
            if timer is None:
                raise ValidationError("No timer is running.", "timer")
            queries.clear_timer(self._core.store)
        self._core.changes.notify(Change.TIMER)
        return timer



    # -- time away (app/log/away.py finds it) -----------------------------------------------
    def beat(self, at: datetime | None = None) -> None:
        """Record that the app ran (and the timer with it) at ``at`` (default now)."""
        moment = (at or self._core.clock.now()).isoformat(timespec="seconds")
        with self._core.store.transaction():
            queries.put_setting(self._core.store, HEARTBEAT_KEY, moment)

    def last_beat(self) -> datetime | None:
        """Return the last moment the app recorded it ran, or None."""
        return _moment(queries.settings(self._core.store).get(HEARTBEAT_KEY))

    def settle_away(self, stretch: AwayStretch, resolution: AwayResolution,
                    line: str = "") -> AwaySettled:
        """Keep, discard or log a stretch of time away of the running timer, in one write.

        Discard and log save the timer's part before the stretch as an entry and start the
        timer again at its end; log also saves the stretch as an entry for ``line`` (a
        quick-add line without duration or time; empty: not logged). A stretch settled
        already, or whose timer was stopped meanwhile, is refused with AwayAlreadySettled.
        """
        away_draft = None
        if resolution is AwayResolution.LOG and line.strip():
            away_draft = self._entries.draft_from_line(line)
            if away_draft.minutes is not None or away_draft.start is not None \
                    or away_draft.day is not None:
                raise ValidationError(
                    "The time away knows when it was; give only a title (and kind or "
                    "#category).", "away")
        worked = away = None
        with self._core.store.transaction():
            # Read under the write lock: of two windows (or two clicks) settling the same
            # stretch, one wins and the other is told.
            timer = self.running()
            self._check_unsettled(timer, stretch)
            assert timer is not None  # _check_unsettled refuses no timer
            start, end = self._clamped(timer, stretch)
            if resolution is not AwayResolution.KEEP:
                if (start - timer.started_at).total_seconds() >= 30:
                    if not timer.title:
                        raise ValidationError(
                            "The timer has no title yet; stop it with a title (choosing when "
                            "you stopped), or keep the time.", "timer")
                    worked = self._entries.insert(self._entry_values(timer, start, True))
                if away_draft is not None:
                    away = self._entries.insert(self._away_values(away_draft, start, end))
                queries.put_timer(self._core.store, {
                    "title": timer.title, "kind": timer.kind.value if timer.kind else None,
                    "category_id": timer.category_id, "note": timer.note,
                    "started_at": end.isoformat(timespec="seconds")})
            queries.put_setting(self._core.store, AWAY_SETTLED_KEY,
                                f"{timer.started_at.isoformat()} {end.isoformat()}")
        if resolution is not AwayResolution.KEEP:
            if worked or away:
                self._core.changes.notify(Change.ENTRIES, Change.TIMER)
            else:
                self._core.changes.notify(Change.TIMER)
        return AwaySettled(worked, away, self.running())

    def _check_unsettled(self, timer: RunningTimer | None, stretch: AwayStretch) -> None:
        """Refuse a stretch whose timer no longer runs, or that was settled already."""
        if timer is None or timer.started_at != stretch.timer_started:
            raise AwayAlreadySettled(
                f"The time away from {stretch.start:%H:%M} was settled already: the timer "
                "was stopped or started again since.", "away")
        settled_until = self._settled_until(timer)
        if settled_until is not None and stretch.start < settled_until:
            raise AwayAlreadySettled(
                f"The time away until {settled_until:%H:%M} was settled already.", "away")

    def _settled_until(self, timer: RunningTimer) -> datetime | None:
        """Return the end of the last stretch of time away settled for ``timer``, or None."""
        started, _, until = queries.settings(self._core.store).get(
            AWAY_SETTLED_KEY, "").partition(" ")
        return _moment(until) if _moment(started) == timer.started_at else None

    def unsettled(self, stretch: AwayStretch) -> AwayStretch | None:
        """Return the part of ``stretch`` not settled yet, or None (all of it was, or its
        timer no longer runs): what is worth asking about."""
        timer = self.running()
        if timer is None or timer.started_at != stretch.timer_started:
            return None
        settled_until = self._settled_until(timer)
        if settled_until is None or settled_until <= stretch.start:
            return stretch
        if settled_until >= stretch.end:
            return None
        return replace(stretch, start=settled_until)

    def _clamped(self, timer: RunningTimer, stretch: AwayStretch) -> tuple[datetime, datetime]:
        """Return the stretch's start and end within the timer's run, to the second."""
        now = self._core.clock.now().astimezone()
        start = max(stretch.start, timer.started_at).replace(microsecond=0)
        end = min(stretch.end, now).replace(microsecond=0)
        if end <= start:
            raise ValidationError(
                f"The time away ends ({end:%H:%M:%S}) before it starts ({start:%H:%M:%S}).",
                "away")
        return start, end

    def _away_values(self, draft: EntryDraft, start: datetime, end: datetime) -> dict[str, Any]:
        """Return the checked values of the time away as an entry of its own."""
        minutes = round((end - start).total_seconds() / 60)
        if minutes < 1:
            raise ValidationError("The time away is shorter than a minute; keep it.", "away")
        if minutes > 24 * 60:
            raise ValidationError(
                "The time away is longer than a day; log what you did by hand.", "away")
        local = start.astimezone()
        return self._entries.resolve(draft._replace(
            minutes=minutes, day=local.date(), start=local.time().replace(second=0,
                                                                          microsecond=0)))


def _moment(text: str | None) -> datetime | None:
    """Return a stored ISO moment as an aware local datetime, or None (missing, damaged)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).astimezone()
    except ValueError:
        return None
