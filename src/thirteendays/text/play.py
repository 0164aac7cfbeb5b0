"""The terminal front end: plain numbered prompts that work piped and with screen readers.

Everything is printed as whole sentences on their own lines: no colour codes,
no cursor tricks, no box drawing, so a screen reader reads it in order and a
file of answers can be piped in (``thirteendays play --text < answers.txt``).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TextIO

from ..engine.explain import explain_day, option_warnings, player_path
from ..engine.game import Game
from ..engine.replay import save_of
from ..storage import autosave_path, write_save

WIDTH = 78
STANCE_WORDS = {"escalate": "escalate", "hold": "hold firm", "concede": "concede"}


class TextUI:
    def __init__(
        self, game: Game, out: TextIO, inp: TextIO, *, scenario_file: str = "", autosave: Path | None = None
    ) -> None:
        self.game = game
        self.out = out
        self.inp = inp
        self.scenario_file = scenario_file
        self.autosave = autosave if autosave is not None else autosave_path()
        self.shown_day = 0

    # ----- output helpers ---------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in text.split("\n"):
            print(
                textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent) if para else "",
                file=self.out,
            )

    def heading(self, text: str) -> None:
        self.say()
        self.say(text)
        self.say("=" * min(len(text), WIDTH))

    def tracks_line(self) -> None:
        g = self.game
        c = g.compiled
        values = g.state.tracks[0]
        parts = [
            f"{g.scenario.tracks[t].label} {round(float(v) * 100)}%"
            for t, v in zip(c.track_ids, values, strict=True)
        ]
        defcon = int(c.defcon(g.state.tracks)[0])
        self.say(f"DEFCON {defcon}. " + "; ".join(parts) + ".")

    # ----- the loop ---------------------------------------------------------------------
    def run(self) -> int:
        g = self.game
        s = g.scenario
        me = s.sides[g.side] if g.side else None
        self.heading(s.title)
        if me:
            self.say(
                f"You are {me.leader}, {me.title or 'leader'} of the {me.name}. "
                f"Your advisers: the {me.council}."
            )
        if s.summary:
            self.say(s.summary)
        self.say("Type the number of an option and press Enter. Type ? for help.")
        while True:
            decision = g.decision()
            self.report_days(upto=g.day - 1 if decision else g.day)
            if decision is None:
                break
            answer = self.ask(decision)
            if answer is None:
                self.say()
                self.say(f"Input ended before the crisis did. Your game is saved to {self.autosave}.")
                self.say("Continue it with: thirteendays play --continue --text")
                return 1
            if answer == "quit":
                self.say(f"Game saved to {self.autosave}. Goodbye.")
                return 0
            g.choose(answer)
            self.save()
        self.ending()
        return 0

    def ask(self, decision) -> str | None:
        g = self.game
        date = g.scenario.date_of(decision.day)
        self.heading(f"Day {decision.day} — {date:%A, %B} {date.day}, {date.year}: {decision.event.title}")
        self.say(decision.event.text)
        self.say()
        self.tracks_line()
        self.say()
        for i, option in enumerate(decision.options, 1):
            self.say(f"{i}. {option.label} ({STANCE_WORDS[option.stance.value]})")
            for warning in option_warnings(self.game, option):
                self.say(f"   Warning: {warning}.")
        while True:
            print(f"Your choice (1-{len(decision.options)}): ", end="", file=self.out, flush=True)
            line = self.inp.readline()
            if not line:
                return None
            text = line.strip().lower()
            if not text:
                continue
            if text.isdigit() and 1 <= int(text) <= len(decision.options):
                option = decision.options[int(text) - 1]
                self.say(f"You chose: {option.label}.")
                return option.id
            if text in ("q", "quit"):
                self.save()
                return "quit"
            if text in ("t", "tracks"):
                self.tracks_line()
            elif text in ("s", "save"):
                self.save()
                self.say(f"Saved to {self.autosave}.")
            elif text in ("?", "h", "help"):
                self.say(
                    "Commands: a number chooses that option; t shows the tracks; s saves; q saves and quits."
                )
            else:
                self.say(f"Please type a number from 1 to {len(decision.options)}, or ? for help.")

    def report_days(self, upto: int) -> None:
        """Say what happened on each finished day not yet reported."""
        while self.shown_day < upto:
            self.shown_day += 1
            self.report_day(self.shown_day)

    def report_day(self, day: int) -> None:
        g = self.game
        ex = explain_day(g, day)
        if not ex.causes and not ex.end:
            return
        self.say()
        self.say(f"End of day {day}:")
        labels = {t: g.scenario.tracks[t].label for t in g.compiled.track_ids}
        for cause in ex.causes:
            if cause.kind not in ("choice", "incident"):
                continue
            moved = (
                ", ".join(f"{labels[t]} {v * 100:+.0f}" for t, v in cause.deltas.items() if abs(v) >= 0.005)
                or "no change"
            )
            self.say(f"- {cause.label} ({moved}).")
            if cause.kind == "incident":
                incident = next(x for x in g.scenario.incidents if x.id == cause.ref)
                self.say(incident.text, indent="  ")
        net = {t: v for t, v in ex.net().items() if abs(v) >= 0.005}
        if net:
            self.say("Net change: " + ", ".join(f"{labels[t]} {v * 100:+.0f}" for t, v in net.items()) + ".")
        self.say(f"Risk of an accident turning to war that day: {ex.hazard * 100:.1f}%.")

    def save(self) -> None:
        write_save(save_of(self.game, self.scenario_file), self.autosave)

    def ending(self) -> None:
        g = self.game
        s = g.scenario
        result = g.result()
        eid = result.ending_id()
        ending = next(e for e in s.endings if e.id == eid)
        self.heading(f"The end: {ending.title}")
        self.say(ending.text)
        for sid, view in ending.views.items():
            self.say()
            self.say(f"As the {s.sides[sid].name} tells it: {view}")
        if ending.reflection:
            self.say()
            self.say(f"In history: {ending.reflection} (Source: {ending.source})")
        prestige = result.prestige()
        self.say()
        self.say("Prestige: " + ", ".join(f"{s.sides[k].name} {v:+d}" for k, v in prestige.items()) + ".")
        self.heading("Your path beside history")
        for step in player_path(g):
            mark = "as history did" if step.same else f"history: {step.history}"
            self.say(f"Day {step.day}, {step.date}. {step.event}: you chose {step.yours}; {mark}.")
            if step.note:
                self.say(f"{step.note} (Source: {step.source})", indent="  ")
        self.epilogue()
        self.autosave.unlink(missing_ok=True)

    def epilogue(self) -> None:
        s = self.game.scenario
        self.heading("Epilogue")
        eid = self.game.result().ending_id()
        ending = next(e for e in s.endings if e.id == eid)
        if ending.epilogue:
            self.say(ending.epilogue)
        if s.epilogue.text:
            self.say(s.epilogue.text)
        for treaty in s.epilogue.treaties:
            d = treaty.date
            self.say(f"{d:%B} {d.day}, {d.year}: {treaty.name}. {treaty.note}")


def play_text(
    game: Game, out: TextIO, inp: TextIO, scenario_file: str = "", autosave: Path | None = None
) -> int:
    """Play to the end (or until input runs out); returns the exit status."""
    return TextUI(game, out, inp, scenario_file=scenario_file, autosave=autosave).run()
