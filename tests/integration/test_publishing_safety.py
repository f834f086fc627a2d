"""What a build publishes comes from the course and nothing else, in the format of each file.

Each mistake is one line naming the file, in `build` and in `serve`, and stops the build
before it writes a page: a symbolic link, a binary include, a published address that is no
address, a file where the build writes its own.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from course import layout, loader, snippets
from course.model import CARDS_FOLDER
from course.rules import unpublishable
from helpers import FIXTURES, SITE_URL, BuildFailed, build_site, error_lines, front_matter, only

PUBLISHING = FIXTURES / "publishing"
ATOM = "{http://www.w3.org/2005/Atom}"


def add_course_part(project: Path, fixture: str) -> None:
    """Copy `tests/fixtures/publishing/<fixture>/` (its docs/ and docs_src/) into `project`."""
    shutil.copytree(PUBLISHING / fixture, project, dirs_exist_ok=True)


def rendered(path: Path) -> BeautifulSoup:
    """A Markdown output as HTML, rendered by Python-Markdown (MkDocs' own renderer)."""
    return BeautifulSoup(markdown.markdown(path.read_text(encoding="utf-8")), "html.parser")


def errors_of(project: Path, *, serve: bool = False, **overrides) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        build_site(project, serve=serve, **overrides)
    assert failed.value.warnings == []
    return [line for error in failed.value.errors for line in error.splitlines()]


BINARY_LESSON = "docs/01-basics/09-binary.md: snippet"
BINARY_SAMPLES = "docs_src/01-basics/09-binary"
BINARY_INCLUDES = [
    f"{BINARY_LESSON}: "
    + snippets.NOT_TEXT.format(path=f"{BINARY_SAMPLES}/logo.png", encoding="UTF-8", byte=1),
    f"{BINARY_LESSON}: "
    + snippets.BINARY.format(path=f"{BINARY_SAMPLES}/colours.txt", line=2, character="\\x1b"),
]


def test_a_binary_include_is_one_line_naming_the_lesson_and_the_file(project: Path) -> None:
    add_course_part(project, "binary-include")
    assert errors_of(project) == BINARY_INCLUDES


def test_in_serve_a_binary_include_is_its_lesson_s_mistake_alone(project: Path) -> None:
    add_course_part(project, "binary-include")
    with error_lines() as lines:
        built = build_site(project, strict=False, serve=True)
    shown = built.html("basics/binary/").select("article .failure")
    assert lines == [admonition.get_text(strip=True) for admonition in shown] == BINARY_INCLUDES
    assert built.html("basics/first-steps/").select_one("h1").get_text() == "First Steps"
    assert built.warnings == []


HOSTILE_SITE_URLS = (PUBLISHING / "hostile-site-urls.txt").read_text().splitlines()


@pytest.mark.parametrize("site_url", HOSTILE_SITE_URLS)
def test_a_site_url_that_is_no_published_address_stops_the_build_naming_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, site_url: str
) -> None:
    monkeypatch.setenv("SITE_URL", site_url)
    assert errors_of(project) == [
        f"mkdocs.yml: site_url: {loader.SITE_URL_RULE.format(value=site_url)}"
    ]
    assert not (project / "site/404.html").exists()


