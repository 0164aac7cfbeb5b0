"""Two players at one screen: each sees only their own side, in the terminal and in the window.

The leak checks do not list hidden fields by name: at every moment they take what
``view_for(game, other)`` holds that ``view_for(game, side)`` lacks (the other side's
secret moves and one-sided incidents, and the decision it is weighing) and require
that none of it reaches ``side``'s output.  As views grow, the checks grow with them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

import pygame
import pytest

from thirteendays.engine.record import Save
from thirteendays.play import advisor as advisor_module
from thirteendays.play import list_saves, new_game, open_save, view_for
from thirteendays.play.session import EVERYONE, Session
from thirteendays.play.words import ARCHIVES_OPEN, incident_text, incident_title, option_label
from thirteendays.scenario.loader import load_file
from thirteendays.settings import Settings
from thirteendays.storage import autosave_path
from thirteendays.text.play import ANSI_CLEAR, TextUI
from thirteendays.ui.app import Context, headless_app
from thirteendays.ui.flow import screen_for
from thirteendays.ui.screens.base import Replace
from thirteendays.ui.screens.handover import HOLD_SECONDS, PassScreen
from thirteendays.ui.screens.title import TitleScreen
from thirteendays.ui.widgets import text as text_widgets

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

FIXTURE = Path(__file__).parent / "fixtures" / "hotseat.yaml"
# Each side takes its secret options, so each has something to hide from the other.
PLAN = {"deploy": "warheads", "photographs": "plan", "line": "near", "ships": "tanker", "offer": "trade"}
OWN_SECRETS = {
    "us": {"Draw up the invasion plan in private", "Pull the line in closer to Cuba"},
    "ussr": {"Ship the warheads under the hatches", "Let one tanker through with a quiet escort"},
}


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 200)


def hotseat(seed: int = 1) -> Session:
    opened = new_game(str(FIXTURE), None, seed, hotseat=True)
    assert opened.session is not None, opened.lines()
    return opened.session


def _key(e) -> tuple:
    return (e.kind, e.day, e.event, e.option, e.incident)


def hidden_from(game, side: str) -> set[str]:
    """The words of everything another side's view holds that ``side``'s view lacks."""
    mine = view_for(game, side)
    known = {_key(e) for e in mine.log}
    words: set[str] = set()
    for other in game.scenario.sides:
        if other == side:
            continue
        theirs = view_for(game, other)
        sc = theirs.scenario
        for e in theirs.log:
            if _key(e) in known:
                continue
            if e.kind == "choice":
                words.add(option_label(sc, e.event, e.option))
            elif e.kind == "incident":
                words |= {incident_title(sc, e.incident), incident_text(sc, e.incident)}
        d = theirs.decision
        if d is not None and d.side == other:  # the question the other side is weighing now
            words |= {d.title, d.text, *(o.label for o in d.options)}
    return words


def flat_text(text: str) -> str:
    """Text with every run of whitespace made one space, as a reader takes wrapped lines."""
    return " ".join(text.split())


def choice_for(session: Session) -> str:
    decision = session.view().decision
    return PLAN.get(decision.event_id, decision.options[0].id)


# ----- the application layer ------------------------------------------------------------------
def test_turns_pass_between_the_players_and_each_view_is_its_own():
    session = hotseat()
    assert session.hotseat and session.players == ("us", "ussr")
    assert session.waiting_for() == "ussr"  # the cargo is Moscow's question, before anyone looks
    with pytest.raises(RuntimeError, match="pass the screen"):
        session.choose("warheads")
    assert session.hand_over() == "ussr" and session.waiting_for() is None
    session.choose("warheads")  # secret: Washington must never read it
    assert session.waiting_for() == "us"
    assert session.view().decision is None  # Khrushchev does not read Kennedy's question
    assert "Draw up the invasion plan in private" in hidden_from(session.game, "ussr")
    session.hand_over()
    assert session.side == "us" and session.view().decision.event_id == "photographs"
    assert not any(e.option == "warheads" for e in session.view().log)
    session.choose("plan")
    session.choose("near")
    session.hand_over()
    # Khrushchev is told what he has not been told, from his own view: day 1, with his bunker.
    told = session.unseen()
    assert any(e.incident == "bejucal" for e in told) and not any(e.incident == "mole" for e in told)
    assert not any(e.option in ("plan", "near") for e in told)


def test_the_ending_is_read_by_both_players_with_the_archives_open():
    session = hotseat()
    while not session.game.finished:
        session.hand_over()
        session.choose(choice_for(session))
    assert session.waiting_for() == EVERYONE and session.archives_open()
    session.hand_over()
    view = session.view()
    assert view.side is None and view.ending is not None
    kept = session.kept_from()
    assert {e.option for e in kept["us"]} >= {"warheads", "tanker", "trade"}
    assert {e.incident for e in kept["ussr"] if e.kind == "incident"} == {"mole"}
    assert {step.side for step in view.ending.path} == {"us", "ussr"}


def test_the_archives_hold_only_what_each_player_never_read():
    """A move whose words vary (Gromyko's denial, reworded once Washington has warned) is read by
    the other player in the day's report: the archives must not list it as kept from them."""
    opened = new_game("cuban_missile_crisis", None, 3, hotseat=True)
    session = opened.session
    assert session is not None
    while not session.game.finished:
        session.hand_over()
        ids = session.view().decision.option_ids
        session.choose("warn-privately" if "warn-privately" in ids else ids[0])
    log = session.game.log
    kept = session.kept_from()
    for side in session.players:
        read = {_key(e) for e in view_for(session.game, side).log}
        assert not any(_key(e) in read for e in kept.get(side, ())), side
    worded = [e for e in log if e.kind == "choice" and e.label]
    assert worded, "no move with varying words: the test no longer tests anything"


# ----- the terminal ---------------------------------------------------------------------------
class Terminal(io.StringIO):
    """A terminal: says it is a tty, so the pass page clears it."""

    def isatty(self) -> bool:
        return True


class Players:
    """The two people at the keyboard: answer each prompt and note who read what before it."""

    def __init__(self, session: Session, out: io.StringIO) -> None:
        self.session, self.out = session, out
        self.read = self.answered = 0
        self.chunks: list[tuple[str | None, str, set[str]]] = []  # (reader, text, must not contain)

    def readline(self) -> str:
        text = self.out.getvalue()[self.read :]
        self.read = len(self.out.getvalue())
        viewer = self.session.viewer
        forbidden = hidden_from(self.session.game, viewer) if viewer in self.session.players else set()
        self.chunks.append((viewer, text, forbidden))
        prompt = text.rstrip("\n").splitlines()[-1]
        if prompt.startswith("Press Enter") or prompt.startswith("Type r to save the after-action report"):
            return "\n"
        if prompt.startswith("Type "):  # are you sure?
            return "y\n"
        decision = self.session.view().decision
        self.answered = self.read  # what is printed after the last answer is the shared ending
        return f"{decision.option_ids.index(choice_for(self.session)) + 1}\n"


def test_a_scripted_two_player_game_in_the_terminal_reaches_the_epilogue_without_leaks():
    session = hotseat()
    out = Terminal()
    players = Players(session, out)
    assert TextUI(session, out, players).run() == 0
    text = out.getvalue()
    assert "Epilogue" in text and "Kennedy's path beside history" in text
    readers = [viewer for viewer, _, _ in players.chunks]
    assert {"us", "ussr"} <= set(readers)
    checked = 0
    for viewer, chunk, forbidden in players.chunks:
        flat = flat_text(chunk)  # a label wrapped over two lines is still read
        for words in forbidden:
            assert flat_text(words) not in flat, f"{viewer} read the other side's {words!r}"
        checked += len(forbidden)
    assert checked > 10  # there was something to hide at every pass
    for side, secrets in OWN_SECRETS.items():  # each player does read their own secrets
        own = flat_text(" ".join(chunk for viewer, chunk, _ in players.chunks if viewer == side))
        assert all(label in own for label in secrets)
    # After the last answer both read everything: the archives are open.
    ending = flat_text(text[players.answered :])
    assert ARCHIVES_OPEN.split(":")[0] in text
    assert all(label in ending for secrets in OWN_SECRETS.values() for label in secrets)
    assert "A colonel in Moscow talks" in ending and "The bunker at Bejucal fills" in ending


def test_the_pass_page_clears_the_terminal_and_shows_only_whose_turn():
    session = hotseat()
    out = Terminal()
    TextUI(session, out, Players(session, out)).run()
    pages = [part for part in out.getvalue().split(ANSI_CLEAR) if "Pass the screen to" in part]
    assert len(pages) == 4  # Khrushchev, Kennedy, Khrushchev, Kennedy
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip() and set(line) != {"="}]
        assert len(lines) == 4, lines  # title, day, instruction, the Enter prompt: nothing else
        assert lines[0].startswith("Pass the screen to") and lines[1].startswith("Day ")


