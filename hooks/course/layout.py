"""The layout reader: numbered folders and files in docs/ become the course's sources, and
MkDocs' files get the course's prefix-free URLs.

- docs/index.md is the course home page;
- a module is a folder `N-slug/` directly under docs/ with an `index.md`;
- a lesson is any other `N-slug.md` in a module folder;
- numbers order modules and lessons numerically and are dropped from URLs;
- drafts are served by `mkdocs serve` only, and so is a module whose lessons are all drafts;
- docs/, docs_src/ and the theme's custom_dir (overrides/) hold files, not symbolic links
  (checked before anything is read);
- a page's file name ends in .md, in lower case: MkDocs publishes `x.MD` as it is, not as a page;
- no file of docs/ is published where the build writes one of its own (robots.txt, feed.xml,
  llms.txt, the theme's 404.html and sitemap.xml, the search index, the social cards).

Every problem of every file is collected (`Layout.errors`, `Layout.warnings`), one line each.
"""

from __future__ import annotations

import functools
import os
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import markdown_extensions

from course import front_matter, lesson_body, links
from course.front_matter_values import PageKind
from course.model import CARDS_FOLDER, FrontMatter, Problem
from course.rules import INDEX, NAME_RULE, NUMBERED_NAME, some_of

# What hooks/crawl.py writes into the site, besides the pages' Markdown copies (which cannot
# collide: every .md file of docs/ is a page).
ROBOTS_TXT = "robots.txt"
FEED_XML = "feed.xml"
LLMS_TXT = "llms.txt"
REPLACED = "would be replaced by the {output} that {writer} writes into the site: {fix}"
# A symbolic link publishes whatever it points to, and a checkout without links (Windows by
# default) holds a text file in its place: the course's folders hold files, never links.
LINK_OUTSIDE = (
    "a symbolic link to {target}, outside the project: nothing of it is published; "
    "put the file itself in the project"
)
LINK_INSIDE = "a symbolic link to {target}: put the file itself here, not a link to it"
LINK_TO_UNPUBLISHED = (
    "{target} is {what}, left out of the published site: link to it once it is published"
)
MODULE_UNPUBLISHED = "a module without a published lesson"
# Editors' leftovers (`04-draft.md~`) are no pages: mkdocs.yml's exclude_docs leaves them out.
MARKDOWN_SUFFIX = "a page's file name ends in .md, in lower case: rename it to {name}"

Result = TypeVar("Result")


@dataclass
class Source:
    """A Markdown file of the course before it becomes a page of the model."""

    file: File
    number: int
    slug: str
    meta: FrontMatter
    markdown: str
    line_offset: int = 0  # the lines before the body: the front matter's


@dataclass
class SourceModule:
    folder: str  # its name in docs/, `01-introduction`
    number: int
    slug: str
    index: Source | None  # None when index.md is missing or broken: an error is reported
    lessons: list[Source]

    @property
    def index_file(self) -> File | None:
        return self.index.file if self.index is not None else None


@dataclass
class Layout:
    """What the reader found: the sources in course order, and every problem."""

    home: Source | None = None
    modules: list[SourceModule] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class KeptReadings:
    """What a page's body alone decides (its words, its warnings), kept from one build to the
    next: `serve` reads the whole course again after every save, and works out again only
    what reads a page whose body changed. hooks/lessons.py keeps one for the session.
    """

    # By kind of reading and page: what it was worked out from, and what it found.
    previous: dict[tuple[str, str], tuple[tuple[Any, ...], Any]] = field(default_factory=dict)
    current: dict[tuple[str, str], tuple[tuple[Any, ...], Any]] = field(default_factory=dict)

    def next_build(self) -> None:
        """A build starts: what the last one read is kept, and the pages it no longer has go."""
        self.previous, self.current = self.current, {}

    def reading(
        self, kind: str, src_uri: str, read: Callable[..., Result], *arguments: Any
    ) -> Result:
        """`read(*arguments)` for the page `src_uri`, or what it gave last time with the same
        arguments (its result is shared: never changed)."""
        key = (kind, src_uri)
        kept = self.current.get(key) or self.previous.get(key)
        found = kept[1] if kept is not None and kept[0] == arguments else read(*arguments)
        self.current[key] = (arguments, found)
        return found


