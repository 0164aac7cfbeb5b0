"""TD129: an ending whose words claim history must be reachable only on history's path.

The scenario says what matters (``history_requires``, e.g. no strike, no invasion,
no public trade); an ending marked ``claims_history: true`` must then imply each
part of it.  The proof is the linter's contradiction reasoning: for each required
part R, "the ending is reached and R fails" must be impossible.  "The ending is
reached" is its own ``when`` together with every earlier ending's ``when``
failing (first match wins), so an ending after a war ending need not repeat
``{war: false}``.  The reasoning is sound, not complete: an ending it cannot
prove is reported, and the fix is to write the exclusion into its ``when``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from pydantic import BaseModel

from .conditions_model import AllOf
from .model import Scenario

Add = Callable[..., None]


def _shown(cond: BaseModel) -> str:
    return json.dumps(cond.model_dump(by_alias=True, exclude_none=True), separators=(", ", ": "))


def history_claims(s: Scenario, add: Add) -> None:
    # Imported here: lint_authoring imports this module for its rule list.
    from .lint_authoring import jointly_impossible

    required = s.history_requires
    parts = [] if required is None else (required.all if isinstance(required, AllOf) else [required])
    for ni, ending in enumerate(s.endings):
        if not ending.claims_history:
            continue
        path = ("endings", ni)
        if required is None:
            add(
                "TD129",
                (*path, "claims_history"),
                f"ending '{ending.id}' claims history, but the scenario does not say what history requires",
                "add history_requires: the paths that rule history out, e.g. {not: {flag: strike}}",
            )
            continue
        reached = [(x.when, False) for x in s.endings[:ni] if x.when is not None]
        if ending.when is not None:
            reached.append((ending.when, True))
        open_ = [r for r in parts if not jointly_impossible(*reached, (r, False))]
        if open_:
            add(
                "TD129",
                (*path, "when") if ending.when is not None else (*path, "claims_history"),
                f"ending '{ending.id}' claims history, but can be reached where "
                + " or ".join(f"{_shown(r)} fails" for r in open_),
                "add each missing requirement to the ending's 'when', or drop claims_history",
            )
