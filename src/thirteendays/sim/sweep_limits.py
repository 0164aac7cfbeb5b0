"""What every part of a sweep agrees on, kept free of heavy imports.

The command line builds its parser (and its help text, which quotes these
limits) on every run of ``thirteendays``, so this module imports nothing.
"""

from __future__ import annotations

# The documented size limits: a study above them is refused before anything runs.
# Two billion games is about an hour on a 2-core machine, and much less on a cluster.
MAX_GAMES = 2_000_000_000
MAX_POINTS = 10_000
# Parameters a sensitivity study moves unless told otherwise: the tension model and
# the incidents' chances, risks and effects (the dynamics, not the authored choices).
DEFAULT_SCOPE = ("model.*", "incidents*")  # globs: * is any text; brackets are literal


class StudyError(Exception):
    """A study that cannot be run as asked; the message is one line for the user (exit 2)."""
