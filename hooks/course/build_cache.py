"""Files kept between builds in `.cache/` beside mkdocs.yml, and hard-linked into the site.

hooks/social.py keeps its cards here, hooks/crawl.py its Markdown copies. The two make two
thirds of a course's files, and MkDocs empties the site before every build. On a journaling
file system creating a file costs about a millisecond while a build runs, and linking one a
tenth of that: a file that did not change is linked from the cache instead of written again.

A cached file is named by its content and never rewritten in place (it is written aside,
then renamed), so a link in the site cannot change under it. GitHub Pages' upload action
archives the site with `tar --hard-dereference`: the published files are plain files.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at run time: the card-drawing process does without MkDocs
    from mkdocs.config.defaults import MkDocsConfig


# Beside mkdocs.yml; scripts/course_pdf.py keeps its print build and unpublished PDF there too.
CACHE = ".cache"


def folder(config: MkDocsConfig, name: str) -> Path:
    """The cache folder `name`, beside the configuration file."""
    return Path(config.config_file_path or ".").resolve().parent / CACHE / name


def save_text(cache: Path, text: str, suffix: str) -> Path:
    """`text` in the cache, named by its content; written only when it is not there yet."""
    path = cache / f"{hashlib.sha256(text.encode()).hexdigest()}{suffix}"
    if not path.exists():
        write_aside(path, text.encode())
    return path


def write_aside(path: Path, content: bytes) -> None:
    """Write `path` whole or not at all: a stopped build never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_bytes(content)
    partial.replace(path)


def place(source: Path, destination: Path) -> None:
    """`source` at `destination` in the site: a link, or a copy where none can be made."""
    try:
        link(source, destination)
    except OSError:  # another file system, or one without hard links
        # A copy must not write through an earlier link into the cached file.
        destination.unlink(missing_ok=True)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)


def link(source: Path, destination: Path) -> None:
    try:
        destination.hardlink_to(source)
    except FileNotFoundError:  # the first file of its folder
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.hardlink_to(source)
    except FileExistsError:  # `--dirty`: the site keeps the last build's files
        if destination.samefile(source):
            return
        destination.unlink()
        destination.hardlink_to(source)


def prune(cache: Path, used: Iterable[Path], suffix: str) -> None:
    """Remove the cached files this build did not use: older versions of its files."""
    if not cache.is_dir():
        return
    for stale in {*cache.glob(f"*{suffix}")} - {*used}:
        stale.unlink(missing_ok=True)
