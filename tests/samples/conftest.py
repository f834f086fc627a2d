"""Load the code samples of docs_src/ as the lessons show them, and drive them with TestClient."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from helpers import ROOT

SAMPLES = ROOT / "docs_src"


def load_sample(relative: str) -> ModuleType:
    """Import `docs_src/<relative>` by its path: sample folders are not Python packages."""
    path = SAMPLES / relative
    spec = importlib.util.spec_from_file_location(f"sample_{path.stem}", path)
    assert spec is not None and spec.loader is not None, f"cannot import {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def client(request: pytest.FixtureRequest) -> TestClient:
    """A TestClient for the sample the test names with @pytest.mark.sample("path")."""
    marker = request.node.get_closest_marker("sample")
    assert marker is not None, "mark the test with @pytest.mark.sample('folder/file.py')"
    return TestClient(load_sample(marker.args[0]).app)
