"""Read the course from MkDocs' files: the layout, the front matter and the dates, assembled
into the model. hooks/lessons.py calls `load` in on_files; tests call it without a build."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from course import dates, layout, snippets
from course.model import Course, CourseError, Lesson, Module, Page, Problem, Provider
from course.rules import WORDS_PER_MINUTE, unpublishable

WORD = re.compile(r"\w+(?:['.-]\w+)*")
# The same words, found faster in ASCII text, where `\w` is [a-zA-Z0-9_] either way.
ASCII_WORD = re.compile(WORD.pattern, re.ASCII)
# The published address: http(s), a host name or IP address, a port, and a path of unreserved
# characters and %-escapes. No user, password, query or fragment, and no character HTML or
# JavaScript reads specially: Material prints it unescaped in 404.html and in every page's head.
SITE_URL = re.compile(
    r"https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
    r"(?:/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})*)*"
)
SITE_URL_RULE = (
    "must be an http(s) address like https://owner.github.io/course/ (a host, maybe a port, "
    "then a path of letters, digits, - . _ ~ and %-escapes), got {value!r}: set the SITE_URL "
    "environment variable to the published address"
)
# mkdocs.yml's texts that pages, the feed or the structured data print.
PUBLISHED_SETTINGS = ("site_name", "site_description", "site_author", "copyright")
FENCED_BLOCK = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)


def load(
    files: Files,
    config: MkDocsConfig,
    *,
    include_drafts: bool,
    keep_pages_with_mistakes: bool | None = None,
    kept: layout.KeptReadings | None = None,
) -> tuple[Course, list[Problem]]:
    """The course of `files`, whose pages get prefix-free URLs and whose unserved drafts go.

    Returns the course and the soft problems (warnings). Raises CourseError listing every
    hard problem of every file at once. A page whose front matter has mistakes is kept with
    them (`Page.mistakes`) when `keep_pages_with_mistakes` (by default, when drafts are
    included: `serve`); `serve` keeps its includes' mistakes with them too. `kept`: what the
    build before read of each body, read again only where a body changed.
    """
    keep = include_drafts if keep_pages_with_mistakes is None else keep_pages_with_mistakes
    kept = layout.KeptReadings() if kept is None else kept
    kept.next_build()
    links = layout.symbolic_links(config, source_folders(config))
    if links:  # before anything is read through them
        raise CourseError("\n".join(map(str, links)))
    unpublishable_settings = settings_problems(config)
    if unpublishable_settings:
        raise CourseError("\n".join(map(str, unpublishable_settings)))
    provider = provider_from_config(config)
    found = layout.read(
        files, config, include_drafts=include_drafts, keep_pages_with_mistakes=keep, kept=kept
    )
    if found.errors or found.home is None:
        lines = [line for source in sources(found) for line in source.meta.mistakes]
        raise CourseError("\n".join([*map(str, found.errors), *lines]), found.warnings)
    if include_drafts:
        mistakes = page_mistakes(found, config)
    else:
        mistakes = {
            source.file.src_uri: source.meta.mistakes
            for source in sources(found)
            if source.meta.mistakes
        }
    course = assemble(found, provider, dates.git_dates(config.docs_dir), mistakes, kept)
    return course, found.warnings


def sources(found: layout.Layout) -> list[layout.Source]:
    """Every page's source: the home page's, then each module's overview and lessons."""
    found_sources = [found.home] if found.home else []
    for module in found.modules:
        found_sources += [module.index] if module.index else []
        found_sources += module.lessons
    return found_sources


def page_mistakes(found: layout.Layout, config: MkDocsConfig) -> dict[str, tuple[str, ...]]:
    """`serve`: each page's own mistakes, by source path: its front matter's, and its
    includes' (a file that is not text, say), which would stop the build."""
    checked: dict[str, str | None] = {}
    every = {
        source.file.src_uri: source.meta.mistakes
        + tuple(
            snippets.page_problems(
                layout.display_path(source.file.src_uri, config), source.markdown, config, checked
            )
            if snippets.EXTENSION in config.mdx_configs
            else ()
        )
        for source in sources(found)
    }
    return {path: lines for path, lines in every.items() if lines}


