"""The after-action report: one self-contained HTML page about one finished game.

Written for a classroom: a teacher collects the pages, a student prints one.
So the page carries everything inside itself (styles, the chart as inline SVG),
loads nothing from the network, runs no scripts, and lays out for paper as well
as for a screen.  Every string from the scenario is escaped, because a
scenario is a file anyone can write.
"""

from __future__ import annotations

from html import escape

import numpy as np

from .. import __version__
from ..engine.game import Game
from ..engine.replay import is_hotseat
from ..play.dates import day_dates, day_dates_short, scenario_dates
from ..play.prestige import prestige_parts
from ..play.view import EndingView, PlayerView, view_for
from ..play.words import opponent_words
from ..scenario.model import Option, Scenario
from .chart_svg import tracks_svg

STYLE = """
body{font:16px/1.5 Georgia,'Times New Roman',serif;color:#1a1a1a;background:#fbf8f1;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.9rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #1a1a1a;margin-top:2rem}
.meta{color:#444}.stamp{display:inline-block;border:2px solid #7a1010;color:#7a1010;padding:0 .4rem;
font:bold .8rem/1.6 sans-serif;letter-spacing:.08em;text-transform:uppercase}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #bbb;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#ece6d8}tr.same td.you{color:#205020}tr.differs td.you{color:#7a1010;font-weight:bold}
.source{color:#555;font-size:.85rem;font-style:italic}.accounts{display:flex;gap:1rem;flex-wrap:wrap}
.accounts section{flex:1 1 18rem;border-left:4px solid #999;padding-left:.8rem}
.chart{width:100%;height:auto;background:#fff;border:1px solid #ccc}
.chart .axis,.chart .legend{font:12px sans-serif;fill:#333}
ol.days li{margin-bottom:.4rem}footer{margin-top:2rem;color:#555;font-size:.85rem}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
h2{break-after:avoid}tr,section,figure{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""


class ReportError(ValueError):
    """The game cannot be reported on yet (it has not ended)."""


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text.strip() else ""


def _source(text: str, cited: list[str]) -> str:
    if not text.strip():
        return ""
    if text not in cited:
        cited.append(text)
    return f'<div class="source">Source: {escape(text)}</div>'


def _option(scenario: Scenario, event_id: str, option_id: str) -> Option:
    event = next(e for e in scenario.events if e.id == event_id)
    return next(o for o in event.options if o.id == option_id)


def render_report(game: Game, *, saved_as: str = "") -> str:
    """The report of a finished game as one HTML document, built from the player's own view.

    Reading the ``PlayerView`` rather than the engine means the page can show
    nothing the player's side could not see in the game itself.
    """
    if not game.finished or game.endings is None:
        made = len(game.player_choices)
        raise ReportError(
            f"the game has not ended yet ({made} choice{'s' * (made != 1)} so far): "
            "a report needs a finished game"
        )
    view = view_for(game, game.side)
    scenario = game.scenario
    side = scenario.sides[game.side] if game.side else None
    ending = view.ending
    cited: list[str] = []
    played = f"You played {side.leader} ({side.name})" if side else "Both sides were played by the computer"
    who = (
        f"Two players, one for each side, took turns at one screen; seed {game.seed}"
        if is_hotseat(game)
        else f"{played} against {opponent_words(game.opponent)}; seed {game.seed}"
    )
    head = [
        f"<header><p class='meta'>After-action report · {escape(scenario.title)} · "
        f"{escape(scenario_dates(scenario))}</p>",
        f"<h1>{escape(ending.title if ending else 'No ending matched')}</h1>",
        f"<p class='meta'>{escape(who)}; the crisis ended on day {int(game.state.end_day[0]) or game.day} "
        f"({_date(scenario, int(game.state.end_day[0]) or game.day)}).</p>",
        "<p><span class='stamp'>As in history</span></p>" if ending and ending.historical else "",
        "</header>",
    ]
    return "".join(
        [
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<title>After-action report: {escape(scenario.title)}</title>",
            f"<style>{STYLE}</style></head><body><main>",
            *head,
            _ending_section(view, cited),
            _chart_section(view, int(game.state.end_day[0]) or None),
            _path_section(view, cited),
            _days_section(view),
            _epilogue_section(scenario, ending, cited),
            _sources_section(cited),
            f"<footer>Made by Thirteen Days {escape(__version__)}. "
            + (
                f"Replay this game with <code>thirteendays replay {escape(saved_as)}</code>."
                if saved_as
                else ""
            )
            + "</footer></main></body></html>",
        ]
    )


def _date(scenario: Scenario, day: int) -> str:
    return day_dates(scenario, max(1, day), year=False)


def _ending_section(view: PlayerView, cited: list[str]) -> str:
    ending, sides = view.ending, view.scenario.sides
    if ending is None:
        return "<section><h2>The outcome</h2><p>No ending of this scenario matched the game.</p></section>"
    scores = ", ".join(prestige_parts(view.scenario, ending))
    accounts = "".join(
        f"<section><h3>As the {escape(sides[sid].name)} tells it</h3>{_p(text)}</section>"
        for sid, text in ending.views
        if sid in sides
    )
    return "".join(
        [
            "<section><h2>The outcome</h2>",
            _p(ending.text),
            f"<p class='meta'>Prestige: {escape(scores)}.</p>" if scores else "",
            f"<div class='accounts'>{accounts}</div>" if accounts else "",
            f"<h3>The historian's view</h3>{_p(ending.reflection)}" if ending.reflection else "",
            _source(ending.source, cited),
            "</section>",
        ]
    )


def _chart_section(view: PlayerView, ended: int | None) -> str:
    if not view.history:
        return ""
    scenario = view.scenario
    labels = [t.label for t in view.tracks]
    days = ["start"] + [day_dates_short(scenario, d) for d in range(1, scenario.days + 1)]
    svg = tracks_svg(np.asarray(view.history, dtype=float), labels, days, ended_on=ended)
    caption = "Each track at the end of each day, 0 to 100%."
    return (
        f"<section><h2>The tracks</h2><figure>{svg}"
        f"<figcaption class='meta'>{caption}</figcaption></figure></section>"
    )


def _path_section(view: PlayerView, cited: list[str]) -> str:
    if view.ending is None:
        return ""
    rows = []
    for step, (event_id, option_id) in zip(view.ending.path, _side_choices(view), strict=True):
        chosen = _option(view.scenario, event_id, option_id)
        notes = _p(step.note) + _source(step.source, cited)
        if step.same and step.off_road:
            notes = f"<p><em>{escape(step.same_words.capitalize())}.</em></p>" + notes
        if not step.same and chosen.note and chosen.note != step.note:
            notes += f"<p><em>About your choice:</em> {escape(chosen.note)}</p>"
            notes += _source(chosen.source, cited)
        rows.append(
            f"<tr class='{'same' if step.same else 'differs'}'><td>{escape(step.date)}</td>"
            f"<td>{escape(step.event)}</td><td class='you'>{escape(step.yours)}</td>"
            f"<td>{escape(step.history)}</td><td>{notes}</td></tr>"
        )
    if not rows:
        return ""
    same = sum("class='same'" in r for r in rows)
    return (
        "<section><h2>Your path beside history</h2>"
        f"<p>You took history's course in {same} of {len(rows)} decisions.</p>"
        "<table><thead><tr><th>Date</th><th>Decision</th><th>Your choice</th><th>History</th>"
        "<th>What really happened</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>"
    )


def _side_choices(view: PlayerView) -> list[tuple[str, str]]:
    """The (event, option) pairs the player's path lists, in the same order as the path."""
    return [
        (e.event, e.option)
        for e in view.log
        if e.kind == "choice" and (view.side is None or e.side == view.side)
    ]


