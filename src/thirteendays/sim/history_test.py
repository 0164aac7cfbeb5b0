"""``thirteendays test FILE --history``: what history looks like when every side follows it.

A content author pins incidents to their dates and sets DEFCON by option; this
is the instrument they tune against.  N seeded games are played with every side
on the ``historical`` policy, and a day observer counts, per day, how many games
were still running at its start (the denominator of every share here), which
incidents fired that day, the DEFCON shown at the day's end and the flags set.

Shares are among the games *still running at the start of that day*, so an
incident that fires on October 27 in 95% of the games that reached October 27
reads 95% there whatever happened to the others earlier.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import numpy as np

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.state import State
from ..engine.streams import Streams
from ..play.dates import day_dates_short
from ..scenario.model import Scenario


class _Counter:
    """The day observer: counts per day, never keeps a game's history."""

    def __init__(self, c: Compiled, n: int, defcon: bool) -> None:
        days = c.days
        self.c = c
        self.defcon = defcon
        self.running = np.zeros(days + 1, dtype=np.int64)  # games running at the start of each day
        self.fired = np.zeros((len(c.incidents), days + 1), dtype=np.int64)
        self.flags = np.zeros((len(c.flag_ids), days + 1), dtype=np.int64)
        self.levels = np.zeros((6, days + 1), dtype=np.int64)  # DEFCON 1..5 at the day's end
        self.was_over = np.zeros(n, dtype=bool)
        self.had = np.zeros((len(c.incidents), n), dtype=bool)
        self.endings = np.zeros(len(c.ending_ids) + 1, dtype=np.int64)  # last: no ending
        self.last_day = 0

    def day_end(self, day: int, state: State) -> None:
        self.last_day = day
        playing = ~self.was_over
        self.running[day] = int(playing.sum())
        new = state.incidents & ~self.had
        self.fired[:, day] = (new & playing).sum(axis=1)
        self.had = state.incidents.copy()
        for f in range(len(self.c.flag_ids)):
            on = (state.flags & np.uint64(1 << f)) != 0
            self.flags[f, day] = int((on & playing).sum())
        if self.defcon:
            settled = State(**{**state.__dict__, "tracks": state.settled_tracks()})
            level = self.c.defcon_level(settled)[playing]
            self.levels[:, day] = np.bincount(level, minlength=6)[:6]
        self.was_over = state.over.copy()

    def ending(self, day: int, state: State, endings: np.ndarray) -> None:
        if self.last_day < day:  # every game ended during this day: count it all the same
            self.day_end(day, state)
        self.endings += np.bincount(
            np.where(endings >= 0, endings, len(self.c.ending_ids)), minlength=len(self.endings)
        )


@dataclass(frozen=True)
class HistoryReport:
    """Per-day counts from N games in which every side followed history."""

    scenario: Scenario
    runs: int
    seed: int
    running: np.ndarray  # (days + 1,) games running at the start of each day; [0] unused
    fired: dict[str, np.ndarray]  # incident id -> (days + 1,) games in which it fired that day
    flags: dict[str, np.ndarray]  # flag id -> (days + 1,) running games with it set at the day's end
    defcon: np.ndarray | None  # (6, days + 1): games at DEFCON 1..5 at the day's end; None: no DEFCON
    endings: dict[str, int]  # ending id (or "" for none) -> games

    def share(self, count: np.ndarray, day: int) -> float:
        return float(count[day]) / self.running[day] if self.running[day] else 0.0

    def incident_days(self, incident_id: str) -> dict[int, float]:
        """Share of the games running on each day of the window in which the incident fired."""
        inc = next(x for x in self.scenario.incidents if x.id == incident_id)
        return {
            d: self.share(self.fired[incident_id], d)
            for d in sorted(set(inc.days))
            if d <= self.scenario.days
        }

    def never(self, incident_id: str) -> float:
        """Share of all games in which the incident never fired."""
        return 1.0 - float(self.fired[incident_id].sum()) / self.runs

    def defcon_shares(self, day: int) -> dict[int, float]:
        if self.defcon is None:
            return {}
        total = self.running[day]
        return {
            lvl: float(self.defcon[lvl, day]) / total
            for lvl in range(5, 0, -1)
            if total and self.defcon[lvl, day]
        }


