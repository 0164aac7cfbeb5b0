"""The terminal front end: plain numbered prompts that work piped and with screen readers.

Everything is printed as whole sentences on their own lines: no colour codes,
no cursor tricks, no box drawing, so a screen reader reads it in order and a
file of answers can be piped in (``thirteendays play --text < answers.txt``).
It reads the player's ``PlayerView`` and acts through the session, like the
window: the same warnings, the same estimates, the same saves.
"""

from __future__ import annotations

import os
import textwrap
from typing import TextIO

from ..engine.game import HUMAN
from ..engine.record import LogEntry
from ..play import Session, list_saves, slot_path
from ..play.council_words import adviser_lines, estimate_text, method_note
from ..play.dates import day_dates
from ..play.prestige import prestige_parts
from ..play.risk_words import confirm_question
from ..play.score import score_card
from ..play.session import EVERYONE
from ..play.view import DecisionView, OptionView, PlayerView
from ..play.words import (
    ARCHIVES_OPEN,
    STANCE_WORDS,
    archive_lines,
    day_line,
    defcon_named,
    everyone_screen,
    kept_game,
    pass_screen,
    score_lines,
    surname,
)
from ..report import ReportError, keep_report

WIDTH = 78
CLEAR_LINES = 100  # pushes the last player's game off any screen, even one without ANSI
ANSI_CLEAR = "\033[H\033[2J\033[3J"  # home, clear the screen, clear the scrollback
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
        self.introduced: set[str] = set()  # hot-seat: the players told who they are

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
        # The other side's tracks read as intelligence estimates: "about 35–55%", or "unknown".
        parts = [f"{t.label} {t.shown}" for t in view.tracks]
        named = defcon_named(view.scenario, view.defcon) if view.defcon is not None else None
        defcon = "" if view.defcon is None else f"DEFCON {view.defcon}" + (f" ({named}). " if named else ". ")
        self.say(defcon + "; ".join(parts) + ".")

    def readline(self) -> str | None:
        line = self.inp.readline()
        return line if line else None

    # ----- the loop ---------------------------------------------------------------------
    def run(self) -> int:
        session = self.session
        s = session.scenario
        me = s.sides[session.side] if session.side and not session.hotseat else None
        self.heading(s.title)
        if session.hotseat:
            names = " and ".join(s.sides[sid].leader for sid in session.players)
            self.say(
                f"Two players at one screen: {names}. Each of you sees only your own side; "
                "when the screen asks for the other player, pass it and look away."
            )
        if me:
            self.say(
                f"You are {me.leader}, {me.title or 'leader'} of the {me.name}. "
                f"Your advisers: the {me.council}."
            )
        if s.summary:
            self.say(s.summary)
        self.say("Type the number of an option and press Enter. Type ? for help.")
        while True:
            if not self.hand_over():
                return self.input_ended()
            view = session.view()
            self.report_days(view, upto=view.decision.day - 1 if view.decision else None)
            if view.decision is None:
                break
            answer = self.ask(view, view.decision)
            if answer is None:
                return self.input_ended()
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

    def input_ended(self) -> int:
        session = self.session
        saved = session.leave()
        self.say()
        where = f"is saved to {session.autosave}" if saved else "could not be saved"
        self.say(f"Input ended before the crisis did. Your game {where}.")
        self.say("Continue it with: thirteendays play --continue --text")
        return 1

    # ----- two players at one screen ----------------------------------------------------
    def clear(self) -> None:
        """Wipe the last player's game from a terminal; piped output and screen readers get
        plain text only (blank lines there would be read out, and hide nothing)."""
        isatty = getattr(self.out, "isatty", None)
        if isatty is None or not isatty():
            return
        print("\n" * CLEAR_LINES, end="", file=self.out)
        if os.environ.get("TERM", "") != "dumb":
            print(ANSI_CLEAR, end="", file=self.out)
        self.out.flush()

    def hand_over(self) -> bool:
        """Hot-seat: between two players' turns, a page that shows only whose turn it is.

        Nothing of the last player's game is printed after it until the next one says
        they are alone at the screen.  False when input ended instead.
        """
        session = self.session
        wanted = session.waiting_for()
        if wanted is None:
            return True
        sc = session.scenario
        self.clear()
        if wanted == EVERYONE:
            title, prompt = everyone_screen(session.archives_open())
        else:
            title, prompt = pass_screen(sc, wanted)
        self.heading(title)
        self.say(day_line(sc, session.game.day))
        self.say(prompt)
        print("Press Enter: ", end="", file=self.out, flush=True)
        if self.readline() is None:
            return False
        session.hand_over()
        self.clear()
        if wanted != EVERYONE and wanted not in self.introduced:
            self.introduced.add(wanted)
            me = sc.sides[wanted]
            self.say(
                f"You are {me.leader}, {me.title or 'leader'} of the {me.name}. "
                f"Your advisers: the {me.council}."
            )
        return True

    def ask(self, view: PlayerView, decision: DecisionView) -> str | None:
        self.heading(f"{day_line(view.scenario, decision.day)}: {decision.title}")
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
            for danger in option.dangers:
                self.say(f"   {danger}.")
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
        """Say what the player has not been told yet: each finished day (up to ``upto``), and
        what has already happened today, before the player decides.

        The status line before a decision includes the other side's move of that morning,
        so the move is told then, as the window does.  The end of the day then tells the
        whole day again, so that its rows add up to its net change.
        """
        unseen = self.session.unseen()
        days = sorted({e.day for e in unseen if e.kind != "end"})
        for day in days:
            finished = upto is None or day <= upto
            self.report_day(view, day, None if finished else unseen, finished=finished)
        self.session.mark_seen()

    def report_day(
        self,
        view: PlayerView,
        day: int,
        entries: tuple[LogEntry, ...] | None = None,
        *,
        finished: bool = True,
    ) -> None:
        rows = view.day_rows(day, entries)
        if len(rows) <= 1:
            return
        self.say()
        dates = day_dates(view.scenario, day, year=False)
        if finished:
            # A Khrushchev game opened on "End of day 1:" with no date and no word of why the
            # player was not asked: the date is said, and a day with nothing to decide says so.
            decided = any(e.kind == "choice" and e.day == day and e.by == HUMAN for e in view.log)
            quiet = "" if decided or self.session.hotseat else "; nothing fell to you to decide"
            self.say(f"End of day {day} ({dates}){quiet}:")
        else:
            self.say(f"Day {day} ({dates}), so far:")
        for row in rows[1:]:  # the first row is the date line
            if row.face == "title":
                self.say(row.text)
            elif row.tone == "soft" and row.text.startswith("    "):
                self.say(row.text.strip(), indent="  ")
            elif row.face == "bold" or row.tone == "stamp":
                self.say(f"- {row.text}")
            else:
                self.say(row.text, indent="  " if row.tone == "ink" else "")

    def path(self, steps: list, chose: str) -> None:
        for step in steps:
            mark = step.same_words if step.same else f"history: {step.history}"
            self.say(f"Day {step.day}, {step.date}. {step.event}: {chose} {step.yours}; {mark}.")
            if step.note:
                self.say(f"{step.note} (Source: {step.source})", indent="  ")

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
        self.say("Prestige: " + ", ".join(prestige_parts(s, ending)) + ".")
        if self.session.game.side is not None:
            for line in score_lines(score_card(self.session.game)):
                self.say(line)
        if self.session.hotseat:  # both players read the ending: each one's path, by name
            secrets = archive_lines(s, self.session.kept_from())
            if secrets:
                self.heading("From the archives")
                self.say(ARCHIVES_OPEN)
                for line in secrets:
                    self.say(f"- {line}")
            for sid in self.session.players:
                name = surname(s, sid)
                self.heading(f"{name}'s path beside history")
                self.path([step for step in ending.path if step.side == sid], f"{name} chose")
        else:
            self.heading("Your path beside history")
            self.path(list(ending.path), "you chose")
        if ending.archives:
            self.heading("The archives opened")
            self.say("What was kept from you during the crisis, as the records later showed:")
            for line in ending.archives:
                self.say(line, indent="  ")
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
        self.offer_report()

    def offer_report(self) -> None:
        """At the end, the after-action report on request (the window's "Save report" button)."""
        while True:
            self.say()
            print(
                "Type r to save the after-action report (HTML), or press Enter to finish: ",
                end="",
                file=self.out,
            )
            self.out.flush()
            line = self.readline()
            answer = line.strip().lower() if line is not None else ""
            if answer in ("", "q", "quit", "n", "no"):
                return
            if answer in ("r", "report"):
                break
            self.say("Please type r, or press Enter to finish.")
        kept = self.session.kept
        try:
            path = keep_report(self.session.game, saved_as=kept.stem if kept is not None else "")
        except ReportError as exc:
            self.say(f"No report: {exc}.")
            return
        except OSError as exc:
            self.say(f"Report not saved: {path_problem(exc)}.")
            return
        self.say(f"Report saved to {path}. Open it in a browser; it prints cleanly.")


def path_problem(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def play_text(session: Session, out: TextIO, inp: TextIO) -> int:
    """Play to the end (or until input runs out); returns the exit status."""
    return TextUI(session, out, inp).run()