def display_path(docs_relative: str, config: MkDocsConfig) -> str:
    """A path inside docs/ as an author sees it from the project folder: `docs/01-x/01-y.md`.

    A trailing slash (a folder) is kept.
    """
    return posixpath.join(_docs_as_shown(config.config_file_path, config.docs_dir), docs_relative)


@functools.cache
def _docs_as_shown(config_file_path: str | None, docs_dir: str) -> str:
    """docs/ relative to the project folder when it is inside it, else absolute."""
    project = Path(config_file_path or ".").resolve().parent
    docs = Path(docs_dir).resolve()
    try:
        return docs.relative_to(project).as_posix()
    except ValueError:
        return docs.as_posix()


def symbolic_links(config: MkDocsConfig, folders: Iterable[Path]) -> list[Problem]:
    """Every symbolic link in `folders` and in the theme's custom_dir, or a folder that is one,
    naming where it leads.

    Links are found without following any, so nothing they lead to is read.
    """
    project = Path(config.config_file_path or ".").resolve().parent
    found = []
    for folder in [*folders, *_custom_theme_folder(config, project)]:
        for link in [folder] if folder.is_symlink() else _links_in(folder):
            target = Path(os.path.realpath(link))
            if target.is_relative_to(project):
                message = LINK_INSIDE.format(target=target.relative_to(project).as_posix())
            else:
                message = LINK_OUTSIDE.format(target=target.as_posix())
            found.append(Problem(_shown(link, project), None, message))
    return found


def _custom_theme_folder(config: MkDocsConfig, project: Path) -> list[Path]:
    """The theme's custom_dir (overrides/): MkDocs publishes its files and renders pages with
    its templates, as it does docs/'s. The installed theme is not the project's.

    A custom_dir that holds the whole project is left out: its links would be the project's
    own, such as .venv's.
    """
    custom_dir = config.theme.custom_dir
    if custom_dir is None or project.is_relative_to(os.path.realpath(custom_dir)):
        return []
    return [Path(custom_dir)]  # as configured, not resolved: one that is a link is found


def _links_in(folder: Path) -> list[Path]:
    """The symbolic links under `folder`, at any depth, in name order."""
    found, folders = [], [folder]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # not there (no docs_src/), or unreadable: it publishes nothing
            continue
        for entry in entries:
            if entry.is_symlink():
                found.append(Path(entry.path))
            elif entry.is_dir():
                folders.append(Path(entry.path))
    return sorted(found)


def _shown(path: Path, project: Path) -> str:
    """`path` from the project folder, without resolving `path` itself (a link)."""
    real = Path(os.path.realpath(path.parent)) / path.name
    return real.relative_to(project).as_posix() if real.is_relative_to(project) else str(real)


def read(
    files: Files,
    config: MkDocsConfig,
    *,
    include_drafts: bool,
    keep_pages_with_mistakes: bool,
    kept: KeptReadings | None = None,
) -> Layout:
    """Read the course's sources from `files`, moving them to their URLs in `files`; with
    `keep_pages_with_mistakes`, a page whose front matter has mistakes is read with them
    (course/front_matter.py) instead of being an error of the layout. `kept`: the bodies'
    readings of the build before, read again only where a body changed."""
    reader = _Reader(config, keep_pages_with_mistakes=keep_pages_with_mistakes, kept=kept)
    return reader.read(files, include_drafts=include_drafts)


