"""Every source in every shipped scenario is one an editor would accept.

The rule, kept simple so an author can apply it by eye:

* A ``source`` is one or more citations separated by ``;``.
* A citation names a work or a document, never a web host: no ``something.com``,
  no ``http``, and none of the blogs, magazine specials and aggregators the
  historian's review found (shared/reference/history-review.md, section 4).
* A citation is either an archive document, starting with the archive's name
  (``FRUS``, ``Wilson Center Digital Archive``, ``National Security Archive``,
  ``JFK Library``, ``CIA``, ``US Department of State``, ``United Nations``), or a
  work with its year in parentheses after a capitalised name: an author's or an
  issuing body's (``Michael Dobbs, One Minute to Midnight (2008), ch. 3``).
* No text a player reads speaks of the game's own reference material.

The review's two misattributions are pinned too: Allison's *Essence of Decision*,
written without Soviet records, is never the source for the Presidium or the
Jupiter deal, and the Glasnost Tapes of 1990, not the 1970 memoir, are the source
for Castro's first-strike proposal and the "42 missiles".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import SCENARIOS
from thirteendays.scenario.loader import load_file
from thirteendays.scenario.model import Scenario

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))

# Hosts and labels the review names as blogs, magazine specials, local news or
# aggregators, and the unidentifiable "Bedford documents".
BANNED = (
    "time special",
    "jfk50",
    "world history project",
    "worldhistoryproject",
    "wusf",
    "timetoast",
    "tellerreport",
    "docslib",
    "minorthoughts",
    "retronewser",
    "globalsecurity",
    "csef",
    "studyres",
    "indrastra",
    "nuclearfiles",
    "erenow",
    "libertarianinstitute",
    "blogspot",
    "wikipedia",
    "bedford documents",
    "summaries)",
    " summary",
)
HOST = re.compile(
    r"https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|ru|blog|edu|gov|uk)\b", re.I
)
ARCHIVES = (
    "FRUS ",
    "Wilson Center Digital Archive,",
    "National Security Archive,",
    "JFK Library,",
    "CIA ",
    "US Department of State,",
    "United Nations ",
)
NAMED_YEAR = re.compile(r"^[A-Z][^()]*\((?:[^()]*\D)?(1[89]\d\d|20\d\d)\)")
SELF_REFERENCE = re.compile(
    r"fact sheet|this game('s)? (does not|sources)|sources used here|reference material"
    r"|not recorded in the sources",
    re.I,
)


def problems(source: str) -> list[str]:
    """What is wrong with one ``source`` string under the rule above (empty if nothing)."""
    found = []
    for citation in (c.strip() for c in source.split(";")):
        if not citation:
            found.append("empty citation")
            continue
        low = citation.lower()
        banned = [b.strip() for b in BANNED if b in low]
        if banned:
            found.append(f"{citation!r} rests on {banned[0]!r}, a blog, special or aggregator")
        elif HOST.search(citation):
            found.append(f"{citation!r} names a web host, not a work")
        elif not (citation.startswith(ARCHIVES) or NAMED_YEAR.match(citation)):
            found.append(f"{citation!r} names neither an archive nor an author with a year")
    return found


def walk(node: object, path: str = "") -> Iterator[tuple[str, str, object]]:
    """Every (path, field name, value) in a loaded scenario, whatever its shape."""
    if isinstance(node, BaseModel):
        here = f"{path}/{node.id}" if isinstance(getattr(node, "id", None), str) else path
        for name in type(node).model_fields:
            value = getattr(node, name)
            yield f"{here}.{name}", name, value
            yield from walk(value, f"{here}.{name}")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}", str(key), value
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}[{i}]")


def load(path: Path) -> Scenario:
    result = load_file(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario


def sources(scenario: Scenario) -> list[tuple[str, str]]:
    return [(p, v) for p, name, v in walk(scenario) if name == "source" and isinstance(v, str) and v.strip()]


def strings(scenario: Scenario) -> list[tuple[str, str]]:
    return [(p, v) for p, _, v in walk(scenario) if isinstance(v, str)]


@pytest.mark.parametrize(
    "bad",
    [
        "Time special on the Cuban missile crisis",
        "JFK50, day 9; WUSF, On the brink (2008)",
        "Bedford documents, chapter 19",
        "Russian Defense Ministry figure, via tellerreport.com",
        "minorthoughts.com; FAS, The Cuban missile crisis",
        "Allison, Essence of Decision (summaries)",
        "INF Treaty summary",
        "https://example.org/a-post",
        "The Cuban Missile Crisis, a timeline",
    ],
)
def test_the_rule_rejects_what_the_review_rejected(bad):
    assert problems(bad), bad


@pytest.mark.parametrize(
    "good",
    [
        "Michael Dobbs, One Minute to Midnight (2008), ch. 3",
        "Raymond Garthoff, Reflections on the Cuban Missile Crisis (rev. ed. 1989)",
        "FRUS 1961–1963 vol. VI, Kennedy–Khrushchev Exchanges: Khrushchev to Kennedy, October 26, 1962",
        "Wilson Center Digital Archive, Cable, Dobrynin to the Soviet Foreign Ministry (October 27, 1962)",
        "National Security Archive, The Underwater Cuban Missile Crisis (2012); "
        "Scott Sagan, The Limits of Safety (1993)",
    ],
)
def test_the_rule_accepts_citations_an_editor_would(good):
    assert problems(good) == []


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_source_names_an_author_or_an_archive(path):
    found = sources(load(path))
    assert found, f"{path.name} cites nothing"
    bad = [f"{where}: {p}" for where, source in found for p in problems(source)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_no_text_speaks_of_the_games_own_reference_material(path):
    bad = [
        f"{where}: {m.group(0)!r}"
        for where, text in strings(load(path))
        if (m := SELF_REFERENCE.search(text))
    ]
    assert not bad, "\n".join(bad)


def items_citing(scenario: Scenario, work: str) -> Iterator[tuple[str, str]]:
    """(path, note or reflection) of every item whose source cites ``work``."""
    for node in _items(scenario):
        if work in (getattr(node, "source", "") or ""):
            text = getattr(node, "note", "") or getattr(node, "reflection", "") or ""
            yield getattr(node, "id", type(node).__name__), text if isinstance(text, str) else str(text)


def _items(node: object) -> Iterator[BaseModel]:
    if isinstance(node, BaseModel):
        if "source" in type(node).model_fields:
            yield node
        for name in type(node).model_fields:
            yield from _items(getattr(node, name))
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _items(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _items(value)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_works_are_cited_only_for_what_they_cover(path):
    s = load(path)
    for where, text in items_citing(s, "Essence of Decision"):
        assert not re.search(r"Presidium|Jupiter", text), (
            f"{where}: Allison (no Soviet records) cited for {text!r}"
        )
    for node in _items(s):
        text = " ".join(str(getattr(node, k, "") or "") for k in ("text", "note", "reflection"))
        if re.search(r"42 missiles|strike first|first strike", text):
            assert "Remembers (1970)" not in node.source, (
                f"{getattr(node, 'id', '')}: cite the Glasnost Tapes (1990)"
            )


def test_the_historical_scenario_cites_the_canonical_scholarship():
    cited = " ".join(v for _, v in sources(load(SCENARIOS / "cuban_missile_crisis.yaml")))
    for work in (
        "Dobbs",
        "Fursenko",
        "Naftali",
        "Stern",
        "The Kennedy Tapes",
        "Garthoff",
        "FRUS",
        "Wilson Center Digital Archive",
        "National Security Archive",
    ):
        assert work in cited, work
    berlin = " ".join(v for _, v in sources(load(SCENARIOS / "berlin_1961.yaml")))
    for work in ("Harrison", "Khrushchev's Cold War", "Memoirs of Nikita Khrushchev", "Kempe", "Smyser"):
        assert work in berlin, work
