"""Gymnasium and PettingZoo environments over the batch engine (``pip install "thirteendays[rl]"``).

``import thirteendays.envs`` registers ``thirteendays/Crisis-v0``; Gymnasium
also finds it by module, ``gymnasium.make("thirteendays.envs:thirteendays/Crisis-v0")``.
``gymnasium.make_vec(..., vectorization_mode="vector_entry_point")`` builds the
native vector env, which plays all its games in one engine batch.
"""

from __future__ import annotations

from gymnasium.envs.registration import register, registry

from .crisis import CrisisEnv
from .observe import observe
from .vector import CrisisVectorEnv

ENV_ID = "thirteendays/Crisis-v0"

__all__ = ["ENV_ID", "CrisisEnv", "CrisisVectorEnv", "observe", "register_envs"]


def register_envs() -> None:
    """Register the environments with Gymnasium (also the ``gymnasium.envs`` entry point)."""
    if ENV_ID not in registry:
        register(
            id=ENV_ID,
            entry_point="thirteendays.envs.crisis:CrisisEnv",
            vector_entry_point="thirteendays.envs.vector:CrisisVectorEnv",
        )


register_envs()
