"""A second process that converts pages while the build converts its own: the machine's
other core fills the page cache from the last page back, the build goes from the first one
on, and takes each page the helper has already converted from the cache.

A cold build spends about half its time converting Markdown, one page after another on one
core. At the last on_nav, once every page is known and no page has been read, a build of
at least `MIN_PAGES` pages forks a helper (`start`). The helper renders the pages from the
last one back exactly as the build does (MkDocs' own page steps and events:
`upstream_internals.populate_page`), so each conversion goes through the page cache
(course/conversion_cache.py) and lands in its store under the key the build computes for
the same page. The build tells it, in memory both share, which page it has reached
(`reached`, at every on_pre_page); the helper stops at the first page the build has
reached, and at on_env the build waits for it (`finish`).

Nothing the helper does reaches the site or the terminal: its output goes nowhere, its copy
of the build's state ends with it (`os._exit`), and what converting its pages logged is
kept in each entry and logged by the build as it takes the entry, like any kept
conversion. A page the helper converts differently from the build (some state of the build
it had not reached) has another key, and the build converts it itself; a page the helper
could not convert is the build's to convert and to report. The build so makes the same
site, byte for byte, with or without the helper (tests/integration/test_page_cache.py).

Only on Linux (macOS's system libraries are unsafe in a forked process, Windows has no
fork), with a second core, and from a process with no other thread (the cards' drawing
starts after the fork: hooks/social.py); not in `serve` (its server's threads, and a
rebuild converts few pages), nor in a dirty build. The build makes the cache's file before
it forks (`conversion_cache.make_store`); a helper whose build is gone stops.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import mmap
import os
import signal
import struct
import sys
import threading
import time
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from course import build_state, conversion_cache, upstream_internals

# Fewer pages than this: forking and the helper's own page events cost more than it saves.
MIN_PAGES = 48
# Seconds the build waits, past its last page, for the helper to end its last one.
LONGEST_WAIT = 60
# In the memory both processes share: the index of the page the build has reached, and
# how many pages the helper converted.
REACHED, CONVERTED = 0, 8
SLOT = struct.Struct("q")


@dataclass
class Helper:
    """The build's helper, from its start to `finish`."""

    pid: int | None = None
    shared: mmap.mmap | None = None
    index: dict[str, int] = field(default_factory=dict)
    converted: int = 0


def eligible(pages: int) -> bool:
    session = build_state.SESSION
    return (
        sys.platform == "linux"  # fork is unsafe on macOS, missing on Windows
        and len(os.sched_getaffinity(0)) > 1  # a core of its own
        and threading.active_count() == 1  # a process with threads must not fork
        and not session.serving
        and not session.dirty
        and pages >= MIN_PAGES
    )


def start(config: MkDocsConfig, files: Files) -> None:
    """Fork the helper, when this build is one it helps (see the module's docstring)."""
    pages = [
        file.page
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
        if file.page is not None
    ]
    if not eligible(len(pages)):
        return
    helper = build_state.part(Helper)
    helper.shared = mmap.mmap(-1, REACHED + CONVERTED + SLOT.size)
    SLOT.pack_into(helper.shared, REACHED, -1)
    helper.index = {page.file.src_uri: number for number, page in enumerate(pages)}
    conversion_cache.make_store(config)
    build = os.getpid()
    # What is already garbage is not collected, and finalized, in both processes; and the
    # helper's collections do not copy the pages of objects both share.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the helper, whose own page events must not say where the build is
        shared, helper.shared = helper.shared, None
        try:
            convert_from_the_end(pages, config, files, shared, build)
        finally:
            os._exit(0)
    gc.unfreeze()
    helper.pid = pid
    build_state.current().at_end(functools.partial(stop, helper))


def convert_from_the_end(
    pages: list[Page], config: MkDocsConfig, files: Files, shared: mmap.mmap, build: int
) -> None:
    """The helper's work: each page from the last back, until the build has reached it (or
    is gone: killed, it could not say so)."""
    quiet()
    cache = build_state.part(conversion_cache.PageCache)
    for number in range(len(pages) - 1, -1, -1):
        if SLOT.unpack_from(shared, REACHED)[0] >= number or os.getppid() != build:
            return
        # A page that fails is the build's to convert, and to say what is wrong with.
        with contextlib.suppress(Exception):
            upstream_internals.populate_page(pages[number], config, files)
        SLOT.pack_into(shared, CONVERTED, cache.converted)


def quiet() -> None:
    """Nothing the helper logs or prints reaches the terminal: the build logs it, from the
    entries (a conversion's lines are kept by a handler of its own)."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, 1)
    os.dup2(nowhere, 2)
    for name in conversion_cache.LOGGERS:
        logging.getLogger(name).handlers.clear()


def reached(page: Page) -> None:
    """The build is at `page`: the helper converts no page from here on."""
    helper = build_state.part(Helper)
    if helper.shared is None:
        return
    number = helper.index.get(page.file.src_uri)
    if number is not None:
        SLOT.pack_into(helper.shared, REACHED, number)


def finish() -> None:
    """Once the build has converted every page: the helper done."""
    helper = build_state.part(Helper)
    if helper.pid is None or helper.shared is None:
        return
    SLOT.pack_into(helper.shared, REACHED, len(helper.index))
    # It stops after the page it is converting; one that takes longer is stopped.
    deadline = time.monotonic() + LONGEST_WAIT
    try:
        while os.waitpid(helper.pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                stop(helper)
                return
            time.sleep(0.005)
    except ChildProcessError:  # already waited for
        pass
    ended(helper)


def converted() -> int | None:
    """How many pages the helper converted; None when the build had none."""
    helper = build_state.part(Helper)
    return helper.converted if helper.shared is not None else None


def stop(helper: Helper) -> None:
    """The helper stopped where it is: a build that ends before on_env (it failed) does not
    wait for it, nor for a page that takes it longer than `LONGEST_WAIT`."""
    if helper.pid is None:
        return
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(helper.pid, signal.SIGKILL)
        os.waitpid(helper.pid, 0)
    ended(helper)


def ended(helper: Helper) -> None:
    helper.pid = None
    if helper.shared is not None:
        helper.converted = SLOT.unpack_from(helper.shared, CONVERTED)[0]
