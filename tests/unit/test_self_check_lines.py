"""A self-check knows its line in the author's file because the Markdown extensions before
the blocks pass the lines they leave alone through unchanged; each build checks they still
do (course/upstream_internals.py), and says so in one line when they no longer do."""

from __future__ import annotations

import pytest
from course import self_check_blocks
from helpers import ROOT
from mkdocs.config import load_config


def test_the_build_s_extensions_keep_a_quiz_s_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert self_check_blocks.line_problem(config) is None


def test_an_extension_that_rewrites_the_lines_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python-Markdown's own fenced code joins the lines and splits them again.
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = config.markdown_extensions
    extensions[extensions.index("pymdownx.superfences")] = "fenced_code"
    assert self_check_blocks.line_problem(config) == self_check_blocks.LINES_LOST
