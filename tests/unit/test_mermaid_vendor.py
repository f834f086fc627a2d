"""The self-hosted Mermaid is exactly the release its manifest names, and what mkdocs.yml loads."""

from __future__ import annotations

import hashlib
import json
import re

from helpers import ROOT

VENDOR = ROOT / "docs/assets/javascripts/mermaid"
MANIFEST = json.loads((VENDOR / "mermaid.json").read_text())


def test_every_vendored_file_matches_its_checksum() -> None:
    on_disk = {
        path.relative_to(VENDOR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "mermaid.json"
    }
    assert on_disk == MANIFEST["files"]


def test_the_vendored_copy_is_minified_licensed_and_without_source_maps() -> None:
    assert MANIFEST["license"] == "MIT"
    assert "Copyright" in (VENDOR / "LICENSE").read_text()
    assert not any(name.endswith(".map") for name in MANIFEST["files"])
    for name in MANIFEST["files"]:
        if name.endswith(".mjs"):
            assert "sourceMappingURL" not in (VENDOR / name).read_text(), name
            assert ".min" in name


def test_mkdocs_yml_loads_the_vendored_release() -> None:
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(r'^\s+version: "(.+)"', config, re.M)[1] == MANIFEST["version"]
    javascript = re.search(r"^\s+javascript: (\S+)", config, re.M)[1]
    assert (ROOT / "docs" / javascript).is_file()
    assert javascript.startswith("assets/javascripts/mermaid/")
