"""One store file, a build writing and any number of readers (the web app, the read commands) at once.

DuckDB lets one process open a file for writing, or several open it read-only, never both. So a build never
writes the published file: it writes a working copy beside it (`story.duckdb.build`), made by copying the
published file, and when the build ends it swaps the copy in with an atomic rename. Readers open the published
file read-only and reopen it when it changes (see `Published`); until then they keep reading the build before.
A killed build leaves its working copy (every batch it committed is in it): the next build resumes from it,
unless the published file changed meanwhile. One build at a time: a lock file (`story.duckdb.lock`) says so.
docs/sharing.md has the measurements behind this design.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from storyline.store.migrations import latest, version
from storyline.store.store import Store


class StoreBusy(RuntimeError):
    """Another build is writing to the store; the message says so in one line."""


def beside(path: Path, suffix: str) -> Path:
    """A file next to the store: its working copy, lock or notes."""
    return path.with_name(path.name + suffix)


def identity(path: Path) -> str:
    """What tells one version of a file from another: inode, size and modification time ('absent' if none)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return "absent"
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def building_now(path: str | Path) -> bool:
    """Whether a build is writing to this store now."""
    lock = beside(Path(path), ".lock")
    if not lock.exists():
        return False
    with open(lock, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
    return False


@contextmanager
def building(path: str | Path) -> Iterator[Store]:
    """The store opened for a build: its working copy (resumed when a killed build left one), published over
    the store file when the block ends without an error; StoreBusy when another build holds it."""
    path = Path(path)
    with open(beside(path, ".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusy(f"another build is writing to {path}; wait for it to end") from None
        work = working_copy(path)
        try:
            store = Store(work)
        except duckdb.Error:  # a working copy DuckDB cannot recover: start again from the published store
            discard(path)
            store = Store(working_copy(path))
        try:
            yield store
        finally:
            store.close()  # closing checkpoints: the working copy is then one file, without a write-ahead log
        publish(work, path)


def working_copy(path: Path) -> Path:
    """The working copy of a store: the one a killed build left, when it began from the store as it is now;
    else a fresh copy of the store (or no file at all, for a new store)."""
    work, origin = beside(path, ".build"), beside(path, ".build.origin")
    now = identity(path)
    if work.exists() and origin.exists() and origin.read_text() == now:
        return work  # resume: DuckDB replays what the killed build committed after its last checkpoint
    discard(path)
    partial = beside(path, ".build.tmp")
    for stale in (partial, beside(partial, ".wal")):
        stale.unlink(missing_ok=True)
    if now != "absent":
        copy(path, partial)
    Store(partial).close()  # the schema made (or brought up to date) and checkpointed before any build step
    os.replace(partial, work)
    origin.write_text(now)
    return work


def discard(path: Path) -> None:
    """Remove a store's working copy and its notes."""
    work = beside(path, ".build")
    for stale in (work, beside(work, ".wal"), beside(path, ".build.origin")):
        stale.unlink(missing_ok=True)


def copy(source: Path, target: Path) -> None:
    """Copy a file (the kernel copies in place, and shares the blocks on file systems that can)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        size = os.fstat(src.fileno()).st_size
        try:
            while size > 0:
                n = os.copy_file_range(src.fileno(), dst.fileno(), size)
                if n == 0:
                    break
                size -= n
        except OSError:  # no copy_file_range here: copy through user space
            src.seek(0)
            dst.seek(0)
            dst.truncate()
            shutil.copyfileobj(src, dst, 1 << 24)
        dst.flush()
        os.fsync(dst.fileno())


def publish(work: Path, path: Path) -> None:
    """Swap the finished working copy in for the store, atomically: a reader opens either the old or the new."""
    if beside(work, ".wal").exists():
        raise RuntimeError(f"the working copy {work} still has a write-ahead log; run the build again")
    os.replace(work, path)
    beside(path, ".build.origin").unlink(missing_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)  # the rename itself survives a power cut
    finally:
        os.close(fd)


def outdated(path: Path) -> bool:
    """Whether a store file was written by an older storyline (its schema lacks migrations)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return version(con) < latest()
    finally:
        con.close()


def upgrade(path: str | Path) -> None:
    """Bring an older store's schema up to date (storyline.store.migrations), the way a build writes: in a working
    copy published over the file; a store another build holds is left to that build."""
    path = Path(path)
    if not path.exists() or not outdated(path):
        return
    try:
        with building(path):
            pass  # opening the working copy for writing applies the migrations
    except StoreBusy:
        return


REOPEN_WAIT = 2.0  # seconds a reader waits for the views of the version before to end, when a build published


class Published:
    """The store file opened read-only (upgraded first when an older storyline wrote it), reopened when a build
    publishes a new version of it. Threads read at once, each through a view of its own (cursor); a new version
    is opened once the views of the one before are done (DuckDB hands a path's open database to every new
    connection: the old version must be closed before the new one can be read)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        upgrade(self.path)
        self.seen = identity(self.path)
        self.store = Store(self.path, read_only=True)
        self.views = 0  # views of self.store being read now
        self.done = threading.Condition()

    def _reopen(self) -> None:
        """Open the published version when the file changed (the lock held): first wait for the views of the
        version before to end (at most REOPEN_WAIT seconds: a view held longer, say by this very thread, keeps
        the version before for now), then close it."""
        now = identity(self.path)
        if now == self.seen or now == "absent":
            return
        if not self.done.wait_for(lambda: self.views == 0, timeout=REOPEN_WAIT):
            return
        now = identity(self.path)
        if now != self.seen and now != "absent":
            self.store.close()
            self.store = Store(self.path, read_only=True)
            self.seen = now

    @property
    def version(self) -> str:
        """Which version of the file self.store reads (its identity when opened)."""
        return self.seen

    def fresh(self) -> Store:
        """The store, reopened first when the file changed since it was opened."""
        with self.done:
            self._reopen()
            return self.store

    def cursor(self) -> Pinned:
        """A view of the latest published store through a connection of its own (for one thread); close it when
        done."""
        with self.done:
            self._reopen()
            self.views += 1
            return Pinned(self.store.cursor(), self, self.seen)

    def release(self) -> None:
        """A view is done."""
        with self.done:
            self.views -= 1
            self.done.notify_all()

    def close(self) -> None:
        """Close the store."""
        self.store.close()


class Pinned:
    """One version of the store, as a thread's view reads it (Published's interface, without reopening)."""

    def __init__(self, store: Store, owner: Published, version: str) -> None:
        self.store = store
        self.owner = owner
        self.version = version

    def fresh(self) -> Store:
        """The same store."""
        return self.store

    def close(self) -> None:
        """Close the view's connection and let the store reopen."""
        self.store.close()
        self.owner.release()
