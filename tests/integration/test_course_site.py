"""The real course, built strictly from a temporary copy and read back with an HTML parser."""

from __future__ import annotations

import json

import pytest
import yaml
from helpers import ROOT, SITE_URL, Built

LESSON = "introduction/what-is-fastapi/"
PAGES = {"home": "", "module": "introduction/", "lesson": LESSON}
SOURCES = {
    "home": "index.md",
    "module": "01-introduction/index.md",
    "lesson": "01-introduction/01-what-is-fastapi.md",
}


def front_matter(kind: str) -> dict:
    text = (ROOT / "docs" / SOURCES[kind]).read_text()
    return yaml.safe_load(text.split("---\n")[1])


def only(soup, selector: str):
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} elements"
    return found[0]


def test_the_build_logs_no_warning(course_site: Built) -> None:
    assert course_site.warnings == []


def test_urls_drop_the_number_prefixes(course_site: Built) -> None:
    for path in PAGES.values():
        assert (course_site.site_dir / path / "index.html").is_file()
    pages = course_site.site_dir.rglob("index.html")
    assert [p for p in pages if any(part[:1].isdigit() for part in p.parts[-3:])] == []


@pytest.mark.parametrize("kind", PAGES)
def test_each_page_has_one_h1_its_title(course_site: Built, kind: str) -> None:
    soup = course_site.html(PAGES[kind])
    assert only(soup, "h1").get_text() == front_matter(kind)["title"]
    assert only(soup, "title").get_text() == (f"{front_matter(kind)['title']} - The FastAPI Course")


@pytest.mark.parametrize("kind", PAGES)
def test_each_page_shows_its_summary_as_lead(course_site: Built, kind: str) -> None:
    soup = course_site.html(PAGES[kind])
    lead = only(soup, "h1 + p.course-lead")
    assert lead.get_text() == " ".join(front_matter(kind)["summary"].split())


@pytest.mark.parametrize("kind", PAGES)
def test_seo_tags_come_from_front_matter_once_each(course_site: Built, kind: str) -> None:
    soup = course_site.html(PAGES[kind])
    meta = front_matter(kind)
    url = SITE_URL + PAGES[kind]
    expected = {
        'meta[name="description"]': meta["description"],
        'meta[property="og:title"]': meta["title"],
        'meta[property="og:description"]': meta["description"],
        'meta[property="og:url"]': url,
        'meta[property="og:type"]': "article" if kind == "lesson" else "website",
        'meta[property="og:site_name"]': "The FastAPI Course",
        'meta[property="og:locale"]': "en_US",
        'meta[name="twitter:card"]': "summary_large_image",
        'meta[name="twitter:title"]': meta["title"],
        'meta[name="twitter:description"]': meta["description"],
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
    assert alt.startswith("The FastAPI Course: ")
    keywords = only(soup, 'meta[name="keywords"]')["content"].split(", ")
    if kind == "lesson":
        assert keywords == meta["keywords"]
    else:
        assert keywords[0] == meta["title"]
        assert "What is FastAPI" in keywords


def test_the_comparison_table_is_a_real_table(course_site: Built) -> None:
    table = only(course_site.html(LESSON), "article table")
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    assert header == ["Feature", "Django", "Flask", "FastAPI"]
    rows = table.select("tbody tr")
    assert [row.find("td").get_text(strip=True) for row in rows] == [
        "Philosophy",
        "Async Support",
        "Validation",
        "Documentation",
        "Learning Curve",
    ]
    assert all(len(row.find_all("td")) == 4 for row in rows)
    caption = table.find_parent("figure").find("figcaption")
    assert caption.get_text(strip=True).endswith(
        "Django, Flask and FastAPI compared feature by feature"
    )
    assert table["aria-labelledby"] == caption["id"]  # the table is named by its caption


def test_the_diagram_is_a_mermaid_block_with_its_self_hosted_loader(course_site: Built) -> None:
    soup = course_site.html(LESSON)
    diagram = only(soup, "article div.mermaid")
    assert diagram.get_text().lstrip().startswith("graph TD")
    assert "accTitle:" in diagram.get_text()
    loader = only(soup, 'script[type="module"]')
    assert 'from "../../assets/javascripts/mermaid/mermaid.esm.min.mjs"' in loader.get_text()
    assert (course_site.site_dir / "assets/javascripts/mermaid/mermaid.esm.min.mjs").is_file()


@pytest.mark.parametrize("kind", ["home", "module"])
def test_pages_without_a_diagram_load_no_mermaid(course_site: Built, kind: str) -> None:
    assert course_site.html(PAGES[kind]).select('script[type="module"]') == []


def test_the_lesson_ends_with_the_newsletter_footer(course_site: Built) -> None:
    article = only(course_site.html(LESSON), "article")
    footer = only(article, "aside.course-newsletter")
    assert footer.find("h2").get_text() == "Subscribe to our newsletter"
    assert footer.find("p").get_text() == "Get the latest posts delivered right to your inbox."
    link = only(footer, "a")
    assert (link["href"], link.get_text()) == ("https://www.linkedin.com/", "Subscribe on LinkedIn")
    # Appended after the lesson's last part, its reflection exercise.
    assert footer.find_previous("details").get_text().strip().startswith("Reflection Exercise")
    assert footer.find_next_sibling() is None


@pytest.mark.parametrize("kind", ["home", "module"])
def test_only_lessons_carry_the_newsletter(course_site: Built, kind: str) -> None:
    assert course_site.html(PAGES[kind]).select(".course-newsletter") == []


def test_the_404_page_has_no_newsletter(course_site: Built) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((course_site.site_dir / "404.html").read_text(), "html.parser")
    assert soup.select(".course-newsletter") == []
    assert only(soup, "h1").get_text() == "404 - Not found"


def test_navigation_follows_the_course(course_site: Built) -> None:
    nav = only(course_site.html(LESSON), "nav.md-nav--primary")
    links = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert links[:3] == ["The FastAPI Course", "Introduction", "What is FastAPI?"]


def test_search_index_lists_the_lesson(course_site: Built) -> None:
    index = json.loads((course_site.site_dir / "search/search_index.json").read_text())
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles[LESSON] == "What is FastAPI?"
