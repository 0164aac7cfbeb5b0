"""The story follows the player: after a choice that changes what each side knows,
the words read afterwards (resolved as every front end resolves them) say so.

Each case plays seeded games through the engine in which both sides follow history
except for one choice, and looks for words that only make sense had that choice not
been made.  The engine helpers come from test_cmc_story, which plays the other branches.
"""

from __future__ import annotations

import re

import pytest

from conftest import SCENARIOS
from test_cmc_story import _play_reading
from thirteendays.engine.compiled import Compiled
from thirteendays.scenario.loader import load_file


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return Compiled(result.scenario)


# (deviating event, option, the side who reads, the events that must have been read,
#  words that must not appear afterwards, words that must)
PATHS = {
    # 1. Kennedy warned Khrushchev privately: Moscow does not think it unseen.
    "warned privately": (
        "photographs",
        "warn-privately",
        "ussr",
        {"gromyko-brief"},
        re.compile(r"have seen nothing|Deny that there are any", re.I),
        re.compile(r"private message", re.I),
    ),
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_later_words_know_the_choice(compiled, path):
    event_id, option_id, side, must_read, forbidden, expected = PATHS[path]
    read, _ = _play_reading(compiled, side, event_id, option_id)
    assert must_read <= set(read), (path, sorted(read))
    for eid, words in read.items():
        if eid == event_id:
            continue  # the deviating decision itself was read before it was taken
        for text in words:
            assert not forbidden.search(text), (path, eid, text)
    seen = {w for eid in must_read for w in read[eid]}
    assert any(expected.search(w) for w in seen), (path, seen)