def provider_from_config(config: MkDocsConfig) -> Provider:
    """`extra.course.provider`, defaulting to the site's name and URL."""
    if not config.site_url:
        raise CourseError(
            "mkdocs.yml: site_url: is required, for canonical links and social tags "
            "(set the SITE_URL environment variable to a non-empty address)"
        )
    if not SITE_URL.fullmatch(config.site_url):
        raise CourseError(
            str(Problem("mkdocs.yml", "site_url", SITE_URL_RULE.format(value=config.site_url)))
        )
    settings = (config.extra.get("course") or {}).get("provider") or {}
    if not isinstance(settings, dict):
        raise CourseError("mkdocs.yml: extra.course.provider: must be a mapping with name and url")
    name = settings.get("name", config.site_name)
    url = settings.get("url", config.site_url)
    if not isinstance(name, str) or not name.strip():
        raise CourseError("mkdocs.yml: extra.course.provider.name: must be non-empty text")
    if (problem := unpublishable(name)) is not None:
        raise CourseError(str(Problem("mkdocs.yml", "extra.course.provider.name", problem)))
    if not is_web_url(url):
        raise CourseError(
            f"mkdocs.yml: extra.course.provider.url: must be an http(s) URL, got {url!r}"
        )
    return Provider(name=name.strip(), url=url)


def source_folders(config: MkDocsConfig) -> list[Path]:
    """docs/ and the folders code samples are included from (docs_src/).

    A samples folder that holds the whole project is left to the include check
    (course/snippets.py): its links would be the project's own, such as .venv's.
    """
    project = snippets.project_folder(config)
    found = [Path(config.docs_dir)]
    if snippets.EXTENSION in config.mdx_configs:
        # Named as configured, not resolved: a samples folder that is a link is one too.
        samples = [project / folder for folder in snippets.bases(config)]
        found += [
            folder for folder in samples if not project.is_relative_to(os.path.realpath(folder))
        ]
    return found


def settings_problems(config: MkDocsConfig) -> list[Problem]:
    """The texts of mkdocs.yml that hold a character no output can carry, one line each."""
    return [
        Problem("mkdocs.yml", key, problem)
        for key in PUBLISHED_SETTINGS
        if isinstance(value := config.get(key), str)
        and (problem := unpublishable(value)) is not None
    ]


def is_web_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def assemble(
    found: layout.Layout,
    provider: Provider,
    commits: dict[str, tuple[dt.date, dt.date]],
    mistakes: dict[str, tuple[str, ...]] | None = None,
    kept: layout.KeptReadings | None = None,
) -> Course:
    """The model of a layout without errors, with each page's dates and, in `serve`, the
    `mistakes` of the pages that have some (by source path); `kept`: the word counts of the
    build before, counted again only where a body changed."""
    mistakes = mistakes or {}
    kept = layout.KeptReadings() if kept is None else kept

    def last_change(source: layout.Source, *listed: Page) -> dt.date | None:
        candidates = [source.meta.updated or commits.get(source.file.src_uri, (None, None))[1]]
        candidates += [page.updated for page in listed]
        return max(filter(None, candidates), default=None)

    modules: list[Module] = []
    position = 0
    for source_module in found.modules:
        index = source_module.index
        assert index is not None  # a module without index.md is an error of the layout
        lessons = []
        for source in source_module.lessons:
            position += 1
            updated = last_change(source)
            lessons.append(
                Lesson(
                    source.file.src_uri,
                    source.file.url,
                    source.meta,
                    markdown=source.markdown,
                    updated=updated,
                    number=source.number,
                    position=position,
                    reading_minutes=reading_minutes(
                        kept.reading("words", source.file.src_uri, count_words, source.markdown)
                    ),
                    # A lesson not committed yet is published as of its last change.
                    published=commits.get(source.file.src_uri, (None, None))[0] or updated,
                    mistakes=mistakes.get(source.file.src_uri, ()),
                )
            )
        modules.append(
            Module(
                index.file.src_uri,
                index.file.url,
                index.meta,
                markdown=index.markdown,
                updated=last_change(index, *lessons),
                number=source_module.number,
                lessons=tuple(lessons),
                mistakes=mistakes.get(index.file.src_uri, ()),
            )
        )
    home = found.home
    assert home is not None
    home_page = Page(
        home.file.src_uri,
        home.file.url,
        home.meta,
        markdown=home.markdown,
        updated=last_change(home, *modules),
        mistakes=mistakes.get(home.file.src_uri, ()),
    )
    return Course(provider=provider, home=home_page, modules=tuple(modules))


def count_words(markdown: str) -> int:
    """Words a reader reads: all but the fenced code blocks."""
    prose = FENCED_BLOCK.sub(" ", markdown)
    return len((ASCII_WORD if prose.isascii() else WORD).findall(prose))


def reading_minutes(words: int) -> int:
    """Minutes to read `words` at WORDS_PER_MINUTE, rounded up, never less than one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
