"""What holds for any course, checked on a built site against the course model it was built from.

The tests of the real course (tests/course/) use these checks, so nothing here names a
lesson, counts lessons or knows a title: every expectation comes from the model, and the
model is checked against the files of docs/ (`check_model_matches_files`).
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from course.model import Course
from helpers import Built, front_matter, only
from PIL import Image

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check_model_matches_files(loaded: Course, docs: Path) -> None:
    """Every Markdown file of docs/ is in the model, drafts apart, in the numbered order."""
    published = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if relative.startswith("assets/") or front_matter(path).get("draft"):
            continue
        published.append(relative)
    assert sorted(page.src_uri for page in loaded.pages) == published

    def number(name: str) -> int:
        return int(name.split("-", 1)[0])

    assert [module.number for module in loaded.modules] == sorted(
        number(module.src_uri.split("/")[0]) for module in loaded.modules
    )
    for module in loaded.modules:
        numbers = [number(posixpath.basename(lesson.src_uri)) for lesson in module.lessons]
        assert numbers == sorted(numbers), module.src_uri
    assert [lesson.position for lesson in loaded.lessons] == list(range(1, len(loaded.lessons) + 1))


def check_outline(built: Built, loaded: Course) -> None:
    """The home page lists every module and lesson in order, with a count that matches."""
    home = built.html(loaded.home.url.removeprefix("./"))
    outline = only(home, "section.course-outline")
    assert [" ".join(h3.get_text().split()) for h3 in outline.select("h3")] == [
        f"{module.number}. {module.title}" for module in loaded.modules
    ]
    assert outline_of(outline) == [
        (lesson.url, f"{lesson.position}. {lesson.title}") for lesson in loaded.lessons
    ]
    assert only(outline, "[data-course-total]")["data-course-total"] == str(len(loaded.lessons))
    for module in loaded.modules:
        listed = outline_of(only(built.html(module.url), "section.course-outline"))
        assert listed == [
            (lesson.url, f"{lesson.position}. {lesson.title}") for lesson in module.lessons
        ], module.src_uri


def outline_of(outline) -> list[tuple[str, str]]:
    return [
        (row["data-course-lesson"], " ".join(row.a.get_text().split()))
        for row in outline.select("li.course-outline__lesson")
    ]


def check_lessons(built: Built, loaded: Course) -> None:
    """Each lesson shows its title, where it is in the course, and the lesson after it."""
    total = len(loaded.lessons)
    for lesson in loaded.lessons:
        soup = built.html(lesson.url)
        assert only(soup, "article h1").get_text() == lesson.title, lesson.src_uri
        facts = only(soup, "ul.course-facts").select("li")
        assert facts[0].get_text() == f"Lesson {lesson.position} of {total}", lesson.src_uri
        if lesson.next is None:
            only(soup, "aside.course-next--end")
            continue
        link = only(soup, "aside.course-next a")
        target = posixpath.normpath(posixpath.join(lesson.url, link["href"])) + "/"
        assert target == lesson.next.url, lesson.src_uri
        assert lesson.next.title in link.get_text(), lesson.src_uri


def check_sitemap_and_feed(built: Built, loaded: Course, site_url: str) -> None:
    """The sitemap lists every page, the feed every lesson, at their published addresses."""
    sitemap = ET.parse(built.site_dir / "sitemap.xml").getroot()
    located = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in sitemap}
    assert set(located) == {page.absolute_url(site_url) for page in loaded.pages}
    for page in loaded.pages:
        if page.updated is not None:
            assert located[page.absolute_url(site_url)] == page.updated.isoformat()
    feed = ET.parse(built.site_dir / "feed.xml").getroot()
    entries = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert sorted(entries) == sorted(lesson.absolute_url(site_url) for lesson in loaded.lessons)


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return json.loads(only(soup, 'script[type="application/ld+json"]').get_text())["@graph"]


def check_structured_data(built: Built, loaded: Course, site_url: str) -> None:
    """The course page lists the lessons in order; each lesson says where it sits."""
    _, lesson_list = json_ld(built.html(""))
    assert [(item["position"], item["url"]) for item in lesson_list["itemListElement"]] == [
        (lesson.position, lesson.absolute_url(site_url)) for lesson in loaded.lessons
    ]
    for lesson in loaded.lessons:
        article, breadcrumbs = json_ld(built.html(lesson.url))
        assert (article["headline"], article["position"], article["url"]) == (
            lesson.title,
            lesson.position,
            lesson.absolute_url(site_url),
        )
        assert [item["item"] for item in breadcrumbs["itemListElement"]] == [
            loaded.home.absolute_url(site_url),
            lesson.module.absolute_url(site_url),
            lesson.absolute_url(site_url),
        ]


def check_cards(built: Built, loaded: Course, site_url: str) -> dict[str, bytes]:
    """Every page has its own 1200x630 card; returns each card's bytes by page source."""
    cards = {}
    for page in loaded.pages:
        soup = built.html(page.url.removeprefix("./"))
        address = only(soup, 'meta[property="og:image"]')["content"]
        assert address == page.card_url(site_url)
        path = built.site_dir / address.removeprefix(site_url)
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), page.src_uri
        cards[page.src_uri] = path.read_bytes()
    assert len(set(cards.values())) == len(cards), "two pages share a card"
    return cards