def test_front_matter_shows_as_written_in_every_markdown_and_xml_output(project: Path) -> None:
    add_course_part(project, "markdown-specials")
    site = build_site(project).site_dir
    meta = front_matter(project / "docs/01-basics/09-specials.md")
    copy = rendered(site / "basics/specials/index.md")
    assert only(copy, "h1").get_text() == meta["title"]
    assert only(copy, "blockquote").get_text(strip=True) == meta["summary"]
    llms = rendered(site / "llms.txt")
    link = only(llms, f'a[href="{SITE_URL}basics/specials/index.md"]')
    assert link.get_text() == meta["title"]
    assert link.parent.get_text() == f"{meta['title']}: {meta['description']}"
    entries = ET.parse(site / "feed.xml").getroot().iter(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert meta["title"] in titles


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_file_where_the_build_writes_its_own_is_one_line_naming_both(
    project: Path, serve: bool
) -> None:
    add_course_part(project, "generated-names")
    writers = {
        "robots.txt": "hooks/crawl.py",
        "feed.xml": "hooks/crawl.py",
        "llms.txt": "hooks/crawl.py",
        "sitemap.xml": "MkDocs",
        "404.html": "MkDocs",
        "search/search_index.json": "the search plugin",
    }
    replaced = [
        f"docs/{name}: {layout.REPLACED.format(output=name, writer=writer, fix='remove it')}"
        for name, writer in writers.items()
    ]
    card = layout.REPLACED.format(
        output=f"social cards in {CARDS_FOLDER}/",
        writer="hooks/social.py",
        fix=f"move it out of {CARDS_FOLDER}/",
    )
    replaced.append(f"docs/09-assets/social/index.png: {card}")
    assert sorted(errors_of(project, serve=serve)) == sorted(replaced)


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_module_of_drafts_only_is_left_out_of_the_published_site(
    project: Path, serve: bool
) -> None:
    add_course_part(project, "drafts-only-module")
    with pytest.raises(BuildFailed):
        build_site(project, serve=serve)  # the warning fails the strict build
    built = build_site(project, strict=False, serve=serve)
    linked = layout.LINK_TO_UNPUBLISHED.format(
        target="docs/03-later/index.md", what=layout.MODULE_UNPUBLISHED
    )
    assert built.warnings == [f"course: docs/02-next-steps/02-what-next.md: link: {linked}"]
    module = front_matter(project / "docs/03-later/index.md")
    mentions = {
        path.relative_to(built.site_dir).as_posix()
        for path in built.site_dir.rglob("*")
        if path.suffix in {".html", ".xml", ".txt", ".json", ".md"}
        and module["summary"] in path.read_text(encoding="utf-8")
    }
    if serve:
        assert (built.site_dir / "later/index.html").is_file()
        assert "index.html" in mentions  # the home page's outline
        return
    assert mentions == set()
    assert not (built.site_dir / "later").exists()
    last = BeautifulSoup(
        (built.site_dir / "next-steps/what-next/index.html").read_text(), "html.parser"
    )
    assert last.select("a.md-footer__link--next") == []


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_setting_with_a_character_no_output_can_carry_is_one_line_each(
    project: Path, serve: bool
) -> None:
    settings = yaml.safe_load((PUBLISHING / "unpublishable-settings.yml").read_text())
    assert errors_of(project, serve=serve, **settings) == [
        f"mkdocs.yml: {key}: {unpublishable(settings[key])}"
        for key in loader.PUBLISHED_SETTINGS
        if key in settings
    ]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_link_out_of_the_project_stops_the_build_before_it_reads_or_writes(
    project: Path, serve: bool
) -> None:
    secret, module = (PUBLISHING / "secret.txt").resolve(), (PUBLISHING / "linked-module").resolve()
    (project / "docs/01-basics/notes.txt").symlink_to(secret)
    (project / "docs/09-elsewhere").symlink_to(module, target_is_directory=True)
    (project / "docs_src/shared").symlink_to(module, target_is_directory=True)
    assert errors_of(project, serve=serve) == [
        f"docs/01-basics/notes.txt: {layout.LINK_OUTSIDE.format(target=secret)}",
        f"docs/09-elsewhere: {layout.LINK_OUTSIDE.format(target=module)}",
        f"docs_src/shared: {layout.LINK_OUTSIDE.format(target=module)}",
    ]
    assert list((project / "site").rglob("*")) == []


def test_a_link_inside_the_project_is_refused_too_even_broken_or_looping(project: Path) -> None:
    basics = project / "docs/01-basics"
    (project / "docs/02-next-steps/samples").symlink_to("../../docs_src", target_is_directory=True)
    (basics / "gone.png").symlink_to(project / "nowhere.png")
    (basics / "loop").symlink_to(".", target_is_directory=True)
    assert errors_of(project) == [
        f"docs/01-basics/gone.png: {layout.LINK_INSIDE.format(target='nowhere.png')}",
        f"docs/01-basics/loop: {layout.LINK_INSIDE.format(target='docs/01-basics')}",
        f"docs/02-next-steps/samples: {layout.LINK_INSIDE.format(target='docs_src')}",
    ]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_link_in_the_theme_folder_stops_the_build_as_one_in_docs_does(
    project: Path, serve: bool
) -> None:
    secret = (PUBLISHING / "secret.txt").resolve()
    template = project / "overrides/partials/newsletter.html"  # included by every page
    template.unlink()
    template.symlink_to(secret)
    (project / "overrides/secret.txt").symlink_to(secret)
    (project / "overrides/assets").mkdir()
    (project / "overrides/assets/secret.txt").symlink_to(secret)
    outside = layout.LINK_OUTSIDE.format(target=secret)
    assert errors_of(project, serve=serve) == [
        f"overrides/assets/secret.txt: {outside}",
        f"overrides/partials/newsletter.html: {outside}",
        f"overrides/secret.txt: {outside}",
    ]
    assert list((project / "site").rglob("*")) == []


def test_a_theme_folder_that_is_a_link_stops_the_build(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared-theme"
    (project / "overrides").rename(elsewhere)
    (project / "overrides").symlink_to(elsewhere, target_is_directory=True)
    assert errors_of(project) == [f"overrides: {layout.LINK_OUTSIDE.format(target=elsewhere)}"]


LEFTOVERS = PUBLISHING / "editor-leftovers"
DRAFT = LEFTOVERS / "04-secret-draft.md"


def site_files(site_dir: Path) -> set[str]:
    return {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")}


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_what_editors_leave_beside_a_draft_or_a_template_is_never_published(
    project: Path, serve: bool
) -> None:
    shutil.copy(DRAFT, project / "docs/01-basics" / DRAFT.name)
    without_leftovers = site_files(build_site(project, serve=serve).site_dir)
    for folder in (project / "docs/01-basics", project / "overrides"):
        for name in (LEFTOVERS / "names.txt").read_text().splitlines():
            shutil.copy(DRAFT, folder / name)
    built = build_site(project, serve=serve)
    assert built.warnings == []
    assert site_files(built.site_dir) == without_leftovers
    if not serve:  # serve shows the draft itself
        secret = DRAFT.read_text().splitlines()[-1]
        outputs = [path for path in built.site_dir.rglob("*") if path.is_file()]
        assert not [path for path in outputs if secret.encode() in path.read_bytes()]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
def test_a_markdown_file_not_named_md_in_lower_case_is_one_line_naming_it(
    project: Path, serve: bool
) -> None:
    misnamed = (PUBLISHING / "markdown-suffixes.txt").read_text().splitlines()
    for path in misnamed:
        shutil.copy(DRAFT, project / path)
    assert sorted(errors_of(project, serve=serve)) == sorted(
        f"{path}: {layout.MARKDOWN_SUFFIX.format(name=Path(path).stem + '.md')}"
        for path in misnamed
    )
    assert list((project / "site").rglob("*")) == []
