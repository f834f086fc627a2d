"""When each page first and last changed, from git: one `git log` for the whole build."""

from __future__ import annotations

import datetime as dt
import subprocess


def git_dates(docs_dir: str) -> dict[str, tuple[dt.date, dt.date]]:
    """First and last commit date of every file under docs/ that git knows, keyed by src_uri.

    Outside a git checkout, or without git, it is empty: pages then show the `updated`
    front matter only.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--relative", "--name-only", "--format=%x00%cs", "--", "*.md"],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    for commit in log.split("\0")[1:]:  # newest first
        day, *paths = commit.strip().splitlines()
        date = dt.date.fromisoformat(day)
        for path in filter(None, paths):
            last = dates[path][1] if path in dates else date
            dates[path] = (date, last)
    return dates
