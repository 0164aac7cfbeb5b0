"""Who chooses for a side: kept here so engine imports stay short; the minds live in ``minds/``."""

from ..minds.policies import (
    DIFFICULTIES,
    DIFFICULTY_LABELS,
    MINDS,
    POLICIES,
    Policy,
    ai_policy,
    dove_policy,
    get_policy,
    hawk_policy,
    historical_policy,
    random_policy,
    sample,
)

__all__ = [
    "DIFFICULTIES",
    "DIFFICULTY_LABELS",
    "MINDS",
    "POLICIES",
    "Policy",
    "ai_policy",
    "dove_policy",
    "get_policy",
    "hawk_policy",
    "historical_policy",
    "random_policy",
    "sample",
]
