"""The words a player reads: every explanation, in one place (an option's warnings in
``risk_words``, the council's in ``council_words``).

The engine states facts (``engine.explain``); this module words them, so the
window and the terminal say exactly the same sentences and a change of
wording (or a translation) happens once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..engine.explain import Cause, DayExplanation
from ..engine.record import LogEntry
from ..scenario.model import Scenario
from ..scenario.model_politics import PoliticalRule
from .dates import day_dates, scenario_dates
from .points import day_points

PART_LABELS = {
    "coupling": "Each side reacting to the other",
    "decay": "Settling back towards the usual",  # from below a start too: not always "cooling"
    "drift": "Pressure building",
    "noise": "The fog of events",
    "clipped": "Held at the end of its scale",
}
UNTRACED_WORDS = "Changes you could not trace"  # moves of your tracks no line of the report shows
STANCE_WORDS = {"escalate": "escalate", "hold": "hold firm", "concede": "concede"}
DEFCON_WORDS = {
    5: "Normal readiness",
    4: "Increased watch",
    3: "Round-the-clock readiness",
    2: "Next step to war",
    1: "Maximum readiness",
}


def defcon_words(scenario: Scenario, level: int) -> str:
    """What DEFCON ``level`` means here: the scenario's own name for it where it gives one
    (in 1962 only SAC went to 2; "next step to war" would overstate the rest), else the
    standard words."""
    defcon = scenario.model.defcon
    named = defcon.names.get(level) if defcon is not None else None
    return named or DEFCON_WORDS[level]


def defcon_named(scenario: Scenario, level: int) -> str | None:
    """The scenario's own name for a level, or None: the terminal adds only what it adds."""
    defcon = scenario.model.defcon
    return defcon.names.get(level) if defcon is not None else None


def long_date(date: dt.date) -> str:
    return f"{date:%A, %B} {date.day}, {date.year}"


def short_date(date: dt.date) -> str:
    return f"{date:%A, %B} {date.day}"


def day_line(scenario: Scenario, day: int) -> str:
    """'Day 3 — Thursday, October 18, 1962', or 'Day 1 — October 16 – 22, 1962' for a day that
    stands for several (days outside the crisis are clamped to it)."""
    return f"Day {day} — {day_dates(scenario, min(max(day, 1), scenario.days))}"


def option_label(scenario: Scenario, event_id: str, option_id: str) -> str:
    event = next(e for e in scenario.events if e.id == event_id)
    return next(o for o in event.options if o.id == option_id).label


def cause_label(scenario: Scenario, cause: Cause, *, you: str = "") -> str:
    """'John F. Kennedy: Announce a quarantine', 'Incident: ...', 'Tempers cooling'."""
    if cause.kind == "choice":
        who = you if you and cause.by == "player" else scenario.sides[cause.side].leader
        return f"{who}: {option_label(scenario, cause.ref, cause.option)}"
    if cause.kind == "incident":
        return f"Incident: {incident_title(scenario, cause.ref)}"
    return PART_LABELS[cause.kind]


def incident_title(scenario: Scenario, incident_id: str) -> str:
    return next(x for x in scenario.incidents if x.id == incident_id).title


def incident_text(scenario: Scenario, incident_id: str) -> str:
    return next(x for x in scenario.incidents if x.id == incident_id).text


def _points_text(scenario: Scenario, points: Mapping[str, int]) -> str:
    """'US military alert +5, World alarm +3' from whole points (a track at 0 is left out)."""
    return ", ".join(f"{scenario.tracks[t].label} {v:+d}" for t, v in points.items() if v)


def _own_risk(scenario: Scenario, e) -> float:
    """The immediate chance of war a choice carried (0 for an incident or a riskless choice)."""
    if e.kind != "choice":
        return 0.0
    event = next(x for x in scenario.events if x.id == e.event)
    return next(o for o in event.options if o.id == e.option).risk


def hazard_line(hazard: float) -> str:
    return f"Risk of an accident turning to war that day: {hazard * 100:.1f}%."


@dataclass(frozen=True)
class Row:
    """One line of a report: its weight (title, bold, body, italic) and tone (ink, soft, stamp)."""

    face: str
    tone: str
    text: str


