"""The SEO check for authors: one warning per finding, naming the file, in serve and build.

Events: on_config: the Markdown extension that audits each page's body
(course/content_audit.py), new for each build, kept with this build's findings on its state
(course/build_state.py); on_files: the front matter of every page and the duplicates
(needs the course, read in on_files by hooks/lessons.py); on_page_content: a lesson's body;
on_post_build: one line that sums them up.

Checked on every course page: the description's length. On every published lesson also:
the title's length, the focus keyword (the first keyword) in the title, description or
first paragraph, a single h1, alt text on images, text on links, and titles and
descriptions used twice (course/seo_findings.py). `mkdocs build --strict` fails on any
finding. A draft is checked once it is published.

The same audit finds the addresses that must not be published (a `javascript:` link, say:
course/links.py) on every page: each is a page's own mistake (course/page_mistakes.py),
which stops the build; `serve` says it in an error line and at the top of the page, and
publishes the page without the address.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from course import build_state, links, page_mistakes, seo_findings
from course.content_audit import ContentAuditExtension
from course.layout import display_path
from course.model import Lesson, Page
from course.rules import one_line
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

log = get_plugin_logger("seo")


@dataclass
class SeoCheck:
    """The build's audit of page bodies, and its front-matter findings by file."""

    extension: ContentAuditExtension = field(default_factory=ContentAuditExtension)
    findings: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class BodyFindings:
    """Findings in each lesson's built page, by file: replaced whenever the page is built
    and kept across builds otherwise, as `serve --dirty` builds only the page that changed."""

    by_file: dict[str, list[str]] = field(default_factory=dict)


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.markdown_extensions.append(build_state.part(SeoCheck).extension)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    findings = build_state.part(SeoCheck).findings
    course = build_state.course()
    published = [lesson for lesson in course.lessons if not lesson.meta.draft]
    # A page whose front matter has mistakes (`serve`) has stand-ins to audit: they say it.
    published = [lesson for lesson in published if not lesson.mistakes]
    for page in (course.home, *course.modules, *published):
        if page.mistakes:
            continue
        for finding in seo_findings.front_matter(page):
            report(page, config, *finding, kept=findings)

    def path_of(lesson: Lesson) -> str:
        return display_path(lesson.src_uri, config)

    for lesson, finding in seo_findings.duplicates(published, path_of):
        report(lesson, config, *finding, kept=findings)
    return None


def on_page_content(
    html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
) -> str | None:
    audit = build_state.part(SeoCheck).extension.take(page.markdown or "")
    body_findings = build_state.SESSION.part(BodyFindings).by_file
    entry = build_state.course().page(page.file.src_uri)
    if isinstance(entry, Lesson):
        path = display_path(entry.src_uri, config)
        body_findings.pop(path, None)  # a page rendered again says again what it finds
        if not entry.meta.draft and not entry.mistakes and audit is not None:
            for finding in seo_findings.content(entry, audit):
                report(entry, config, *finding, kept=body_findings)
    if audit is None or not audit.unsafe_addresses:
        return None
    # On any page: an error, not a finding. `serve` shows the page, its addresses disarmed.
    path = display_path(page.file.src_uri, config)
    lines = [f"{path}: link: {message}" for message in audit.unsafe_addresses]
    for line in lines:
        page_mistakes.report(line)
    if not page_mistakes.serving():
        return None
    return page_mistakes.shown_above(links.disarmed(html), lines)


def on_post_build(*, config: MkDocsConfig) -> None:
    course = build_state.course()
    published = [lesson for lesson in course.lessons if not lesson.meta.draft]
    body_findings = build_state.SESSION.part(BodyFindings).by_file
    for path in body_findings.keys() - {display_path(page.src_uri, config) for page in published}:
        del body_findings[path]
    by_file = defaultdict(list, build_state.part(SeoCheck).findings)
    for path, findings in body_findings.items():
        by_file[path] += findings
    by_file = {path: findings for path, findings in by_file.items() if findings}
    count = sum(len(findings) for findings in by_file.values())
    found = f"{plural(count, 'finding')} in {plural(len(by_file), 'file')}"
    log.info(f"{plural(len(published), 'lesson')} checked, {found if count else 'no findings'}")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report(
    page: Page, config: MkDocsConfig, field_name: str, message: str, *, kept: dict[str, list[str]]
) -> None:
    path = display_path(page.src_uri, config)
    kept.setdefault(path, []).append(message)
    log.warning(one_line(f"{path}: {field_name}: {message}"))
