"""Files for crawlers, feed readers and agents, and the social cards, as built."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from helpers import FIXTURE_COURSE, SITE_URL, Built, add_fixture, build_site
from PIL import Image

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGES = [
    "",
    "basics/",
    "basics/first-steps/",
    "basics/request-flow/",
    "basics/code-samples/",
    "next-steps/",
    "next-steps/last-lesson/",
]


def test_robots_txt_names_the_sitemap(fixture_site: Built) -> None:
    robots = (fixture_site.site_dir / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_the_sitemap_lists_every_page_with_lastmod_from_updated(project: Path) -> None:
    add_fixture(project, "lessons/four-hundred-one-words.md", "01-basics/09-case.md")
    site = build_site(project).site_dir
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ET.parse(site / "sitemap.xml").getroot()
    }
    assert set(urls) == {SITE_URL + path for path in [*PAGES, "basics/case/"]}
    # `updated: 2026-03-04`; the module and home pages list it, so they changed then too.
    assert urls[SITE_URL + "basics/case/"] == "2026-03-04"
    assert urls[SITE_URL + "basics/"] == "2026-03-04"
    assert urls[SITE_URL] == "2026-03-04"


def test_the_atom_feed_lists_lessons_newest_first(project: Path) -> None:
    add_fixture(project, "lessons/four-hundred-one-words.md", "01-basics/09-case.md")
    built = build_site(project)
    feed = ET.parse(built.site_dir / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "The Fixture Course"
    entries = [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.iter(f"{ATOM}entry")
    ]
    # Without git history, a lesson without `updated` is dated by the build: newest. Lessons
    # of the same day come newest-numbered first; the two dated 2026-03-04 come last.
    assert [title for title, _ in entries] == [
        "Code Samples",
        "The Request Flow",
        "First Steps",
        "The Last Lesson",
        "A lesson of exactly 401 words",
    ]
    assert entries[0][1] == SITE_URL + "basics/code-samples/"
    for path in PAGES:
        link = built.html(path).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(link) == 1 and link[0]["href"].endswith("feed.xml")


def test_llms_txt_outlines_the_course_with_links_to_markdown(fixture_site: Built) -> None:
    lines = (fixture_site.site_dir / "llms.txt").read_text().splitlines()
    assert lines[0] == "# The Fixture Course"
    assert lines[2] == "> Four short lessons in two modules, built by the tests."
    assert [line for line in lines if line[:3] == "## "] == ["## 1. Basics", "## 2. Next Steps"]
    assert (
        f"- [First Steps]({SITE_URL}basics/first-steps/index.md): First steps through the "
        "fixture course, with a captioned table, a flowchart and a reflection exercise at the end."
    ) in lines


def test_each_lesson_has_a_clean_markdown_copy_next_to_it(fixture_site: Built) -> None:
    copy = (fixture_site.site_dir / "basics/first-steps/index.md").read_text()
    assert copy.startswith("# First Steps\n\n> A table, a flowchart and an exercise.")
    assert "keywords:" not in copy  # the front matter is not copied
    assert "| Speed      | Fast, even on a phone  |" in copy
    assert "```mermaid" in copy
    # A link to another lesson is its published address.
    assert f"[the request flow]({SITE_URL}basics/request-flow/#the-flow)" in copy
    home = (fixture_site.site_dir / "index.md").read_text()
    assert f"[Basics]({SITE_URL}basics/)" in home
    assert f"[First Steps]({SITE_URL}basics/first-steps/)" in home


def test_every_course_page_has_a_social_card(fixture_site: Built) -> None:
    for path in PAGES:
        card = fixture_site.html(path).select_one('meta[property="og:image"]')["content"]
        file = fixture_site.site_dir / card.removeprefix(SITE_URL)
        with Image.open(file) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))
            rgb = image.convert("RGB")
            # The site's primary colour (Material's indigo) fills the background, the text
            # is white, and the accent colour (deep purple) is the bar at the bottom.
            assert rgb.getpixel((5, 5)) == (0x40, 0x51, 0xB5)
            assert (0xFF, 0xFF, 0xFF) in {colour for _, colour in rgb.getcolors()}
            assert rgb.getpixel((5, 625)) == (0x7C, 0x4D, 0xFF)


def cached(project: Path, folder: str) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in (project / ".cache" / folder).iterdir()}


def test_unchanged_cards_and_copies_are_not_made_again(project: Path) -> None:
    build_site(project)
    first = {folder: cached(project, folder) for folder in ("social-cards", "markdown-copies")}
    assert [len(files) for files in first.values()] == [len(PAGES), len(PAGES)]
    lesson = project / "docs/01-basics/02-request-flow.md"
    lesson.write_text(
        lesson.read_text().replace("title: The Request Flow", "title: The Flow of a Request")
    )
    build_site(project)
    for folder, before in first.items():
        after = cached(project, folder)
        # The retitled lesson's card and copy are made again; its old ones are removed.
        assert len(after) == len(PAGES)
        assert len(set(before) - set(after)) == len(set(after) - set(before)) == 1, folder
        assert {name: after[name] for name in set(before) & set(after)} == {
            name: before[name] for name in set(before) & set(after)
        }


def test_cards_and_copies_in_the_site_are_links_to_the_cache(fixture_site: Built) -> None:
    """Linked, not written: most of the site's files cost no data in a build."""
    cache = fixture_site.site_dir.parent / ".cache"
    cached_files = {path.stat().st_ino for path in cache.rglob("*") if path.is_file()}
    for path in PAGES:
        card = fixture_site.html(path).select_one('meta[property="og:image"]')["content"]
        assert (fixture_site.site_dir / card.removeprefix(SITE_URL)).stat().st_ino in cached_files
        assert (fixture_site.site_dir / path / "index.md").stat().st_ino in cached_files


def test_the_markdown_copy_holds_the_included_code(fixture_site: Built) -> None:
    copy = (fixture_site.site_dir / "basics/code-samples/index.md").read_text()
    assert "--8<--" not in copy
    sample = FIXTURE_COURSE / "docs_src/01-basics/03-code-samples/main.py"
    assert sample.read_text().strip() in copy