def day_report(
    scenario: Scenario,
    entries: Sequence[LogEntry],
    ex: DayExplanation,
    reader: str | None = "",
    estimated: frozenset[str] = frozenset(),
    untraced: Mapping[str, float] | None = None,
    earlier: Mapping[str, float] | None = None,
) -> list[Row]:
    """A finished day in rows: choices and incidents in order, the model's causes, the hazard.

    ``reader`` is the side reading: its person's choices say "You".  '' means whichever
    side a person played (one player); None, an onlooker, for whom every choice names
    its leader (both players reading a hot-seat game's ending).  ``estimated`` are the
    tracks the reader only estimates: a change to them is never given in points, since
    points summed day by day would give away what the intelligence band hides.
    ``untraced`` is what moved the reader's exactly-read tracks that no row shows (the
    other side's secret moves, incidents only it saw): given as its own row, so the rows
    add up to the net change the gauges showed, without saying what caused it.
    ``earlier`` is what the day's moves already reported (before a decision the same
    day) changed: one row of its own, so a report of the rest still adds up to the net.
    """
    rows = [Row("title", "ink", day_line(scenario, ex.day))]
    track_ids = list(scenario.tracks)
    exact = [t for t in track_ids if t not in estimated]
    changes: list[tuple[int, str, str, dict[str, float]]] = []  # (row index, before, after, deltas)
    if earlier:
        changes.append((len(rows), "Earlier today, as reported: ", "", dict(earlier)))

    for e in entries:
        if e.day != ex.day:
            continue
        if e.kind == "politics":
            rows.append(politics_row(scenario, e))
            continue
        if e.kind == "choice":
            mine = e.by == "player" and (reader == "" or e.side == reader)
            who = "You" if mine else scenario.sides[e.side].leader
            if e.by == "politics":
                who = f"{scenario.sides[e.side].leader}, overruled"
            rows.append(Row("bold", "ink", f"{who}: {option_label(scenario, e.event, e.option)}."))
        elif e.kind == "incident":
            rows.append(Row("bold", "stamp", f"INCIDENT — {incident_title(scenario, e.incident)}."))
            rows.append(Row("body", "ink", incident_text(scenario, e.incident)))
        else:
            continue
        changes.append((len(rows), "    ", "", dict(zip(track_ids, e.deltas(), strict=True))))
        risk = _own_risk(scenario, e)
        if risk and not ex.war:  # a war says its own cause below
            rows.append(Row("body", "soft", f"    Its own chance of war, about {risk * 100:.0f}%, passed."))
    for cause in ex.causes:
        if cause.kind not in ("choice", "incident"):
            changes.append((len(rows), f"{cause_label(scenario, cause)}: ", "", cause.deltas))
    # Rounded together, so the rows add up to the net the gauges showed (see play.points).
    points = day_points(exact, [c[3] for c in changes], untraced or {}, ex.start, ex.end)
    for (at, before, after, _), shares in reversed(list(zip(changes, points.rows, strict=True))):
        change = _points_text(scenario, shares)
        if change:
            rows.insert(at, Row("body", "soft", f"{before}{change}{after}"))
    unknown = _points_text(scenario, points.untraced)
    if unknown:
        rows.append(Row("body", "soft", f"{UNTRACED_WORDS}: {unknown}."))
    net = _points_text(scenario, points.net)
    if net and (len(ex.causes) > 1 or unknown):  # with one cause alone, the net is that cause again
        rows.append(Row("body", "soft", f"Net change: {net}."))
    if any(e.kind == "dynamics" and e.day == ex.day for e in entries):  # the day is over
        rows.append(Row("italic", "soft", hazard_line(ex.hazard)))
    if ex.war:
        rows.append(Row("title", "stamp", "WAR."))
        why = war_cause(scenario, entries, ex.day, reader)
        if why:
            rows.append(Row("body", "ink", why))
    return rows


def war_cause(scenario: Scenario, entries: Sequence[LogEntry], day: int, reader: str | None = "") -> str:
    """What the day's war began with, as far as the reader may know: a war must never arrive unexplained."""
    e = next((e for e in entries if e.day == day and e.cause == "war"), None)
    if e is None:  # the other side's secret move: felt, never announced
        return "What began it, your side never learned."
    if e.kind == "choice":
        mine = e.by == "player" and (reader == "" or e.side == reader)
        who = "your" if mine else f"{scenario.sides[e.side].leader}'s"
        return f"It began with {who} choice: {option_label(scenario, e.event, e.option)}."
    if e.kind == "incident":
        return f"It began with an incident: {incident_title(scenario, e.incident)}."
    return (
        "No one ordered it: an accident, a misread order or a track pushed past its limit "
        "turned the day's danger into war."
    )


