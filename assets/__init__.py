"""Assets shipped with Thirteen Days (package data; read with importlib.resources)."""