def check_links(built: Built, site_url: str) -> None:
    """Every link and image of every page leads to a file of the site, and every anchor to
    an element of the page it names."""
    site = built.site_dir
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {element["id"] for element in soup.select("[id]")}
        return ids[path]

    root = urlsplit(site_url).path  # the 404 page's links start with it
    broken = []
    for page in sorted(site.rglob("*.html")):
        folder = page.parent.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        targets = [a["href"] for a in soup.select("body a[href]")]
        targets += [img["src"] for img in soup.select("body img[src]")]
        for target in targets:
            if target.startswith(site_url):
                target = root + target.removeprefix(site_url)
            elif urlsplit(target).scheme or target.startswith("//"):
                continue  # leaves the site: not this check's business
            path, _, fragment = target.partition("#")
            if not path:
                resolved = page  # an anchor of the page itself
            elif path.startswith(root):
                resolved = site / unquote(path.removeprefix(root))
            elif path.startswith("/"):
                resolved = site / ".." / "outside the site"
            else:
                resolved = site / posixpath.normpath(posixpath.join(folder, unquote(path)))
            if resolved.is_dir():
                resolved = resolved / "index.html"
            where = f"{page.relative_to(site)}: {target}"
            if not resolved.is_file():
                broken.append(f"{where}: no such file")
            elif (
                fragment
                and resolved.suffix == ".html"
                and unquote(fragment) not in anchors(resolved)
            ):
                broken.append(f"{where}: no such anchor")
    assert broken == [], "\n".join(broken)


# Elements whose address the browser loads with the page, and the attribute that holds it.
LOADED = {
    "img": "src",
    "script": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "source": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
}
# Links that name a resource without loading it.
NOT_LOADED = {"canonical", "alternate", "next", "prev", "author", "license"}


def check_nothing_loads_from_elsewhere(built: Built, site_url: str) -> None:
    """No page makes the browser fetch from another host: no CDN, font, image or embed."""
    own_host = urlsplit(site_url).netloc
    found = []
    for page in sorted(built.site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LOADED.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" and set(element.get("rel") or ()) & NOT_LOADED:
                    continue
                host = urlsplit(element[attribute]).netloc
                if host and host != own_host:
                    found.append(f"{page.relative_to(built.site_dir)}: {element[attribute]}")
    assert found == [], "\n".join(found)


def check_site(built: Built, loaded: Course, site_url: str) -> dict[str, bytes]:
    """Every check above; returns the cards, by page source."""
    check_outline(built, loaded)
    check_nothing_loads_from_elsewhere(built, site_url)
    check_lessons(built, loaded)
    check_sitemap_and_feed(built, loaded, site_url)
    check_structured_data(built, loaded, site_url)
    check_links(built, site_url)
    return check_cards(built, loaded, site_url)
