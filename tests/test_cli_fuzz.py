"""Any command line, however hostile, ends with exit 0, 1 or 2 and a message, never a traceback.

Random argv are built from the real subcommands and flags with hostile values
(huge, negative, NaN, empty, unicode, folders, /dev/null, missing files) and run
in-process through ``thirteendays.cli.main``.  The examples are derandomized,
so CI runs the same ones every time; run counts stay tiny and no window opens
(``play`` always gets ``--text``; screenshots draw off-screen into tmp_path).
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thirteendays.cli import INTERNAL_ERROR, main
from thirteendays.cli_args import SEED_MAX
from thirteendays.engine.policies import POLICIES
from thirteendays.ui import SCREENS

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = str(ROOT / "scenarios" / "tutorial.yaml")

NUMBERS = [
    "0",
    "-1",
    "9" * 5000,
    "-" + "9" * 5000,
    "1e9",
    "NaN",
    "inf",
    "-inf",
    "",
    " ",
    "1.5",
    "0x10",
    "\u00b2",  # SUPERSCRIPT TWO: a digit to str.isdigit, not to int()
    "\u0661\u0662",  # Arabic-Indic twelve
    str(SEED_MAX),
    str(SEED_MAX + 1),
    "1_0",
    "\u2603",
]
LONG_NAME = "x" * 5000  # longer than any file system allows
SMALL_RUNS = ["1", "2", "5", "0", "-3", "9" * 5000, "1e3", "NaN", "", "x"]
WORDS = ["us", "ussr", "", " ", "nato", "\u2603", "x" * 5000, "US", "-", "--", "\udcff"]
SIZES = [
    "1024x640",
    "1280x720",
    "1e9x1e9",
    "0x0",
    "-1x-1",
    "x",
    "",
    "9" * 5000 + "x720",
    "1280x720x3",
    "NaNxNaN",
]


def hostile_paths(root: Path) -> list[str]:
    """Paths that are not what a command expects: folders, devices, missing, through a file, junk.

    Hostile file *contents* (deep nesting, huge numbers, bad dates) are the business of
    the scenario and save fuzz tests; these are hostile *arguments*.
    """
    folder = root / "a folder"
    folder.mkdir(exist_ok=True)
    junk = root / "junk.yaml"
    junk.write_bytes(b"\xff\xfe\x00garbage: [unclosed\n")
    return [
        str(folder),
        "/dev/null",
        str(root / "missing.yaml"),
        str(root / "missing" / "x.png"),
        str(junk / "x.png"),  # a path through a file
        str(junk),
        "",
        "\u2603.yaml",
        "/proc/x.png",
        LONG_NAME,
    ]


Values = tuple[list[str], list[str]]  # (sensible values, hostile values) for one flag


def command_table(root: Path, paths: list[str]) -> dict[str, tuple[list[Values], dict[str, Values | None]]]:
    """Each subcommand's positional arguments and flags (``None``: a switch), each as (good, bad)."""
    scenario = (["tutorial", TUTORIAL], ["no_such_scenario", *paths])
    policy = (sorted(POLICIES), WORDS)
    side = (["us", "ussr"], WORDS)
    seed = (["0", "7", str(SEED_MAX)], NUMBERS)
    out = ([str(root / "out.png"), "relative.png"], paths)
    autosave = [str(root / "home" / "data" / "saves" / "autosave.json")]  # made by the fixture
    return {
        "play": (
            [],
            {"--side": side, "--scenario": scenario, "--seed": seed, "--opponent": policy}
            | {
                "--continue": None,
                "--load": ([str(root / "home" / "data" / "saves" / "autosave.json")], paths),
            },
        ),
        "simulate": (
            [],
            {"--runs": (["1", "3"], SMALL_RUNS), "--us": policy, "--ussr": policy, "--seed": seed}
            | {"--scenario": scenario, "--json": None, "--plot": out},
        ),
        "validate": ([scenario, scenario], {}),
        "lint": ([scenario], {"--strict": None}),
        "replay": ([(autosave, [*paths, TUTORIAL])], {"--scenario": scenario, "--json": None}),
        "test": (
            [scenario],
            {"--runs": (["1", "4"], SMALL_RUNS), "--seed": seed, "--us": policy, "--ussr": policy}
            | {"--format": (["text", "json", "csv"], ["xml", ""])},
        ),
        "screenshot": (
            [],
            {"--screen": (list(SCREENS), ["nowhere", ""]), "--out": out, "--size": (["1024x640"], SIZES)}
            | {"--side": side, "--scenario": (["tutorial"], ["no_such_scenario", *paths])}
            | {"--day": (["3", "99"], NUMBERS), "--palette": (["high-contrast"], ["neon"])},
        ),
        "schema": ([], {"--out": out}),
    }


