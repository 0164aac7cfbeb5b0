"""The application layer: new game, open save, autosave, PlayerView and the words a player reads.

Every front end (the window, the terminal, the environments, ``replay`` and
``screenshot``) goes through this package, so a fix made here holds everywhere.
"""

from .saves import SaveEntry, list_saves
from .session import Opened, Session, fresh_seed, new_game, open_save, start_game
from .slots import slot_path
from .view import DecisionView, EndingView, OptionView, PlayerView, TrackView, view_for

__all__ = [
    "DecisionView",
    "EndingView",
    "Opened",
    "OptionView",
    "PlayerView",
    "SaveEntry",
    "Session",
    "TrackView",
    "fresh_seed",
    "list_saves",
    "new_game",
    "open_save",
    "slot_path",
    "start_game",
    "view_for",
]