def history_run(scenario: Scenario, runs: int = 1000, seed: int = 0) -> HistoryReport:
    """Play ``runs`` seeded games with every side following history, counting by day."""
    c = Compiled(scenario)
    has_defcon = c.has_defcon
    counter = _Counter(c, runs, has_defcon)
    game = Game(c, n=runs, streams=Streams.for_run(seed, runs), record=False, history=False, observer=counter)
    game.run(dict.fromkeys(c.side_ids, "historical"))
    endings = {eid: int(k) for eid, k in zip(c.ending_ids, counter.endings, strict=False)}
    if counter.endings[-1]:
        endings[""] = int(counter.endings[-1])
    return HistoryReport(
        scenario,
        runs,
        seed,
        counter.running,
        {x.id: counter.fired[i] for i, x in enumerate(c.incidents)},
        {f: counter.flags[i] for i, f in enumerate(c.flag_ids)},
        counter.levels if has_defcon else None,
        endings,
    )


def _date(s: Scenario, day: int) -> str:
    return day_dates_short(s, day)


def history_text(r: HistoryReport) -> str:
    s = r.scenario
    out = io.StringIO()
    w = out.write
    w(f"History: {r.runs:,} games of {s.id}, seed {r.seed}, every side following history\n")
    w("\nIncidents: share of the games running that day in which each fires\n")
    if not s.incidents:
        w("  (this scenario has no incidents)\n")
    for x in s.incidents:
        cells = "  ".join(f"{_date(s, d)} {p * 100:5.1f}%" for d, p in r.incident_days(x.id).items())
        w(f"  {x.id:<24}{cells}  never (of all games) {r.never(x.id) * 100:5.1f}%\n")
    w("\nBy day (games running at the start of the day; DEFCON and flags at its end):\n")
    for day in range(1, s.days + 1):
        if not r.running[day]:
            w(f"  {_date(s, day):<8} no game still running\n")
            continue
        if r.defcon is None:
            defcon = "no DEFCON"
        else:
            defcon = "DEFCON " + ", ".join(
                f"{lvl}: {p * 100:.0f}%" for lvl, p in r.defcon_shares(day).items()
            )
        flags = ", ".join(f"{f} {r.share(c, day) * 100:.0f}%" for f, c in r.flags.items() if c[day])
        w(f"  {_date(s, day):<8}{r.running[day]:>8,} running  {defcon}  flags: {flags or 'none'}\n")
    w("\nEndings:\n")
    titles = {e.id: e.title for e in s.endings}
    for eid, k in sorted(r.endings.items(), key=lambda kv: -kv[1]):
        if k:
            w(f"  {titles.get(eid, '(no ending)')[:40]:<42}{k / r.runs * 100:6.1f}%\n")
    return out.getvalue()


def history_json(r: HistoryReport) -> dict:
    s = r.scenario
    days = range(1, s.days + 1)
    return {
        "scenario": s.id,
        "runs": r.runs,
        "seed": r.seed,
        "policy": "historical",
        "days": [
            {
                "day": d,
                "date": s.date_of(d).isoformat(),
                "running": int(r.running[d]),
                "defcon": None if r.defcon is None else {str(k): v for k, v in r.defcon_shares(d).items()},
                "flags": {f: r.share(c, d) for f, c in r.flags.items()},
            }
            for d in days
        ],
        "incidents": {
            x.id: {"days": {str(d): p for d, p in r.incident_days(x.id).items()}, "never": r.never(x.id)}
            for x in s.incidents
        },
        "endings": {eid or "none": k / r.runs for eid, k in r.endings.items()},
    }


def history_csv(r: HistoryReport) -> str:
    s = r.scenario
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["kind", "id", "day", "date", "share", "running"])
    for x in s.incidents:
        for d, p in r.incident_days(x.id).items():
            w.writerow(["incident", x.id, d, s.date_of(d).isoformat(), f"{p:.6f}", int(r.running[d])])
        w.writerow(["incident_never", x.id, "", "", f"{r.never(x.id):.6f}", r.runs])
    for d in range(1, s.days + 1):
        date, running = s.date_of(d).isoformat(), int(r.running[d])
        for lvl, p in r.defcon_shares(d).items():
            w.writerow(["defcon", lvl, d, date, f"{p:.6f}", running])
        for f, c in r.flags.items():
            w.writerow(["flag", f, d, date, f"{r.share(c, d):.6f}", running])
    for eid, k in r.endings.items():
        w.writerow(["ending", eid or "none", "", "", f"{k / r.runs:.6f}", r.runs])
    return out.getvalue()


MAX_HISTORY_RUNS = 1_000_000


def print_history(scenario: Scenario, runs: int, seed: int, fmt: str) -> int:
    """The ``test --history`` command's output; exit status 2 for a run count it refuses."""
    if runs > MAX_HISTORY_RUNS:
        print(f"thirteendays test: --runs is at most {MAX_HISTORY_RUNS:,} with --history")
        return 2
    report = history_run(scenario, runs, seed)
    if fmt == "json":
        print(json.dumps(history_json(report), indent=2))
    elif fmt == "csv":
        print(history_csv(report), end="")
    else:
        print(history_text(report), end="")
    return 0
