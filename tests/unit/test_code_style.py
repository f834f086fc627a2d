"""The project's Python is ruff clean: lint and format."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

PYTHON = ["dev.py", "docs_src", "hooks", "scripts", "tests"]


def test_ruff_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *PYTHON], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *PYTHON],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
