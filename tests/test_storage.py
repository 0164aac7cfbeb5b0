"""Saves survive power loss and interrupted writes: fsync of file and folder, stale temporaries removed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thirteendays import storage
from thirteendays.storage import (
    STALE_TEMP_SECONDS,
    atomic_write,
    config_dir,
    fsync_folder,
    remove_stale_temps,
    saves_dir,
    tidy_user_folders,
)

OLD = time.time() - STALE_TEMP_SECONDS - 60


def test_the_file_is_fsynced_before_the_rename_and_its_folder_after(tmp_path: Path, monkeypatch):
    calls: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append(("fsync-folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file", fd))
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append(("replace", dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "saves" / "autosave.json"
    atomic_write(target, "{}")  # the saves folder is new: its own entry is made durable first
    assert [kind for kind, _ in calls] == ["fsync-folder", "fsync-file", "replace", "fsync-folder"]
    calls.clear()
    atomic_write(target, "{ }")
    assert [kind for kind, _ in calls] == ["fsync-file", "replace", "fsync-folder"]
    assert target.read_text() == "{ }"


def test_folders_that_cannot_be_opened_or_fsynced_are_tolerated(tmp_path: Path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError("not on this platform")

    monkeypatch.setattr(os, "fsync", refuse)
    fsync_folder(tmp_path)  # a folder that refuses fsync: no error
    monkeypatch.setattr(os, "open", refuse)
    fsync_folder(tmp_path)  # a platform that cannot open folders (Windows): no error


def test_a_write_interrupted_before_the_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch
):
    target = tmp_path / "autosave.json"
    target.write_text("old save")

    def power_cut(_src, _dst) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new save")
    assert target.read_text() == "old save"
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]


def _killed_mid_write(target: Path) -> Path:
    """Run atomic_write in a process that dies just before the rename, as a power cut would."""
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from thirteendays import storage\n"
        "os.replace = lambda *a: os._exit(9)\n"
        "storage.atomic_write(Path(sys.argv[1]), 'half-written save')\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, timeout=120)
    assert result.returncode == 9, result.stderr
    (tmp,) = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    return tmp


def test_a_process_killed_mid_write_leaves_a_temporary_that_the_next_start_removes():
    target = saves_dir() / "autosave.json"
    target.parent.mkdir(parents=True)
    target.write_text("the last good save")
    tmp = _killed_mid_write(target)
    assert tmp.name.startswith(".autosave.json.") and tmp.read_text() == "half-written save"
    assert tidy_user_folders() == []  # young: it might be another game's write in progress
    assert tmp.exists()
    os.utime(tmp, (OLD, OLD))
    assert tidy_user_folders() == [tmp]
    assert not tmp.exists() and target.read_text() == "the last good save"


def test_only_our_own_stale_temporaries_are_removed(tmp_path: Path, monkeypatch):
    folder = config_dir()
    folder.mkdir(parents=True)
    ours = folder / ".settings.json.k3j_9xq2.tmp"
    young = folder / ".settings.json.a1b2c3d4.tmp"
    theirs = [
        folder / "settings.json",  # the real file
        folder / ".settings.json.swp.tmp",  # not mkstemp's eight characters
        folder / ".notes.txt.abcdefgh.tmp",  # not a file the game writes
        folder / "settings.json.abcdefgh.tmp",  # no leading dot
        folder / ".settings.json.abcdefgh.tmp.bak",
    ]
    for p in [ours, young, *theirs]:
        p.write_text("x")
    link_target = tmp_path / "elsewhere.txt"
    link_target.write_text("not ours")
    link = folder / ".autosave.json.zzzzzzzz.tmp"
    link.symlink_to(link_target)
    sub = folder / ".autosave.json.yyyyyyyy.tmp"
    sub.mkdir()
    for p in [ours, *theirs, link_target, sub]:
        os.utime(p, (OLD, OLD))
    os.utime(link, (OLD, OLD), follow_symlinks=False)
    assert remove_stale_temps(folder) == [ours]
    assert young.exists() and all(p.exists() for p in theirs) and link_target.read_text() == "not ours"
    assert link.is_symlink() and sub.is_dir()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners are a POSIX feature")
def test_another_users_temporary_is_never_removed(tmp_path: Path, monkeypatch):
    tmp = tmp_path / ".autosave.json.abcdefgh.tmp"
    tmp.write_text("x")
    os.utime(tmp, (OLD, OLD))
    monkeypatch.setattr(os, "getuid", lambda: tmp.stat().st_uid + 1)
    assert remove_stale_temps(tmp_path) == [] and tmp.exists()


def test_cleaning_a_missing_folder_is_a_no_op(tmp_path: Path):
    assert remove_stale_temps(tmp_path / "nowhere") == []
    assert tidy_user_folders() == []


def test_moving_aside_never_overwrites_an_earlier_bad_copy(tmp_path: Path):
    from datetime import datetime

    when = datetime(1962, 10, 27, 12, 0, 0)
    path = tmp_path / "settings.json"
    path.write_text("first")
    first = storage.move_aside(path, when)
    path.write_text("second")
    second = storage.move_aside(path, when)
    assert first.name == "settings.json.19621027-120000.bad" and first.read_text() == "first"
    assert second.name == "settings.json.19621027-120000-1.bad" and second.read_text() == "second"
    assert not path.exists()
