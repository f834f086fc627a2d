"""A build of a project in a process of its own, with the page cache's conversion helper
whatever the number of pages (tests/integration/test_page_cache.py runs it: the test
process has threads, from which the helper never forks), the build slowed down so that the
helper has pages to convert. Prints the build's warnings, its errors when it fails, what
the page cache said, and how many pages the helper converted, as JSON.

    python tests/integration/build_with_helper.py PROJECT
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from course import conversion_cache, conversion_helper
from helpers import BuildFailed, build_site
from mkdocs.structure.pages import Page

# How long the build takes over each page, so that the helper converts some meanwhile.
SLOWER = 0.3


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def main(project: Path) -> None:
    conversion_helper.MIN_PAGES = 1
    build = os.getpid()
    render = conversion_cache.render

    def slowly_in_the_build(page: Page, *arguments: object) -> None:
        if os.getpid() == build:
            time.sleep(SLOWER)
        render(page, *arguments)

    conversion_cache.render = slowly_in_the_build
    helped: list[int] = []
    finish, stop = conversion_helper.finish, conversion_helper.stop

    def finish_and_count() -> None:
        finish()
        helped.append(conversion_helper.converted() or 0)

    def stop_and_count(helper: conversion_helper.Helper) -> None:
        stop(helper)
        helped.append(helper.converted)

    conversion_helper.finish, conversion_helper.stop = finish_and_count, stop_and_count
    said = _Said()
    logger = logging.getLogger("mkdocs.plugins.pages")
    logger.setLevel(logging.INFO)
    logger.addHandler(said)
    try:
        built = build_site(project, strict=False)
    except BuildFailed as failed:
        reported = {"warnings": failed.warnings, "errors": failed.errors}
    else:
        reported = {"warnings": built.warnings, "errors": []}
    print(json.dumps({**reported, "said": said.lines, "helped": max(helped, default=0)}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
