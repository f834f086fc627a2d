"""Drawing social cards: a 1200x630 PNG per card, with Pillow and the fonts in fonts/.

hooks/social.py decides which cards a build needs (their text is course/card_text.py's) and
has them drawn here, by a second process when there are many (its `draw`). Nothing here
imports MkDocs: that process loads this module alone.

fonts/fonts.json lists the card fonts, each with the characters it has: a character is drawn
in the first font that has it, so a line can mix scripts (Inter, then Noto Sans Arabic,
Hebrew and Devanagari). Text no font has (emoji, Chinese...) is never drawn as a box: the
build leaves the line out (`undrawable`). Right-to-left text is ordered here, one run of a
font and a direction at a time, and shaped by Pillow's libraqm; a Pillow without it cannot
join Arabic letters or set Devanagari, so those fonts are then not used.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import io
import json
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from course import build_cache

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONTS = Path(__file__).resolve().parent / "fonts"
MANIFEST = json.loads((FONTS / "fonts.json").read_text(encoding="utf-8"))
# Bump when the drawing below changes, so cached cards are drawn again.
LAYOUT_VERSION = 3
# Palette indexes of a card: 0-TEXT blend the background into the text colour; then the accent.
TEXT = 254
ACCENT = TEXT + 1
# The lines of a card, in the fields of `Card` that hold them.
LINES = ("course", "kicker", "title", "footer")

Weight = Literal["bold", "regular"]


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


@dataclass(frozen=True)
class CardFont:
    """One font of fonts/fonts.json: its two weights and the characters it has."""

    name: str
    bold: Path
    regular: Path
    shaping: bool  # its script is drawn right only when shaped (libraqm)
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def has(self, char: str) -> bool:
        index = bisect.bisect_right(self.starts, ord(char)) - 1
        return index >= 0 and ord(char) <= self.ends[index]

    def file(self, weight: Weight) -> Path:
        return self.bold if weight == "bold" else self.regular


def _card_font(entry: dict) -> CardFont:
    ranges = [[int(end, 16) for end in part.split("-")] for part in entry["covers"].split()]
    return CardFont(
        entry["name"],
        FONTS / entry["bold"],
        FONTS / entry["regular"],
        entry["shaping"],
        tuple(bounds[0] for bounds in ranges),
        tuple(bounds[-1] for bounds in ranges),
    )


CARD_FONTS = tuple(_card_font(entry) for entry in MANIFEST["fonts"])


@dataclass(frozen=True)
class Run:
    """Part of a line in one font and one direction; its text in reading order."""

    text: str
    font: CardFont
    right_to_left: bool


def cache_path(card: Card, cache: Path, fonts_digest: str) -> Path:
    """Where the card's PNG is kept: named by everything that changes its pixels."""
    key = json.dumps([LAYOUT_VERSION, asdict(card), fonts_digest], sort_keys=True)
    return cache / f"{hashlib.sha256(key.encode()).hexdigest()}.png"


@functools.cache
def fonts_digest() -> str:
    """The card fonts and how they are laid out: a card drawn with others is drawn again."""
    digest = hashlib.sha256(str(can_shape()).encode())
    for font in CARD_FONTS:
        digest.update(font.bold.read_bytes() + font.regular.read_bytes())
    return digest.hexdigest()


@functools.cache
def can_shape() -> bool:
    """Whether Pillow lays text out with libraqm: joins Arabic letters, sets Devanagari."""
    from PIL import features

    return bool(features.check_feature("raqm"))


@functools.cache
def fonts_with(char: str) -> tuple[CardFont, ...]:
    """The card fonts that can draw `char` here, in the order they are tried."""
    return tuple(
        font for font in CARD_FONTS if font.has(char) and (can_shape() or not font.shaping)
    )


def undrawable(text: str) -> tuple[str, str]:
    """The characters of `text` a card cannot draw, each once: those no card font has, and
    those only fonts that need libraqm have when Pillow lacks it. Invisible ones (a
    variation selector, a joiner) are left out when no font has them, never drawn."""
    missing, unshaped = [], []
    for char in dict.fromkeys(text):
        if fonts_with(char) or _invisible(char):
            continue
        shaped_only = any(font.has(char) for font in CARD_FONTS)
        (unshaped if shaped_only else missing).append(char)
    return "".join(missing), "".join(unshaped)


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or unicodedata.name(char, "").startswith(
        "VARIATION SELECTOR"
    )


