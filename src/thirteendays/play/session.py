"""A player's game: start it, open it from a save, autosave it, advise on it, view it.

The window, the terminal and ``replay`` all start and open games here, so the
rules (what a save names, when the autosave is written and when it is
deleted, what the player has not yet seen) exist once.  Nothing here prints:
failures come back as ``Diagnostic`` values with ``FILE:LINE:COL``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..engine.game import Game
from ..engine.record import MAX_SEED, LogEntry, Save
from ..engine.replay import ReplayError, apply_choices, is_hotseat, make_hotseat, replay, save_of
from ..scenario.diagnostics import Diagnostic, Severity
from ..scenario.loader import DEFAULT_SCENARIO, LoadResult, load_file
from ..scenario.model import Scenario
from ..storage import SaveFileError, SaveMissing, autosave_path, read_save, write_save
from . import advisor as advisor_module
from .advisor import AdvisorJob
from .intel import masked_log
from .scenarios import (
    SCENARIO_SUFFIXES,
    ScenarioRefError,
    load_shipped,
    load_with_reference,
    reference_for,
    source_of,
)
from .slots import slot_path
from .view import PlayerView, view_for
from .visibility import readable

# Codes for problems with a save (scenario problems keep their TD codes).
SAVE_UNREADABLE = "SV001"  # missing, unreadable, not JSON, malformed, out of bounds
SAVE_SCENARIO = "SV002"  # the scenario it names is missing or invalid
SAVE_MISMATCH = "SV003"  # the scenario changed, or the choices do not fit it
KEPT = "the file is left as it was"
EVERYONE = "*"  # hot-seat: both players at the screen (the game is over; the archives are open)


def fresh_seed() -> int:
    """A new seed from the OS's entropy, shown to the player so a game can be repeated."""
    return int(np.random.SeedSequence().entropy % (2**32))


@dataclass(frozen=True)
class Opened:
    """A session, or why there is none: diagnostics for bad input, ``usage`` for a bad request."""

    session: Session | None
    diagnostics: tuple[Diagnostic, ...] = ()
    usage: str = ""  # a request that cannot be met (unknown scenario name, side): exit status 2
    missing: bool = False  # the save asked for does not exist: a bad request too, said as FILE:LINE:COL

    @property
    def ok(self) -> bool:
        return self.session is not None

    def lines(self) -> list[str]:
        if self.usage:
            return [f"thirteendays: error: {self.usage}"]
        return [d.format() for d in self.diagnostics]


def _problem(path: Path | str, code: str, message: str, line: int = 1, col: int = 1) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, str(path), line, col, "", message)


