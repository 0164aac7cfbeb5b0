"""The QA's last findings on the window: the title's keys, Continue, messages, the results screen,
``screenshot --text-scale`` and the ending's "Save report"."""

from __future__ import annotations

import io
import os
from html.parser import HTMLParser

import pygame
import pytest

from thirteendays.cli import main
from thirteendays.play import advisor as advisor_module
from thirteendays.play import new_game
from thirteendays.report import reports_dir
from thirteendays.settings import Settings
from thirteendays.storage import autosave_path
from thirteendays.text.play import TextUI
from thirteendays.ui.app import Context, headless_app
from thirteendays.ui.screens.common import toast_boxes
from thirteendays.ui.screens.title import TitleScreen
from thirteendays.ui.shots import build, historical_choices

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def press(app, surface, *keys: int) -> None:
    """Each key once the screen has been seen for its grace period, as a person would."""
    for k in keys:
        for _ in range(200):
            if app.accepts_input():
                break
            app.tick(0.05, surface)
        app.dispatch(key(k))
        app.top.settle()
        if app.running:
            app.tick(0.02, surface)


def title_app(size=(1280, 720)):
    ctx = Context(Settings(reduced_motion=True), size=size)
    title = TitleScreen(ctx)
    app, surface = headless_app(ctx, title)
    app.tick(0.02, surface)
    title.settle()
    app.tick(0.02, surface)
    return app, surface, title


def test_digits_on_the_title_change_nothing_and_esc_asks_before_quitting():
    app, surface, title = title_app()
    before = (title.side_label(), title.scenario_label(), title.difficulty_label(), title.menu.focus)
    press(app, surface, *range(pygame.K_1, pygame.K_9 + 1))
    assert (title.side_label(), title.scenario_label(), title.difficulty_label(), title.menu.focus) == before
    assert app.running and app.top is title
    press(app, surface, pygame.K_ESCAPE)
    assert app.running and title.asking_quit  # asked, not gone
    press(app, surface, pygame.K_ESCAPE)
    assert app.running and not title.asking_quit  # Esc again: stay
    press(app, surface, pygame.K_ESCAPE, pygame.K_y)
    assert not app.running


def test_continue_names_the_chosen_scenarios_latest_save_after_its_autosave_is_gone():
    opened = new_game("cuban_missile_crisis", "us", 7, "historical")
    session = opened.session
    historical_choices(session, 4)
    day = session.view().day
    session.save_slot("before-the-speech")
    autosave_path().unlink()  # as after another game ended: only the named mid-game save is left
    app, surface, title = title_app()
    label = title.continue_label()
    assert label == f"Continue before-the-speech, day {day}"
    assert title.can_continue()
    title.menu.focus = 4
    press(app, surface, pygame.K_RETURN)
    assert app.ctx.session is not None
    assert app.ctx.session.game.player_choices == session.game.player_choices
    # Another scenario has nothing to continue, and says so instead of greying out in silence.
    _, _, title2 = title_app()
    while title2.preview is None or title2.preview.scenario.id != "berlin-1961":
        title2.cycle(1)
        title2.settle()
    assert title2.continue_label() == "Nothing to continue"
    assert not title2.can_continue()


def test_the_save_message_never_covers_the_pause_menu_at_large_text():
    for size in ((1024, 640), (1280, 720)):
        app, surface = build("pause", size=size, settings=Settings(reduced_motion=True, text_scale=2.0))
        pause = app.top
        app.ctx.notify("Game saved as “cuban-missile-crisis-20261126-170200”")
        panel = pause.panel()
        boxes = toast_boxes(app.ctx, size, panel.inflate(16, 16))
        assert boxes, "the message must still show"
        app.ctx.covered = True  # the screen under the pause menu does not show it a second time
        assert toast_boxes(app.ctx, size) == []
        app.ctx.covered = False
        for _, _, _, box in boxes:
            assert not box.colliderect(panel), (size, box, panel)
            assert surface.get_rect().contains(box)


def test_the_first_enter_on_the_results_turns_the_page_while_the_gauges_still_move():
    app, surface = build("resolution", settings=Settings(reduced_motion=False))
    screen = app.top
    press(app, surface, pygame.K_RETURN)
    assert app.top is not screen and app.top.name in ("briefing", "decision", "ending")
    assert screen.t < 1.2  # the gauges had not finished: Enter did not wait for them


