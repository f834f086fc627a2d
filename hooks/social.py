"""Social cards: a 1200x630 PNG for every course page, drawn with Pillow at build time.

No network: the font is Inter (OFL), shipped in assets/fonts/. The colours are the site's,
read from the palette stylesheet of the installed Material. A card is drawn only when its
text, colours, font or layout changed since the last build; the others come from the cache
in `.cache/social-cards/` next to mkdocs.yml.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path

import course
import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
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


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    loaded = course.current()
    colours = palette_colours(config)
    cache = Path(config.config_file_path or ".").resolve().parent / ".cache" / "social-cards"
    digest = fonts_digest()
    for page in (loaded.home, *loaded.modules, *loaded.lessons):
        png = cached_card(card_for(page, loaded, colours), cache, digest)
        files.append(File.generated(config, page.card_path, abs_src_path=str(png)))
    return files


def card_for(page: course.Page, loaded: course.Course, colours: dict[str, str]) -> Card:
    course_name = loaded.home.title
    total = len(loaded.lessons)
    title = page.title
    if isinstance(page, course.Lesson):
        kicker = f"Module {page.module.number} · {page.module.title}"
        footer = f"Lesson {page.position} of {total} · {page.reading_minutes} min read"
    elif isinstance(page, course.Module):
        kicker = f"Module {page.number}"
        footer = f"{len(page.lessons)} lessons" if len(page.lessons) != 1 else "1 lesson"
    else:
        kicker = "A free online course"
        title = page.meta.summary or page.title
        footer = f"{total} lessons · {loaded.reading_minutes} min" if total != 1 else "1 lesson"
    return Card(course_name, kicker, title, footer, **colours)


def card_alt(page: course.Page, loaded: course.Course) -> str:
    """The text of a page's card, for og:image:alt."""
    card = card_for(page, loaded, {"background": "", "foreground": "", "accent": ""})
    return f"{card.course}: {card.kicker}. {card.title}. {card.footer}."


def palette_colours(config: MkDocsConfig) -> dict[str, str]:
    """The light scheme's primary and accent colours, as Material's stylesheet defines them."""
    palette = config.theme.get("palette") or {}
    scheme = palette[0] if isinstance(palette, list) and palette else palette
    primary = scheme.get("primary", "indigo")
    accent = scheme.get("accent", "indigo")
    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = next(stylesheets.glob("palette.*.min.css")).read_text()

    def colour(kind: str, name: str, variable: str) -> str:
        css_name = name.lower().replace(" ", "-")  # as Material names it: deep-orange
        pattern = rf"\[data-md-color-{kind}={re.escape(css_name)}\]\{{{variable}:(#[0-9a-f]+)"
        rule = re.search(pattern, css)
        if rule is None:
            raise PluginError(
                f"mkdocs.yml: theme.palette.{kind}: social cards need one of Material's "
                f"named colours, got {name!r}"
            )
        return rule[1][:7]

    return {
        "background": colour("primary", primary, "--md-primary-fg-color"),
        "foreground": "#ffffff",
        "accent": colour("accent", accent, "--md-accent-fg-color"),
    }


def cached_card(card: Card, cache: Path, fonts_digest: str) -> Path:
    """The card's PNG in the cache, drawn first if no build has drawn this card yet."""
    key = json.dumps([LAYOUT_VERSION, asdict(card), fonts_digest], sort_keys=True)
    path = cache / f"{hashlib.sha256(key.encode()).hexdigest()}.png"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        draw_card(card).save(partial, format="PNG")
        partial.replace(path)  # a build stopped half-way never leaves half a card
    return path


def draw_card(card: Card) -> Image.Image:
    """The card as a palette image: a third of the pixels of RGB to compress, same look.

    The text is drawn as coverage (0-254) into one channel, whose palette blends the
    background into the foreground; ACCENT is the accent bar's own entry.
    """
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
