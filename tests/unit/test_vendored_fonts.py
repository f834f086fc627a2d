"""The card font is the Inter release its manifest names, with its licence."""

from __future__ import annotations

import hashlib
import json

from helpers import ROOT

FONTS = ROOT / "hooks/course/fonts"
MANIFEST = json.loads((FONTS / "fonts.json").read_text())


def test_every_font_file_matches_its_checksum() -> None:
    on_disk = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in FONTS.iterdir()
        if path.name != "fonts.json"
    }
    assert on_disk == MANIFEST["files"]


def test_the_font_is_open_font_licensed() -> None:
    assert MANIFEST["license"] == "OFL-1.1"
    assert "SIL Open Font License" in (FONTS / "LICENSE.txt").read_text()