def politics_rule(scenario: Scenario, rule_id: str) -> PoliticalRule:
    return next(r for rules in scenario.politics.values() for r in rules if r.id == rule_id)


def politics_row(scenario: Scenario, entry: LogEntry) -> Row:
    """The day report's line for an overrule (the choice follows it) or a removal."""
    rule = politics_rule(scenario, entry.rule)
    if rule.remove is not None:
        return Row("title", "stamp", f"REMOVED — {rule.title}.")
    return Row("bold", "stamp", f"OVERRULED — {rule.title}.")


def politics_note(scenario: Scenario, note) -> str:
    """A rule near or in force, for the side it binds.

    'Pressure in the Presidium 78%: at 85% the Presidium will forbid ...': the number
    the player can still move, the level, and what happens there.
    """
    rule = note.rule.rule
    if note.value is None:
        return f"In force: {rule.title}."
    label = scenario.tracks[scenario_track(scenario, note)].label
    now, at = round(note.value * 100), round(note.level * 100)
    if not note.in_force:
        # Rounded, 49.6% short of a line at 50% would read "50%: at 50%", as if already there.
        reading = f"just under {at}%" if now >= at else f"{now}%"
        return f"{label} {reading}: at {at}% {rule.warning}."
    if rule.remove is not None:
        return f"{label} {now}%: if it is still at {at}% or more at the end of the day, {rule.warning}."
    if rule.overrule is not None:
        event = next(e for e in scenario.events if e.id == rule.overrule.event)
        return f"{label} {now}%: when '{event.title}' comes, {rule.warning}."
    return f"{label} {now}%: {rule.title}."


def scenario_track(scenario: Scenario, note) -> str:
    return list(scenario.tracks)[note.rule.watch[0]]


def closed_reason(rule: PoliticalRule) -> str:
    """Why an option is closed: the rule's title, as a sentence."""
    return f"{rule.title}."


def since_yesterday(scenario: Scenario, log: Sequence[LogEntry], side: str | None, day: int) -> list[str]:
    """What the other side did and what happened on the day before ``day``."""
    rows = []
    for e in log:
        if e.day != day - 1:
            continue
        if e.kind == "choice" and e.side != side:
            rows.append(f"{scenario.sides[e.side].leader}: {option_label(scenario, e.event, e.option)}.")
        elif e.kind == "incident":
            rows.append(f"Incident: {incident_title(scenario, e.incident)}.")
    return rows


@dataclass(frozen=True)
class PathStep:
    """One of the player's decisions beside what history did."""

    day: int
    date: str
    event: str
    yours: str
    history: str
    same: bool
    note: str
    source: str
    side: str = ""  # whose decision it was
    # History's choice made after the path had already left history's: the same words
    # then stand in another story, and "as history did" would claim too much.
    off_road: bool = False

    @property
    def same_words(self) -> str:
        """How a step that matches history's choice is marked, on or off history's road."""
        return "history's choice, on a road history did not take" if self.off_road else "as history did"


def player_path(scenario: Scenario, log: Sequence[LogEntry], side: str | None) -> tuple[PathStep, ...]:
    """Every decision taken for the player's side (by the player or for them), with history's."""
    steps = []
    left: set[str] = set()  # the sides whose path has already left history's
    for entry in log:
        if entry.kind != "choice" or (side is not None and entry.side != side):
            continue
        event = next(e for e in scenario.events if e.id == entry.event)
        chosen = next(o for o in event.options if o.id == entry.option)
        hist = next((o for o in event.options if o.historical), None)
        steps.append(
            PathStep(
                day=entry.day,
                date=day_dates(scenario, entry.day, year=False),
                event=event.title,
                yours=entry.label or chosen.label,
                history=(entry.history_label or hist.label) if hist else "(no historical counterpart)",
                same=hist is not None and hist.id == chosen.id,
                note=(hist or chosen).note,
                source=(hist or chosen).source,
                side=entry.side,
                off_road=bool(left),
            )
        )
        if hist is not None and hist.id != chosen.id:
            left.add(entry.side)
    return tuple(steps)


def kept_game(path: Path) -> str:
    """Where a finished game was kept, and what it is good for."""
    name = path.stem
    return (
        f"This game is kept as the save '{name}': load it, replay it with `thirteendays replay {name}`, "
        f"or write its after-action report with `thirteendays report {name} --out report.html`."
    )