class _Reader:
    """Collects every problem of every file while it reads the layout."""

    def __init__(
        self,
        config: MkDocsConfig,
        *,
        keep_pages_with_mistakes: bool,
        kept: KeptReadings | None = None,
    ) -> None:
        self.config = config
        self.keep_pages_with_mistakes = keep_pages_with_mistakes
        self.kept = KeptReadings() if kept is None else kept
        self.layout = Layout()
        # The sources the published site leaves out: drafts, and modules that only hold drafts.
        self.unpublished: set[str] = set()

    def error(self, file: File | str, field: str | None, message: str) -> None:
        self.layout.errors.append(Problem(self.path(file), field, message))

    def path(self, file: File | str) -> str:
        return file if isinstance(file, str) else display_path(file.src_uri, self.config)

    def read(self, files: Files, *, include_drafts: bool) -> Layout:
        home_file: File | None = None
        folders: dict[str, list[File]] = defaultdict(list)
        self.check_markdown_suffixes(files)
        for file in files.documentation_pages(inclusion=lambda level: not level.is_excluded()):
            parts = file.src_uri.split("/")
            if _misspelled_markdown(file.src_uri):
                continue  # reported: not read as a page
            if len(parts) == 1 and _stem(file) == INDEX:
                home_file = file
            elif len(parts) == 2:
                folders[parts[0]].append(file)
            elif len(parts) == 1:
                self.error(file, None, "a lesson belongs in a module folder N-slug/ under docs/")
            else:
                self.error(file, None, "too deep: lessons live directly in a module folder")
        if home_file is None:
            self.error(
                display_path(f"{INDEX}.md", self.config), None, "the course home page is missing"
            )
        else:
            self.layout.home = self.source(home_file, number=0, slug="", kind="home")
        modules = [
            module
            for folder, folder_files in sorted(folders.items())
            if (module := self.module(folder, folder_files)) is not None
        ]
        modules.sort(key=lambda module: module.number)
        self.check_unique_numbers(modules, "module", lambda module: module.index_file)
        drafts = [lesson for module in modules for lesson in module.lessons if lesson.meta.draft]
        drafts += [
            module.index
            for module in modules
            if module.index is not None and not _has_published_lesson(module)
        ]
        self.unpublished = {source.file.src_uri for source in drafts}
        self.layout.modules = self.publish(files, modules, include_drafts=include_drafts)
        self.check_bodies()
        self.check_links_to_drafts(drafts, files, include_drafts=include_drafts)
        return self.layout

    def check_markdown_suffixes(self, files: Files) -> None:
        """A Markdown file of docs/ named otherwise than `.md` is an error: MkDocs would render
        `x.markdown` and publish `x.MD` as it is, Markdown source for anyone to read."""
        for file in files:
            if (
                file.src_dir == self.config.docs_dir
                and not file.inclusion.is_excluded()
                and _misspelled_markdown(file.src_uri)
            ):
                self.error(file, None, MARKDOWN_SUFFIX.format(name=f"{_stem(file)}.md"))

    def pages(self) -> list[tuple[Source, bool]]:
        """Every page the build renders, and whether it is a lesson."""
        found = [(self.layout.home, False)] if self.layout.home else []
        for module in self.layout.modules:
            found += [(module.index, False)] if module.index else []
            found += [(lesson, True) for lesson in module.lessons]
        return found

    def check_bodies(self) -> None:
        """Each page body's warnings. A quiz's, an exercise's or a diagram's mistake is found
        as its page renders (course/self_check_blocks.py, hooks/diagrams.py)."""
        for source, is_lesson in self.pages():
            warnings = self.kept.reading(
                "findings",
                source.file.src_uri,
                body_findings,
                source.markdown,
                source.line_offset,
                source.file.src_uri not in self.unpublished,
                is_lesson,
            )
            path = self.path(source.file)
            self.layout.warnings += [Problem(path, field, message) for field, message in warnings]

    def check_links_to_drafts(
        self, drafts: list[Source], files: Files, *, include_drafts: bool
    ) -> None:
        """A published page that links to a draft (or to a module left out) is a warning;
        files only drafts use are left out of the published site."""
        if not drafts:
            return  # nothing to link to too early, nothing that only drafts use
        published = [
            source for source, _ in self.pages() if source.file.src_uri not in self.unpublished
        ]
        targets = {
            page.file.src_uri: links.targets(page.markdown, page.file.src_uri) for page in published
        }
        linked = set().union(*targets.values())
        draft_paths = {draft.file.src_uri: draft for draft in drafts}
        for page in published:
            for target in sorted(targets[page.file.src_uri] & draft_paths.keys()):
                what = "a draft" if draft_paths[target].meta.draft else MODULE_UNPUBLISHED
                message = LINK_TO_UNPUBLISHED.format(
                    target=display_path(target, self.config), what=what
                )
                self.layout.warnings.append(Problem(self.path(page.file), "link", message))
        if include_drafts:
            return
        used_by_drafts = set().union(
            *(links.targets(draft.markdown, draft.file.src_uri) for draft in drafts)
        )
        for src_uri in sorted(used_by_drafts - linked - draft_paths.keys()):
            file = files.get_file_from_path(src_uri)
            if file is not None and not file.is_documentation_page():
                files.remove(file)

    def module(self, folder: str, folder_files: list[File]) -> SourceModule | None:
        name = NUMBERED_NAME.fullmatch(folder)
        if name is None:
            for file in folder_files:
                self.error(file, None, f"the folder {folder}/ is not a module: name it {NAME_RULE}")
            return None
        index_file = next((file for file in folder_files if _stem(file) == INDEX), None)
        if index_file is None:
            self.error(
                display_path(folder + "/", self.config), None, "a module folder needs an index.md"
            )
        lessons: list[Source] = []
        for file in folder_files:
            if file is index_file:
                continue
            lesson_name = NUMBERED_NAME.fullmatch(_stem(file))
            if lesson_name is None:
                self.error(file, None, f"a lesson file is named {NAME_RULE}, then .md")
                continue
            number = int(lesson_name["number"])
            lesson = self.source(file, number=number, slug=lesson_name["slug"], kind="lesson")
            if lesson is not None:
                lessons.append(lesson)
        lessons.sort(key=lambda lesson: lesson.number)
        self.check_unique_numbers(lessons, "lesson", lambda lesson: lesson.file)
        index = self.source(index_file, number=0, slug="", kind="module") if index_file else None
        return SourceModule(folder, int(name["number"]), name["slug"], index, lessons)

    def source(self, file: File, *, number: int, slug: str, kind: PageKind) -> Source | None:
        check = front_matter.FrontMatterCheck(
            self.path(file),
            self.config.theme.dirs,
            keep_with_mistakes=self.keep_pages_with_mistakes,
        )
        try:
            text = file.content_string
        except UnicodeDecodeError:
            check.error(None, "is not UTF-8 text")
            text = None
        meta = check.read(text, kind) if text is not None else None
        self.layout.errors.extend(check.errors)
        self.layout.warnings.extend(check.warnings)
        if meta is None or text is None:
            return None
        body = front_matter.body(text)
        line_offset = text.lstrip("\ufeff").removesuffix(body).count("\n")
        return Source(file, number, slug, meta, body, line_offset)

    def check_unique_numbers(
        self,
        items: Sequence[Source | SourceModule],
        kind: str,
        file_of: Callable[..., File | None],
    ) -> None:
        counts = Counter(item.number for item in items)
        for item in items:
            if counts[item.number] < 2 or file_of(item) is None:
                continue
            others = [
                self.path(other_file)
                for other in items
                if other.number == item.number
                and other is not item
                and (other_file := file_of(other)) is not None
            ]
            self.error(
                file_of(item),
                None,
                f"{kind} number {item.number} is also used by {some_of(others, 'file')}",
            )

    def publish(
        self, files: Files, modules: list[SourceModule], *, include_drafts: bool
    ) -> list[SourceModule]:
        """Give course files prefix-free URLs, drop unserved drafts, and catch URL collisions.

        Returns the modules served: in `build`, those with a published lesson.
        """
        served = []
        for module in modules:
            # A module whose lessons are all drafts is one too: its page would offer "0 of 0
            # lessons", and the lesson before it would lead there.
            published = _has_published_lesson(module)
            if module.index is not None:
                module.index.file = _move(
                    files, module.index.file, f"{module.slug}/{INDEX}", draft=not published
                )
            for lesson in module.lessons:
                lesson.file = _move(
                    files, lesson.file, f"{module.slug}/{lesson.slug}", draft=lesson.meta.draft
                )
            # A draft stays among MkDocs' files at its DRAFT level: `serve` renders it, `build`
            # does not, and a link to it is MkDocs' INFO line, not a "not found" warning.
            module.lessons = [
                lesson for lesson in module.lessons if include_drafts or not lesson.meta.draft
            ]
            self.move_other_files(files, module)
            if include_drafts or published:
                served.append(module)
        destinations: dict[str, list[File]] = defaultdict(list)
        for file in files:
            if file.inclusion.is_in_serve():
                destinations[file.dest_uri].append(file)
        self.check_generated(destinations)
        for dest_uri, clashing in destinations.items():
            if len(clashing) < 2:
                continue
            names = some_of([self.path(file) for file in clashing], "file")
            for file in clashing:
                if file.is_documentation_page():
                    self.error(
                        file,
                        None,
                        f"its URL collides once number prefixes are dropped: "
                        f"{names} all become {dest_uri}",
                    )
        return served

    def check_generated(self, destinations: dict[str, list[File]]) -> None:
        """A file of docs/ published where the build writes a file of its own is an error: the
        build's would replace it without a word."""
        generated = dict.fromkeys((ROBOTS_TXT, FEED_XML, LLMS_TXT), "hooks/crawl.py")
        # The theme's 404.html and sitemap.xml, and print.html when it is asked for.
        generated |= dict.fromkeys(self.config.theme.static_templates, "MkDocs")
        if "sitemap.xml" in self.config.theme.static_templates:
            generated["sitemap.xml.gz"] = "MkDocs"
        if any(name.rpartition("/")[2] == "search" for name in self.config.plugins):
            generated["search/search_index.json"] = "the search plugin"
        for dest_uri, published in destinations.items():
            if dest_uri in generated:
                writer, fix = generated[dest_uri], "remove it"
                output = dest_uri
            elif dest_uri.startswith(f"{CARDS_FOLDER}/"):
                writer, fix = "hooks/social.py", f"move it out of {CARDS_FOLDER}/"
                output = f"social cards in {CARDS_FOLDER}/"
            else:
                continue
            for file in published:
                if file.src_dir == self.config.docs_dir:
                    message = REPLACED.format(output=output, writer=writer, fix=fix)
                    self.error(file, None, message)

    def move_other_files(self, files: Files, module: SourceModule) -> None:
        """Images and other files in a module folder follow its pages to the prefix-free URL."""
        prefix = module.folder + "/"
        for file in list(files):
            if file.src_uri.startswith(prefix) and not file.is_documentation_page():
                _publish_at(files, file, f"{module.slug}/{file.src_uri.removeprefix(prefix)}")


