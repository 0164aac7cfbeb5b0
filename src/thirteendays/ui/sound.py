"""Small period sounds, synthesised at start-up: a typewriter key, a stamp, a siren.

Made with numpy rather than shipped as files, so there is nothing to license
and nothing to load.  Every call is a no-op when there is no audio device or
the player has turned sound off: sound is never required.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pygame


def _tone(rate: int, seconds: float, make) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    wave = make(t)
    wave = np.clip(wave, -1, 1)
    return (wave * 12000).astype(np.int16)


@cache
def _sounds() -> dict[str, pygame.mixer.Sound]:
    init = pygame.mixer.get_init()
    if not init:
        return {}
    rate = init[0]  # synthesise at the mixer's own rate, so lengths come out right
    rng = np.random.default_rng(1962)  # fixed: the same click every run
    waves = {
        "key": _tone(rate, 0.025, lambda t: rng.uniform(-1, 1, t.size) * np.exp(-t * 220)),
        "stamp": _tone(
            rate,
            0.16,
            lambda t: (
                np.sin(2 * np.pi * 70 * t) * np.exp(-t * 25)
                + rng.uniform(-0.3, 0.3, t.size) * np.exp(-t * 60)
            ),
        ),
        "siren": _tone(
            rate, 1.2, lambda t: 0.6 * np.sin(2 * np.pi * (440 + 180 * np.sin(2 * np.pi * 1.5 * t)) * t)
        ),
    }
    channels = init[2]
    out = {}
    for name, wave in waves.items():
        data = np.repeat(wave[:, None], channels, axis=1) if channels > 1 else wave
        out[name] = pygame.sndarray.make_sound(np.ascontiguousarray(data))
    return out


def play(ctx, name: str) -> None:
    if not ctx.settings.sound:
        return
    try:
        sound = _sounds().get(name)
    except (pygame.error, ValueError):
        return
    if sound is not None:
        sound.play()
