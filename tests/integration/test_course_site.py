"""The fixture course, built strictly from a temporary copy and read back with an HTML parser."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURE_COURSE, SITE_URL, Built, front_matter, only

LESSON = "basics/first-steps/"
PAGES = {"home": "", "module": "basics/", "lesson": LESSON}
SOURCES = {
    "home": "index.md",
    "module": "01-basics/index.md",
    "lesson": "01-basics/01-first-steps.md",
}


def meta(kind: str) -> dict:
    return front_matter(FIXTURE_COURSE / "docs" / SOURCES[kind])


def test_the_build_logs_no_warning(fixture_site: Built) -> None:
    assert fixture_site.warnings == []


def test_urls_drop_the_number_prefixes(fixture_site: Built) -> None:
    for path in PAGES.values():
        assert (fixture_site.site_dir / path / "index.html").is_file()
    pages = fixture_site.site_dir.rglob("index.html")
    assert [p for p in pages if any(part[:1].isdigit() for part in p.parts[-3:])] == []


@pytest.mark.parametrize("kind", PAGES)
def test_each_page_has_one_h1_its_title(fixture_site: Built, kind: str) -> None:
    soup = fixture_site.html(PAGES[kind])
    assert only(soup, "h1").get_text() == meta(kind)["title"]
    assert only(soup, "title").get_text() == f"{meta(kind)['title']} - The FastAPI Course"


@pytest.mark.parametrize("kind", PAGES)
def test_each_page_shows_its_summary_as_lead(fixture_site: Built, kind: str) -> None:
    lead = only(fixture_site.html(PAGES[kind]), "h1 + p.course-lead")
    assert lead.get_text() == " ".join(meta(kind)["summary"].split())


@pytest.mark.parametrize("kind", PAGES)
def test_seo_tags_come_from_front_matter_once_each(fixture_site: Built, kind: str) -> None:
    soup = fixture_site.html(PAGES[kind])
    fields = meta(kind)
    url = SITE_URL + PAGES[kind]
    expected = {
        'meta[name="description"]': fields["description"],
        'meta[property="og:title"]': fields["title"],
        'meta[property="og:description"]': fields["description"],
        'meta[property="og:url"]': url,
        'meta[property="og:type"]': "article" if kind == "lesson" else "website",
        'meta[property="og:site_name"]': "The FastAPI Course",
        'meta[property="og:locale"]': "en_US",
        'meta[name="twitter:card"]': "summary_large_image",
        'meta[name="twitter:title"]': fields["title"],
        'meta[name="twitter:description"]': fields["description"],
    }
    for selector, value in expected.items():
        assert only(soup, selector)["content"] == value, selector
    assert only(soup, 'link[rel="canonical"]')["href"] == url
    card = only(soup, 'meta[property="og:image"]')["content"]
    assert card == only(soup, 'meta[name="twitter:image"]')["content"]
    assert card.startswith(SITE_URL + "assets/social/") and card.endswith(".png")
    assert only(soup, 'meta[property="og:image:width"]')["content"] == "1200"
    assert only(soup, 'meta[property="og:image:height"]')["content"] == "630"
    alt = only(soup, 'meta[property="og:image:alt"]')["content"]
    assert alt == only(soup, 'meta[name="twitter:image:alt"]')["content"]
    assert alt.startswith("The Fixture Course: ")
    keywords = only(soup, 'meta[name="keywords"]')["content"].split(", ")
    if kind == "lesson":
        assert keywords == fields["keywords"]
    else:
        assert keywords[0] == fields["title"]
        assert "first steps" in keywords  # the focus keyword of a lesson it lists


def test_the_table_is_a_real_table_named_by_its_caption(fixture_site: Built) -> None:
    table = only(fixture_site.html(LESSON), "article table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Feature",
        "Small",
        "Medium",
        "Large",
    ]
    rows = table.select("tbody tr")
    assert [row.find("td").get_text(strip=True) for row in rows] == ["Speed", "Size", "Cost"]
    assert all(len(row.find_all("td")) == 4 for row in rows)
    caption = table.find_parent("figure").find("figcaption")
    assert caption.get_text(strip=True).endswith("Two sizes compared feature by feature")
    assert table["aria-labelledby"] == caption["id"]


def test_the_diagram_is_a_mermaid_block_with_its_self_hosted_loader(fixture_site: Built) -> None:
    soup = fixture_site.html(LESSON)
    diagram = only(soup, "article div.mermaid")
    assert diagram.get_text().lstrip().startswith("graph TD")
    assert "accTitle:" in diagram.get_text()
    loader = only(soup, 'script[type="module"]')
    assert 'from "../../assets/javascripts/mermaid/mermaid.esm.min.mjs"' in loader.get_text()
    assert (fixture_site.site_dir / "assets/javascripts/mermaid/mermaid.esm.min.mjs").is_file()


@pytest.mark.parametrize("kind", ["home", "module"])
def test_pages_without_a_diagram_load_no_mermaid(fixture_site: Built, kind: str) -> None:
    assert fixture_site.html(PAGES[kind]).select('script[type="module"]') == []


def test_the_lesson_ends_with_the_newsletter_footer(fixture_site: Built) -> None:
    article = only(fixture_site.html(LESSON), "article")
    footer = only(article, "aside.course-newsletter")
    assert footer.find("h2").get_text() == "Subscribe to our newsletter"
    assert footer.find("p").get_text() == "Get the latest posts delivered right to your inbox."
    link = only(footer, "a")
    assert (link["href"], link.get_text()) == ("https://www.linkedin.com/", "Subscribe on LinkedIn")
    # Appended after the lesson's last part, its reflection exercise.
    assert footer.find_previous("details").get_text().strip().startswith("Reflection Exercise")
    assert footer.find_next_sibling() is None


@pytest.mark.parametrize("kind", ["home", "module"])
def test_only_lessons_carry_the_newsletter(fixture_site: Built, kind: str) -> None:
    assert fixture_site.html(PAGES[kind]).select(".course-newsletter") == []


def test_the_404_page_is_a_way_on_from_any_depth(fixture_site: Built) -> None:
    soup = BeautifulSoup((fixture_site.site_dir / "404.html").read_text(), "html.parser")
    assert only(soup, "title").get_text() == "Page not found - The FastAPI Course"
    assert only(soup, 'meta[name="robots"]')["content"] == "noindex"
    assert only(soup, "article h1").get_text() == "404 - Page not found"
    assert soup.select(".course-newsletter") == []
    # GitHub Pages serves it for a missing path at any depth: every address is absolute.
    search = only(soup, "form[role=search]")
    assert (search["action"], search.select_one("input")["name"]) == ("/course/", "q")
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("article a")}
    assert links == {
        "Go to the course's home page": "/course/",
        "1. Basics": "/course/basics/",
        "2. Next Steps": "/course/next-steps/",
    }
    for asset in soup.select("link[rel=stylesheet][href], script[src]"):
        address = asset.get("href") or asset["src"]
        assert address.startswith("/course/"), address


def test_navigation_follows_the_course(fixture_site: Built) -> None:
    nav = only(fixture_site.html(LESSON), "nav.md-nav--primary")
    links = [
        a.get_text(" ", strip=True)
        for a in nav.select("a.md-nav__link")
        if a.find_parent("nav", class_="md-nav--secondary") is None  # not the page's own toc
    ]
    assert links == [
        "The Fixture Course",
        "Basics",
        "First Steps",
        "The Request Flow",
        "Code Samples",
        "Next Steps",
    ]


def test_search_index_lists_the_lesson(fixture_site: Built) -> None:
    index = json.loads((fixture_site.site_dir / "search/search_index.json").read_text())
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles[LESSON] == "First Steps"