def reads_from_right(text: str) -> bool:
    """Whether `text` reads from the right: its first letter with a direction says."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def runs(line: str, *, right_to_left: bool) -> list[Run]:
    """`line`, one line of a card, as runs of one font and one direction, left to right as
    drawn. Characters no font can draw (only invisible ones, once checked) are left out."""
    chars = [char for char in line if fonts_with(char)]
    fonts: list[CardFont] = []
    for char in chars:
        candidates = fonts_with(char)
        # A space, mark, digit or sign stays in the font of the letter before it, if it can:
        # an Arabic word's spaces are Arabic spaces, and a run is not split to draw them.
        kept = fonts[-1] if fonts and not unicodedata.category(char).startswith("L") else None
        fonts.append(kept if kept in candidates else candidates[0])
    levels = bidi_levels("".join(chars), right_to_left=right_to_left)
    order = visual_order(levels)
    result: list[Run] = []
    start = 0
    for end in range(1, len(order) + 1):
        if end < len(order) and (fonts[order[end]], levels[order[end]]) == (
            fonts[order[start]],
            levels[order[start]],
        ):
            continue
        indexes = order[start:end]
        odd = levels[indexes[0]] % 2 == 1
        text = "".join(chars[index] for index in (reversed(indexes) if odd else indexes))
        result.append(Run(text, fonts[indexes[0]], odd))
        start = end
    return result


def bidi_levels(text: str, *, right_to_left: bool) -> list[int]:
    """The embedding level of each character of a line, by the Unicode bidirectional
    algorithm (UAX #9) without its explicit embeddings, which a title does not need: its
    weak types (W1-W7), neutrals (N1-N2) and implicit levels (I1-I2)."""
    base = 1 if right_to_left else 0
    edge = "R" if right_to_left else "L"
    kinds = [unicodedata.bidirectional(char) or "L" for char in text]
    # W1-W3: a mark takes the type before it; a digit after an Arabic letter is an Arabic
    # digit; Arabic letters are right-to-left letters.
    before = strong = edge
    for index, kind in enumerate(kinds):
        if kind == "NSM":
            kind = before
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":
            kind = "AN"
        before = kinds[index] = kind
    kinds = ["R" if kind == "AL" else kind for kind in kinds]
    # W4: one separator between two digits of a kind joins them.
    for index in range(1, len(kinds) - 1):
        left, kind, right = kinds[index - 1 : index + 2]
        if left == right and (
            (kind == "ES" and left == "EN") or (kind == "CS" and left in ("EN", "AN"))
        ):
            kinds[index] = left
    # W5: terminators (%, $, °) next to European digits are digits.
    for start, end in _spans(kinds, lambda kind: kind == "ET"):
        if (start > 0 and kinds[start - 1] == "EN") or (end < len(kinds) and kinds[end] == "EN"):
            kinds[start:end] = ["EN"] * (end - start)
    # W7: European digits in left-to-right text are left-to-right.
    strong = edge
    for index, kind in enumerate(kinds):
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            kinds[index] = "L"
    # N1-N2: neutrals between two of one direction take it, the others the line's own (W6:
    # separators and terminators left are neutrals; digits count as right-to-left here).
    directions = [
        "L" if kind == "L" else "R" if kind in ("R", "EN", "AN") else "" for kind in kinds
    ]
    for start, end in _spans(directions, lambda direction: not direction):
        left = directions[start - 1] if start > 0 else edge
        right = directions[end] if end < len(directions) else edge
        directions[start:end] = [left if left == right else edge] * (end - start)
    # I1-I2.
    levels = []
    for kind, direction in zip(kinds, directions, strict=True):
        if kind in ("EN", "AN"):
            levels.append(base + 1 if base else 2)
        else:
            levels.append(base + (direction != edge))
    return levels


def _spans(items: list[str], wanted: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The [start, end) spans of consecutive items that are `wanted`."""
    spans, start = [], None
    for index in range(len(items) + 1):
        if index < len(items) and wanted(items[index]):
            start = index if start is None else start
        elif start is not None:
            spans.append((start, index))
            start = None
    return spans


def visual_order(levels: list[int]) -> list[int]:
    """The indexes of a line's characters left to right (UAX #9, L2): from the highest
    level down to 1, every sequence at that level or above is reversed."""
    order = list(range(len(levels)))
    for level in range(max(levels, default=0), 0, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and levels[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    return order


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
    for top, line, weight, size in (
        (MARGIN, card.course, "bold", 38),
        (MARGIN + 70, card.kicker, "regular", 34),
        (HEIGHT - MARGIN - 40, card.footer, "regular", 34),
    ):
        _draw_line(draw, top, line, weight, size, right_to_left=reads_from_right(line))
    size, lines = _fit_title(draw, card.title)
    y = 250
    for line in lines:
        _draw_line(draw, y, line, "bold", size, right_to_left=reads_from_right(card.title))
        y += int(size * 1.2)
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=ACCENT)
    image = coverage.convert("P")  # keeps the values as palette indexes
    image.putpalette(_palette(card))
    return image


def _draw_line(
    draw: ImageDraw.ImageDraw,
    top: int,
    line: str,
    weight: Weight,
    size: int,
    *,
    right_to_left: bool,
) -> None:
    """One line from `top`, from the left margin, or from the right one when it reads from
    the right (as its field does); its runs share the first font's baseline."""
    pieces = runs(line, right_to_left=right_to_left)
    widths = [_length(draw, run, weight, size) for run in pieces]
    x = WIDTH - MARGIN - sum(widths) if right_to_left else MARGIN
    baseline = top + _font(CARD_FONTS[0].file(weight), size).getmetrics()[0]
    for run, width in zip(pieces, widths, strict=True):
        font = _font(run.font.file(weight), size)
        draw.text((x, baseline), run.text, font=font, fill=TEXT, anchor="ls", **_layout(run))
        x += width


def _length(draw: ImageDraw.ImageDraw, run: Run, weight: Weight, size: int) -> float:
    return draw.textlength(run.text, font=_font(run.font.file(weight), size), **_layout(run))


def _layout(run: Run) -> dict[str, str]:
    # Without libraqm Pillow takes no direction; no right-to-left run is drawn then.
    return {"direction": "rtl" if run.right_to_left else "ltr"} if can_shape() else {}


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


def _fit_title(draw: ImageDraw.ImageDraw, title: str) -> tuple[int, list[str]]:
    """The largest title size whose wrapped lines fit the card: three lines at most."""
    rtl = reads_from_right(title)
    width = WIDTH - 2 * MARGIN
    for size in (72, 64, 56, 48, 42):
        characters = max(10, int(width / (size * 0.55)))
        lines = textwrap.wrap(title, characters)
        if len(lines) <= 3 and all(
            sum(_length(draw, run, "bold", size) for run in runs(line, right_to_left=rtl)) <= width
            for line in lines
        ):
            return size, lines
    return size, textwrap.wrap(title, characters)[:3]
