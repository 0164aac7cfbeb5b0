"""Gymnasium and PettingZoo environments over the batch engine (``pip install "thirteendays[rl]"``)."""
