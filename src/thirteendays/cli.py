"""The command line: play, simulate, validate, replay and the authoring tools.

Each subcommand returns an exit status: 0 for success, 1 when the input is
invalid (a scenario with errors, a save that does not fit), 2 for usage
errors.  Problems are printed one per line as ``FILE:LINE:COL: ...``; no user
ever sees a traceback for bad input.  pygame is imported only by ``play``
without ``--text``, so the headless commands work on machines without it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_args import Parser, write_output
from .cli_args import out_file as _out_file
from .cli_args import positive as _positive
from .cli_args import seed as _seed
from .cli_args import shown as _shown
from .cli_args import why as _why
from .engine.policies import DIFFICULTIES, MINDS, POLICIES
from .scenario.diagnostics import Diagnostic, ScenarioError, clip, errors
from .scenario.loader import DEFAULT_SCENARIO, LoadResult, load_file
from .ui import SCREENS


class UsageError(Exception):
    """Bad arguments: reported on one line, exit status 2."""


def _runs(text: str) -> int:
    """A run count; one over the maximum is reported by the command, on one line."""
    digits = text.replace("_", "")
    if digits.isdigit() and len(digits) > 30:  # int() refuses thousands of digits; it is too many anyway
        return sys.maxsize
    return _positive(text)


def _check_runs(runs: int | None) -> None:
    """``simulate`` and ``test`` share the engine's limit, said the same way by both."""
    from .sim.montecarlo import MAX_RUNS

    if runs is not None and runs > MAX_RUNS:
        raise UsageError(f"--runs is at most {MAX_RUNS:,}; split a larger study into several seeds")


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="thirteendays", description="Thirteen Days: the Cuban Missile Crisis.")
    p.add_argument("--version", action="version", version=f"thirteendays {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    policies = sorted(POLICIES)

    play = sub.add_parser("play", help="play a game (the default)")
    play.add_argument("--side", default=None, help="the side you play: us or ussr (default us)")
    play.add_argument("--scenario", default=None, help="a shipped scenario name or a YAML file")
    play.add_argument("--seed", type=_seed, default=None, help="seed for a repeatable game")
    play.add_argument(
        "--opponent",
        choices=sorted(MINDS),
        default=None,
        help="the computer's mind, by name (default master)",
    )
    play.add_argument(
        "--difficulty",
        choices=list(DIFFICULTIES),
        default=None,
        help="the computer opponent: history (scripted), cautious, reckless or master (the default)",
    )
    play.add_argument("--text", action="store_true", help="play in the terminal")
    resume = play.add_mutually_exclusive_group()  # two answers to "which game?" would be a guess
    resume.add_argument(
        "--continue",
        dest="cont",
        action="store_true",
        help="the newest unfinished save (of --scenario, if given)",
    )
    resume.add_argument("--load", metavar="SAVE", help="continue a saved game")
    play.add_argument("--watch", metavar="FILE", help="play FILE and reload it whenever it is saved")
    play.add_argument(
        "--hotseat",
        action="store_true",
        help="two players at one screen, one for each side, passing it between turns",
    )

    sim = sub.add_parser("simulate", help="run many games headless and summarise them")
    sim.add_argument(
        "--runs", type=_runs, default=10_000, help="games to play: 1 to 10,000,000,000 (default 10,000)"
    )
    sim.add_argument("--us", choices=policies, default="ai", help="policy for the first side")
    sim.add_argument("--ussr", choices=policies, default="ai", help="policy for the second side")
    sim.add_argument("--seed", type=_seed, default=0)
    sim.add_argument("--scenario", default=DEFAULT_SCENARIO)
    sim.add_argument("--json", action="store_true", help="print JSON")
    sim.add_argument("--plot", type=_out_file, metavar="FILE.png", help="draw ending shares and track bands")

    val = sub.add_parser("validate", help="check scenario files; exit 1 if any is invalid")
    val.add_argument("files", nargs="+", metavar="FILE")

    rep = sub.add_parser("replay", help="replay a saved game and print its log")
    rep.add_argument("save", metavar="SAVE")
    rep.add_argument("--scenario", default=None, help="the scenario, if not the one the save names")
    rep.add_argument("--json", action="store_true", help="print the log as JSON")

    lin = sub.add_parser("lint", help="check scenarios for mistakes; exit 1 on errors")
    lin.add_argument("files", nargs="+", metavar="FILE")
    lin.add_argument("--strict", action="store_true", help="treat warnings as errors")
    lin.add_argument("--no-simulate", action="store_true", help="skip the simulated sweep")

    tst = sub.add_parser("test", help="play-test a scenario: option coverage and random play")
    tst.add_argument("file", metavar="FILE")
    tst.add_argument(
        "--runs",
        type=_runs,
        default=None,
        help="games to play: 1 to 10,000,000,000 (default 20,000; 1,000 with --history)",
    )
    tst.add_argument("--seed", type=_seed, default=0)
    tst.add_argument("--us", choices=policies, default="random", help="random-play policy, first side")
    tst.add_argument("--ussr", choices=policies, default="random", help="random-play policy, second side")
    tst.add_argument("--format", choices=["text", "json", "csv"], default="text")
    tst.add_argument(
        "--history",
        action="store_true",
        help="every side follows history: incident days, DEFCON and flags per day (--runs default 1,000)",
    )

    shot = sub.add_parser("screenshot", help="render a screen of the window to a PNG")
    shot.add_argument(
        "--screen",
        required=True,
        choices=SCREENS,
    )
    shot.add_argument("--out", type=_out_file, required=True, metavar="FILE.png")
    shot.add_argument("--size", default="1280x720", help="window size, e.g. 1024x640 (default 1280x720)")
    shot.add_argument("--side", default="us")
    shot.add_argument("--scenario", default=DEFAULT_SCENARIO)
    shot.add_argument(
        "--day", type=_positive, default=7, help="the day to show (history is followed until then)"
    )
    shot.add_argument("--palette", choices=["classic", "colour-blind", "high-contrast"], default="classic")
    shot.add_argument(
        "--text-scale", default="100", metavar="PERCENT", help="text size, 75 to 200 percent (default 100)"
    )

    from .report.command import add_parser as add_report_parser

    add_report_parser(sub)

    sch = sub.add_parser("schema", help="print the scenario JSON Schema")
    sch.add_argument("--out", type=_out_file, metavar="FILE", help="write it to FILE instead")

    from .sim.sweep_cli import add_parser as add_sweep_parser  # sweep: grids and sensitivity

    add_sweep_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv) or ["play"])
    command = args.command or "play"
    handler = {
        "play": cmd_play,
        "simulate": cmd_simulate,
        "validate": cmd_validate,
        "replay": cmd_replay,
        "schema": cmd_schema,
        "screenshot": cmd_screenshot,
        "lint": cmd_lint,
        "test": cmd_test,
        "report": cmd_report,
        "sweep": cmd_sweep,
    }[command]
    if command == "play":
        from .storage import tidy_user_folders

        tidy_user_folders()  # temporaries left by a write that was cut off (a crash, a power cut)
    try:
        return handler(args)
    except UsageError as exc:
        message = " ".join(str(exc).split())  # one line, and never a 5,000-character echo of the input
        print(
            f"thirteendays: error: {message if len(message) <= 300 else message[:300] + '...'}",
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: a bug must not greet the player with a traceback
        if os.environ.get("THIRTEENDAYS_DEBUG"):
            raise
        print(
            f"{INTERNAL_ERROR}: {exc.__class__.__name__}: {_shown(str(exc), 200)} "
            "(a bug: THIRTEENDAYS_DEBUG=1 shows where, for a report)",
            file=sys.stderr,
        )
        return 1


INTERNAL_ERROR = "thirteendays: internal error"


# ----- helpers ------------------------------------------------------------------------------
def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        print(d.format(), file=sys.stderr)


def load_or_fail(name: str) -> LoadResult:
    try:
        result = load_file(name)
    except FileNotFoundError as exc:
        raise UsageError(clip(exc)) from None
    except OSError as exc:
        raise UsageError(f"{clip(name)}: cannot read ({exc.strerror or exc})") from None
    return result


def scenario_or_exit(name: str):
    result = load_or_fail(name)
    if not result.ok:
        print_diagnostics(result.diagnostics)
        return None, result
    return result.scenario, result


# ----- commands -----------------------------------------------------------------------------
def cmd_validate(args: argparse.Namespace) -> int:
    bad = 0
    for name in args.files:
        result = load_or_fail(name)
        print_diagnostics(result.diagnostics)
        if result.ok:
            s = result.scenario
            print(
                f"{name}: ok ({s.id}: {len(s.events)} events, {len(s.incidents)} incidents, "
                f"{len(s.endings)} endings)"
            )
        else:
            bad += 1
            print(f"{name}: {len(errors(result.diagnostics))} error(s)")
    return 1 if bad else 0


def cmd_lint(args: argparse.Namespace) -> int:
    from .scenario.lint import format_report, lint

    failed = False
    for name in args.files:
        report = lint(load_or_fail(name), simulate_runs=0 if args.no_simulate else 2000)
        for line in format_report(report):
            print(line)
        failed |= report.failed(strict=args.strict)
    return 1 if failed else 0


def cmd_test(args: argparse.Namespace) -> int:
    from .sim.scenario_test import coverage, random_play, report_csv, report_json, report_text

    _check_runs(args.runs)

    scenario, _ = scenario_or_exit(args.file)
    if scenario is None:
        return 1
    if args.history:
        from .sim.history_test import print_history

        return print_history(scenario, args.runs or 1_000, args.seed, args.format)
    sides = list(scenario.sides)
    cov = coverage(scenario, seed=args.seed)
    runs = args.runs or 20_000
    summary = random_play(scenario, runs, args.seed, {sides[0]: args.us, sides[1]: args.ussr})
    if args.format == "json":
        print(json.dumps(report_json(scenario, cov, summary), indent=2))
    elif args.format == "csv":
        print(report_csv(scenario, cov, summary), end="")
    else:
        print(report_text(scenario, cov, summary), end="")
    return 0 if cov.complete else 1


def cmd_sweep(args: argparse.Namespace) -> int:
    from .sim.sweep_cli import cmd_sweep as run_sweep

    return run_sweep(args)


def cmd_simulate(args: argparse.Namespace) -> int:
    from .sim.montecarlo import simulate

    _check_runs(args.runs)
    scenario, _ = scenario_or_exit(args.scenario)
    if scenario is None:
        return 1
    sides = list(scenario.sides)
    policies = {sides[0]: args.us, sides[1]: args.ussr}
    progress = _progress_bar() if args.runs >= 200_000 and sys.stderr.isatty() else None
    summary = simulate(scenario, args.runs, policies, args.seed, progress=progress)
    if args.json:
        print(json.dumps(summary.to_json(), indent=2))
    else:
        print(
            f"{scenario.title}: {args.runs:,} games, {sides[0]}={args.us} {sides[1]}={args.ussr}, "
            f"seed {args.seed}"
        )
        print()
        titles = {e.id: e.title for e in scenario.endings}
        col = 2 + max(len(t) for t in [*titles.values(), *(t.label for t in scenario.tracks.values())])
        print(f"{'ending':<{col}}{'share':>9}   95% interval")
        for eid, (share, lo, hi) in sorted(summary.shares().items(), key=lambda kv: -kv[1][0]):
            print(f"{titles[eid]:<{col}}{share * 100:8.2f}%   {lo * 100:6.2f}% - {hi * 100:6.2f}%")
        print()
        means = summary.track_means()
        header = "track (mean by day)".ljust(col) + "".join(f"{d:>5}" for d in range(means.shape[0]))
        print(header)
        for k, tid in enumerate(summary.track_ids):
            print(scenario.tracks[tid].label.ljust(col) + "".join(f"{v * 100:5.0f}" for v in means[:, k]))
    if args.plot:
        from .ui.plot import plot_summary

        try:
            plot_summary(summary, scenario, Path(args.plot))
        except (OSError, RuntimeError) as exc:  # pygame.error is a RuntimeError
            print(f"{args.plot}:1:1: cannot write the plot ({_why(exc)})", file=sys.stderr)
            return 1
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _progress_bar():
    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total)
        print(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}",
            end="",
            file=sys.stderr,
            flush=True,
        )
        if done >= total:
            print(file=sys.stderr)

    return show


