"""``thirteendays report SAVE --out FILE.html``: the after-action report of a saved game."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli_args import out_file, write_output
from ..play import open_save
from ..play.slots import save_location
from ..scenario.diagnostics import Diagnostic, Severity
from .page import ReportError, render_report


def add_parser(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="write a finished game's after-action report as one HTML page")
    rep.add_argument("save", metavar="SAVE", help="a finished game: a save file or a save's name")
    rep.add_argument(
        "--out", required=True, type=out_file, metavar="FILE.html", help="where to write the page"
    )


def run(args: argparse.Namespace) -> int:
    """Write the page: exit 1 for a save that cannot be had or has not ended, 2 for a bad --out."""
    path = save_location(args.save)
    opened = open_save(path)
    if opened.session is None:
        for line in opened.lines():
            print(line, file=sys.stderr)
        return 2 if opened.usage else 1
    try:
        page = render_report(opened.session.game, saved_as=args.save)
    except ReportError as exc:
        hint = f"continue it with: thirteendays play --load {args.save}"
        problem = Diagnostic("SV004", Severity.ERROR, str(path), 1, 1, "", str(exc), hint)
        print(problem.format(), file=sys.stderr)
        return 1
    try:
        write_output(Path(args.out), page)
    except OSError as exc:
        print(f"thirteendays: error: cannot write {args.out} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0
