"""Social cards: a 1200x630 PNG for every course page, drawn at build time (hooks/cards.py).

No network: the font is Inter (OFL), shipped in assets/fonts/. The colours are the site's,
read from the palette stylesheet of the installed Material. A card is drawn only when its
text, colours, font or layout changed since the last build; the others come from the cache
in `.cache/social-cards/` next to mkdocs.yml, linked into the site (hooks/build_cache.py).
"""

from __future__ import annotations

import multiprocessing
import re
import site
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import build_cache
import cards
import course
import material
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# More cards to draw than this are drawn by a second process, while this one converts the
# pages: starting it costs about as much as drawing this many cards.
CARDS_FOR_A_SECOND_PROCESS = 32
CARDS_PER_TASK = 64

# The cards being drawn by the second process, waited for in on_env; one build at a time.
_drawing: list[Future[None]] = []


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    loaded = course.current()
    colours = palette_colours(config)
    cache = build_cache.folder(config, "social-cards")
    digest = cards.fonts_digest()
    missing: dict[Path, cards.Card] = {}
    used: list[Path] = []
    for page in (loaded.home, *loaded.modules, *loaded.lessons):
        card = card_for(page, loaded, colours)
        png = cards.cache_path(card, cache, digest)
        if not png.exists():
            missing[png] = card
        files.append(CardFile.generated(config, page.card_path, abs_src_path=str(png)))
        used.append(png)
    build_cache.prune(cache, used, ".png")
    draw(missing, in_second_process=len(missing) > CARDS_FOR_A_SECOND_PROCESS)
    return files


class CardFile(File):
    """A card in the built site: linked from the cache where it can be (hooks/build_cache.py)."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        build_cache.place(Path(self.abs_src_path), Path(self.abs_dest_path))


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    # MkDocs copies the files, cards included, right after this event.
    finish_drawing()
    return None


def on_build_error(*, error: Exception) -> None:
    for future in _drawing:
        future.cancel()
    _drawing.clear()


def draw(missing: dict[Path, cards.Card], *, in_second_process: bool) -> None:
    """Draw the missing cards: here, or in a second process that finishes by on_env."""
    work = [(card, path) for path, card in missing.items()]
    if not in_second_process:
        cards.save_cards(work)
        return
    # spawn, not fork: `mkdocs serve` runs threads. The worker imports cards.py by name.
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=site.addsitedir,
        initargs=(str(Path(cards.__file__).parent),),
    )
    # In batches: each finished task wakes this process's executor thread, which then takes
    # the GIL from the build; a batch is still small enough for a failed build to cancel.
    _drawing.extend(
        pool.submit(cards.save_cards, work[start : start + CARDS_PER_TASK])
        for start in range(0, len(work), CARDS_PER_TASK)
    )
    pool.shutdown(wait=False)


def finish_drawing() -> None:
    try:
        for future in _drawing:
            future.result()
    finally:
        _drawing.clear()


def card_for(page: course.Page, loaded: course.Course, colours: dict[str, str]) -> cards.Card:
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
    return cards.Card(course_name, kicker, title, footer, **colours)


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
