"""Social cards: a 1200x630 PNG for every course page (course/cards.py draws them).

Events: on_files: adds a card file per page, and finds the ones not in the cache (needs the
course, read in on_files by hooks/lessons.py); on_nav, last of every hook's: starts drawing
those, after the page cache's helper has forked (course/conversion_helper.py: a process
must not fork once the drawing's thread runs); on_env: waits for the cards a second process
draws. A build that ends before (it fails, or `serve` stops) cancels them.

No network: the fonts are Inter and Noto Sans Arabic, Hebrew and Devanagari (OFL), in
course/fonts/. A line of a card holding characters none of them has (emoji, Chinese...) is
left out of the card, with a warning naming the file, its field and the characters: a card
never shows a missing glyph. The colours are the site's, read from the palette stylesheet of
the installed Material. A card is drawn only when its text, colours, fonts or layout changed
since the last build; the others come from the cache in `.cache/social-cards/` next to
mkdocs.yml, linked into the site (course/build_cache.py).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import site
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from course import build_cache, build_state, cards, feature_order, reader_words, upstream_internals
from course.card_text import card_for, origin
from course.layout import display_path
from course.model import Course, Page
from course.rules import one_line, some_characters
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

log = get_plugin_logger("social")

# More cards to draw than this are drawn by a second process, while this one converts the
# pages: starting it costs about as much as drawing this many cards.
CARDS_FOR_A_SECOND_PROCESS = 32
CARDS_PER_TASK = 64

# A line of a card that cannot be drawn: where its characters were written, and why.
UNDRAWABLE = "{source}: {field}: {reason}: social cards leave it out"
NO_FONT = "no card font has {characters}"
NO_SHAPING = "{characters} need Pillow with libraqm (text shaping), which this Python lacks"


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    course = build_state.course()
    colours = palette_colours(config)
    language = reader_words.for_config(config)
    cache = build_cache.folder(config, "social-cards")
    digest = cards.fonts_digest()
    missing: dict[Path, cards.Card] = {}
    used: list[Path] = []
    warned: set[str] = set()
    for page in course.pages:
        card = card_for(page, course, language, colours)
        card = drawable(card, page, course, language, config, warned)
        png = cards.cache_path(card, cache, digest)
        if not png.exists():
            missing[png] = card
        files.append(CardFile.generated(config, page.card_path, abs_src_path=str(png)))
        used.append(png)
    build_cache.prune(cache, used, ".png")
    build_state.part(Drawing).missing = missing
    return files


@event_priority(feature_order.priority("social", "on_nav"))
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    drawing = build_state.part(Drawing)
    missing, drawing.missing = drawing.missing, {}
    draw(missing, in_second_process=len(missing) > CARDS_FOR_A_SECOND_PROCESS)
    return None


def drawable(
    card: cards.Card,
    page: Page,
    course: Course,
    language: reader_words.Words,
    config: MkDocsConfig,
    warned: set[str],
) -> cards.Card:
    """`card` without the lines it cannot draw, each warned about once a build (`warned`)."""
    left_out = {}
    for line in cards.LINES:
        missing, unshaped = cards.undrawable(getattr(card, line))
        if not (missing or unshaped):
            continue
        left_out[line] = ""
        reasons = [NO_FONT.format(characters=some_characters(missing))] if missing else []
        if unshaped:
            reasons.append(NO_SHAPING.format(characters=some_characters(unshaped)))
        written_in, field = origin(page, course, line, missing + unshaped)
        source = (
            display_path(written_in.src_uri, config)
            if written_in is not None
            else f"hooks/course/languages/{language.language}.yml"
        )
        message = one_line(UNDRAWABLE.format(source=source, field=field, reason="; ".join(reasons)))
        if message not in warned:
            warned.add(message)
            log.warning(message)
    return dataclasses.replace(card, **left_out)


@dataclasses.dataclass
class Drawing:
    """The cards to draw, from on_files to on_nav; the batches the second process is
    drawing, from on_nav to on_env."""

    missing: dict[Path, cards.Card] = dataclasses.field(default_factory=dict)
    batches: list[Future[None]] = dataclasses.field(default_factory=list)

    def cancel(self) -> None:
        for batch in self.batches:
            batch.cancel()
        self.batches.clear()


class CardFile(File):
    """A card in the built site: linked from the cache where it can be."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        build_cache.place(Path(self.abs_src_path), Path(self.abs_dest_path))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    # MkDocs copies the files, cards included, right after this event.
    finish_drawing()
    return None


def draw(missing: dict[Path, cards.Card], *, in_second_process: bool) -> None:
    """Draw the missing cards: here, or in a second process that finishes by on_env."""
    work = [(card, path) for path, card in missing.items()]
    if not in_second_process:
        cards.save_cards(work)
        return
    # spawn, not fork: `mkdocs serve` runs threads. The worker imports course.cards by name.
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=site.addsitedir,
        initargs=(str(Path(cards.__file__).parent.parent),),
    )
    # In batches: each finished task wakes this process's executor thread, which then takes
    # the GIL from the build; a batch is still small enough for a failed build to cancel.
    drawing = build_state.part(Drawing)
    drawing.batches.extend(
        pool.submit(cards.save_cards, work[start : start + CARDS_PER_TASK])
        for start in range(0, len(work), CARDS_PER_TASK)
    )
    pool.shutdown(wait=False)
    build_state.current().at_end(drawing.cancel)


def finish_drawing() -> None:
    drawing = build_state.part(Drawing)
    try:
        for batch in drawing.batches:
            batch.result()
    finally:
        drawing.batches.clear()


def palette_colours(config: MkDocsConfig) -> dict[str, str]:
    """The light scheme's primary and accent colours, as Material's stylesheet defines them."""
    palette = config.theme.get("palette") or {}
    scheme = palette[0] if isinstance(palette, list) and palette else palette
    css = upstream_internals.palette_stylesheet()

    def colour(kind: str, variable: str) -> str:
        name = scheme.get(kind, "indigo")
        found = upstream_internals.palette_colour(css, kind, name, variable)
        if found is None:
            raise PluginError(
                f"mkdocs.yml: theme.palette.{kind}: social cards need one of Material's "
                f"named colours, got {name!r}"
            )
        return found

    return {
        "background": colour("primary", "--md-primary-fg-color"),
        "foreground": "#ffffff",
        "accent": colour("accent", "--md-accent-fg-color"),
    }