@dataclass(eq=False)
class Session:
    """One person's game (or two people's, taking turns at one screen) and what the front end needs.

    In a hot-seat game both sides are people.  ``viewer`` is the side at the screen;
    every view the session hands out is that side's (``view_for(game, viewer)``), and
    what it has read (``seen``, ``seen_day``) is kept per side, so a front end written
    for one player shows each player only their own game.  When the decision waiting
    belongs to the other side, ``waiting_for`` names it and the front end shows a
    pass-the-screen page before calling ``hand_over``.
    """

    game: Game
    scenario_file: str = ""  # '' for a shipped scenario, else an absolute path
    autosave: Path = field(default_factory=autosave_path)
    advise_ahead: bool = False  # start the council's estimates as soon as a decision waits
    seen: int = 0  # log entries already shown to the player (the viewer, in hot-seat)
    seen_day: int = 0  # the last day whose briefing the player has read
    advisor: AdvisorJob | None = None
    notices: list[str] = field(default_factory=list)
    kept: Path | None = None  # where a finished game was kept, for the report
    viewer: str | None = None  # hot-seat: the side at the screen; None before anyone took it
    _view: tuple[tuple, PlayerView] | None = field(default=None, repr=False)
    _marks: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)  # hot-seat: per side

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def hotseat(self) -> bool:
        """Both sides are played by people at this screen, taking turns."""
        return is_hotseat(self.game)

    @property
    def players(self) -> tuple[str, ...]:
        """The sides people play in this game, in the scenario's order."""
        if self.hotseat:
            return tuple(self.scenario.sides)
        return (self.game.side,) if self.game.side is not None else ()

    @property
    def side(self) -> str | None:
        """The side whose eyes the front end draws with: the player's; in hot-seat, the viewer's
        (None once both look at the ending, which then shows everything)."""
        if not self.hotseat:
            return self.game.side
        if self.viewer == EVERYONE or (self.viewer is None and self.game.finished):
            return None  # the game is over: both read everything
        return self.viewer or self.turn or self.players[0]

    @property
    def turn(self) -> str | None:
        """Whose decision waits (None when nothing does)."""
        decision = self.game.decision()
        return decision.side if decision is not None else None

    def waiting_for(self) -> str | None:
        """Hot-seat: who must come to the screen before anything more is shown.

        The side whose decision waits, or ``EVERYONE`` once the game is over; None when
        the right person is already looking (and always in a one-player game).
        """
        if not self.hotseat:
            return None
        wanted = EVERYONE if self.game.finished else self.turn
        return None if wanted is None or wanted == self.viewer else wanted

    def hand_over(self) -> str | None:
        """The screen has passed to whoever ``waiting_for`` named; returns who that is.

        What the last viewer had read is put aside and the new viewer's taken up, so
        each side is told only what it has not yet been told.  Both players at the
        end start from the earlier of their two places.
        """
        wanted = self.waiting_for()
        if wanted is None:
            return None
        if self.viewer is not None:
            self._marks[self.viewer] = (self.seen, self.seen_day)
        if wanted == EVERYONE:
            marks = [self._marks.get(s, (0, 0)) for s in self.players]
            self.seen, self.seen_day = min(m[0] for m in marks), max(m[1] for m in marks)
        else:
            self.seen, self.seen_day = self._marks.get(wanted, (0, 0))
        self.viewer = wanted
        return wanted

    def kept_from(self) -> dict[str, tuple[LogEntry, ...]]:
        """A finished hot-seat game's secrets: for each player, what their own view left out.

        Empty until the game is over: only then do both players read everything.
        """
        if not (self.hotseat and self.game.finished):
            return {}
        log = self.game.log
        out = {}
        for side in self.players:
            hidden = tuple(e for e, ok in zip(log, readable(self.scenario, log, side), strict=True) if not ok)
            if hidden:
                out[side] = hidden
        return out

    def archives_open(self) -> bool:
        """Whether the ending shows either player something their own view kept from them."""
        return bool(self.kept_from())

    # ----- what the player sees ---------------------------------------------------------
    def view(self) -> PlayerView:
        """The player's view now; built once per state of the game, so drawing is cheap.

        In hot-seat it is the viewer's, and a decision waiting for the other side is left
        out of it: a player never reads the other's pending question.
        """
        self.game.decision()  # a no-op for a started game; starts one made outside the layer
        side = self.side
        key = (id(self.game), len(self.game.log), len(self.game.player_choices), self.game.day, side)
        if self._view is None or self._view[0] != key:
            view = view_for(self.game, side)
            if view.decision is not None and side is not None and view.decision.side != side:
                view = dataclasses.replace(view, decision=None)
            self._view = (key, view)
        return self._view[1]

    def unseen(self) -> tuple[LogEntry, ...]:
        """Log entries the player has not been shown yet (reading them changes nothing)."""
        return masked_log(self.game, self.side, self.game.log[self.seen :])

    def mark_seen(self, upto_day: int | None = None) -> None:
        """The player has read the log (up to the end of ``upto_day``)."""
        log = self.game.log
        if upto_day is None:
            self.seen = len(log)
        else:
            self.seen = max(self.seen, next((i for i, e in enumerate(log) if e.day > upto_day), len(log)))

    def mark_briefed(self, day: int) -> None:
        self.seen_day = max(self.seen_day, day)

    def needs_briefing(self) -> bool:
        decision = self.view().decision
        return decision is not None and self.seen_day < decision.day

    def resumed(self) -> None:
        """An opened save: everything so far counts as told, to each player of it."""
        self.mark_seen()
        self._marks = {s: (self.seen, self.seen_day) for s in self.players}

    # ----- the advisers -----------------------------------------------------------------
    def ensure_advice(self, rollouts: int | None = None) -> AdvisorJob | None:
        """Start estimating the current decision, unless that is already under way."""
        key = (len(self.game.player_choices), self.game.day)
        if self.advisor is not None and self.advisor.key == key:
            return self.advisor
        if self.advisor is not None:
            self.advisor.cancel()
        self.advisor = None
        if self.game.decision() is not None:
            count = advisor_module.ROLLOUTS if rollouts is None else rollouts
            self.advisor = AdvisorJob(self.game, count).start()
        return self.advisor

    def current_advice(self) -> AdvisorJob | None:
        """The advisers' job for the decision now waiting, if one was started (never starts one)."""
        job = self.advisor
        if job is None or job.key != (len(self.game.player_choices), self.game.day):
            return None
        return job

    def tick(self) -> None:
        """Called by the front end's loop: background work that should be under way is."""
        if self.advise_ahead and not self.game.finished:
            self.ensure_advice()

    def rebuild(self, scenario: Scenario) -> tuple[int, int]:
        """Replay this game's choices on an edited scenario (``play --watch``).

        Returns (choices kept, choices dropped): the first choice that no longer fits
        and every later one are dropped, so the player lands as close as the edit allows.
        """
        old = self.game
        game = Game(scenario, side=old.side, seed=old.seed, opponent=old.opponent)
        if is_hotseat(old):
            make_hotseat(game)
        kept = 0
        for choice in old.player_choices:
            try:
                apply_choices(game, [choice])
            except ReplayError:
                break
            kept += 1
        game.decision()  # started, even when no choice was kept
        if self.advisor is not None:
            self.advisor.cancel()
        self.advisor = None
        self.game = game
        self.mark_seen()
        self.seen_day = game.day
        self._marks = {s: (self.seen, self.seen_day) for s in self.players}
        return kept, len(old.player_choices) - kept

    # ----- acting and saving ------------------------------------------------------------
    def choose(self, option_id: str) -> None:
        """Take an option; then the autosave policy: saved after every decision, and at the end
        the game is kept as a dated save of its own (for Load, ``replay`` and ``report``)
        while the autosave goes, so Continue never offers a finished game."""
        if self.waiting_for() is not None:  # hot-seat: only the side at the screen may answer
            raise RuntimeError(f"it is {self.turn}'s decision; pass the screen first (hand_over)")
        if self.advisor is not None:
            self.advisor.cancel()
            self.advisor = None
        self.game.choose(option_id)
        self._autosave()

    def _autosave(self) -> bool:
        """Write (or, for a finished game, remove) the autosave; a failure becomes a notice.

        A full disk or a read-only home must not end the game the player is in the middle of.
        """
        try:
            if self.game.finished:
                name = f"{self.scenario.id}-ended-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
                self.kept = self.save(self.autosave.parent / name)  # beside the autosave, as a slot
                self.autosave.unlink(missing_ok=True)  # a finished game is not continued
            else:
                self.save()
        except OSError as exc:
            self.notices.append(f"Autosave failed: {self.autosave}: {exc.strerror or type(exc).__name__}")
            return False
        return True

    def take_notices(self) -> list[str]:
        """Messages for the player from the layer (a failed autosave), each given once."""
        notices, self.notices = self.notices, []
        return notices

    def save(self, path: Path | None = None) -> Path:
        target = path or self.autosave
        write_save(save_of(self.game, self.scenario_file), target)
        return target

    def leave(self) -> bool:
        """The player quits: an unfinished game is autosaved so Continue finds it.

        Returns False when that save failed (the reason waits in ``take_notices``).
        """
        if self.advisor is not None:
            self.advisor.cancel()
        return self.game.finished or self._autosave()

    def save_slot(self, name: str | None = None) -> Path:
        """Save under a name (letters, digits, space, '-', '_', '.'); a dated one when no name."""
        if name is None:
            name = f"{self.scenario.id}-{dt.datetime.now():%Y%m%d-%H%M%S}"
        return self.save(slot_path(name))