def cmd_report(args: argparse.Namespace) -> int:
    from .report.command import run

    return run(args)


def cmd_replay(args: argparse.Namespace) -> int:
    from .cli_replay import run

    return run(args)


def cmd_schema(args: argparse.Namespace) -> int:
    from .scenario.schema import schema_text

    text = schema_text()
    if args.out:
        try:
            write_output(Path(args.out), text)
        except OSError as exc:
            print(f"{args.out}:1:1: cannot write the schema ({exc.strerror or exc})", file=sys.stderr)
            return 1
    else:
        print(text, end="")
    return 0


def _text_scale(text: str) -> float:
    """``--text-scale`` in percent (``150`` or ``150%``) as the setting's factor, within its bounds."""
    digits = text.strip().removesuffix("%").strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 3 and 75 <= int(digits) <= 200):
        raise UsageError(f"--text-scale {_shown(text)} must be a whole percentage from 75 to 200, e.g. 150")
    return int(digits) / 100


def cmd_screenshot(args: argparse.Namespace) -> int:
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size '{args.size}' is not WIDTHxHEIGHT, e.g. 1280x720") from None
    if not (1024 <= w <= 3840 and 640 <= h <= 2160):
        raise UsageError("--size must lie between 1024x640 and 3840x2160")
    text_scale = _text_scale(args.text_scale)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .settings import Settings
    from .ui.shots import screenshot

    try:
        out = screenshot(
            args.screen,
            Path(args.out),
            size=(w, h),
            side=args.side,
            scenario=args.scenario,
            day=args.day,
            settings=Settings(reduced_motion=True, palette=args.palette, text_scale=text_scale),
        )
    except ScenarioError as exc:
        print_diagnostics(exc.diagnostics)
        return 1
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except (OSError, RuntimeError) as exc:  # pygame.error is a RuntimeError
        print(f"{args.out}:1:1: cannot write the screenshot ({_why(exc)})", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def starts_at_title(args: argparse.Namespace) -> bool:
    """A bare ``thirteendays`` opens the title screen; any game option starts that game."""
    chosen = (args.side, args.scenario, args.seed, args.opponent, args.load, args.watch, args.difficulty)
    return not args.text and not args.cont and not args.hotseat and all(value is None for value in chosen)


def cmd_play(args: argparse.Namespace) -> int:
    from .play_setup import prepare_session

    session = None
    if not starts_at_title(args):
        session, code = prepare_session(args, advise_ahead=not args.text)
        if session is None:
            return code
    if args.text:
        from .text.play import play_text

        return play_text(session, sys.stdout, sys.stdin)
    if not _has_display():
        print(
            "thirteendays: no display found, so the window cannot open.\n"
            "Play in the terminal instead:  thirteendays play --text",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from .ui.app import run_window
    except ImportError as exc:
        print(f"thirteendays: the window needs pygame ({exc}); play with --text", file=sys.stderr)
        return 2
    return run_window(session, watch=args.watch)


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True
