"""Every Python file in docs_src/ is driven by at least one test marked with its path."""

from __future__ import annotations

import importlib
from pathlib import Path

from conftest import SAMPLES


def test_every_sample_has_a_test() -> None:
    samples = {path.relative_to(SAMPLES).as_posix() for path in SAMPLES.rglob("*.py")}
    tested = set()
    for test_file in Path(__file__).parent.glob("test_*.py"):
        module = importlib.import_module(test_file.stem)
        for test in vars(module).values():
            tested |= {
                mark.args[0] for mark in getattr(test, "pytestmark", []) if mark.name == "sample"
            }
    assert samples, "docs_src/ has no samples"
    assert samples - tested == set(), "samples without a test"
