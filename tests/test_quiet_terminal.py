"""A quiet terminal: no pygame banner, no SDL or audio complaints, for any command that draws."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def run(args: list[str], tmp_path, **env: str) -> subprocess.CompletedProcess:
    environ = {
        k: v for k, v in os.environ.items() if k not in ("PYGAME_HIDE_SUPPORT_PROMPT", "XDG_RUNTIME_DIR")
    }
    environ.update({"SDL_AUDIODRIVER": "no-such-driver", **env})
    return subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, env=environ, timeout=120)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "thirteendays", *args]


def test_screenshot_and_plot_print_only_what_they_wrote(tmp_path):
    for args, out in (
        (cli("screenshot", "--screen", "decision", "--out", "d.png"), "d.png"),
        (cli("simulate", "--runs", "100", "--plot", "p.png"), "p.png"),
    ):
        done = run(args, tmp_path, SDL_VIDEODRIVER="dummy")
        assert done.returncode == 0, done.stderr
        assert "pygame" not in done.stdout.lower() and "hello from" not in done.stdout.lower()
        said = [
            line for line in (done.stdout + done.stderr).splitlines() if "wrote" in line or "rror" in line
        ]
        assert said == [f"wrote {out}"], said
        assert [line for line in done.stderr.splitlines() if line.strip()] in ([], [f"wrote {out}"])


def test_a_missing_sound_card_is_said_once_in_the_settings_screen_not_on_the_terminal(tmp_path):
    script = textwrap.dedent(
        """
        from thirteendays.ui.app import AUDIO, init_pygame
        from thirteendays.ui.screens.settings import sound_label
        init_pygame()
        init_pygame()
        print(sound_label(True))
        """
    )
    done = run([sys.executable, "-c", script], tmp_path, SDL_VIDEODRIVER="dummy")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == "Sound: unavailable (no audio device found)", done.stdout
    assert "pygame" not in done.stdout.lower().replace("unavailable", "")