@pytest.mark.parametrize("value", ["74", "201", "1.5", "big", "", "9" * 50])
def test_screenshot_text_scale_out_of_bounds_is_a_one_line_usage_error(value, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["screenshot", "--screen", "title", "--out", str(out), "--text-scale", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--text-scale" in err and "75 to 200" in err
    assert not out.exists()


def test_screenshot_text_scale_draws_larger_text(tmp_path):
    small, large = tmp_path / "small.png", tmp_path / "large.png"
    assert main(["screenshot", "--screen", "title", "--out", str(small), "--text-scale", "75"]) == 0
    assert main(["screenshot", "--screen", "title", "--out", str(large), "--text-scale", "200%"]) == 0
    a = pygame.surfarray.array3d(pygame.image.load(str(small)))
    b = pygame.surfarray.array3d(pygame.image.load(str(large)))
    assert a.shape == b.shape and (a != b).any()


class _Strict(HTMLParser):
    def error(self, message):  # pragma: no cover - HTMLParser never calls it in 3.11
        raise AssertionError(message)


def _finished_ending_app():
    app, surface = build("ending", size=(1024, 640), settings=Settings(reduced_motion=True, text_scale=2.0))
    return app, surface


def test_save_report_on_the_ending_writes_the_page_into_the_home_and_names_only_the_file():
    app, surface = _finished_ending_app()
    ending = app.top
    assert not reports_dir().exists()  # drawing and building wrote nothing
    press(app, surface, pygame.K_r)
    ending.settle()
    app.tick(0.02, surface)
    (page,) = reports_dir().glob("*.html")
    assert page.name.startswith("cuban-missile-crisis-us-")
    said = [m for m in app.ctx.messages if "Report saved" in m]
    assert said == [f"Report saved as {page.name}"]
    assert app.top is ending  # the player stays on the ending
    html = page.read_text(encoding="utf-8")
    _Strict().feed(html)
    assert "<script" not in html and "src=" not in html  # self-contained: nothing loaded from outside
    for step in ending.path:  # every decision of the game is named
        assert step.yours.split(" ")[0] in html
    press(app, surface, pygame.K_r)  # a second report never overwrites the first
    ending.settle()
    app.tick(0.02, surface)
    assert len(list(reports_dir().glob("*.html"))) == 2


def test_the_report_button_can_be_clicked_and_the_epilogue_has_it_too():
    app, surface = _finished_ending_app()
    ending = app.top
    button = ending.report.rect(ending.hint_rect())
    for _ in range(20):
        app.tick(0.05, surface)
    app.dispatch(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.center, button=1))
    ending.settle()
    app.tick(0.02, surface)
    assert len(list(reports_dir().glob("*.html"))) == 1 and app.top is ending
    epilogue, surface2 = build("epilogue")
    press(epilogue, surface2, pygame.K_r)
    epilogue.top.settle()
    epilogue.tick(0.02, surface2)
    assert len(list(reports_dir().glob("*.html"))) == 2


def test_the_terminal_ending_saves_the_report_on_r():
    opened = new_game("cuban_missile_crisis", "us", 3, "historical")
    session = opened.session
    historical_choices(session, 99)
    assert session.view().finished
    out = io.StringIO()
    TextUI(session, out, io.StringIO("maybe\nr\n")).ending(session.view())
    text = out.getvalue()
    assert "Please type r" in text and "Report saved to" in text
    (page,) = reports_dir().glob("*.html")
    assert str(page) in text
    quiet = io.StringIO()
    TextUI(session, quiet, io.StringIO("")).ending(session.view())  # input ended: no report, no hang
    assert "Report saved" not in quiet.getvalue()


def test_the_decision_header_keeps_the_leaders_name_whole():
    from thirteendays.ui.widgets.text_audit import AuditSurface

    for size in ((1024, 640), (1280, 720)):
        app, _ = build("decision", size=size, day=7, settings=Settings(reduced_motion=True, text_scale=2.0))
        surface = AuditSurface(size)
        app.top.draw(surface)
        texts = [p.text for p in surface.placed]
        assert any(t.endswith("JOHN F. KENNEDY") for t in texts), texts[:4]
        assert "KENNEDY" not in texts and "JOHN F." not in texts


def test_the_method_note_ends_inside_the_panel_with_its_margin():
    from thirteendays.ui.screens.common import Frame
    from thirteendays.ui.widgets.text_audit import AuditSurface

    for size in ((1024, 640), (1280, 720), (1920, 1080)):
        for scale in (0.75, 1.0, 2.0):
            app, _ = build(
                "decision", size=size, day=7, settings=Settings(reduced_motion=True, text_scale=scale)
            )
            surface = AuditSurface(size)
            app.top.draw(surface)
            frame = Frame(app.ctx, size)
            margin = int(14 * app.ctx.scale)
            for placed in surface.placed:
                if frame.sidebar.collidepoint(placed.rect.center):
                    assert placed.rect.bottom <= frame.sidebar.bottom - margin + 2, (size, scale, placed)


def _window_session(monkeypatch, frames):
    """The real window loop under the dummy driver; each frame delivers its events, then it closes."""
    from thirteendays.ui import app as app_module

    script = iter([*frames, [pygame.event.Event(pygame.QUIT)]])
    monkeypatch.setattr(app_module.pygame.event, "get", lambda *a, **k: next(script))
    monkeypatch.setattr(app_module, "FPS", 0)
    monkeypatch.setattr(app_module.pygame, "quit", lambda: None)  # the fonts stay cached for the process
    return app_module.run_window(None)


def test_the_window_remembers_where_it_was_moved_and_its_new_size(monkeypatch):
    import json

    from thirteendays.settings import SettingsFile, settings_path
    from thirteendays.ui import app as app_module

    set_modes = []
    real = app_module.pygame.display.set_mode
    monkeypatch.setattr(
        app_module.pygame.display, "set_mode", lambda *a, **k: set_modes.append(a) or real(*a, **k)
    )
    moved = pygame.event.Event(app_module.WINDOWMOVED, x=40, y=30)
    resized = pygame.event.Event(pygame.VIDEORESIZE, w=1100, h=700, size=(1100, 700))
    assert _window_session(monkeypatch, [[], [moved], [resized], []]) == 0
    assert len(set_modes) == 1, "a resize must not set the mode again (SDL may rebuild the window, centred)"
    stored = json.loads(settings_path().read_text())
    assert stored["window"] == [1100, 700] and stored["window_pos"] == [40, 30]
    # and the next start opens it there: SDL is told the position before the window is made
    monkeypatch.delenv("SDL_VIDEO_WINDOW_POS", raising=False)
    store = SettingsFile.load()
    app_module.open_window(store.settings)
    assert os.environ["SDL_VIDEO_WINDOW_POS"] == "40,30"


def test_a_window_dragged_below_the_smallest_layout_is_set_back(monkeypatch):
    import json

    from thirteendays.settings import settings_path

    small = pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500))
    assert _window_session(monkeypatch, [[], [small], []]) == 0
    assert json.loads(settings_path().read_text())["window"] == [1024, 640]