def _days_section(view: PlayerView) -> str:
    scenario = view.scenario
    by_day: dict[int, list[str]] = {}
    for entry in view.log:
        if entry.kind == "choice":
            leader = scenario.sides[entry.side].leader
            text = f"{leader}: {_option(scenario, entry.event, entry.option).label}"
        elif entry.kind == "incident":
            incident = next(i for i in scenario.incidents if i.id == entry.incident)
            text = f"Incident: {incident.title}"
        else:
            continue
        if entry.cause == "war":
            text += " — and war followed"
        by_day.setdefault(entry.day, []).append(escape(text))
    if not by_day:
        return ""
    items = "".join(
        f"<li><strong>{escape(_date(scenario, day))}</strong>: {'; '.join(lines)}.</li>"
        for day, lines in sorted(by_day.items())
    )
    return f"<section><h2>Day by day</h2><ol class='days'>{items}</ol></section>"


def _epilogue_section(scenario: Scenario, ending: EndingView | None, cited: list[str]) -> str:
    epilogue = scenario.epilogue
    rows = "".join(
        f"<tr><td>{t.date:%B} {t.date.day}, {t.date.year}</td><td>{escape(t.name)}</td>"
        f"<td>{escape(t.note)}{_source(t.source, cited)}</td></tr>"
        for t in epilogue.treaties
    )
    if not (rows or epilogue.text or (ending and ending.epilogue)):
        return ""
    return "".join(
        [
            "<section><h2>Afterwards</h2>",
            _p(ending.epilogue) if ending else "",
            _p(epilogue.text),
            "<table><thead><tr><th>Date</th><th>Treaty</th><th>What it did</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            if rows
            else "",
            "</section>",
        ]
    )


def _sources_section(cited: list[str]) -> str:
    if not cited:
        return ""
    items = "".join(f"<li>{escape(s)}</li>" for s in cited)
    return f"<section><h2>Sources cited</h2><ol>{items}</ol></section>"