def test_play_hotseat_from_the_command_line(tmp_path: Path):
    env = {"THIRTEENDAYS_HOME": str(tmp_path / "home"), "PATH": ""}
    cmd = [sys.executable, "-m", "thirteendays", "play", "--text", "--hotseat", "--scenario", str(FIXTURE)]
    res = subprocess.run(
        [*cmd, "--seed", "1"], input="\n1\n\n1\n", capture_output=True, text=True, env=env, timeout=120
    )
    assert res.returncode == 1  # input ran out mid-game: saved, and said so
    assert "Pass the screen to Khrushchev" in res.stdout and "Pass the screen to Kennedy" in res.stdout
    assert ANSI_CLEAR not in res.stdout  # piped (a screen reader, a file): plain text only
    resumed = subprocess.run(
        [sys.executable, "-m", "thirteendays", "play", "--text", "--continue"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Pass the screen to Kennedy" in resumed.stdout  # still Kennedy's turn, behind the page
    assert "The line at sea" not in resumed.stdout  # his question waits for him to press Enter
    bad = subprocess.run([*cmd, "--side", "us"], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "--hotseat plays both sides" in bad.stderr
    helped = subprocess.run(
        [sys.executable, "-m", "thirteendays", "play", "--help"], capture_output=True, text=True, env=env
    )
    assert "--hotseat" in helped.stdout


# ----- saves -------------------------------------------------------------------------------------
def test_a_hotseat_game_saves_and_resumes_as_hotseat():
    session = hotseat()
    for _ in range(3):
        session.hand_over()
        session.choose(choice_for(session))
    data = json.loads(autosave_path().read_text())
    assert data["hotseat"] is True and data["side"] is None
    opened = open_save(autosave_path())
    resumed = opened.session
    assert resumed is not None and resumed.hotseat
    assert resumed.game.player_choices == session.game.player_choices
    assert resumed.waiting_for() == "ussr"  # the page comes first: nobody is looking yet
    resumed.hand_over()
    assert resumed.view().decision.event_id == "ships" and resumed.unseen() == ()
    labels = [entry.label for entry in list_saves()]
    assert any("two players" in label for label in labels)
    assert not any(" as us" in label or " as ussr" in label for label in labels)


def test_one_player_saves_are_unchanged_and_old_saves_still_open():
    session = new_game(str(FIXTURE), "us", 1).session
    session.choose("wait")
    data = json.loads(autosave_path().read_text())
    assert "hotseat" not in data  # an older version of the game reads it as before
    assert not open_save(autosave_path()).session.hotseat
    assert Save.from_json(json.dumps(data)).hotseat is False
    # A hand-edited save that claims both a side and hot-seat is refused, on one line.
    bad = autosave_path().with_name("odd.json")
    bad.write_text(json.dumps({**data, "hotseat": True}))
    opened = open_save(bad)
    assert opened.session is None and "names no side" in opened.lines()[0]


def test_hotseat_with_continue_resumes_only_a_hotseat_game(capsys):
    from thirteendays.cli import build_parser
    from thirteendays.play_setup import prepare_session

    new_game(str(FIXTURE), "us", 1).session.choose("wait")  # a one-player autosave
    args = build_parser().parse_args(["play", "--text", "--continue", "--hotseat"])
    assert prepare_session(args) == (None, 2)
    assert "one-player game" in capsys.readouterr().err
    session = hotseat()
    session.hand_over()
    session.choose("warheads")
    resumed, code = prepare_session(args)
    assert code == 0 and resumed.hotseat and resumed.waiting_for() == "us"


# ----- the window ----------------------------------------------------------------------------------
class Drawn(OrderedDict):
    """The glyph cache, noting every text drawn (hit or miss) since it was last emptied."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def get(self, key, default=None):
        self.texts.append(key[0])
        return super().get(key, default)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


class Window:
    """A headless window whose every frame is checked against the viewer's secrets."""

    def __init__(self, ctx: Context, first, drawn: Drawn) -> None:
        self.app, self.surface = headless_app(ctx, first)
        self.ctx, self.drawn = ctx, drawn
        self.frames: list[tuple[str | None, str]] = []

    def tick(self, dt: float = 0.05) -> None:
        self.drawn.texts.clear()
        self.app.tick(dt, self.surface)
        session = self.ctx.session
        frame = flat_text(" ".join(self.drawn.texts))
        if session is not None:
            viewer = session.viewer
            if viewer in session.players:
                for words in hidden_from(session.game, viewer):
                    assert flat_text(words) not in frame, f"{viewer}'s {self.app.top.name} shows {words!r}"
            self.frames.append((viewer, frame))

    def press(self, k: int) -> None:
        for _ in range(200):
            if self.app.accepts_input():
                break
            self.tick()
        self.app.dispatch(key(k))
        self.tick(0.02)

    def play(self, max_steps: int = 400) -> list[str]:
        names = []
        for _ in range(max_steps):
            top = self.app.top
            names.append(top.name)
            if top.name == "epilogue":
                return names
            if top.name == "decision":
                session = self.ctx.session
                number = session.view().decision.option_ids.index(choice_for(session)) + 1
                self.press(pygame.K_0 + number)
                if self.app.top.name == "decision":  # are you sure?
                    self.press(pygame.K_0 + number)
            else:
                self.press(pygame.K_RETURN)
        raise AssertionError(f"no epilogue after {max_steps} steps: {names[-8:]}")


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    cache = Drawn()
    monkeypatch.setattr(text_widgets, "_SURFACES", cache)
    return cache


def test_a_scripted_two_player_game_in_the_window_reaches_the_epilogue_without_leaks(drawn):
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    ctx.session = hotseat()
    window = Window(ctx, screen_for(ctx), drawn)
    names = window.play()
    assert names[0] == "pass" and names.count("pass") == 5  # four hand-overs, then both players
    assert {"briefing", "decision", "resolution", "ending", "epilogue"} <= set(names)
    for side, secrets in OWN_SECRETS.items():
        own = " ".join(frame for viewer, frame in window.frames if viewer == side)
        assert all(label in own for label in secrets), side
    both = " ".join(frame for viewer, frame in window.frames if viewer == EVERYONE)
    assert "Khrushchev: Ship the warheads under the hatches" in both  # the archives are open
    assert ARCHIVES_OPEN in both and "Incident: A colonel in Moscow talks" in both


def test_the_title_offers_two_players_and_the_pass_page_holds_before_it_takes_a_key(drawn):
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    title = TitleScreen(ctx)
    window = Window(ctx, title, drawn)
    window.tick()
    labels = [item.text() for item in title.menu.items]
    title.menu.focus = labels.index("Two players (hot-seat)")
    window.press(pygame.K_RETURN)
    assert ctx.session is not None and ctx.session.hotseat
    page = window.app.top
    assert isinstance(page, PassScreen) and page.name == "pass"
    shown = " ".join(text for _, text in window.frames[-1:])
    assert "Pass the screen to Kennedy" in shown and "Day 1" in shown
    # Enter after the ordinary grace, but before the page's own hold, is ignored.
    window.tick(ctx.grace + 0.01)
    assert window.app.ctx.time - window.app.shown_at < HOLD_SECONDS
    window.app.dispatch(key(pygame.K_RETURN))
    assert window.app.top is page and ctx.session.viewer is None
    window.press(pygame.K_RETURN)
    assert window.app.top.name == "briefing" and ctx.session.viewer == "us"


def test_continuing_a_hotseat_game_in_the_window_starts_behind_the_page(drawn):
    session = hotseat()
    session.hand_over()
    session.choose("warheads")
    session.leave()
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    title = TitleScreen(ctx)
    window = Window(ctx, title, drawn)
    window.tick()
    title.settle()
    title.preview = load_file(FIXTURE)  # Continue resumes the chosen scenario's newest save
    title.menu.focus = 4  # Continue
    window.press(pygame.K_RETURN)
    assert ctx.session is not None and ctx.session.hotseat
    assert window.app.top.name == "pass" and ctx.session.waiting_for() == "us"
    assert "The photographs" not in window.frames[-1][1]


def _historical(session: Session) -> str:
    decision = session.view().decision
    event = next(e for e in session.scenario.events if e.id == decision.event_id)
    marked = next((o.id for o in event.options if o.historical and o.id in decision.option_ids), None)
    return marked or decision.option_ids[0]


@pytest.mark.parametrize("size", [(1024, 640), (3840, 2160)])
def test_the_full_crisis_hotseat_pages_and_ending_draw_at_any_size(size, drawn):
    session = new_game("cuban_missile_crisis", None, 7, hotseat=True).session
    ctx = Context(Settings(reduced_motion=True), size=size)
    ctx.session = session
    surface = pygame.Surface(size)
    window = Window(ctx, screen_for(ctx), drawn)
    window.tick()
    assert window.app.top.name == "pass"
    turns = 0
    while not session.game.finished:
        turns += session.hand_over() is not None
        session.choose(_historical(session))
    assert turns >= 4  # the players really did take turns
    session.hand_over()
    window.app.apply(Replace(screen_for(ctx)))
    window.tick()
    assert window.app.top.name == "ending"
    window.app.top.draw(surface)
    pixels = pygame.surfarray.array3d(surface)
    assert pixels.reshape(-1, 3).std(axis=0).max() > 5


def test_the_pass_page_touches_nothing_and_draws_nothing_of_either_game(monkeypatch, drawn):
    from test_screens_pure import FORBIDDEN, _forbid

    session = hotseat()
    session.hand_over()
    session.choose("warheads")
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    ctx.session = session
    window = Window(ctx, screen_for(ctx), drawn)
    window.tick()
    surface = pygame.Surface(ctx.size)
    with monkeypatch.context() as patch:
        for owner, attr in FORBIDDEN:
            patch.setattr(owner, attr, _forbid(f"{owner}.{attr}"), raising=False)
        drawn.texts.clear()
        page = PassScreen(ctx)
        page.draw(surface)
    shown = flat_text(" ".join(drawn.texts))
    assert "Pass the screen to Kennedy" in shown
    views = [view_for(session.game, side) for side in session.players]
    for view in views:  # nothing from either side's view: no track, no log line, no question
        assert all(t.label not in shown for t in view.tracks)
        assert all(option_label(view.scenario, e.event, e.option) not in shown for e in view.log if e.event)
    assert "The photographs" not in shown and session.viewer == "ussr"