def test_continue_names_a_dated_save_by_its_date():
    opened = new_game("cuban_missile_crisis", "us", 7, "historical")
    session = opened.session
    historical_choices(session, 3)
    path = session.save_slot()  # the pause menu's Save game: a dated name
    autosave_path().unlink()
    _, _, title = title_app()
    stamp = path.stem.removeprefix("cuban-missile-crisis-")
    assert title.continue_label() == f"Continue save {stamp}, day {session.view().day}"


def test_a_cards_estimate_is_shown_whole_and_its_words_keep_their_proportions():
    from thirteendays.ui.widgets.text import wrap
    from thirteendays.ui.widgets.text_audit import AuditSurface

    for size in ((1024, 640), (1280, 720)):
        for scale in (1.0, 2.0):
            app, _ = build(
                "decision", size=size, day=12, settings=Settings(reduced_motion=True, text_scale=scale)
            )
            screen = app.top
            surface = AuditSurface(size)
            screen.draw(surface)
            lay = screen.layout()
            card = lay.cards[0]
            inner_w = card.width - screen.stripe_width(lay.sizes) - int(18 * app.ctx.scale)
            estimate = screen.estimate_text(screen.decision.options[0])
            shown = [p.text for p in surface.placed if card.contains(p.rect)]
            for line in wrap(estimate, "italic", lay.sizes["small"], inner_w):
                assert line in shown, (size, scale, line, shown)
            assert lay.sizes["word"] >= 0.6 * lay.sizes["label"] * 13 / 17, lay.sizes


