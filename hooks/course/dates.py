"""When each page first and last changed, from git: one `git log` for the whole build."""

from __future__ import annotations

import datetime as dt
import subprocess

from mkdocs.plugins import get_plugin_logger

# Warnings read "course: git: ...", as the course's other warnings read "course: docs/...".
log = get_plugin_logger("course")

# In a shallow clone the oldest commit fetched lists every file as new: each page unchanged
# since then would show that commit's day as its first and last change.
SHALLOW_CLONE = (
    "git: the clone is shallow, so every page unchanged since its oldest fetched commit "
    "shows that commit's day as its first and last change: fetch the whole history "
    "(git fetch --unshallow; actions/checkout with fetch-depth: 0)"
)


def git_dates(docs_dir: str) -> dict[str, tuple[dt.date, dt.date]]:
    """First and last commit date of every file under docs/ that git knows, keyed by src_uri.

    Outside a git checkout, or without git, it is empty: pages then show the `updated`
    front matter only. A shallow clone is a warning.
    """
    try:
        shallow = git(docs_dir, "rev-parse", "--is-shallow-repository").strip() == "true"
        log_text = git(
            docs_dir, "log", "--relative", "--name-only", "--format=%x00%cs", "--", "*.md"
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if shallow:
        log.warning(SHALLOW_CLONE)
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    for commit in log_text.split("\0")[1:]:  # newest first
        day, *paths = commit.strip().splitlines()
        date = dt.date.fromisoformat(day)
        for path in filter(None, paths):
            last = dates[path][1] if path in dates else date
            dates[path] = (date, last)
    return dates


def git(folder: str, *arguments: str) -> str:
    """What `git <arguments>` prints, run in `folder`."""
    return subprocess.run(
        ["git", *arguments], cwd=folder, capture_output=True, text=True, check=True, timeout=60
    ).stdout
