"""Social cards: drawn here or by a second process, the same files; linked into the site."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
import social
from course import build_state, cards
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image, ImageDraw, ImageFont

CARD = cards.Card(
    "The FastAPI Course",
    "Module 1 · Introduction",
    "Why FastAPI is Fast (ASGI, Starlette, and Pydantic)",
    "Lesson 2 of 3 · 6 min read",
    "#4051b5",
    "#ffffff",
    "#7c4dff",
)


@pytest.fixture
def build() -> Iterator[build_state.Build]:
    """A build in progress, as hooks/lessons.py starts one, ended however the test ends."""
    yield build_state.SESSION.begin(MkDocsConfig())
    build_state.SESSION.end()


def test_a_second_process_draws_the_same_cards(tmp_path: Path, build: build_state.Build) -> None:
    other = cards.Card(*(CARD.__dict__ | {"title": "What is FastAPI?"}).values())
    here = {tmp_path / "here" / f"{n}.png": card for n, card in enumerate((CARD, other))}
    there = {tmp_path / "there" / f"{n}.png": card for n, card in enumerate((CARD, other))}
    social.draw(here, in_second_process=False)
    social.draw(there, in_second_process=True)
    social.finish_drawing()
    for mine, theirs in zip(here, there, strict=True):
        assert mine.read_bytes() == theirs.read_bytes()
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_build_that_ends_before_its_cards_are_drawn_cancels_them(
    tmp_path: Path, build: build_state.Build
) -> None:
    titles = [f"Lesson {n}" for n in range(3 * social.CARDS_PER_TASK)]
    missing = {
        tmp_path / f"{n}.png": dataclasses.replace(CARD, title=title)
        for n, title in enumerate(titles)
    }
    social.draw(missing, in_second_process=True)
    batches = list(build.part(social.Drawing).batches)
    assert len(batches) == 3
    build_state.SESSION.end()  # the build failed, or `serve` stopped
    assert not build.part(social.Drawing).batches
    # The second process takes one batch at a time: the last is never started.
    assert batches[-1].cancelled()


def test_a_card_is_a_small_palette_png_in_the_site_colours(tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    cards.save_card(CARD, path)
    with Image.open(path) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))
        rgb = image.convert("RGB")
    assert rgb.getpixel((5, 5)) == (0x40, 0x51, 0xB5)
    assert rgb.getpixel((5, 625)) == (0x7C, 0x4D, 0xFF)
    assert path.stat().st_size < 40_000


def card_file(source: Path, site: Path) -> social.CardFile:
    file = social.CardFile("assets/social/lesson.png", None, str(site), True)
    file.abs_src_path = str(source)
    return file


def test_a_card_in_the_site_is_a_link_to_the_cached_png(tmp_path: Path) -> None:
    cached = tmp_path / "cache" / "card.png"
    cards.save_card(CARD, cached)
    card_file(cached, tmp_path / "site").copy_file()
    assert (tmp_path / "site/assets/social/lesson.png").samefile(cached)


# Titles in the scripts the card fonts cover, each with Latin in it, as a course would write.
MIXED_TITLES = [
    "مقدمة إلى FastAPI: لماذا هو سريع؟",
    "מבוא ל-FastAPI, שיעור 2",
    "FastAPI का परिचय: क्यों तेज़ है?",
    "Почему FastAPI быстрый (ASGI)",
]


def glyph(font: cards.CardFont, char: str) -> bytes:
    face = ImageFont.truetype(font.bold, 24, layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 8), char, font=face, fill=255)
    return image.tobytes()


@pytest.mark.parametrize("title", MIXED_TITLES)
def test_every_character_of_a_title_is_drawn_with_a_glyph_of_its_own(title: str) -> None:
    assert cards.undrawable(title) == ("", "")
    runs = cards.runs(title, right_to_left=cards.reads_from_right(title))
    assert sorted("".join(run.text for run in runs)) == sorted(title)
    for run in runs:
        missing_glyph = glyph(run.font, "\U0010fffd")
        assert [char for char in run.text if glyph(run.font, char) == missing_glyph] == []
    cards.draw_card(dataclasses.replace(CARD, title=title))


def test_right_to_left_text_is_drawn_in_runs_from_the_left_edge() -> None:
    arabic, inter = cards.CARD_FONTS[1], cards.CARD_FONTS[0]
    # Read from the right: "مقدمة إلى" first, so it is drawn last, at the right.
    title = "مقدمة إلى FastAPI"
    assert cards.runs(title, right_to_left=True) == [
        cards.Run("FastAPI", inter, False),
        cards.Run("مقدمة إلى ", arabic, True),
    ]
    # Numbers keep their own order inside right-to-left text.
    hebrew = cards.CARD_FONTS[2]
    assert [run.text for run in cards.runs("שלום 123 עולם", right_to_left=True)] == [
        "עולם",
        " ",
        "123",
        "שלום ",
    ]
    assert cards.runs("FastAPI בעברית", right_to_left=False) == [
        cards.Run("FastAPI ", inter, False),
        cards.Run("בעברית", hebrew, True),
    ]


def test_a_right_to_left_title_ends_at_the_right_margin() -> None:
    image = cards.draw_card(dataclasses.replace(CARD, title="مقدمة إلى FastAPI")).convert("L")
    drawn = image.crop((0, 230, cards.WIDTH, 480)).point(lambda v: 255 if v > 128 else 0)
    left, _, right, _ = drawn.getbbox()
    assert cards.WIDTH - cards.MARGIN - 4 <= right <= cards.WIDTH - cards.MARGIN
    assert left > cards.MARGIN


@pytest.mark.parametrize(
    ("title", "missing"),
    [("Deploying with Docker 🚀", "🚀"), ("FastAPI 入门", "入门"), ("🛠️ Tools", "🛠")],
)
def test_characters_no_card_font_has_are_found_and_never_drawn(title: str, missing: str) -> None:
    # The variation selector after 🛠 is invisible: it is not named.
    assert cards.undrawable(title) == (missing, "")
    assert "".join(run.text for run in cards.runs(title, right_to_left=False)).count("\ufe0f") == 0


def test_without_libraqm_scripts_that_need_shaping_are_not_drawn(monkeypatch) -> None:
    """Measured: unshaped, Arabic letters stand apart, each in its isolated form."""
    word = "بببب"
    shaped = ImageFont.truetype(cards.CARD_FONTS[1].bold, 72)
    unshaped = ImageFont.truetype(
        cards.CARD_FONTS[1].bold, 72, layout_engine=ImageFont.Layout.BASIC
    )
    assert shaped.getlength(word, direction="rtl") < 0.8 * unshaped.getlength(word)
    monkeypatch.setattr(cards, "can_shape", lambda: False)
    cards.fonts_with.cache_clear()
    try:
        assert cards.undrawable(f"{word} FastAPI") == ("", word[0])
        assert cards.undrawable("FastAPI का परिचय") == ("", "का परिचय".replace(" ", ""))
    finally:
        cards.fonts_with.cache_clear()


def test_the_cache_key_covers_the_fonts_and_their_layout(monkeypatch, tmp_path: Path) -> None:
    digest = cards.fonts_digest()
    named = cards.cache_path(CARD, tmp_path, digest)
    cards.fonts_digest.cache_clear()
    monkeypatch.setattr(cards, "can_shape", lambda: False)
    unshaped = cards.fonts_digest()
    cards.fonts_digest.cache_clear()
    monkeypatch.setattr(cards, "CARD_FONTS", cards.CARD_FONTS[:1])
    fewer = cards.fonts_digest()
    cards.fonts_digest.cache_clear()
    assert len({digest, unshaped, fewer}) == 3
    assert cards.cache_path(CARD, tmp_path, unshaped) != named