# ----- starting games ---------------------------------------------------------------------
def new_game(
    name: str | Path = DEFAULT_SCENARIO,
    side: str | None = None,
    seed: int | None = None,
    opponent: str = "ai",
    *,
    advise_ahead: bool = False,
    hotseat: bool = False,
) -> Opened:
    """A new game of a shipped scenario (by name) or a file, as ``side`` (default: the first);
    ``hotseat``: both sides played by people at this screen (then ``side`` must be None)."""
    loaded = load_request(name)
    if isinstance(loaded, Opened):
        return loaded
    result, reference = loaded
    return start_game(
        result, side, seed, opponent, advise_ahead=advise_ahead, reference=reference, hotseat=hotseat
    )


def load_request(name: str | Path) -> tuple[LoadResult, str] | Opened:
    """The scenario a player asked for by name or file, with its save reference; or why
    there is none (a missing or unreadable file is a request that cannot be met)."""
    try:
        return load_with_reference(name)
    except FileNotFoundError as exc:
        return Opened(None, usage=str(exc)[:300])
    except OSError as exc:
        return Opened(None, usage=f"{str(name)[:200]}: cannot read ({exc.strerror})")


def start_game(
    result: LoadResult,
    side: str | None = None,
    seed: int | None = None,
    opponent: str = "ai",
    *,
    advise_ahead: bool = False,
    reference: str | None = None,
    hotseat: bool = False,
) -> Opened:
    """A new game of an already loaded scenario (the title screen loads it in the background).

    ``reference`` is what saves record for the scenario (see ``load_with_reference``).
    """
    if not result.ok or result.scenario is None:
        return Opened(None, tuple(result.diagnostics))
    scenario = result.scenario
    if hotseat and side is not None:
        return Opened(None, usage="--hotseat plays both sides: drop --side")
    side = None if hotseat else side or next(iter(scenario.sides))
    if side is not None and side not in scenario.sides:
        return Opened(None, usage=f"--side must be one of: {', '.join(scenario.sides)}")
    if seed is not None and not 0 <= seed <= MAX_SEED:
        return Opened(None, usage=f"--seed must lie between 0 and {MAX_SEED}")
    try:
        game = Game(scenario, side=side, seed=fresh_seed() if seed is None else seed, opponent=opponent)
        if hotseat:
            make_hotseat(game)
    except ValueError as exc:
        return Opened(None, usage=str(exc)[:300])
    game.decision()  # the first morning runs now, so looking at the game later changes nothing
    ref = reference_for(result) if reference is None else reference
    return Opened(Session(game, ref, advise_ahead=advise_ahead))


