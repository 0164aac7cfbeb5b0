"""The historical scenario: complete, sourced, consequential, and true to the fact sheet."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from conftest import SCENARIOS
from thirteendays.engine.policies import POLICIES
from thirteendays.scenario.loader import DEFAULT_SCENARIO, load_file
from thirteendays.scenario.wording_lint import plain_texts
from thirteendays.sim.montecarlo import simulate

# Treaty dates from the fact sheet (shared/reference/history.md, "Treaties after 1962").
TREATIES = {
    "Hotline Agreement": dt.date(1963, 6, 20),
    "Limited Test Ban Treaty": dt.date(1963, 8, 5),
    "Outer Space Treaty": dt.date(1967, 1, 27),
    "Non-Proliferation Treaty": dt.date(1968, 7, 1),
    "ABM Treaty and SALT I Interim Agreement": dt.date(1972, 5, 26),
    "SALT II": dt.date(1979, 6, 18),
    "INF Treaty": dt.date(1987, 12, 8),
    "START I": dt.date(1991, 7, 31),
    "New START": dt.date(2010, 4, 8),
}

# Every calendar date the fact sheet gives (month, day, year or None for 1962), and the
# two the historian's review adds (shared/reference/history-review.md, E2 and E3):
# Kennedy's public warning of September 4 and the TASS statement of September 11, 1962.
FACT_SHEET_DATES = {
    (9, 4, None),
    (9, 11, None),
    *((10, d, None) for d in range(14, 29)),
    (10, 30, None),
    (11, 20, None),
    (4, 24, 1963),
    (6, 20, 1963),
    (8, 5, 1963),
    (10, 10, 1963),
    (1, 27, 1967),
    (10, 10, 1967),
    (7, 1, 1968),
    (3, 5, 1970),
    (5, 26, 1972),
    (10, 3, 1972),
    (6, 13, 2002),
    (6, 18, 1979),
    (12, 8, 1987),
    (6, 1, 1988),
    (8, 2, 2019),
    (7, 31, 1991),
    (12, 5, 1994),
    (1, 3, 1993),
    (5, 24, 2002),
    (6, 1, 2003),
    (2, 5, 2011),
    (4, 8, 2010),
    (2, 3, 2021),
    (2, 5, 2026),
    (2, 21, 2023),
    (9, 11, 1971),
    (10, 28, 1959),
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b(?:, (\d{4}))?")


@pytest.fixture(scope="module")
def crisis():
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario


def every(value) -> str:
    """All the wordings a field can show, variants included, as one text."""
    return " ".join(plain_texts(value))


def texts(s):
    for e in s.events:
        yield e.id, " ".join([every(e.title), every(e.text), e.note])
        for o in e.options:
            yield f"{e.id}/{o.id}", every(o.label) + " " + every(o.note)
    for x in s.incidents:
        yield x.id, every(x.text) + " " + x.note
    for n in s.endings:
        yield n.id, " ".join([every(n.text), n.reflection, *(every(v) for v in n.views.values())])
    yield "epilogue", s.epilogue.text + " " + " ".join(t.note for t in s.epilogue.treaties)


def test_it_is_the_default_and_spans_october_16_to_28(crisis):
    assert DEFAULT_SCENARIO == "cuban_missile_crisis"
    assert crisis.start == dt.date(1962, 10, 16)
    assert crisis.date_of(crisis.days) == dt.date(1962, 10, 28)


def test_every_day_has_a_us_decision_and_the_soviets_decide_on_eight_days(crisis):
    def days(side):  # a ranged event decides once, so only its first day counts
        return {e.day for e in crisis.events if e.side == side}

    assert days("us") == set(range(1, 14))
    assert len(days("ussr")) >= 8


def test_every_decision_has_three_to_five_options_with_effects_notes_and_sources(crisis):
    for e in crisis.events:
        assert 3 <= len(e.options) <= 5, e.id
        for o in e.options:
            assert o.effects or o.set or o.clear, f"{e.id}/{o.id} has no effect"
            assert o.note.strip() and o.source.strip(), f"{e.id}/{o.id} lacks a note or source"
    for x in crisis.incidents:
        assert x.note.strip() and x.source.strip(), x.id
    for n in crisis.endings:
        assert n.reflection.strip() and n.source.strip() and set(n.prestige) == {"us", "ussr"}, n.id
        assert set(n.views) == {"us", "ussr"}, n.id
        assert n.epilogue.strip(), n.id


def test_the_required_decisions_and_incidents_are_there(crisis):
    ids = {e.id for e in crisis.events}
    assert {
        "first-response",
        "the-speech",
        "oas",
        "defcon-two",
        "ships-at-line",
        "security-council",
        "first-letter",
        "turkey-trade",
        "anderson",
        "castro-cable",
        "final-decision",
    } <= ids
    trade = next(e for e in crisis.events if e.id == "turkey-trade")
    assert {"trade-public", "trade-secret", "refuse", "first-only"} <= {o.id for o in trade.options}
    assert next(o for o in trade.options if o.historical).id == "trade-secret"
    assert {"u2-shootdown", "maultsby", "b59", "marucla"} <= {x.id for x in crisis.incidents}


def test_at_least_seven_endings_including_the_required_ones(crisis):
    ids = [n.id for n in crisis.endings]
    assert len(ids) >= 7
    assert {
        "nuclear-war",
        "invasion",
        "secret-trade",
        "public-trade",
        "withdrawal",
        "missiles-stay",
        "standoff",
    } <= set(ids)
    assert [n.id for n in crisis.endings if n.historical] == ["secret-trade"]


def test_each_ending_is_reached_by_some_pairing_of_built_in_policies(crisis):
    reached: set[str] = set()
    for us, ussr in itertools.product(sorted(POLICIES), repeat=2):
        summary = simulate(crisis, 20_000, {"us": us, "ussr": ussr}, seed=7, bands=False, tracks=False)
        reached |= {eid for eid, k in zip(summary.ending_ids, summary.counts, strict=True) if k}
    assert reached == {n.id for n in crisis.endings}


def test_the_epilogue_treaty_dates_match_the_fact_sheet(crisis):
    treaties = {t.name: t.date for t in crisis.epilogue.treaties}
    assert treaties == TREATIES
    dates = [t.date for t in crisis.epilogue.treaties]
    assert dates == sorted(dates)


def test_every_date_written_in_the_scenario_is_on_the_fact_sheet(crisis):
    for where, text in texts(crisis):
        for month, day, year in DATE.findall(text):
            key = (MONTHS.index(month) + 1, int(day), int(year) if year and year != "1962" else None)
            assert key in FACT_SHEET_DATES, f"{where}: '{month} {day}{', ' + year if year else ''}'"


def test_no_unconfirmed_claims_are_stated(crisis):
    everything = " ".join(t for _, t in texts(crisis))
    # LeMay's remark and Sorensen's 1989 admission are documented (review, E8 and section 5):
    # they are told, each beside the record that carries it.
    chiefs = next(e for e in crisis.events if e.id == "joint-chiefs")
    assert all(w in chiefs.note for w in ("LeMay", "Munich", "taped")), chiefs.note
    assert "The Kennedy Tapes" in chiefs.source
    trade = next(n for n in crisis.endings if n.id == "secret-trade")
    assert "1989" not in everything.replace(trade.reflection, "")
    assert "Sorensen" in trade.reflection and "Back to the Brink" in trade.source
    assert "Major Maultsby" not in everything and "Captain Charles Maultsby" in everything
    assert "unanimous" not in everything or "not unanimous" in everything


def test_decision_texts_fit_the_window(crisis):
    for e in crisis.events:
        for text in plain_texts(e.text):
            assert len(text.split()) <= 150, (e.id, len(text.split()))
