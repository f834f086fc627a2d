"""One build at a time in a project: builds and `serve`'s rebuilds take `.cache/build.lock`.

Two builds at once would clean and write the same site/ folder, and prune each other's
cached cards and copies. A second build waits for the first; after `WAIT_SECONDS` it stops
with one line. The operating system drops the lock of a process that ends, however it ends.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

WAIT_SECONDS = 600
POLL_SECONDS = 0.2


class Busy(Exception):
    """Another build held the lock for longer than the wait."""


def take(path: Path, *, waiting: Callable[[], None] | None = None) -> IO[bytes]:
    """The lock at `path`, held until `give_back`; calls `waiting()` once before it waits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("ab")
    deadline = time.monotonic() + WAIT_SECONDS
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if not told and waiting is not None:
                waiting()
                told = True
            if time.monotonic() > deadline:
                handle.close()
                raise Busy from None
            time.sleep(POLL_SECONDS)


def give_back(handle: IO[bytes]) -> None:
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()
