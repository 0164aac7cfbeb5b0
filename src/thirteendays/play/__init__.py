"""The application layer: new game, open save, autosave, PlayerView and the words a player reads.

Every front end (the window, the terminal, the environments, ``replay`` and
``screenshot``) goes through this package, so a fix made here holds everywhere.
"""
