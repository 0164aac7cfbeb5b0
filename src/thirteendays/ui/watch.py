"""Hot reload for ``play --watch FILE``: edit the scenario, save, and keep playing.

The file is polled (twice a second; no extra dependency).  A valid edit
rebuilds the game from the same seed and replays the player's choices, so the
player lands where they were — as far as the edited scenario still allows.
An invalid edit is shown in the window and the last good version keeps running.
"""

from __future__ import annotations

from pathlib import Path

from ..scenario.loader import load_file

POLL_SECONDS = 0.5


class ScenarioWatcher:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.mtime = self._stamp()
        self.elapsed = 0.0
        self.errors: list[str] = []

    def _stamp(self) -> float:
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return -1

    def poll(self, app, dt: float = 1 / 60) -> bool:
        """Reload if the file changed; returns True when a new version was loaded."""
        self.elapsed += dt
        if self.elapsed < POLL_SECONDS:
            return False
        self.elapsed = 0.0
        stamp = self._stamp()
        if stamp == self.mtime:
            return False
        self.mtime = stamp
        return self.reload(app)

    def reload(self, app) -> bool:
        ctx = app.ctx
        try:
            result = load_file(self.path)
        except OSError as exc:
            ctx.notify(f"{self.path}: cannot read ({exc}); still playing the last good version")
            return False
        if not result.ok:
            self.errors = [d.format() for d in result.diagnostics if d.is_error]
            shown = self.errors[0] + (f" (+{len(self.errors) - 1} more)" if len(self.errors) > 1 else "")
            ctx.notify(f"Not reloaded: {shown}")
            return False
        self.errors = []
        session = ctx.session
        if session is None:
            return False
        kept, dropped = session.rebuild(result.scenario)
        note = f"; {dropped} later choice(s) no longer fit and were dropped" if dropped else ""
        ctx.notify(f"Reloaded {self.path.name}: replayed {kept} choice(s){note}")
        from .flow import screen_for
        from .screens.base import Reset

        app.apply(Reset(screen_for(ctx)))
        return True
