"""Cross-references of the hidden declarations: resolve, secrets, intel and commitments.

Kept beside ``references.py`` so its checks stay one screen long; reported with
the same positions and codes (TD020 for an undeclared name, TD024 for a hidden
declaration that cannot work as written).
"""

from __future__ import annotations

from collections.abc import Callable

from .conditions_model import ResolveIn
from .model import Scenario
from .yaml_safe import Path

Need = Callable[[str, str, set[str], Path, bool], None]
Report = Callable[..., None]


def hidden_conditions(s: Scenario):
    """The conditions the hidden declarations hold, with their paths (for every walker)."""
    for sid, side in s.sides.items():
        for i, secret in enumerate(side.secrets):
            yield secret.revealed_when, ("sides", sid, "secrets", i, "revealed_when")
    for tid, track in s.tracks.items():
        if track.intel is None:
            continue
        for i, n in enumerate(track.intel.narrows):
            yield n.when, ("tracks", tid, "intel", "narrows", i, "when")
        yield track.intel.hidden_until, ("tracks", tid, "intel", "hidden_until")


def check_hidden(s: Scenario, need: Need, report: Report, walk) -> None:
    """Every name the hidden declarations use, and what they can mean."""
    sides, tracks, flags = set(s.sides), set(s.tracks), set(s.flags)
    secret_owner: dict[str, str] = {}
    for sid, side in s.sides.items():
        for i, secret in enumerate(side.secrets):
            path: Path = ("sides", sid, "secrets", i, "flag")
            need("flag", secret.flag, flags, path, False)
            if secret.flag in secret_owner:
                report(
                    "TD024",
                    path,
                    f"flag '{secret.flag}' is already a secret of '{secret_owner[secret.flag]}'",
                    "a fact is one side's secret; declare it once",
                )
            secret_owner.setdefault(secret.flag, sid)
        for cid, commitment in side.commitments.items():
            for t in commitment.pressure:
                need("track", t, tracks, ("sides", sid, "commitments", cid, "pressure", t), True)
    for tid, track in s.tracks.items():
        if track.intel is not None and (track.side is None or track.side not in sides):
            report(
                "TD024",
                ("tracks", tid, "intel"),
                f"track '{tid}' has intel but belongs to no side, so every side sees it exactly",
                f"give it a side (side: {next(iter(s.sides))}) or remove 'intel'",
                True,
            )
    for ei, event in enumerate(s.events):
        side = s.sides.get(event.side)
        if side is None:
            continue  # an unknown side is reported once, as TD020
        promised = set(side.commitments)
        for oi, option in enumerate(event.options):
            for key in ("commits", "breaks"):
                for ci, cid in enumerate(getattr(option, key)):
                    if cid not in promised:
                        report(
                            "TD024",
                            ("events", ei, "options", oi, key, ci),
                            f"'{cid}' is not a commitment of '{event.side}', who decides this event",
                            f"declare it under sides.{event.side}.commitments",
                        )
    from .references import conditions_of  # a cycle at import time otherwise

    for cond, path in [*conditions_of(s), *hidden_conditions(s)]:
        for leaf, lpath in walk(cond, path):
            if isinstance(leaf, ResolveIn):
                rp: Path = (*lpath, "resolve")
                ref = leaf.resolve
                need("side", ref.side, sides, (*rp, "side"), False)
                if ref.side in s.sides and s.sides[ref.side].hidden is None:
                    report(
                        "TD024",
                        (*rp, "side"),
                        f"side '{ref.side}' declares no hidden resolve, so it is always 0.5 here",
                        f"add sides.{ref.side}.hidden: {{resolve: {{beta: [2, 2]}}}}",
                    )
                if ref.at_least is not None and ref.below is not None and ref.at_least >= ref.below:
                    report("TD022", rp, "this resolve range is empty ('at_least' >= 'below')")
