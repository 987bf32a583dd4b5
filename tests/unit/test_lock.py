from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from archiver.archive.lock import ArchiveLock, ArchiveLocked

REPO = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {repo!r})
    from archiver.archive.lock import ArchiveLock
    ArchiveLock({root!r}).acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def _start_holder(root: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(repo=str(REPO), root=str(root))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_process_cannot_lock_and_sees_the_pid(tmp_path: Path) -> None:
    holder = _start_holder(tmp_path)
    try:
        with pytest.raises(ArchiveLocked) as caught:
            ArchiveLock(tmp_path).acquire()
        assert caught.value.holder_pid == holder.pid
        assert f"is being written by pid {holder.pid} since " in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_sigkilled_holder_releases_the_lock(tmp_path: Path) -> None:
    holder = _start_holder(tmp_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    lock = ArchiveLock(tmp_path)
    lock.acquire()  # no stale lock: the kernel dropped it with the process
    try:
        assert lock.held
        assert lock.path.read_text().split()[0] == str(os.getpid())
    finally:
        lock.release()


def test_release_and_reacquire_in_one_process(tmp_path: Path) -> None:
    with ArchiveLock(tmp_path) as first:
        assert first.held
        # flock is per open file: a second lock object in the same process is refused
        with pytest.raises(ArchiveLocked):
            ArchiveLock(tmp_path).acquire()
    assert not first.held
    assert (tmp_path / ".archiver" / "lock").read_text() == ""
    with ArchiveLock(tmp_path):
        pass


def test_lock_is_not_inherited_by_child_processes(tmp_path: Path) -> None:
    # O_CLOEXEC: a crawl child started while we hold the lock must not keep it alive.
    lock = ArchiveLock(tmp_path)
    lock.acquire()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.release()
        deadline = time.monotonic() + 5
        with ArchiveLock(tmp_path) as again:
            assert again.held and time.monotonic() < deadline
    finally:
        sleeper.kill()
        sleeper.wait()
