"""``thirteendays sweep``: the command line of grids and sensitivity studies.

Exit status follows the rest of the CLI: 0 when the study ran, 1 when the
scenario is invalid or the cluster cannot be reached or used, 2 for usage
errors (an unknown parameter path, a range with no values, a study above the
size limit).  Every problem is one line on stderr; nothing is written until
the whole study has run, and files are written atomically.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..cli_args import out_file, positive, seed
from .sweep_limits import DEFAULT_SCOPE, MAX_GAMES, MAX_POINTS, StudyError

EPILOG = f"""\
parameter paths use dots for fields and [brackets] for keys, since track ids hold dots:
  model.hazard.bias   model.noise[us.military]   model.coupling[ussr.military][us.military]
  model.defcon.thresholds[0]   incidents[u2-shootdown].chance.per[ussr.military]   tracks[world].start
list every number a file has with: thirteendays sweep FILE --list

a study may hold at most {MAX_POINTS:,} points and {MAX_GAMES:,} games (points x runs).

examples:
  thirteendays sweep cuban_missile_crisis --vary model.hazard.bias=-10:-8:5 --us ai,hawk
  thirteendays sweep cuban_missile_crisis --sensitivity 20% --out study --plot tornado.png
  thirteendays sweep cuban_missile_crisis --sensitivity 20% --scheduler tcp://HOST:8786
"""


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("must lie between 0 and 600 seconds")
    return value


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    sw = sub.add_parser(
        "sweep",
        help="run a grid or a sensitivity study over model parameters and policies",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sw.add_argument("file", metavar="FILE", help="a shipped scenario name or a YAML file")
    sw.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="PATH=LO:HI:N",
        help="N values from LO to HI (or A,B,C)",
    )
    sw.add_argument(
        "--sensitivity", metavar="P%", help="move each parameter by ±P%% of its value, one at a time"
    )
    sw.add_argument(
        "--params",
        metavar="GLOB,...",
        help=f"which parameters --sensitivity moves (default {','.join(DEFAULT_SCOPE)}; '*' for all)",
    )
    sw.add_argument("--runs", type=positive, default=20_000, help="games a point (default 20,000)")
    sw.add_argument("--seed", type=seed, default=0, help="the seed of every point (default 0)")
    sw.add_argument("--us", default="ai", metavar="P[,P...]", help="policies for the first side (default ai)")
    sw.add_argument(
        "--ussr", default="ai", metavar="P[,P...]", help="policies for the second side (default ai)"
    )
    sw.add_argument("--scheduler", metavar="ADDR", help="run on a Dask cluster, e.g. tcp://HOST:8786")
    sw.add_argument(
        "--connect-timeout", type=_seconds, default=10.0, metavar="S", help="seconds to reach it (default 10)"
    )
    sw.add_argument(
        "--workers",
        type=positive,
        help="local processes (default: one per core; small studies run in-process)",
    )
    sw.add_argument("--out", metavar="PREFIX", help="write PREFIX.csv and PREFIX.json")
    sw.add_argument("--csv", metavar="FILE", help="write the CSV here")
    sw.add_argument("--json", metavar="FILE", help="write the JSON here")
    sw.add_argument("--plot", metavar="FILE.png", help="draw the tornado chart of a sensitivity study")
    sw.add_argument("--list", action="store_true", help="list every parameter path and its value, then stop")
    return sw


def cmd_sweep(args: argparse.Namespace) -> int:
    """The command; errors become one line and an exit status, never a traceback."""
    from .sweep_run import ClusterError

    try:
        return _sweep(args)
    except StudyError as exc:
        print(f"thirteendays: error: {exc}", file=sys.stderr)
        return 2
    except ClusterError as exc:
        print(f"thirteendays: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"thirteendays: error: cannot write {exc.filename} ({exc.strerror})", file=sys.stderr)
        return 1


def _policies(args: argparse.Namespace, sides: list[str]) -> dict[str, list[str]]:
    from ..engine.policies import POLICIES
    from ..scenario.diagnostics import did_you_mean

    out = {}
    for side, text in zip(sides, (args.us, args.ussr), strict=True):
        names = list(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
        if not names:
            raise StudyError(f"no policy given for {side}")
        for n in names:
            if n not in POLICIES:
                hint = did_you_mean(n, POLICIES)
                raise StudyError(f"unknown policy '{n}' for {side}" + (f" ({hint})" if hint else ""))
        out[side] = names
    return out


def _load(name: str):
    """The scenario, through the command line's own loader (the same messages as every command)."""
    from ..cli import UsageError, scenario_or_exit

    try:
        scenario, _ = scenario_or_exit(name)
    except UsageError as exc:
        raise StudyError(str(exc)) from None
    return scenario


