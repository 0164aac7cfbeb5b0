"""Static checks over a loaded scenario, plus a quick simulated sweep for what static checks miss.

Like Ren'Py's lint and Yarn Spinner's diagnostics: every finding is a coded
``Diagnostic`` with a position, and the run ends with statistics.  Static
reasoning proves what can never happen (a flag nothing sets); a short batch
simulation over every pairing of built-in policies shows what no path reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel

from ..engine.policies import POLICIES
from .codes import CODES
from .conditions_model import AllOf, Always, AnyOf, Chose, FlagIs, NotOf, TrackIn, War
from .diagnostics import Diagnostic, Severity, format_path
from .lint_authoring import authoring_checks
from .lint_hidden import check_leaks
from .lint_politics import politics_checks
from .loader import LoadResult
from .maps import MAPS
from .model import EndingKind, Scenario
from .references import conditions_of, walk_condition
from .wording_lint import plain_texts
from .wording_lint import variants_possible as _variants_possible
from .wording_lint import wordings as _wordings
from .yaml_safe import Path

MAX_WORDS = 150
MAX_LABEL = 90
MAX_TITLE = 60


@dataclass
class LintReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    file: str = ""

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def failed(self, strict: bool = False) -> bool:
        bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(d.severity in bad for d in self.diagnostics)


class Facts:
    """What can ever be true of a scenario, from its text alone."""

    def __init__(self, s: Scenario) -> None:
        self.s = s
        self.set_flags = {f for e in s.events for o in e.options for f in o.set} | {
            f for x in s.incidents for f in x.set
        }
        self.set_flags |= {x.flag for side in s.sides.values() for x in side.secrets if x.start}
        self.cleared = {f for e in s.events for o in e.options for f in o.clear} | {
            f for x in s.incidents for f in x.clear
        }
        self.events = {e.id: e for e in s.events}
        self.order = {e.id: i for i, e in enumerate(s.events)}
        m = s.model
        moved = {t for e in s.events for o in e.options for t, v in o.effects.items() if v}
        moved |= {t for x in s.incidents for t, v in x.effects.items() if v}
        moved |= {t for t, row in m.coupling.items() if any(row.values())}
        moved |= {t for t, v in m.drift.items() if v} | {t for t, v in m.noise.items() if v}
        moved |= {t for t, v in m.decay.items() if v}  # decay alone cannot move a track off its start,
        self.moved = moved  # but coupling into it can; both count as movement for the lint

    def possible(
        self,
        cond: BaseModel | None,
        *,
        event_day: int | None = None,
        order: int = 10**9,
        ending: bool = False,
    ) -> bool:
        """Could the condition ever be true where it is evaluated?"""
        if cond is None:
            return True
        if isinstance(cond, FlagIs):
            return cond.flag in self.set_flags
        if isinstance(cond, TrackIn):
            if cond.track in self.moved:
                return not (cond.above is not None and cond.above > 1.0)
            start = self.s.tracks[cond.track].start
            return (cond.above is None or start >= cond.above) and (cond.below is None or start < cond.below)
        if isinstance(cond, Chose):
            other = self.events.get(cond.chose.event)
            if other is None:
                return False
            if event_day is not None:
                if other.day > event_day:
                    return False
                if (
                    other.day == event_day
                    and (other.until or other.day) == other.day
                    and self.order[other.id] >= order
                ):
                    return False
            option = next((o for o in other.options if o.id == cond.chose.option), None)
            return option is not None and self.possible(option.when, event_day=event_day, order=order)
        if isinstance(cond, War):
            return cond.war is False or ending
        if isinstance(cond, Always):
            return cond.always
        if isinstance(cond, AllOf):
            return all(self.possible(c, event_day=event_day, order=order, ending=ending) for c in cond.all)
        if isinstance(cond, AnyOf):
            return any(self.possible(c, event_day=event_day, order=order, ending=ending) for c in cond.any)
        if isinstance(cond, NotOf):
            return not self.certain(cond.not_)
        return True  # defcon_at_most and anything else: assume it can be true

    def certain(self, cond: BaseModel | None) -> bool:
        """Is the condition always true?"""
        if cond is None:
            return True
        if isinstance(cond, Always):
            return cond.always
        if isinstance(cond, NotOf):
            inner = cond.not_
            if isinstance(inner, FlagIs):
                return inner.flag not in self.set_flags
            return not self.possible(inner, ending=True)
        if isinstance(cond, AllOf):
            return all(self.certain(c) for c in cond.all)
        if isinstance(cond, AnyOf):
            return any(self.certain(c) for c in cond.any)
        return False


def lint(result: LoadResult, *, simulate_runs: int = 2000) -> LintReport:
    """All findings for a loaded file; the loader's own errors come first."""
    report = LintReport(list(result.diagnostics), file=result.file)
    s = result.scenario
    if s is None:
        return report
    pos, file = result.positions, result.file
    out = report.diagnostics

    def add(code: str, path: Path, message: str, hint: str = "", *, key: bool = False) -> None:
        line, col = pos.of(path, key=key)
        out.append(Diagnostic(code, CODES[code].severity, file, line, col, format_path(path), message, hint))

    facts = Facts(s)
    _flags(s, facts, add)
    _tracks(s, facts, add)
    authoring_checks(s, add)
    check_leaks(s, add)
    for ei, e in enumerate(s.events):
        base: Path = ("events", ei)
        if not facts.possible(e.when, event_day=e.until or e.day, order=ei):
            add(
                "TD101",
                (*base, "when"),
                f"event '{e.id}' can never fire: its condition can never be true",
                why_impossible(e.when, facts),
            )
        for oi, o in enumerate(e.options):
            ob: Path = (*base, "options", oi)
            if not facts.possible(o.when, event_day=e.until or e.day, order=ei):
                add(
                    "TD102",
                    (*ob, "when"),
                    f"option '{e.id}/{o.id}' can never be offered",
                    why_impossible(o.when, facts),
                )
            has_note = any(t.strip() for t in plain_texts(o.note))
            if not has_note or not o.source.strip():
                missing = "note" if not has_note else "source"
                add(
                    "TD109",
                    (*ob, "id"),
                    f"option '{e.id}/{o.id}' has no {missing}",
                    "say what really happened and where that comes from",
                )
            if not (o.effects or o.set or o.clear or o.risk or o.end):
                add("TD112", (*ob, "id"), f"option '{e.id}/{o.id}' changes nothing", "give it a consequence")
            for vpath, label in _wordings(o.label, (*ob, "label")):
                if len(label) > MAX_LABEL:
                    add(
                        "TD111",
                        vpath,
                        f"label is {len(label)} characters (limit {MAX_LABEL})",
                        "shorten it so it fits on a card",
                    )
            _variants_possible(facts, o.label, (*ob, "label"), e, ei, add)
            _variants_possible(facts, o.note, (*ob, "note"), e, ei, add)
        for vpath, text in _wordings(e.text, (*base, "text")):
            words = len(text.split())
            if words > MAX_WORDS:
                add(
                    "TD111",
                    vpath,
                    f"event text is {words} words (limit about {MAX_WORDS})",
                    "cut it, or move detail into the note",
                )
        _variants_possible(facts, e.text, (*base, "text"), e, ei, add)
        for vpath, title in _wordings(e.title, (*base, "title")):
            if len(title) > MAX_TITLE:
                add("TD111", vpath, f"title is {len(title)} characters (limit {MAX_TITLE})")
        _variants_possible(facts, e.title, (*base, "title"), e, ei, add)
    _days(s, add)
    for ii, x in enumerate(s.incidents):
        _variants_possible(facts, x.text, ("incidents", ii, "text"), None, 0, add)
    _endings(s, facts, add)
    politics_checks(s, facts, add, why_impossible)
    if simulate_runs:
        _simulated(s, facts, add, simulate_runs)
    out.sort(key=lambda d: (d.file, d.line, d.col, d.code))
    report.stats = {
        "events": len(s.events),
        "options": sum(len(e.options) for e in s.events),
        "incidents": len(s.incidents),
        "endings": len(s.endings),
        "words": sum(len(t.split()) for e in s.events for t in plain_texts(e.text)),
    }
    return report