def open_save(path: Path, scenario: str | None = None, *, advise_ahead: bool = False) -> Opened:
    """The game a save describes, replayed; or diagnostics naming the save and what is wrong.

    ``scenario`` overrides the scenario the save names (``replay --scenario``).  The save
    file is only read, never changed, whatever is wrong with it.
    """
    try:
        save = read_save(path)
    except SaveFileError as exc:
        problem = _problem(path, SAVE_UNREADABLE, exc.reason, exc.line, exc.col)
        return Opened(None, (problem,), missing=isinstance(exc, SaveMissing))
    loaded = load_for_save(path, save, scenario)
    if isinstance(loaded, Diagnostic):
        return Opened(None, (loaded,))
    result, reference = loaded
    if not result.ok or result.scenario is None:
        return Opened(None, tuple(result.diagnostics))
    try:
        game = replay(save, result.scenario)
    except ReplayError as exc:
        return Opened(None, (_problem(path, SAVE_MISMATCH, f"{exc} ({KEPT})"),))
    game.decision()  # a game starts lazily: a save made before its first choice has no log yet
    session = Session(game, reference, advise_ahead=advise_ahead)
    session.resumed()  # what happened before the save was read when it was played, by each player
    return Opened(session)


def load_for_save(path: Path, save: Save, override: str | None = None) -> tuple[LoadResult, str] | Diagnostic:
    """The scenario a save names, found from any folder, with the reference later saves record
    (an old checkout-relative name becomes the portable shipped one); a diagnostic when it
    cannot be found."""
    try:
        if override:
            return load_with_reference(override)
        source = source_of(save.scenario_id, save.scenario_file)
        if Path(source).suffix in SCENARIO_SUFFIXES:  # a user's file: always .yaml or .yml
            return load_file(source), str(Path(source).resolve())
        return load_shipped(source), ""
    except ScenarioRefError as exc:
        return _problem(path, SAVE_SCENARIO, f"{exc} ({KEPT})")
    except FileNotFoundError as exc:
        return _problem(path, SAVE_SCENARIO, f"the saved game's scenario is missing ({str(exc)[:200]})")
    except (OSError, ValueError) as exc:
        return _problem(
            path, SAVE_SCENARIO, f"the saved game's scenario cannot be read ({type(exc).__name__})"
        )
