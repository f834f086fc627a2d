"""Drawing social cards: a 1200x630 PNG per card, with Pillow and the Inter font.

hooks/social.py decides which cards a build needs (their text is course/card_text.py's) and
has them drawn here, by a second process when there are many (its `draw`). Nothing here
imports MkDocs: that process loads this module alone.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from course import build_cache

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONTS = Path(__file__).resolve().parent / "fonts"
BOLD, REGULAR = FONTS / "Inter-Bold.woff2", FONTS / "Inter-Regular.woff2"
# Bump when the drawing below changes, so cached cards are drawn again.
LAYOUT_VERSION = 2
# Palette indexes of a card: 0-TEXT blend the background into the text colour; then the accent.
TEXT = 254
ACCENT = TEXT + 1


@dataclass(frozen=True)
class Card:
    """What one card says, and in which colours."""

    course: str
    kicker: str  # the line above the title: the module, or the course's summary line
    title: str
    footer: str
    background: str
    foreground: str
    accent: str


def cache_path(card: Card, cache: Path, fonts_digest: str) -> Path:
    """Where the card's PNG is kept: named by everything that changes its pixels."""
    key = json.dumps([LAYOUT_VERSION, asdict(card), fonts_digest], sort_keys=True)
    return cache / f"{hashlib.sha256(key.encode()).hexdigest()}.png"


def save_card(card: Card, path: Path) -> None:
    """Draw the card into `path`; a build stopped half-way never leaves half a card."""
    png = io.BytesIO()
    # zlib level 3: a third of the default level's time for a sixth more bytes (28 KB).
    draw_card(card).save(png, format="PNG", compress_level=3)
    build_cache.write_aside(path, png.getvalue())


def save_cards(batch: list[tuple[Card, Path]]) -> None:
    for card, path in batch:
        save_card(card, path)


def draw_card(card: Card) -> Image.Image:
    """The card as a palette image: a third of the pixels of RGB to compress, same look.

    The text is drawn as coverage (0-254) into one channel, whose palette blends the
    background into the foreground; ACCENT is the accent bar's own entry.
    """
    # Imported here: a build whose cards are all in the cache does not load Pillow.
    from PIL import Image, ImageDraw

    coverage = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(coverage)
    draw.text((MARGIN, MARGIN), card.course, font=_font(BOLD, 38), fill=TEXT)
    draw.text((MARGIN, MARGIN + 70), card.kicker, font=_font(REGULAR, 34), fill=TEXT)
    title_font, lines = _fit_title(draw, card.title)
    y = 250
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += int(title_font.size * 1.2)
    draw.text((MARGIN, HEIGHT - MARGIN - 40), card.footer, font=_font(REGULAR, 34), fill=TEXT)
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=ACCENT)
    image = coverage.convert("P")  # keeps the values as palette indexes
    image.putpalette(_palette(card))
    return image


def _palette(card: Card) -> list[int]:
    background, foreground = _rgb(card.background), _rgb(card.foreground)
    palette = []
    for index in range(TEXT + 1):
        palette += [
            round(b + (f - b) * index / TEXT) for b, f in zip(background, foreground, strict=True)
        ]
    return palette + list(_rgb(card.accent))


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.removeprefix("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


@functools.cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """Fonts are read once per process: decoding the WOFF2 files is the slow part."""
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


def _fit_title(draw: ImageDraw.ImageDraw, title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size whose wrapped lines fit the card: three lines at most."""
    for size in (72, 64, 56, 48, 42):
        font = _font(BOLD, size)
        width = WIDTH - 2 * MARGIN
        characters = max(10, int(width / (size * 0.55)))
        lines = textwrap.wrap(title, characters)
        if len(lines) <= 3 and all(draw.textlength(line, font=font) <= width for line in lines):
            return font, lines
    return font, textwrap.wrap(title, characters)[:3]


def fonts_digest() -> str:
    return hashlib.sha256(BOLD.read_bytes() + REGULAR.read_bytes()).hexdigest()
