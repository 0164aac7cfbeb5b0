"""The ending's "Save report" button: the after-action page written off the main thread.

Pressing R (or clicking the button) starts the write on a worker thread; ``update``
collects the result and says, in a fading message, the file's name (never its folder:
screenshots get shared).  Neither the constructor nor ``draw`` touches a file.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import pygame

from ...report import ReportError, keep_report
from ..widgets.draw import button
from ..widgets.text import render

LABEL = "Save report (R)"
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thirteendays-report")


class ReportButton:
    """A button in a screen's hint bar, and the background write it starts."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.job: Future | None = None

    def rect(self, hints: pygame.Rect) -> pygame.Rect:
        """The button's place: the right end of the hint bar, as tall as the bar allows."""
        width = render(LABEL, "bold", self.size(), (0, 0, 0)).get_width() + int(20 * self.ctx.scale)
        width = min(width, hints.width // 3)
        pad = max(2, hints.height // 10)
        return pygame.Rect(
            hints.right - width - int(10 * self.ctx.scale), hints.top + pad, width, hints.height - 2 * pad
        )

    def size(self) -> int:
        return self.ctx.text(13)

    def reserve(self, hints: pygame.Rect) -> int:
        """How much of the hint bar's right end the button takes, for the hints to leave free."""
        return hints.right - self.rect(hints).left + int(6 * self.ctx.scale)

    def wants(self, event: pygame.event.Event, hints: pygame.Rect) -> bool:
        """Whether the event presses the button (R, or a click on it)."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_r:
            return True
        return (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and self.rect(hints).collidepoint(event.pos)
        )

    def press(self) -> None:
        """Start writing, unless a write is already under way."""
        session = self.ctx.session
        if session is None or (self.job is not None and not self.job.done()):
            return
        saved_as = session.kept.stem if session.kept is not None else ""
        self.job = _WRITER.submit(keep_report, session.game, saved_as=saved_as)

    def update(self) -> None:
        """Say how the write went, once it has."""
        if self.job is None or not self.job.done():
            return
        job, self.job = self.job, None
        try:
            path = job.result()
        except ReportError as exc:
            self.ctx.notify(f"No report: {exc}")
        except OSError as exc:
            self.ctx.notify(f"Report not saved: {exc.strerror or type(exc).__name__}")
        else:
            self.ctx.notify(f"Report saved as {path.name}")

    def settle(self, timeout: float = 30.0) -> None:
        if self.job is not None:
            self.job.exception(timeout)

    def draw(self, surface: pygame.Surface, hints: pygame.Rect) -> None:
        busy = self.job is not None and not self.job.done()
        button(
            surface,
            self.rect(hints),
            "Writing…" if busy else LABEL,
            self.ctx.palette,
            self.size(),
            enabled=not busy,
        )