REQUIRED = {"screenshot": ["--screen", "--out"], "simulate": ["--runs"], "test": ["--runs"]}


def argv_for(data: st.DataObject, root: Path, paths: list[str]) -> tuple[list[str], str]:
    """A random command line (mostly sensible, with one hostile value or more) and the terminal's input.

    Sensible values around a hostile one take each command past argparse into
    its real work, where a hostile value does the most damage.
    """
    draw = data.draw
    table = command_table(root, paths)
    command = draw(st.sampled_from([*sorted(table), "junk"]))
    if command == "junk":  # not a command at all, or a flag argparse must refuse
        return [draw(st.sampled_from(["--bogus", "frobnicate", "--version", "-h", "\u2603", ""]))], ""
    positional, flags = table[command]
    chosen = draw(st.lists(st.sampled_from(sorted(flags)), unique=True, max_size=len(flags))) if flags else []
    chosen = [*REQUIRED.get(command, []), *(f for f in chosen if f not in REQUIRED.get(command, []))]
    slots = len(positional) + len(chosen)
    hostile = set(draw(st.lists(st.integers(0, max(slots - 1, 0)), max_size=2))) if slots else set()

    def value(i: int, values: Values) -> str:
        good, bad = values
        return draw(st.sampled_from(bad if i in hostile else good))

    argv = [command, *(value(i, v) for i, v in enumerate(positional))]
    for i, flag in enumerate(chosen, len(positional)):
        argv.append(flag)
        if flags[flag] is not None:
            argv.append(value(i, flags[flag]))
    if command == "play":
        argv.append("--text")  # never open a window
    if command == "lint":
        argv.append("--no-simulate")
    stdin = draw(st.sampled_from(["", "1\n", "q\n", "x\n?\nt\ns\nq\n", "1\n" * 20]))
    return argv, stdin