def _sweep(args: argparse.Namespace) -> int:
    from ..storage import atomic_write
    from . import sweep, sweep_report
    from .sweep_params import parameters

    scenario = _load(args.file)
    if scenario is None:
        return 1
    if args.list:
        for p in parameters(scenario):
            print(f"{p.path} = {p.value:g}")
        return 0
    if bool(args.vary) == bool(args.sensitivity):
        raise StudyError("give --vary PATH=LO:HI:N (a grid) or --sensitivity P% (one at a time), not both")
    if args.plot and not args.sensitivity:
        raise StudyError("--plot draws a tornado chart, which needs --sensitivity")
    if args.params and not args.sensitivity:
        raise StudyError("--params chooses what --sensitivity moves; a grid names its paths with --vary")
    if args.scheduler and args.workers:
        raise StudyError("--workers sets the local pool; a Dask cluster has its own workers")
    sides = list(scenario.sides)
    policies = _policies(args, sides)
    outputs = _outputs(args)
    run = _runner(args)
    if args.sensitivity:
        if any(len(v) > 1 for v in policies.values()):
            raise StudyError("--sensitivity takes one policy for each side")
        share = sweep.parse_share(args.sensitivity)
        scope = (
            [g.strip() for g in args.params.split(",") if g.strip()] if args.params else sweep.DEFAULT_SCOPE
        )
        plan = sweep.sensitivity(scenario, share, scope)
        pol = {s: v[0] for s, v in policies.items()}
        points = plan.points(tuple(pol.items()))
        sweep.check_size(len(points), args.runs)
        outcomes = run(scenario, points)
        result = sweep_report.SensitivityResult.of(scenario, args.runs, args.seed, plan, pol, outcomes)
        lines = sweep_report.sensitivity_table(result)
        data, table = sweep_report.sensitivity_json(result), sweep_report.sensitivity_csv(result)
    else:
        vary = [sweep.parse_vary(v, scenario) for v in args.vary]
        points = sweep.grid(scenario, vary, policies, args.runs)
        outcomes = run(scenario, points)
        grid = sweep_report.GridResult(scenario, args.runs, args.seed, [p for p, _ in vary], points, outcomes)
        lines = sweep_report.grid_table(grid)
        data, table = sweep_report.grid_json(grid), sweep_report.grid_csv(grid)
    print("\n".join(lines))
    if outputs["csv"]:
        atomic_write(outputs["csv"], table)
        print(f"wrote {outputs['csv']}", file=sys.stderr)
    if outputs["json"]:
        atomic_write(outputs["json"], json.dumps(data, indent=2) + "\n")
        print(f"wrote {outputs['json']}", file=sys.stderr)
    if args.plot:
        _plot(result, Path(args.plot))
    return 0


def _outputs(args: argparse.Namespace) -> dict[str, Path | None]:
    out = {"csv": Path(args.csv) if args.csv else None, "json": Path(args.json) if args.json else None}
    if args.out:
        if args.csv or args.json:
            raise StudyError("give --out PREFIX or --csv/--json, not both")
        if args.out.endswith(("/", "\\")) or Path(args.out).is_dir():
            example = args.out.rstrip("/\\") + "/study"
            raise StudyError(f"--out {args.out} is a folder; give a name prefix such as {example}")
        out = {"csv": Path(args.out + ".csv"), "json": Path(args.out + ".json")}
    for path in [*(p for p in out.values() if p), *([Path(args.plot)] if args.plot else [])]:
        try:
            out_file(str(path))
        except argparse.ArgumentTypeError as exc:
            raise StudyError(f"{path}: {exc}") from None
    if args.plot and Path(args.plot).suffix.lower() != ".png":
        raise StudyError(f"--plot {args.plot}: the chart is a PNG; give a name ending in .png")
    return out


def _runner(args: argparse.Namespace) -> Callable:
    from .sweep_run import run_points

    progress = _progress() if sys.stderr.isatty() else None

    def run(scenario, points):
        return run_points(
            scenario,
            points,
            args.runs,
            args.seed,
            scheduler=args.scheduler,
            workers=args.workers,
            progress=progress,
            timeout=args.connect_timeout,
        )

    return run


def _progress() -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        print(f"\r{done}/{total} points", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def _plot(result, out: Path) -> None:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from ..ui.tornado import plot_tornado
    except ImportError as exc:
        raise StudyError(f"--plot needs pygame ({exc})") from None

    plot_tornado(result, out)
    print(f"wrote {out}", file=sys.stderr)
