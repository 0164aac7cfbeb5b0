"""The title screen's last rough edges: a bad settings file's messages covered the stamp and
the key hint, and the Scenario row was set in smaller type than the rows around it."""

from __future__ import annotations

import os

import pygame
import pytest

from thirteendays.settings import Settings, SettingsFile, settings_path
from thirteendays.ui.app import Context, headless_app
from thirteendays.ui.screens import title as title_module
from thirteendays.ui.screens.title import TitleScreen
from thirteendays.ui.screens.title_notes import sheet_rect, title_stamp_rect
from thirteendays.ui.widgets import draw as draw_module
from thirteendays.ui.widgets import text as text_module
from thirteendays.ui.widgets.text_audit import AuditSurface, wrapped_overflows

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 640), (1280, 800), (1920, 1080), (3840, 2160)]
TEXT_SCALES = [0.75, 1.0, 1.5, 2.0]


def title_at(size, scale, messages=()):
    ctx = Context(Settings(reduced_motion=True, text_scale=scale), size=size, messages=list(messages))
    title = TitleScreen(ctx)
    app, surface = headless_app(ctx, title)
    app.tick(0.02, surface)
    title.settle()
    return ctx, title


def bad_settings_messages() -> list[str]:
    """What the window is handed when settings.json holds two bad values."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"text_scale": 7, "palette": "pink", "volume": 0.5}', encoding="utf-8")
    messages = SettingsFile.load().messages
    assert len(messages) == 2  # one line per problem
    return messages


def test_a_bad_settings_files_messages_cover_nothing_on_the_title(monkeypatch):
    messages = bad_settings_messages()
    placed = []
    real = title_module.notes

    def spy(*args, **kwargs):
        found = real(*args, **kwargs)
        placed.append(found)
        return found

    monkeypatch.setattr(title_module, "notes", spy)
    problems = []
    for size in SIZES:
        for scale in TEXT_SCALES:
            ctx, title = title_at(size, scale, messages)
            audit = AuditSurface(size)
            placed.clear()
            with wrapped_overflows() as overflows:
                title.draw(audit)
            where = f"{size[0]}x{size[1]} text {round(scale * 100)}%"
            problems += [f"{where}: {p}" for p in audit.problems()]
            problems += [f"{where}: out of its box: {t!r}" for t, _ in overflows]
            (notes,) = placed
            if len(notes) != len(messages):
                problems.append(f"{where}: {len(notes)} of {len(messages)} messages shown")
            sheet = sheet_rect(ctx, size)
            stamp = title_stamp_rect(ctx, sheet)
            menu_rect, _, rows = title.layout()
            hint_words = set(title.hint_lines(menu_rect.width))
            hints = [p.rect for p in audit.placed if p.text in hint_words]
            note_text = {line for note in notes for line in note.lines}
            others = [p for p in audit.placed if p.text not in note_text]
            for note in notes:
                box = note.box
                if not sheet.contains(box):
                    problems.append(f"{where}: a message leaves the sheet")
                if box.colliderect(stamp):
                    problems.append(f"{where}: a message covers the EYES ONLY stamp")
                if box.collidelist(hints) >= 0:
                    problems.append(f"{where}: a message covers the key hint")
                if box.collidelist(title.menu.rects((menu_rect, rows))) >= 0:
                    problems.append(f"{where}: a message covers the menu")
                for other in others:
                    if box.colliderect(other.rect):
                        problems.append(f"{where}: a message covers {other.text!r}")
                shown = {p.text for p in audit.placed if box.contains(p.rect)}
                if not set(note.lines) <= shown:
                    problems.append(f"{where}: a message's words are not all drawn in its box")
    assert not problems, "\n".join(problems[:20])


def test_the_messages_leave_the_title_as_they_found_it():
    """Once faded, the sheet is laid out as with no message at all."""
    messages = bad_settings_messages()
    ctx, title = title_at((1280, 800), 1.0, messages)
    with_notes = AuditSurface((1280, 800))
    title.draw(with_notes)
    ctx.time += 60.0
    faded = AuditSurface((1280, 800))
    title.draw(faded)
    _, plain_title = title_at((1280, 800), 1.0)
    plain = AuditSurface((1280, 800))
    plain_title.draw(plain)
    assert [(p.text, tuple(p.rect)) for p in faded.placed] == [(p.text, tuple(p.rect)) for p in plain.placed]
    assert len(with_notes.placed) > len(plain.placed)


@pytest.mark.parametrize("size", SIZES)
def test_every_title_button_reads_at_one_size_and_says_all_it_says(monkeypatch, size):
    sizes: dict[str, set[int]] = {}
    real = text_module.render

    def recording(text, face, px, colour):
        if face == "bold":
            sizes.setdefault(text, set()).add(px)
        return real(text, face, px, colour)

    monkeypatch.setattr(text_module, "render", recording)
    monkeypatch.setattr(draw_module, "render", recording)
    problems = []
    for scale in TEXT_SCALES:
        _, title = title_at(size, scale)
        surface = pygame.Surface(size)
        sizes.clear()
        title.draw(surface)
        _, menu_size, _ = title.layout()
        labels = [item.text() for item in title.menu.items]
        assert "Scenario: Cuban Missile Crisis" in labels
        drawn = {text: px for text, px in sizes.items() if any(text in label for label in labels)}
        where = f"{size[0]}x{size[1]} text {round(scale * 100)}%"
        for text, px in drawn.items():
            if px != {menu_size}:
                problems.append(f"{where}: {text!r} drawn at {sorted(px)}, the menu's size is {menu_size}")
        for label in labels:  # every word of every row is drawn, none cut short
            words = " ".join(t for t in drawn if t in label)
            if sorted(words.split()) != sorted(label.split()):
                problems.append(f"{where}: {label!r} drawn as {words!r}")
    assert not problems, "\n".join(problems[:20])


def test_a_long_label_is_cut_short_with_an_ellipsis_never_shrunk():
    from thirteendays.ui.theme import PALETTES
    from thirteendays.ui.widgets.draw import button
    from thirteendays.ui.widgets.text import elide, font

    pygame.font.init()
    label = "Scenario: The Thirteen Days of October, told from both sides"
    width = 300
    cut = elide(label, "bold", 20, width)
    assert cut.endswith("…") and cut.startswith("Scenario: The") and font("bold", 20).size(cut)[0] <= width
    seen = []
    real = draw_module.render
    draw_module.render = lambda text, face, px, colour: (
        seen.append((text, px)) or real(text, face, px, colour)
    )
    try:
        button(
            pygame.Surface((320, 60)),
            pygame.Rect(0, 0, width + 12, 30),
            label,
            PALETTES["classic"],
            20,
            shrink=False,
        )
    finally:
        draw_module.render = real
    assert seen == [(cut, 20)]