def _import(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.delenv("THIRTEENDAYS_DEBUG", raising=False)
    # screenshots of the decision screen wait for the advisers' Monte Carlo: keep it small, wherever it lives
    for name in ("thirteendays.play.advisor", "thirteendays.ui.session"):
        module = sys.modules.get(name) or _import(name)
        if module is not None and hasattr(module, "ROLLOUTS"):
            monkeypatch.setattr(module, "ROLLOUTS", 50)
    monkeypatch.chdir(tmp_path)  # relative outputs land in the temporary folder
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\nq\n"))
    # a real autosave, the sensible value for replay and --load (the fuzz test proper checks the outcome)
    main(["play", "--text", "--scenario", "tutorial", "--seed", "3"])
    return tmp_path, hostile_paths(tmp_path)


@settings(
    derandomize=True,
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_command_line_ends_in_a_traceback(hostile, capsys, data):
    root, paths = hostile
    argv, stdin = argv_for(data, root, paths)
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
        code = 0 if exc.code is None else exc.code
    finally:
        sys.stdin = saved_stdin
    out, err = capsys.readouterr()
    shown = f"argv={[a[:60] for a in argv]}\nstderr={err[-2000:]}"
    assert code in (0, 1, 2), shown
    assert "Traceback" not in out + err and INTERNAL_ERROR not in err, shown
    # no 5,000-character echoes: a message may name its file once (FILE:LINE:COL), nothing more
    assert all(len(line.replace(LONG_NAME, "NAME", 1)) < 1000 for line in err.splitlines()), shown
    assert not (root / "a folder").is_file() and os.path.exists("/dev/null")


@pytest.mark.parametrize(
    "argv",
    [
        ["schema", "--out", "{folder}"],
        ["schema", "--out", "{root}/missing/schema.json"],
        ["schema", "--out", "{root}/junk.yaml/schema.json"],
        ["simulate", "--runs", "2", "--scenario", "tutorial", "--plot", "{folder}"],
        ["simulate", "--runs", "2", "--scenario", "tutorial", "--plot", "{root}/missing/plot.png"],
        ["screenshot", "--screen", "title", "--out", "{folder}"],
        ["screenshot", "--screen", "title", "--out", "{root}/missing/shot.png"],
    ],
)
def test_an_output_that_is_a_folder_or_in_a_missing_folder_is_a_usage_error(hostile, capsys, argv):
    root, _ = hostile
    argv = [a.format(root=root, folder=root / "a folder") for a in argv]
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    (line,) = [ln for ln in capsys.readouterr().err.splitlines() if "error" in ln]
    assert "--out" in line or "--plot" in line
    assert "is a folder" in line or "does not exist" in line


@pytest.mark.parametrize("command", ["schema", "simulate", "screenshot"])
def test_an_unwritable_output_is_one_line_and_exit_1(hostile, capsys, command):
    args = {
        "schema": ["schema", "--out"],
        "simulate": ["simulate", "--runs", "2", "--scenario", "tutorial", "--plot"],
        "screenshot": ["screenshot", "--screen", "title", "--out"],
    }[command]
    assert main([*args, "/proc/thirteendays-cannot-write-here.png"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("/proc/thirteendays-cannot-write-here.png:1:1: cannot write the")
    assert "Traceback" not in "\n".join(err)


def test_schema_to_a_device_writes_through_it_and_never_replaces_it(hostile, capsys):
    before = os.stat("/dev/null")
    assert main(["schema", "--out", "/dev/null"]) == 0
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


@pytest.mark.parametrize(
    "value, ok",
    [
        *[("0", True), (str(SEED_MAX), True), ("1_000", True), (str(SEED_MAX + 1), False), ("-1", False)],
        *[("9" * 5000, False), ("1e9", False), ("\u00b2", False), ("NaN", False), ("", False)],
    ],
)
def test_seeds_are_0_to_2_64_minus_1(hostile, capsys, value, ok):
    from thirteendays.cli import build_parser

    if ok:
        assert build_parser().parse_args(["simulate", "--seed", value]).seed == int(value.replace("_", ""))
    else:
        with pytest.raises(SystemExit) as exc:
            build_parser().parse_args(["simulate", "--seed", value])
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert "--seed" in err and len(err) < 1000


def test_starting_play_removes_stale_temporaries_from_interrupted_writes(hostile, capsys):
    from thirteendays.storage import STALE_TEMP_SECONDS, saves_dir

    saves = saves_dir()
    saves.mkdir(parents=True, exist_ok=True)
    stale = saves / ".autosave.json.ab12cd34.tmp"
    stale.write_text("half a save")
    old = stale.stat().st_mtime - STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    sys.stdin, saved = io.StringIO(""), sys.stdin
    try:
        main(["play", "--text", "--scenario", "tutorial", "--seed", "1"])
    finally:
        sys.stdin = saved
    assert not stale.exists()


def test_an_unexpected_error_is_one_line_not_a_traceback(hostile, capsys, monkeypatch):
    from thirteendays import cli

    def broken(_args):
        raise ZeroDivisionError("x" * 5000)

    monkeypatch.setattr(cli, "cmd_validate", broken)
    assert main(["validate", TUTORIAL]) == 1
    err = capsys.readouterr().err
    assert err.startswith(INTERNAL_ERROR) and "Traceback" not in err and len(err) < 600
    assert len(err.strip().splitlines()) == 1 and "THIRTEENDAYS_DEBUG=1" in err
    monkeypatch.setenv("THIRTEENDAYS_DEBUG", "1")  # a developer gets the real traceback
    with pytest.raises(ZeroDivisionError):
        main(["validate", TUTORIAL])