def body_findings(
    markdown: str, line_offset: int, published: bool, lesson: bool
) -> list[lesson_body.Finding]:
    return lesson_body.findings(markdown, line_offset, published=published, lesson=lesson)


def _has_published_lesson(module: SourceModule) -> bool:
    return any(not lesson.meta.draft for lesson in module.lessons)


def _misspelled_markdown(src_uri: str) -> bool:
    """A Markdown file, by any of MkDocs' suffixes in any case, whose name does not end in .md."""
    return src_uri.lower().endswith(markdown_extensions) and not src_uri.endswith(".md")


def _stem(file: File) -> str:
    return posixpath.splitext(posixpath.basename(file.src_uri))[0]


def _move(files: Files, file: File, path_without_suffix: str, *, draft: bool = False) -> File:
    """Swap `file` for a copy published at `path_without_suffix` (MkDocs' own URL style).

    A draft gets MkDocs' DRAFT level: built with a DRAFT marker by `mkdocs serve`, never by
    `mkdocs build`.
    """
    if file.use_directory_urls and not path_without_suffix.endswith(f"/{INDEX}"):
        dest_uri = f"{path_without_suffix}/{INDEX}.html"
    else:
        dest_uri = f"{path_without_suffix}.html"
    return _publish_at(files, file, dest_uri, draft=draft)


def _publish_at(files: Files, file: File, dest_uri: str, *, draft: bool = False) -> File:
    """Replace `file` in `files` by a copy written to `dest_uri` (how MkDocs 1.6 moves files)."""
    moved = File(
        file.src_uri,
        file.src_dir,
        file.dest_dir,
        file.use_directory_urls,
        dest_uri=dest_uri,
        inclusion=InclusionLevel.DRAFT if draft else file.inclusion,
    )
    files.remove(file)
    files.append(moved)
    return moved
