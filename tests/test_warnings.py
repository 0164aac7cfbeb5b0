"""An option's warning names the marks it would push a track past, in the side's own terms."""

from __future__ import annotations

from conftest import SCENARIOS
from thirteendays.engine.explain import crossings
from thirteendays.play.risk_words import option_warnings
from thirteendays.scenario.loader import load_file


def _crisis():
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok
    return result.scenario


def _option(scenario, event: str, option: str):
    ev = next(e for e in scenario.events if e.id == event)
    return next(o for o in ev.options if o.id == option)


def test_a_push_past_a_mark_is_named_and_a_push_short_of_it_is_not():
    sc = _crisis()
    hold_out = _option(sc, "final-decision", "hold-out")  # raises the American alert
    calm = {t: 0.3 for t in sc.tracks}
    assert crossings(sc, calm, hold_out) == []
    edge = {**calm, "us.military": 0.95}
    warning, risk = option_warnings(sc, edge, hold_out)
    assert warning.startswith("Pushes US military alert to war (95% to 100%")
    assert risk == "Carries its own chance of war (about 3%)"  # another day of the generals on the island


def test_an_estimate_already_at_the_limit_still_warns_that_a_push_may_end_it():
    """Khrushchev read Washington's alert as 92-100%: holding out was war, and nothing said so."""
    sc = _crisis()
    hold_out = _option(sc, "final-decision", "hold-out")
    read = {**{t: 0.3 for t in sc.tracks}, "us.military": 1.0}
    warning, _risk = option_warnings(sc, read, hold_out, frozenset({"us.military"}))
    assert warning == "May push US military alert to war, by our best estimate"
    withdraw = _option(sc, "final-decision", "withdraw-bare")  # lowers it: no warning
    assert option_warnings(sc, read, withdraw, frozenset({"us.military"})) == ()


def test_a_push_safe_from_the_estimate_but_not_from_the_top_of_its_band_is_named():
    """Berlin closed with Washington's alert read as 77-93%: +12 is safe from 85%, not from 93%."""
    sc = _crisis()
    berlin = _option(sc, "strike-reply", "berlin")
    read = {**{t: 0.3 for t in sc.tracks}, "us.military": 0.85}
    guessed = frozenset({"us.military"})
    wide = option_warnings(sc, read, berlin, guessed, {"us.military": (0.77, 0.93)})
    assert "Could push US military alert to war if it stands near the top of our estimate (77–93%)" in wide
    narrow = option_warnings(sc, read, berlin, guessed, {"us.military": (0.83, 0.87)})
    assert not any("US military alert" in w for w in narrow)
    # A danger mark reached only from the top of the band asks nothing: most pushes would.
    low = {**read, "us.military": 0.65}
    assert not any(
        "US military" in w for w in option_warnings(sc, low, berlin, guessed, {"us.military": (0.55, 0.75)})
    )


def test_a_band_whose_centre_crosses_the_danger_mark_and_whose_top_crosses_war_warns_of_war():
    """The convoy to Berlin with Moscow's alert read as 60-90%: +12 is the danger mark from 75%,
    war from 90%; the card named only the danger mark."""
    sc = _crisis()
    push = next(o for e in sc.events for o in e.options if o.effects.get("ussr.military", 0) == 0.12)
    read = {**{t: 0.3 for t in sc.tracks}, "ussr.military": 0.75}
    guessed = frozenset({"ussr.military"})
    said = option_warnings(sc, read, push, guessed, {"ussr.military": (0.60, 0.90)})
    assert any(w.startswith("May push Soviet military alert to the danger mark") for w in said)
    assert any(w.startswith("Could push Soviet military alert to war if it stands near") for w in said)


def test_handing_over_the_weapons_warns_of_the_incident_it_makes_possible():
    """Launch authority for the commanders in Cuba carried no warning, and the war it allowed
    came days later with nothing to tie it to the order."""
    from thirteendays.play.risk_words import opened_dangers

    sc = _crisis()
    delegate = _option(sc, "the-reply", "delegate")
    said = opened_dangers(sc, delegate, frozenset(), "ussr", 7)
    assert said == (
        "Makes possible: A commander fires on his own authority (about 15% chance of war if it happens)",
    )
    assert opened_dangers(sc, delegate, frozenset({"delegated"}), "ussr", 7) == ()  # already possible
    assert opened_dangers(sc, _option(sc, "the-reply", "quiet"), frozenset(), "ussr", 7) == ()


def test_a_danger_opened_for_later_is_shown_but_not_asked_about():
    """A chance of a chance: beside the card's warnings, but no 'are you sure?' for it alone."""
    from thirteendays.engine.game import Game
    from thirteendays.play.view import view_for

    game = Game(_crisis(), side="ussr", seed=3, opponent="historical")
    while (d := game.decision()) is not None and d.event.id != "the-reply":
        game.choose(next((o.id for o in d.options if o.historical), d.options[0].id))
    assert d is not None
    delegate = next(o for o in view_for(game, "ussr").decision.options if o.id == "delegate")
    assert delegate.dangers and delegate.dangers[0].startswith("Makes possible: A commander fires")
    assert not any(w.startswith("Makes possible") for w in delegate.warnings)
