"""The inbox as entries, opened so that nothing outside it gets in and nothing hangs a run.

Only regular files are read. Every entry is classified on its own `lstat` before anything
opens it: a FIFO, socket or device is never opened; a link is read only when it resolves to a
regular file inside the inbox (an operator may link files in), and every other link (out of
the inbox, to a directory, broken, looping) is refused with its kind and never read. A file is
opened with `O_NOFOLLOW | O_NONBLOCK` and checked again on the open descriptor (`fstat`, and
the descriptor's real path for a followed link), so swapping an entry for a link or a FIFO
between the walk and the read gains nothing. Every read stops at a size limit and a time limit:
it runs on a reader thread the caller waits on for at most `seconds`, so even a read stuck in
the kernel (a hung network mount) costs the run one file, not the run.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
# Names that are still being written by another process, or are editor/OS droppings.
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", "~")
_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
# What a non-regular entry is, for its quarantine reason.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "char_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISDIR, "directory"),
)


@dataclass(frozen=True)
class Entry:
    """One inbox entry: its relative path, what to open (None: nothing is read) and why not."""

    rel: str
    target: Path | None  # the file to read: the entry itself, or a link's target in the inbox
    refusal: str | None  # None for an article candidate; else the quarantine reason
    size: int
    mtime_ns: int
    keep_payload: bool = False  # a refused regular file is kept for `etl reprocess`

    @property
    def stamp(self) -> tuple[str, int, int]:
        return self.rel, self.size, self.mtime_ns


class ReadRefused(Exception):
    """The entry could not be read within the limits; the message is the quarantine reason."""


def entries(inbox: Path) -> Iterator[Entry]:
    """Every entry below the inbox in path order, hidden and partial files left for later.
    Directories are walked without following links, so no link can make a loop."""
    root = inbox.resolve()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            listed = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # a folder removed or made unreadable during the walk
        subfolders = []
        for item in listed:
            if item.name.startswith(".") or item.name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            if item.is_dir(follow_symlinks=False):
                subfolders.append(Path(item.path))
                continue
            entry = _classify(root, Path(item.path))
            if entry is not None:
                yield entry
        pending.extend(reversed(subfolders))


def _classify(root: Path, path: Path) -> Entry | None:
    rel = path.relative_to(root).as_posix()
    try:
        own = os.lstat(path)
    except OSError:
        return None  # gone since it was listed: the next run sees what is there then
    if stat.S_ISLNK(own.st_mode):
        return _classify_link(root, path, rel, own)
    if not stat.S_ISREG(own.st_mode):
        return Entry(rel, None, f"not_regular_file:{_kind(own.st_mode)}", 0, own.st_mtime_ns)
    if not path.name.lower().endswith(ARTICLE_SUFFIXES):  # recorded, never silently skipped
        return Entry(rel, path, "unsupported_type", own.st_size, own.st_mtime_ns, True)
    return Entry(rel, path, None, own.st_size, own.st_mtime_ns)


def _classify_link(root: Path, path: Path, rel: str, own: os.stat_result) -> Entry:
    """A link is followed only to a regular article file inside the inbox."""
    refused = Entry(rel, None, "symlink_outside_inbox", 0, own.st_mtime_ns)
    try:
        target = Path(os.path.realpath(path, strict=True))
        target_stat = os.stat(target, follow_symlinks=False)
    except (OSError, RuntimeError):
        return Entry(rel, None, "broken_symlink", 0, own.st_mtime_ns)
    if not target.is_relative_to(root):
        return refused
    if not stat.S_ISREG(target_stat.st_mode):
        reason = f"not_regular_file:link_to_{_kind(target_stat.st_mode)}"
        return Entry(rel, None, reason, 0, own.st_mtime_ns)
    if not path.name.lower().endswith(ARTICLE_SUFFIXES):
        return Entry(rel, None, "unsupported_type", 0, own.st_mtime_ns)
    return Entry(rel, target, None, target_stat.st_size, target_stat.st_mtime_ns)


def _kind(mode: int) -> str:
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "unknown")


class BoundedReader:
    """Reads entries one at a time on a helper thread, each within max_bytes and seconds.

    A read that overruns its time is abandoned with its thread (which may be stuck in the
    kernel for good) and the next read gets a fresh thread. Use as a context manager."""

    def __init__(self, root: Path, max_bytes: int, seconds: float) -> None:
        self.root, self.max_bytes, self.seconds = root.resolve(), max_bytes, seconds
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> BoundedReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def read(self, entry: Entry, limit: int | None = None) -> bytes:
        """The entry's bytes, or ReadRefused with the reason (too_large, read_timeout, ...)."""
        if entry.target is None:
            raise ReadRefused(entry.refusal or "not_read")
        deadline = time.monotonic() + self.seconds
        limit = self.max_bytes if limit is None else limit
        return self.within_time(read_file, entry.target, self.root, limit, deadline)

    def within_time(self, function: Callable[..., bytes], *args: object) -> bytes:
        """function(*args) on the reader thread; ReadRefused('read_timeout') once it has
        taken longer than the reader's seconds, whatever it is stuck in."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbox-read")
        future = self._pool.submit(function, *args)
        try:
            return future.result(timeout=self.seconds)
        except FutureTimeout:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None  # its thread may never come back; the next read gets another
            raise ReadRefused("read_timeout") from None


def read_file(path: Path, root: Path, max_bytes: int, deadline: float) -> bytes:
    """A regular file's bytes, opened without following links and without blocking, checked on
    the descriptor; more than max_bytes is too_large, a read past the deadline read_timeout."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise ReadRefused(f"unreadable:{error.strerror or error}") from None
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            raise ReadRefused(f"not_regular_file:{_kind(opened.st_mode)}")
        if not _opened_inside(descriptor, root):
            raise ReadRefused("symlink_outside_inbox")
        if opened.st_size > max_bytes:
            raise ReadRefused("too_large")
        return read_bounded(descriptor, max_bytes, deadline)
    finally:
        os.close(descriptor)


def read_bounded(descriptor: int, max_bytes: int, deadline: float) -> bytes:
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline:
            raise ReadRefused("read_timeout")
        try:
            chunk = os.read(descriptor, min(_CHUNK, max_bytes + 1 - total))
        except BlockingIOError:
            time.sleep(0.01)  # a file that is not ready yet: wait, within the deadline
            continue
        except OSError as error:
            raise ReadRefused(f"unreadable:{error.strerror or error}") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:  # it grew past the limit while being read, or lied about its size
            raise ReadRefused("too_large")


def _opened_inside(descriptor: int, root: Path) -> bool:
    """Where the open descriptor really points (Linux's /proc); elsewhere the resolved path
    checked before opening has to do."""
    try:
        real = Path(os.readlink(f"/proc/self/fd/{descriptor}"))
    except OSError:
        return True
    return real.is_relative_to(root)
