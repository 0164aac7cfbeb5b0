"""The always-visible panel: the day, DEFCON and a gauge for every track."""

from __future__ import annotations

import pygame

from ...play.dates import day_dates
from ...play.view import PlayerView
from ...play.words import defcon_words
from ..theme import Palette, gauge_colour
from .text import line_height, render, wrap


def draw_sidebar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    view: PlayerView,
    p: Palette,
    s: float,
    values: dict[str, float] | None = None,
    compact: bool = False,
) -> int:
    """Draw the panel into rect; ``values`` overrides track values (for animation).  Returns the bottom y."""
    sc = view.scenario
    pygame.draw.rect(surface, p.desk_dark, rect)
    pad = int(14 * s)
    x, y, w = rect.left + pad, rect.top + pad, rect.width - 2 * pad
    day = view.day
    size_small = int(15 * s)
    surface.blit(render(f"DAY {day} OF {sc.days}", "title", int(22 * s), p.light_text), (x, y))
    y += line_height("title", int(22 * s))
    for line in wrap(day_dates(sc, day), "body", size_small, w):
        surface.blit(render(line, "body", size_small, p.light_text), (x, y))
        y += line_height("body", size_small)
    y += pad // 2

    defcon = view.defcon
    if defcon is not None:  # a scenario without a DEFCON model shows none, rather than a guess
        head = render(f"DEFCON {defcon}", "title", int(28 * s), p.light_text)
        said = defcon_words(sc, defcon)
        words_size = int(13 * s)
        lines = wrap(said, "body", words_size, w - pad)
        while words_size > 9 and len(lines) > 2:  # a scenario's own name may take two lines
            words_size -= 1
            lines = wrap(said, "body", words_size, w - pad)
        box = pygame.Rect(
            x, y, w, head.get_height() + len(lines) * line_height("body", words_size) + int(14 * s)
        )
        colour = p.gauge_high if defcon <= 2 else p.gauge_mid if defcon == 3 else p.gauge_low
        pygame.draw.rect(surface, colour, box, border_radius=4)
        pygame.draw.rect(surface, p.light_text, box, width=2, border_radius=4)
        surface.blit(head, (box.left + pad // 2, box.top + int(5 * s)))
        ly = box.top + int(5 * s) + head.get_height()
        for line in lines:
            surface.blit(render(line, "body", words_size, p.light_text), (box.left + pad // 2, ly))
            ly += line_height("body", words_size)
        y = box.bottom + pad

    bar_h = int((10 if compact else 14) * s)
    for track in view.tracks:
        tid = track.id
        value = values[tid] if values and tid in values else track.value
        # An estimate of the other side's track reads as its band ("~35–55%"), an unknown one as "?".
        shown = f"{round(value * 100)}%"
        if not track.known:
            shown = "?"
        elif track.estimated:
            shown = f"~{round(track.low * 100)}–{round(track.high * 100)}%"
        pct = render(shown, "bold", size_small, p.light_text)
        room = w - max(int(48 * s), pct.get_width() + int(8 * s))
        for line in wrap(track.label, "body", size_small, room):
            surface.blit(render(line, "body", size_small, p.light_text), (x, y))
            y += line_height("body", size_small)
        surface.blit(pct, (x + w - pct.get_width(), y - line_height("body", size_small)))
        bar = pygame.Rect(x, y + 2, w, bar_h)
        pygame.draw.rect(surface, p.gauge_back, bar, border_radius=3)
        fill = bar.copy()
        fill.width = int(w * max(0.0, min(1.0, value))) if track.known else 0
        pygame.draw.rect(
            surface, gauge_colour(p, value, track.warn_at or track.war_at), fill, border_radius=3
        )
        if track.estimated and track.known:  # the intelligence band: an outline from low to high
            band = pygame.Rect(bar.left + int(w * track.low), bar.top - 2, 0, bar.height + 4)
            band.width = max(2, int(w * (track.high - track.low)))
            pygame.draw.rect(surface, p.light_text, band, width=1, border_radius=2)
        for mark, thick in ((track.warn_at, 2), (track.war_at, 3)):
            if mark is not None:
                mx = bar.left + int(w * mark) - (1 if mark >= 1 else 0)
                pygame.draw.line(surface, p.warn, (mx, bar.top - 3), (mx, bar.bottom + 3), thick)
        y = bar.bottom + int((8 if compact else 12) * s)
    return y