def why_impossible(cond: BaseModel | None, facts: Facts) -> str:
    for leaf, _ in walk_condition(cond, ()):
        if isinstance(leaf, FlagIs) and leaf.flag not in facts.set_flags:
            return f"nothing sets flag '{leaf.flag}'"
        if isinstance(leaf, Chose):
            return f"'{leaf.chose.event}' cannot have been decided by then"
        if isinstance(leaf, War) and leaf.war:
            return "events never fire once war has broken out"
    return "check the condition's parts"


def _flags(s: Scenario, facts: Facts, add) -> None:
    read: set[str] = set(MAPS.get(s.map, ())) if isinstance(s.map, str) else set()
    for cond, _ in conditions_of(s):
        for leaf, _ in walk_condition(cond, ()):
            if isinstance(leaf, FlagIs):
                read.add(leaf.flag)
    read |= {x.flag for side in s.sides.values() for x in side.secrets}  # shown once revealed
    for i, flag in enumerate(s.flags):
        path: Path = ("flags", i)
        written = flag in facts.set_flags or flag in facts.cleared
        if flag in read and flag not in facts.set_flags:
            add("TD104", path, f"flag '{flag}' is read but never set", "set it in an option or incident")
        elif flag in facts.set_flags and flag not in read:
            add(
                "TD103",
                path,
                f"flag '{flag}' is set but never read",
                "read it in a condition, or stop setting it",
            )
        elif not written and flag not in read:
            add("TD105", path, f"flag '{flag}' is never used", "remove it from the list")