def plural(count: int, noun: str) -> str:
    """'1 choice', '2 choices': a count in words a player reads."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def score_lines(card) -> list[str]:
    """The player's result placed among history's games and the computer's, in plain words."""

    def place(b) -> str:
        # Ties are named apart: a war, level with history's wars and worse than nothing, read
        # "better than 5%" when ties counted half in the one figure.
        rank = f"better than {(b.beaten - b.tied / 2) * 100:.0f}%"
        if round(b.tied * 100):
            rank += f" and level with {b.tied * 100:.0f}%"
        if b.same:
            return f"{rank} of {b.label} ({b.mean:+.1f} in every one)"
        # The mean's 95% interval, said as a margin: written "-3.8 to -1.3" it read as the
        # range of the games, and a result of -1 level with most of them seemed to lie outside.
        margin = (b.high - b.low) / 2
        if round(margin, 1) == 0:
            return f"{rank} of {b.label} ({b.mean:+.1f} on average)"
        return f"{rank} of {b.label} ({b.mean:+.1f} on average, give or take {margin:.1f})"

    def against(b, games: str) -> str:
        # The shares of games beaten and lost, not the mean: a war in a tenth of history's
        # games drags its mean below a plain standoff, and "did better on average" then read
        # false.  Ties are neither: a war level with 99% of history's wars beat none of them.
        better = b.beaten - b.tied / 2
        worse = 1 - better - b.tied
        if better > 0.5:
            return f"you beat most of {games}"
        if worse > 0.5:
            return f"most of {games} ended better for your side"
        if b.tied > 0.5:
            return f"most of {games} ended as yours did"
        return f"you broke even with {games}"

    history = against(card.history, "history's games")
    computer = against(card.computer, "the computer's")
    verdict = f"{history[0].upper()}{history[1:]}; {computer}."
    return [
        f"Your prestige {card.prestige:+d} is {place(card.history)}, and {place(card.computer)}, "
        f"over {card.runs:,} games against the same opponent with the same dice.",
        verdict,
    ]


def date_span(scenario: Scenario) -> str:
    """'October 16 – 28, 1962': the days a scenario covers, as its title page shows them."""
    return scenario_dates(scenario)


def surname(scenario: Scenario, side: str) -> str:
    """'Khrushchev' for Nikita Khrushchev: how a pass-the-screen page names a player."""
    return scenario.sides[side].leader.split()[-1]


def pass_screen(scenario: Scenario, side: str) -> tuple[str, str]:
    """(title, instruction) of the page between two players' turns at one screen.

    It names only whose turn it is: nothing of either side's game is on it.
    """
    name = surname(scenario, side)
    return (
        f"Pass the screen to {name}",
        f"Press Enter when only {name} is looking.",
    )


def everyone_screen(archives_open: bool) -> tuple[str, str]:
    """(title, instruction) of the page that calls both players back for the ending."""
    return (
        "The crisis is over: both players may look",
        ARCHIVES_OPEN + " Press Enter when you are both here."
        if archives_open
        else "Press Enter when you are both here.",
    )


ARCHIVES_OPEN = "The archives are now open: what each side kept from the other is shown to both."
HOTSEAT_LABEL = "two players (hot-seat)"


def archive_lines(scenario: Scenario, hidden: Mapping[str, Sequence[LogEntry]]) -> list[str]:
    """What each side never saw during the game, for both players at the ending.

    ``hidden`` maps a side to the log entries its own view left out.
    """
    lines = []
    for side, entries in hidden.items():
        for e in entries:
            if e.kind == "choice":
                what = f"{scenario.sides[e.side].leader}: {option_label(scenario, e.event, e.option)}"
            elif e.kind == "incident":
                what = f"Incident: {incident_title(scenario, e.incident)}"
            else:
                continue
            lines.append(f"Kept from {surname(scenario, side)} — day {e.day}, {what}.")
    return lines


_MIND_NAMES = {
    "historical": "the computer, playing as history did",
    "cautious": "the computer at Cautious",
    "reckless": "the computer at Reckless",
    "master": "the computer at Master, which looks ahead",
    "ai": "the computer, weighing its options by the tension it feels",
    "hawk": "the computer as a hawk, always taking the hardest line",
    "dove": "the computer as a dove, always taking the softest line",
    "random": "the computer choosing at random",
}


def opponent_words(mind: str) -> str:
    """Who played the other side, in words a class can read ('ai' is the code's name)."""
    return _MIND_NAMES.get(mind, f"the computer ({mind})")
