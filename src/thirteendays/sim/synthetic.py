"""Synthetic scenarios of any size, for benchmarks and property tests.

They use the real format and go through the real models, so what is measured
or tested on them is the engine the game runs, at sizes no author would write.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..scenario.model import Scenario


def synthetic_scenario(
    *,
    events: int = 30,
    tracks: int = 6,
    days: int = 13,
    options: int = 4,
    incidents: int = 4,
    flags: int = 16,
    seed: int = 0,
    coupling: float = 0.03,
    noise: float = 0.02,
    bias: float = -9.0,
    incident_days: int = 2,
    incident_words: int = 1,
) -> Scenario:
    """A valid scenario of the given size; incidents may each fire on ``incident_days`` days."""
    rng = np.random.default_rng(seed)
    track_ids = [f"t{k}" for k in range(tracks)]
    flag_ids = [f"f{i}" for i in range(flags)]
    stances = ["concede", "hold", "escalate"]

    def effects() -> dict[str, float]:
        chosen = rng.choice(track_ids, size=min(3, tracks), replace=False)
        return {str(t): round(float(rng.uniform(-0.1, 0.15)), 3) for t in chosen}

    def condition() -> dict | None:
        roll = rng.random()
        if roll < 0.3:
            return {"flag": str(rng.choice(flag_ids))}
        if roll < 0.5:
            return {"track": str(rng.choice(track_ids)), "below": round(float(rng.uniform(0.5, 0.9)), 2)}
        return None

    data = {
        "format": 1,
        "id": f"synthetic-{events}-{tracks}",
        "title": "Synthetic",
        "start": dt.date(1962, 10, 16),
        "days": days,
        "sides": {
            "us": {"name": "A", "leader": "A", "council": "A"},
            "ussr": {"name": "B", "leader": "B", "council": "B"},
        },
        "tracks": {
            t: {
                "label": t,
                "start": round(float(rng.uniform(0.1, 0.4)), 2),
                **({"war_at": 1.0} if k < 2 else {}),
            }
            for k, t in enumerate(track_ids)
        },
        "model": {
            "coupling": {t: {track_ids[(k + 1) % tracks]: coupling} for k, t in enumerate(track_ids)},
            "decay": {t: 0.1 for t in track_ids},
            "noise": {t: noise for t in track_ids},
            "hazard": {"bias": bias, "weights": {t: 3.0 for t in track_ids[:2]}},
        },
        "flags": flag_ids,
        "events": [
            {
                "id": f"e{i}",
                "day": int(1 + i * days // events),
                "side": "us" if i % 2 == 0 else "ussr",
                "title": f"Event {i}",
                "text": "Synthetic.",
                **({"when": cond} if (cond := condition()) else {}),
                "options": [
                    {
                        "id": f"o{j}",
                        "label": f"Option {j}",
                        "stance": stances[j % 3],
                        "effects": effects(),
                        "set": [str(rng.choice(flag_ids))] if rng.random() < 0.4 else [],
                        "ai": {
                            "weight": round(float(rng.uniform(0.5, 2)), 2),
                            "per": {str(rng.choice(track_ids)): round(float(rng.uniform(-2, 2)), 2)},
                        },
                        **({"historical": True} if j == 1 else {}),
                        **({"risk": 0.01} if j == options - 1 else {}),
                    }
                    for j in range(options)
                ],
            }
            for i in range(events)
        ],
        "incidents": [
            {
                "id": f"i{i}",
                "title": "x",
                "text": " ".join(["x"] * incident_words),
                "days": sorted(
                    {int(d) for d in rng.choice(range(1, days + 1), min(incident_days, days), replace=False)}
                )
                if incident_days != 2
                else [
                    int(d) for d in rng.choice(range(1, days + 1), 2)
                ],  # the historical draw, kept for seeds
                **({"when": cond} if incident_days != 2 and (cond := condition()) else {}),
                "chance": {"base": 0.05, "per": {track_ids[0]: 0.2}},
                "effects": effects(),
            }
            for i in range(incidents)
        ],
        "endings": [
            {"id": "war", "title": "War", "text": "x", "when": {"war": True}},
            {"id": "flagged", "title": "Flagged", "text": "x", "when": {"flag": flag_ids[0]}},
            {"id": "other", "title": "Other", "text": "x"},
        ],
    }
    return Scenario.model_validate(data)


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario as an author would write it, for measuring the whole path from text."""
    from ..scenario.yaml_safe import dump_yaml

    return dump_yaml(scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True))