def _tracks(s: Scenario, facts: Facts, add) -> None:
    for tid in s.tracks:
        if tid not in facts.moved:
            add(
                "TD106",
                ("tracks", tid),
                f"nothing moves track '{tid}'",
                "give some option an effect on it, or couple it to another track",
                key=True,
            )


def _days(s: Scenario, add) -> None:
    for side in s.sides:
        days = {e.day for e in s.events if e.side == side}  # a ranged event still decides only once
        if not days:
            continue
        quiet = set(s.sides[side].quiet_days)
        missing = [d for d in range(1, s.days + 1) if d not in days and d not in quiet]
        if missing:
            shown = ", ".join(str(d) for d in missing[:8])
            add(
                "TD110",
                ("sides", side),
                f"side '{side}' has no decision on day(s) {shown}",
                "add events, or accept quiet days",
                key=True,
            )


def _endings(s: Scenario, facts: Facts, add) -> None:
    catch_all = None
    for ni, ending in enumerate(s.endings):
        path: Path = ("endings", ni)
        if ending.kind == EndingKind.REMOVED:  # reached by a politics rule, not by first match: TD131
            continue
        if catch_all is not None:
            add(
                "TD107",
                (*path, "id"),
                f"ending '{ending.id}' comes after '{catch_all}', which always matches",
                "move it before the catch-all",
            )
        elif not facts.possible(ending.when, ending=True):
            add(
                "TD107",
                (*path, "when"),
                f"ending '{ending.id}' can never match",
                why_impossible(ending.when, facts),
            )
        if catch_all is None and facts.certain(ending.when):
            catch_all = ending.id
        _variants_possible(facts, ending.text, (*path, "text"), None, 0, add)
        for side, told in ending.views.items():
            _variants_possible(facts, told, (*path, "views", side), None, 0, add)
    # No catch-all at all (TD108) is refused by the loader: the engine cannot run it.