def test_the_titles_key_hint_follows_the_text_size_and_breaks_between_keys():
    from thirteendays.ui.screens.title import KEY_HINT
    from thirteendays.ui.widgets.text_audit import AuditSurface

    tallest = {}
    for scale in (0.75, 2.0):
        app, _, title = title_app(size=(1024, 640))
        app.ctx.settings.text_scale = scale
        audit = AuditSurface((1024, 640))
        title.draw(audit)
        hint = [p for p in audit.placed if p.text in title.hint_lines(title.layout()[0].width)]
        assert " · ".join(p.text for p in hint) == KEY_HINT  # whole, and broken only between keys
        tallest[scale] = max(p.rect.height for p in hint)
        menu = title.layout()[0]
        assert all(not p.rect.colliderect(menu) for p in hint)
    assert tallest[2.0] > tallest[0.75]


def test_a_game_continued_from_a_save_made_before_its_first_choice_does_not_retell_old_days():
    from thirteendays.play import open_save

    opened = new_game("cuban_missile_crisis", "ussr", 5, "historical")
    first = opened.session.view().decision.day  # Khrushchev's first decision comes on day 3
    path = opened.session.save_slot("first-morning")
    session = open_save(path).session
    assert session.unseen() == ()
    session.choose(session.view().decision.option_ids[0])
    assert min(e.day for e in session.unseen()) >= first  # days 1-2 are not reported again


def _war_resolution(size, text_scale):
    """A resolution screen for a choice that ended in war: escalate every time until it does."""
    from thirteendays.ui.screens.resolution import ResolutionScreen

    for seed in range(1, 40):
        session = new_game("cuban_missile_crisis", "ussr", seed, "hawk").session
        before = 0
        while session.view().decision is not None:
            d = session.view().decision
            before = len(session.view().log)
            hot = [o for o in d.options if o.stance == "escalate"] or list(d.options)
            session.choose(hot[0].id)
        if session.view().ending is not None and session.view().ending.war:
            session.seen = before
            ctx = Context(Settings(reduced_motion=True, text_scale=text_scale), size=size)
            ctx.session = session
            return ResolutionScreen(ctx)
    raise AssertionError("no war in 40 seeds of escalation")


def test_the_war_stamp_never_lies_on_the_report(monkeypatch):
    from thirteendays.ui.screens import resolution as module
    from thirteendays.ui.widgets.text import render
    from thirteendays.ui.widgets.text_audit import AuditSurface

    pygame.font.init()
    stamps = []
    real = module.stamp
    monkeypatch.setattr(
        module,
        "stamp",
        lambda s, text, centre, size, *a: (
            stamps.append((text, centre, size)) or real(s, text, centre, size, *a)
        ),
    )
    for size in ((1024, 640), (1920, 1080)):
        for scale in (1.0, 2.0):
            screen = _war_resolution(size, scale)
            assert screen.war
            surface = AuditSurface(size)
            stamps.clear()
            screen.draw(surface)
            ((text, centre, px),) = stamps
            word = render(text, "title", px, (0, 0, 0))
            box = pygame.Rect(0, 0, word.get_width() + px // 2, word.get_height() + px // 2)
            box.center = centre
            covered = [p.text for p in surface.placed if p.rect.colliderect(box) and p.text != text]
            assert not covered, (size, scale, covered)


def test_messages_on_the_ending_are_centred_on_the_window_which_has_no_track_panel():
    app, surface = _finished_ending_app()
    app.ctx.notify("Report saved as cuban-missile-crisis-us-20261126-170200.html")
    boxes = toast_boxes(app.ctx, surface.get_size(), None, wide=True)
    assert boxes and abs(boxes[0][3].centerx - surface.get_width() // 2) <= 1
    narrow = toast_boxes(app.ctx, surface.get_size())  # a game screen: centred left of the panel
    assert narrow[0][3].centerx < surface.get_width() // 2


def test_a_message_on_the_decision_screen_never_hides_an_option():
    for size in ((1024, 640), (1280, 720)):
        for scale in (1.0, 2.0):
            app, _ = build(
                "decision", size=size, day=12, settings=Settings(reduced_motion=True, text_scale=scale)
            )
            screen = app.top
            app.ctx.notify("Game saved as “cuban-missile-crisis-20261126-164555”")
            lay = screen.layout()
            cards = lay.cards[0].unionall(lay.cards[1:])
            boxes = toast_boxes(app.ctx, size, cards.inflate(0, 12), ceiling=lay.text_rect.top)
            assert boxes, (size, scale)
            for *_, box in boxes:
                assert not any(box.colliderect(card) for card in lay.cards), (size, scale)
                assert box.top >= lay.text_rect.top  # nor the title and date line above the file
