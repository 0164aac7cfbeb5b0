"""``thirteendays report SAVE --out FILE.html``: the after-action report of a saved game."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..storage import atomic_write
from .page import ReportError, render_report


def add_parser(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="write a finished game's after-action report as one HTML page")
    rep.add_argument("save", metavar="SAVE", help="a save file of a finished game")
    rep.add_argument("--out", required=True, metavar="FILE.html", help="where to write the page")


def run(args: argparse.Namespace, open_game) -> int:
    """Write the page; ``open_game(path)`` returns the replayed game or None after printing why."""
    out = Path(args.out)
    if out.is_dir():
        print(
            f"thirteendays: error: --out {args.out} is a folder; name a file such as report.html",
            file=sys.stderr,
        )
        return 2
    game = open_game(args.save)
    if game is None:
        return 1
    try:
        page = render_report(game, saved_as=args.save)
    except ReportError as exc:
        print(f"{args.save}:1:1: {exc}", file=sys.stderr)
        return 1
    try:
        atomic_write(out, page)
    except OSError as exc:
        print(f"thirteendays: error: cannot write {args.out} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    return 0
