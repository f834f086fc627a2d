"""The real course grows as authors grow it, and every generated output follows.

A copy of the real course gets a new module with two lessons, a lesson at the end of its
first module, a retitled lesson and a rewritten paragraph. The test asserts nothing written
by hand about the new shape: positions, counts and neighbours come from the files it wrote
and from the course model, and every check of course_properties holds again.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from course.model import Course
from course.upstream_internals import FRONT_MATTER
from course_properties import check_model_matches_files, check_site
from helpers import SITE_URL, build_site, load_course, only


def lesson_text(title: str, focus: str) -> str:
    fields = {
        "title": title,
        "description": f"{title}: a lesson added by the growth test, about {focus}, "
        "to check that every page follows.",
        "keywords": [focus],
        "summary": f"What {focus} means.",
    }
    return (
        f"---\n{yaml.safe_dump(fields, sort_keys=False)}---\n\n## {title}\n\n"
        f"This lesson explains {focus} in a paragraph of its own.\n\n"
        f"A second paragraph says more about {focus}.\n"
    )


def unused_slug(taken: set[str], wanted: str) -> str:
    slug, number = wanted, 1
    while slug in taken:
        number += 1
        slug = f"{wanted}-{number}"
    return slug


def rewrite_front_matter(path: Path, **changes: object) -> None:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match is not None, path
    fields = {**yaml.safe_load(match[1]), **changes}
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{dumped}---\n{text[match.end() :]}", encoding="utf-8")


def first_paragraph(markdown: str) -> str:
    """The first block of the body that is plain prose: not a heading, list, fence, table or
    a part of a `///` block (a quiz's explanation and its closing line)."""
    in_fence = False
    for block in re.split(r"\n\s*\n", markdown.strip("\n")):
        if block.lstrip().startswith(("```", "~~~")):
            in_fence = block.count("```") + block.count("~~~") == 1
            continue
        in_a_block = re.search(r"^\s*/{3,}", block, re.MULTILINE)
        if (
            not in_fence
            and re.match(r"[A-Za-z*_\"']", block)
            and "\n|" not in block
            and not in_a_block
        ):
            return block
    raise AssertionError("no paragraph of prose in the lesson")


def grow(project: Path, loaded: Course) -> dict[str, object]:
    """Change the course's files as authors would; returns what was changed."""
    docs = project / "docs"
    module_slugs = {module.src_uri.split("/")[0].split("-", 1)[1] for module in loaded.modules}
    number = max(module.number for module in loaded.modules) + 1
    new_module = docs / f"{number:02d}-{unused_slug(module_slugs, 'grown-module')}"
    new_module.mkdir()
    (new_module / "index.md").write_text(
        "---\ntitle: A grown module\ndescription: A module added by the growth test, with two "
        "lessons, to check that every page of the course follows.\n---\n\nTwo new lessons.\n",
        encoding="utf-8",
    )
    added = [
        new_module / "01-grown-first.md",
        new_module / "02-grown-second.md",
    ]
    added[0].write_text(lesson_text("Grown lesson one", "growing courses"), encoding="utf-8")
    added[1].write_text(lesson_text("Grown lesson two", "growing modules"), encoding="utf-8")

    first = loaded.modules[0]
    folder = docs / first.src_uri.rsplit("/", 1)[0]
    slugs = {lesson.src_uri.rsplit("/", 1)[1].split("-", 1)[1][:-3] for lesson in first.lessons}
    appended = folder / f"{first.lessons[-1].number + 1:02d}-{unused_slug(slugs, 'appended')}.md"
    appended.write_text(lesson_text("An appended lesson", "appending lessons"), encoding="utf-8")

    retitled = min(loaded.lessons, key=lambda lesson: len(lesson.title))
    new_title = f"{retitled.title} (revised)"
    rewrite_front_matter(docs / retitled.src_uri, title=new_title)

    rewritten = loaded.lessons[-1]
    path = docs / rewritten.src_uri
    old_paragraph = first_paragraph(rewritten.markdown)
    focus = rewritten.meta.keywords[0]
    new_paragraph = f"Rewritten by the growth test: this paragraph is about {focus} now."
    path.write_text(path.read_text().replace(old_paragraph, new_paragraph, 1), encoding="utf-8")
    return {
        "added": [path.relative_to(docs).as_posix() for path in added],
        "appended": appended.relative_to(docs).as_posix(),
        "retitled": (retitled.src_uri, new_title),
        "rewritten": (rewritten, old_paragraph, new_paragraph),
    }


def test_a_grown_course_keeps_every_property(real_course_project: Path) -> None:
    project = real_course_project
    before = load_course(project)
    cards_before = check_site(build_site(project), before, SITE_URL)

    changed = grow(project, before)
    built = build_site(project)
    assert built.warnings == []
    loaded = load_course(project)

    check_model_matches_files(loaded, project / "docs")
    cards = check_site(built, loaded, SITE_URL)

    # The new module comes last, its lessons in their numbered order, after every old lesson.
    assert [lesson.src_uri for lesson in loaded.modules[-1].lessons] == changed["added"]
    assert len(loaded.lessons) == len(before.lessons) + 3
    # The appended lesson ends its module and leads on to the next module's first lesson.
    appended = loaded.modules[0].lessons[-1]
    assert appended.src_uri == changed["appended"]
    assert appended.next is loaded.modules[1].lessons[0]
    # The retitle reaches the model, the pages and the card.
    src_uri, title = changed["retitled"]
    assert loaded.page(src_uri).title == title
    assert cards[src_uri] != cards_before[src_uri]
    # The rewritten paragraph is on the page and in its Markdown copy, the old one in neither.
    lesson, old_paragraph, new_paragraph = changed["rewritten"]
    article = only(built.html(lesson.url), "article").get_text(" ")
    copy = (built.site_dir / lesson.url / "index.md").read_text(encoding="utf-8")
    assert new_paragraph in " ".join(article.split())
    assert new_paragraph in copy and old_paragraph not in copy
