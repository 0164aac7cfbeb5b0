"""The terminal front end: plain numbered prompts that work piped and with screen readers.

Everything is printed as whole sentences on their own lines: no colour codes,
no cursor tricks, no box drawing, so a screen reader reads it in order and a
file of answers can be piped in (``thirteendays play --text < answers.txt``).
It reads the player's ``PlayerView`` and acts through the session, like the
window: the same warnings, the same estimates, the same saves.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from ..play import Session, list_saves, slot_path
from ..play.score import score_card
from ..play.view import DecisionView, OptionView, PlayerView
from ..play.words import (
    STANCE_WORDS,
    adviser_lines,
    confirm_question,
    estimate_text,
    kept_game,
    long_date,
    method_note,
    score_lines,
)

WIDTH = 78
HELP = (
    "Commands: a number chooses that option; a asks the advisers for their estimates; "
    "t shows the tracks; s saves (s NAME saves under a name); l lists your saves; "
    "q saves and quits."
)


class TextUI:
    def __init__(self, session: Session, out: TextIO, inp: TextIO) -> None:
        self.session = session
        self.out = out
        self.inp = inp

    # ----- output helpers ---------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in text.split("\n"):
            print(
                textwrap.fill(
                    para,
                    WIDTH,
                    initial_indent=indent,
                    subsequent_indent=indent,
                    break_on_hyphens=False,  # ids, dates and commands stay whole, to copy or read aloud
                    break_long_words=False,
                )
                if para
                else "",
                file=self.out,
            )

    def heading(self, text: str) -> None:
        self.say()
        self.say(text)
        self.say("=" * min(len(text), WIDTH))

    def tracks_line(self, view: PlayerView) -> None:
        parts = [f"{t.label} {round(t.value * 100)}%" for t in view.tracks]
        defcon = f"DEFCON {view.defcon}. " if view.defcon is not None else ""
        self.say(defcon + "; ".join(parts) + ".")

    def readline(self) -> str | None:
        line = self.inp.readline()
        return line if line else None

    # ----- the loop ---------------------------------------------------------------------
    def run(self) -> int:
        session = self.session
        s = session.scenario
        me = s.sides[session.side] if session.side else None
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
            view = session.view()
            self.report_days(view, upto=view.decision.day - 1 if view.decision else None)
            if view.decision is None:
                break
            answer = self.ask(view, view.decision)
            if answer is None:
                saved = session.leave()
                self.say()
                where = f"is saved to {session.autosave}" if saved else "could not be saved"
                self.say(f"Input ended before the crisis did. Your game {where}.")
                self.say("Continue it with: thirteendays play --continue --text")
                return 1
            if answer == "quit":
                if not session.leave():
                    self.say(" ".join(session.take_notices()))
                    return 1
                self.say(f"Game saved to {session.autosave}. Goodbye.")
                return 0
            session.choose(answer)
            for notice in session.take_notices():
                self.say(f"{notice}.")
        self.ending(session.view())
        return 0

    def ask(self, view: PlayerView, decision: DecisionView) -> str | None:
        self.heading(f"Day {decision.day} — {long_date(view.date)}: {decision.title}")
        self.say(decision.text)
        self.say()
        self.tracks_line(view)
        for note in view.politics:
            self.say(f"Politics: {note.text}")
        self.say()
        for i, option in enumerate(decision.options, 1):
            self.say(f"{i}. {option.label} ({STANCE_WORDS[option.stance]})")
            for warning in option.warnings:
                self.say(f"   Warning: {warning}.")
        for option in decision.closed:
            self.say(f"-. {option.label} ({STANCE_WORDS[option.stance]}). Closed: {option.reason}")
        n = len(decision.options)
        while True:
            print(f"Your choice (1-{n}): ", end="", file=self.out, flush=True)
            line = self.readline()
            if line is None:
                return None
            text = line.strip()
            word, _, rest = text.partition(" ")
            word = word.lower()
            if not text:
                continue
            if text.isdigit() and 1 <= int(text) <= n:
                option = decision.options[int(text) - 1]
                if option.warnings and not self.confirm(option, text):
                    continue
                self.say(f"You chose: {option.label}.")
                return option.id
            if word in ("q", "quit"):
                return "quit"
            if word in ("t", "tracks"):
                self.tracks_line(view)
                for note in view.politics:
                    self.say(f"Politics: {note.text}")
            elif word in ("a", "advice", "advisers"):
                self.advice(decision)
            elif word in ("s", "save"):
                self.save(rest.strip())
            elif word in ("l", "list", "saves"):
                self.list_saves()
            elif word in ("?", "h", "help"):
                self.say(HELP)
            else:
                self.say(f"Please type a number from 1 to {n}, or ? for help.")

    def confirm(self, option: OptionView, number: str) -> bool:
        """'Are you sure?' before a choice that crosses a danger mark, as the window asks.

        As in the window, the same number again (or y) takes it; anything else thinks again.
        """
        self.say(f"Are you sure? {confirm_question(option.warnings)}")
        print(
            f"Type {number} or y to take it, anything else to think again: ",
            end="",
            file=self.out,
            flush=True,
        )
        line = self.readline()
        return line is not None and line.strip().lower() in ("y", "yes", number)

    def advice(self, decision: DecisionView) -> None:
        """The council's estimates for every option (the same Monte Carlo as the window's)."""
        session = self.session
        council = session.scenario.sides[decision.side].council
        self.say(f"The {council} is weighing the options...")
        job = session.ensure_advice()
        if job is None:
            return
        job.wait()
        if job.error:
            self.say(f"The {council} cannot agree on an estimate.")
            return
        titles = {e.id: e.title for e in session.scenario.endings}
        for i, option in enumerate(decision.options, 1):
            advice = job.results.get(option.id)
            if advice is not None:
                self.say(f"{i}. {option.label}: {estimate_text(council, advice, titles)}.")
                if len(advice.opinions) > 1:
                    for line in adviser_lines(advice, titles):
                        self.say(f"   {line}.")
        self.say(method_note(council, job.per_adviser))

    def save(self, name: str) -> None:
        try:
            path = self.session.save(slot_path(name)) if name else self.session.save()
        except ValueError as exc:
            self.say(f"Not saved: {exc}.")
            return
        except OSError as exc:
            self.say(f"Not saved: {path_problem(exc)}.")
            return
        self.say(f"Saved to {path}.")
        if name:
            self.say(f"Open it later with: thirteendays play --text --load {name!r}")

    def list_saves(self) -> None:
        entries = list_saves()
        if not entries:
            self.say("No saved games yet.")
        for entry in entries:
            self.say(f"- {entry.label} ({entry.path})")

    def report_days(self, view: PlayerView, upto: int | None) -> None:
        """Say what happened on each finished day the player has not been told about yet."""
        unseen = self.session.unseen()
        days = sorted({e.day for e in unseen if e.kind != "end" and (upto is None or e.day <= upto)})
        for day in days:
            self.report_day(view, day)
        self.session.mark_seen(upto)

    def report_day(self, view: PlayerView, day: int) -> None:
        rows = view.day_rows(day)
        self.say()
        self.say(f"End of day {day}:")
        for row in rows[1:]:  # the first row is the date line
            if row.face == "title":
                self.say(row.text)
            elif row.tone == "soft" and row.text.startswith("    "):
                self.say(row.text.strip(), indent="  ")
            elif row.face == "bold" or row.tone == "stamp":
                self.say(f"- {row.text}")
            else:
                self.say(row.text, indent="  " if row.tone == "ink" else "")

    def ending(self, view: PlayerView) -> None:
        ending = view.ending
        s = view.scenario
        self.heading(f"The end: {ending.title}")
        self.say(ending.text)
        for sid, told in ending.views:
            self.say()
            self.say(f"As the {s.sides[sid].name} tells it: {told}")
        if ending.reflection:
            self.say()
            self.say(f"In history: {ending.reflection} (Source: {ending.source})")
        self.say()
        self.say("Prestige: " + ", ".join(f"{s.sides[k].name} {v:+d}" for k, v in ending.prestige) + ".")
        if self.session.game.side is not None:
            for line in score_lines(score_card(self.session.game)):
                self.say(line)
        self.heading("Your path beside history")
        for step in ending.path:
            mark = "as history did" if step.same else f"history: {step.history}"
            self.say(f"Day {step.day}, {step.date}. {step.event}: you chose {step.yours}; {mark}.")
            if step.note:
                self.say(f"{step.note} (Source: {step.source})", indent="  ")
        self.heading("Epilogue")
        if ending.epilogue:
            self.say(ending.epilogue)
        if s.epilogue.text:
            self.say(s.epilogue.text)
        for treaty in s.epilogue.treaties:
            d = treaty.date
            self.say(f"{d:%B} {d.day}, {d.year}: {treaty.name}. {treaty.note}")
        if self.session.kept is not None:
            self.say()
            self.say(kept_game(self.session.kept))


def path_problem(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def play_text(session: Session, out: TextIO, inp: TextIO) -> int:
    """Play to the end (or until input runs out); returns the exit status."""
    return TextUI(session, out, inp).run()