# The sweep's cost is (games) x (decisions and incident rolls per game); past this
# much work a huge scenario plays fewer games, so lint stays a few seconds at any
# size.  The shipped scenarios are far below it and play the full count.
SWEEP_WORK = 400_000_000
MIN_SWEEP_GAMES = 5_000


def sweep_games(s: Scenario, runs: int, pairings: int) -> int:
    """How many games the simulated sweep plays: ``runs`` per pairing, within SWEEP_WORK."""
    per_game = len(s.events) + sum(len(set(x.days)) for x in s.incidents)
    return max(min(MIN_SWEEP_GAMES, runs * pairings), min(runs * pairings, SWEEP_WORK // max(per_game, 1)))


def _mixed(owner: np.ndarray):
    """One policy per game: game i plays the built-in policy ``owner[i]``.

    Every pairing of built-in policies then runs in one batch: the engine's cost
    per day is mostly per incident, not per game, so one batch of 50,000 is
    several times cheaper than twenty-five of 2,000.
    """
    groups = [(POLICIES[name], owner == k) for k, name in enumerate(POLICIES)]

    def policy(event, legal: np.ndarray, state, u: np.ndarray) -> np.ndarray:
        out = np.zeros(legal.shape[1], dtype=np.int16)
        for choose, rows in groups:
            np.copyto(out, choose(event, legal, state, u), where=rows, casting="unsafe")
        return out

    policy.__name__ = "mixed"
    return policy


def _simulated(s: Scenario, facts: Facts, add, runs: int) -> None:
    """Play every pairing of built-in policies briefly; report endings and options nobody reached."""
    from ..engine.compiled import Compiled
    from ..engine.game import Game
    from ..engine.streams import Streams

    c = Compiled(s)
    names = list(POLICIES)
    pairs = len(names) ** 2
    total = sweep_games(s, runs, pairs)
    pairing = np.arange(total) % pairs  # game i plays pairing i mod 25: first side a, second side b
    policies = {c.side_ids[0]: _mixed(pairing // len(names)), c.side_ids[1]: _mixed(pairing % len(names))}
    streams = Streams.for_run(np.random.SeedSequence(1), total)
    result = Game(c, n=total, streams=streams, record=False, history=False).run(policies)
    reached = {c.ending_ids[i] for i in np.unique(result.endings) if i >= 0}
    taken = {
        e.id: {e.option_ids[i] for i in np.unique(result.state.choices[e.index]) if 0 <= i < e.n_options}
        for e in c.events
    }
    for ni, ending in enumerate(s.endings):
        if ending.kind == EndingKind.REMOVED:
            continue  # reached only where a politics rule removes a leader; the built-in policies may not
        if ending.id not in reached and facts.possible(ending.when, ending=True):
            add(
                "TD107",
                ("endings", ni, "id"),
                f"ending '{ending.id}' was reached by none of {total:,} simulated games",
                "check its condition against the flags and tracks that lead to it",
            )
    for ei, e in enumerate(s.events):
        for oi, o in enumerate(e.options):
            if (
                o.id not in taken[e.id]
                and facts.possible(o.when, event_day=e.until or e.day, order=ei)
                and facts.possible(e.when, event_day=e.until or e.day, order=ei)
            ):
                add(
                    "TD113",
                    ("events", ei, "options", oi, "id"),
                    f"option '{e.id}/{o.id}' was taken in none of {total:,} simulated games",
                    "run 'thirteendays test' to search harder",
                )


def format_report(report: LintReport) -> list[str]:
    lines = [d.format() for d in report.diagnostics]
    st = report.stats
    if st:
        lines.append(
            f"{report.file}: {st['events']} events, {st['options']} options, {st['incidents']} incidents, "
            f"{st['endings']} endings, {st['words']} words of event text; "
            f"{report.count(Severity.ERROR)} errors, {report.count(Severity.WARNING)} warnings, "
            f"{report.count(Severity.INFO)} notes"
        )
    return lines
