"""Architecture rules, checked by reading the source."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "thirteendays"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_outside_ui_imports_pygame():
    offenders = [
        p for p in SRC.rglob("*.py") if "ui" not in p.relative_to(SRC).parts[:1] and "pygame" in imports(p)
    ]
    assert offenders == []


def test_no_eval_exec_or_stdlib_random():
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec"), path
        assert "random" not in imports(path), path


def test_yaml_is_only_read_through_the_safe_loader():
    for path in SRC.rglob("*.py"):
        if path.name in ("yaml_safe.py", "yaml_compose.py"):  # the safe loader and its composer
            continue
        assert "yaml" not in imports(path), f"{path} reads YAML itself"


def test_headless_modules_import_without_pygame():
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pygame'] = None\n"
        "import thirteendays, thirteendays.cli, thirteendays.sim.montecarlo, thirteendays.text.play\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
