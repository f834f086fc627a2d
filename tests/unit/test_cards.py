"""Social cards: drawn here or by a second process, the same files; linked into the site."""

from __future__ import annotations

from pathlib import Path

import social
from course import cards
from PIL import Image

CARD = cards.Card(
    "The FastAPI Course",
    "Module 1 · Introduction",
    "Why FastAPI is Fast (ASGI, Starlette, and Pydantic)",
    "Lesson 2 of 3 · 6 min read",
    "#4051b5",
    "#ffffff",
    "#7c4dff",
)


def test_a_second_process_draws_the_same_cards(tmp_path: Path) -> None:
    other = cards.Card(*(CARD.__dict__ | {"title": "What is FastAPI?"}).values())
    here = {tmp_path / "here" / f"{n}.png": card for n, card in enumerate((CARD, other))}
    there = {tmp_path / "there" / f"{n}.png": card for n, card in enumerate((CARD, other))}
    social.draw(here, in_second_process=False)
    social.draw(there, in_second_process=True)
    social.finish_drawing()
    for mine, theirs in zip(here, there, strict=True):
        assert mine.read_bytes() == theirs.read_bytes()
    assert not list(tmp_path.rglob("*.tmp"))


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
