"""What a build publishes comes from the course and nothing else, in the format of each file.

Each mistake is one line naming the file, in `build` and in `serve`, and stops the build
before it writes a page: a binary include, a published address that is no address.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from course import loader, snippets
from helpers import FIXTURES, BuildFailed, build_site

PUBLISHING = FIXTURES / "publishing"


def add_course_part(project: Path, fixture: str) -> None:
    """Copy `tests/fixtures/publishing/<fixture>/` (its docs/ and docs_src/) into `project`."""
    shutil.copytree(PUBLISHING / fixture, project, dirs_exist_ok=True)


def errors_of(project: Path, *, serve: bool = False) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        build_site(project, serve=serve)
    assert failed.value.warnings == []
    return [line for error in failed.value.errors for line in error.splitlines()]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_binary_include_is_one_line_naming_the_lesson_and_the_file(
    project: Path, serve: bool
) -> None:
    add_course_part(project, "binary-include")
    lesson = "docs/01-basics/09-binary.md: snippet"
    samples = "docs_src/01-basics/09-binary"
    not_text = snippets.NOT_TEXT.format(path=f"{samples}/logo.png", encoding="UTF-8", byte=1)
    binary = snippets.BINARY.format(path=f"{samples}/colours.txt", line=2, character="\\x1b")
    assert errors_of(project, serve=serve) == [f"{lesson}: {not_text}", f"{lesson}: {binary}"]


HOSTILE_SITE_URLS = (PUBLISHING / "hostile-site-urls.txt").read_text().splitlines()


@pytest.mark.parametrize("site_url", HOSTILE_SITE_URLS)
def test_a_site_url_that_is_no_published_address_stops_the_build_naming_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, site_url: str
) -> None:
    monkeypatch.setenv("SITE_URL", site_url)
    assert errors_of(project) == [
        f"mkdocs.yml: site_url: {loader.SITE_URL_RULE.format(value=site_url)}"
    ]
    assert not (project / "site/404.html").exists()
