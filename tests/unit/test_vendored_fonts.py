"""The card fonts are the releases their manifest names, with their licences, and have the
characters the manifest says they have: no more, no fewer."""

from __future__ import annotations

import hashlib
import json

import pytest
from helpers import ROOT
from PIL import Image, ImageDraw, ImageFont

FONTS = ROOT / "hooks/course/fonts"
MANIFEST = json.loads((FONTS / "fonts.json").read_text())
# A code point no font maps, drawn as the font's missing-glyph box.
UNMAPPED = "\U0010fffd"


def test_every_font_file_matches_its_checksum() -> None:
    on_disk = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in FONTS.iterdir()
        if path.name != "fonts.json"
    }
    assert on_disk == MANIFEST["files"]


@pytest.mark.parametrize("font", MANIFEST["fonts"], ids=lambda font: font["name"])
def test_every_font_is_open_font_licensed(font: dict) -> None:
    assert MANIFEST["license"] == "OFL-1.1"
    assert "SIL Open Font License" in (FONTS / font["license_file"]).read_text()
    assert {font["bold"], font["regular"], font["license_file"]} <= MANIFEST["files"].keys()


def drawn(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 8), char, font=font, fill=255)
    return image.tobytes()


@pytest.mark.parametrize(
    ("font", "weight"),
    [(font, weight) for font in MANIFEST["fonts"] for weight in ("bold", "regular")],
    ids=lambda value: value["name"] if isinstance(value, dict) else value,
)
def test_a_font_has_exactly_the_characters_its_manifest_lists(font: dict, weight: str) -> None:
    # One glyph per character: the basic layout, as FreeType maps them.
    face = ImageFont.truetype(FONTS / font[weight], 24, layout_engine=ImageFont.Layout.BASIC)
    missing_glyph = drawn(face, UNMAPPED)
    assert missing_glyph != drawn(face, " ")
    covered, just_outside = [], []
    for part in font["covers"].split():
        first, last = (int(end, 16) for end in (part.split("-") * 2)[:2])
        covered += range(first, last + 1)
        just_outside += [first - 1, last + 1]
    unusable = [int(point, 16) for point in font.get("unusable", {})]
    # Control characters are never drawn on a card: they are no part of the coverage.
    just_outside = [
        point
        for point in just_outside
        if point >= 0x20 and point not in covered and point not in unusable
    ]
    assert [hex(point) for point in covered if drawn(face, chr(point)) == missing_glyph] == []
    assert [hex(p) for p in just_outside if drawn(face, chr(p)) != missing_glyph] == []


@pytest.mark.parametrize(
    "font", [font for font in MANIFEST["fonts"] if "unusable" in font], ids=lambda f: f["name"]
)
def test_a_character_left_out_of_a_font_cannot_be_drawn_in_it(font: dict) -> None:
    face = ImageFont.truetype(FONTS / font["bold"], 72)
    for point in font["unusable"]:
        with pytest.raises(OSError, match="raster overflow"):
            drawn(face, chr(int(point, 16)))
