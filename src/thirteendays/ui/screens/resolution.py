"""What happened since your choice: the other side's moves, incidents, and why the tracks moved."""

from __future__ import annotations

import pygame

from ...engine.explain import explain_day
from ..widgets.draw import paper, stamp
from ..widgets.text import line_height, render, wrap
from .base import Push, Replace, Screen, Transition, is_back, is_confirm
from .common import Frame, date_line, desk, header, hints, sidebar, toasts

ANIMATION = 1.2  # seconds for the gauges to move


class ResolutionScreen(Screen):
    name = "resolution"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        session = ctx.session
        self.entries = session.unseen()
        game = session.game
        tracks = game.compiled.track_ids
        first = next((e for e in self.entries if e.before), None)
        self.start = dict(zip(tracks, first.before, strict=True)) if first else {}
        self.days = sorted({e.day for e in self.entries if e.kind != "end"})
        self.t = 0.0 if ctx.motion() else ANIMATION
        self.scroll = 0
        self.lines = self.build_lines()
        if game.finished and game.result().ending_id() == game.compiled.ending_ids[0] and game.state.war[0]:
            from ..sound import play

            play(ctx, "siren")

    def build_lines(self) -> list[tuple[str, str, str]]:
        """(face, colour key, text) rows: choices and incidents in order, then each day's causes."""
        session = self.ctx.session
        sc = session.scenario
        labels = {t: sc.tracks[t].label for t in sc.tracks}
        rows: list[tuple[str, str, str]] = []
        for day in self.days:
            rows.append(("title", "ink", date_line(self.ctx, day)))
            for e in self.entries:
                if e.day != day:
                    continue
                if e.kind == "choice":
                    event = next(x for x in sc.events if x.id == e.event)
                    option = next(o for o in event.options if o.id == e.option)
                    who = "You" if e.by == "player" else sc.sides[e.side].leader
                    rows.append(("bold", "ink", f"{who}: {option.label}."))
                elif e.kind == "incident":
                    incident = next(x for x in sc.incidents if x.id == e.incident)
                    rows.append(("bold", "stamp", f"INCIDENT — {incident.title}."))
                    rows.append(("body", "ink", incident.text))
                else:
                    continue
                moved = _moved(labels, dict(zip(sc.tracks, e.deltas(), strict=True)))
                if moved:
                    rows.append(("body", "soft", f"    {moved}"))
            ex = explain_day(session.game, day)
            for cause in ex.causes:
                moved = _moved(labels, cause.deltas)
                if moved and cause.kind not in ("choice", "incident"):
                    rows.append(("body", "soft", f"{cause.label}: {moved}"))
            rows.append(
                ("italic", "soft", f"Chance that an accident became war that day: {ex.hazard * 100:.1f}%")
            )
            if ex.war:
                rows.append(("title", "stamp", "WAR."))
        return rows

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_confirm(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            if self.t < ANIMATION:
                self.t = ANIMATION
                return None
            from ..flow import screen_for

            return Replace(screen_for(self.ctx))
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self.scroll += 3
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_PAGEUP):
            self.scroll = max(0, self.scroll - 3)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_m:
            from .map import MapScreen

            return Push(MapScreen(self.ctx))
        elif is_back(event):
            from .pause import PauseScreen

            return Push(PauseScreen(self.ctx))
        return None

    def update(self, dt: float) -> Transition:
        self.t = min(ANIMATION, self.t + dt)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        desk(surface, ctx)
        frame = Frame(ctx, surface)
        k = self.t / ANIMATION
        values = None
        if self.start and k < 1:
            now = {t: ctx.session.track_value(t) for t in self.start}
            values = {t: self.start[t] + (now[t] - self.start[t]) * (k * k * (3 - 2 * k)) for t in now}
        y = header(surface, ctx, frame.inner, "The reports come in", "RESOLUTION")
        sheet = pygame.Rect(frame.inner.left, y, frame.inner.width, frame.inner.bottom - y)
        paper(surface, sheet, p)
        body = sheet.inflate(-int(28 * ctx.scale), -int(24 * ctx.scale))
        colours = {"ink": p.ink, "soft": p.ink_soft, "stamp": p.stamp}
        rows = []
        for face, colour, text in self.lines:
            size = ctx.text(20 if face == "title" else 16)
            for line in wrap(text, face, size, body.width):
                rows.append((face, size, colours[colour], line))
        visible_from = min(self.scroll, max(0, len(rows) - 1))
        self.scroll = visible_from
        yy = body.top
        for face, size, colour, line in rows[visible_from:]:
            h = line_height(face, size)
            if yy + h > body.bottom:
                more = render("More below — press Down", "italic", ctx.text(13), p.ink_soft)
                surface.blit(more, (body.right - more.get_width(), body.bottom - more.get_height()))
                break
            surface.blit(render(line, face, size, colour), (body.left, yy))
            yy += h
        if ctx.session.game.finished and ctx.session.game.result().ending_id() == "nuclear-war":
            stamp(
                surface,
                "WAR",
                (sheet.right - int(90 * ctx.scale), sheet.top + int(60 * ctx.scale)),
                ctx.text(40),
                p.stamp,
            )
        sidebar(surface, ctx, frame, values)
        hints(surface, ctx, frame.hints, "Enter continue · Up/Down scroll · M map · Esc menu")
        toasts(surface, ctx)


def _moved(labels: dict[str, str], deltas: dict[str, float]) -> str:
    return ", ".join(f"{labels[t]} {v * 100:+.0f}" for t, v in deltas.items() if abs(v) >= 0.005)
