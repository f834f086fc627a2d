"""What authors write, as readers get it: escaping, drafts, ordering, optional fields."""

from __future__ import annotations

import json

import pytest
from helpers import add_fixture, build_site, only

CASE = "basics/case/"


@pytest.mark.parametrize(
    "fixture",
    ["script-title", "generics-title"],
)
def test_titles_show_as_text_everywhere_and_run_nothing(project, fixture: str) -> None:
    add_fixture(project, f"lessons/{fixture}.md", "01-basics/09-case.md")
    built = build_site(project)
    title = {
        "script-title": '"><script>alert(1)</script>',
        "generics-title": "Generics: Dict<str, T> & more",
    }[fixture]
    for path in (CASE, "basics/first-steps/", ""):
        soup = built.html(path)
        code = soup.select('script:not([type="application/ld+json"])')
        assert "alert(" not in " ".join(script.get_text() for script in code)
        assert soup.find_all("img") == [] or all(not img.get("onerror") for img in soup("img"))
        # With navigation.prune the home page lists the module, its outline the lessons.
        links = "nav.md-nav--primary a" if path else ".course-outline__lesson a"
        texts = [a.get_text(" ", strip=True) for a in soup.select(links)]
        assert any(text.endswith(title) for text in texts), path
    soup = built.html(CASE)
    assert only(soup, "h1").get_text() == title
    # In the JSON-LD the title is data: it cannot close the script element, and reads back.
    json_ld = only(soup, 'script[type="application/ld+json"]').get_text()
    assert "</script" not in json_ld.lower() and "<" not in json_ld
    assert json.loads(json_ld)["@graph"][0]["headline"] == title
    assert only(soup, "title").get_text() == f"{title} - The FastAPI Course"
    assert only(soup, 'meta[property="og:title"]')["content"] == title
    assert only(soup, 'meta[name="twitter:title"]')["content"] == title
    assert only(soup, ".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == title
    next_link = only(built.html("basics/code-samples/"), "a.md-footer__link--next")
    assert next_link.select_one(".md-ellipsis").get_text(strip=True) == title
    # The search index holds HTML that Material inserts as markup: it must be escaped there.
    index = json.loads((built.site_dir / "search/search_index.json").read_text())
    entry = next(doc for doc in index["docs"] if doc["location"] == CASE)
    assert "<" not in entry["title"]


def test_hostile_description_and_summary_stay_text(project) -> None:
    add_fixture(project, "lessons/script-title.md", "01-basics/09-case.md")
    soup = build_site(project).html(CASE)
    description = (
        'A description with </script><script>alert(2)</script> and "quotes" & ampersands in it.'
    )
    assert only(soup, 'meta[name="description"]')["content"] == description
    assert only(soup, 'meta[property="og:description"]')["content"] == description
    assert only(soup, "p.course-lead").get_text() == (
        "A summary <img src=x onerror=alert(3)> that must stay text."
    )


def test_drafts_are_left_out_of_the_build(project) -> None:
    add_fixture(project, "lessons/draft.md", "01-basics/09-case.md")
    built = build_site(project)
    assert not (built.site_dir / CASE).exists()
    nav = built.html("basics/first-steps/").select("nav.md-nav--primary a")
    assert "A lesson still being written" not in [a.get_text(strip=True) for a in nav]
    index = (built.site_dir / "search/search_index.json").read_text()
    assert "A lesson still being written" not in index
    assert "basics/case/" not in (built.site_dir / "sitemap.xml").read_text()


def test_drafts_are_served_for_preview(project) -> None:
    add_fixture(project, "lessons/draft.md", "01-basics/09-case.md")
    built = build_site(project, serve=True)
    soup = built.html(CASE)
    assert only(soup, "h1").get_text() == "A lesson still being written"
    assert only(soup, ".mkdocs-draft-marker").get_text() == "DRAFT"
    nav = built.html("basics/first-steps/").select("nav.md-nav--primary a")
    assert "A lesson still being written" in [a.get_text(strip=True) for a in nav]


def test_navigation_orders_modules_and_lessons_numerically(project) -> None:
    add_fixture(project, "layouts/numeric-order", "")
    built = build_site(project)
    nav = built.html("advanced/tenth/").select_one("nav.md-nav--primary")
    titles = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    # navigation.prune: the other modules are links, the page's own module lists its lessons.
    assert titles == [
        "The Fixture Course",
        "Basics",
        "Next Steps",
        "Middle",
        "Advanced",
        "Second",
        "Third",
        "Tenth",
    ]
    assert (built.site_dir / "advanced/images/notes.txt").is_file()


def test_newsletter_false_hides_the_footer(project) -> None:
    add_fixture(project, "lessons/newsletter-off.md", "01-basics/09-case.md")
    built = build_site(project)
    assert built.html(CASE).select(".course-newsletter") == []
    assert len(built.html("basics/first-steps/").select(".course-newsletter")) == 1


def test_material_page_keys_pass_through(project) -> None:
    add_fixture(project, "lessons/material-keys.md", "01-basics/09-case.md")
    built = build_site(project)
    soup = built.html(CASE)
    assert soup.select("nav.md-nav--secondary a") == []  # hide: [toc]
    assert only(soup, "h1").get_text() == "A lesson using Material's own keys"
    link = only(soup, 'nav.md-nav--primary a[href="./"]')
    assert link.select_one("svg") is not None  # icon: material/rocket
    assert link.select_one(".md-status--new") is not None
    assert link.select_one("small").get_text() == "<b onmouseover=alert(1)>Keys</b> & more"
    assert soup.select("[onmouseover]") == []
    index = json.loads((built.site_dir / "search/search_index.json").read_text())
    assert next(doc for doc in index["docs"] if doc["location"] == CASE)["boost"] == 2


def test_a_diagram_on_the_home_page_loads_mermaid_through_the_import_map(project) -> None:
    add_fixture(project, "layouts/diagram-on-home", "")
    soup = build_site(project).html("")
    assert only(soup, "div.mermaid")
    import_map = json.loads(only(soup, 'script[type="importmap"]').get_text())
    specifier = "assets/javascripts/mermaid/mermaid.esm.min.mjs"
    deferred = "./assets/javascripts/mermaid-deferred.mjs"
    assert import_map == {
        "imports": {
            "mermaid": f"./{specifier}",
            "mermaid-deferred": deferred,
            specifier: deferred,
            f"./{specifier}": deferred,
        }
    }
    assert f'import mermaid from "{specifier}"' in only(soup, 'script[type="module"]').get_text()
