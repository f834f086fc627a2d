"""The course model: the home page, modules and lessons in order, read from docs/ once per build.

Not a hook itself: hooks/lessons.py builds the model in `on_files`, and every hook reads it
through `current()` instead of parsing front matter again.

Layout rules (README "Authoring"):
- docs/index.md is the course home page;
- a module is a folder `N-slug/` directly under docs/ with an `index.md`;
- a lesson is any other `N-slug.md` in a module folder;
- numbers order modules and lessons numerically and are dropped from URLs.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import posixpath
import re
import subprocess
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import YAML_RE

NUMBERED_NAME = re.compile(r"(?P<number>[0-9]+)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
NAME_RULE = "N-slug: a number, a hyphen, then lowercase letters, digits and single hyphens"
INDEX = "index"

# Reading speed for the reading time of lessons (adult silent reading of technical prose).
WORDS_PER_MINUTE = 200
WORD = re.compile(r"\w+(?:['.-]\w+)*")
FENCED_BLOCK = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)

CARDS_FOLDER = "assets/social"

# libyaml's loader when PyYAML has it: the same safe YAML, read ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Marks what the lesson scaffold leaves for the author to write (scripts/new_lesson.py).
PLACEHOLDER = "TODO"

TITLE_MAX = 70
KEYWORDS_MAX = 10
SUMMARY_MAX = 300

# Material's own page keys, passed through to Material once their types are right: Material
# uses them unchecked and a wrong type ends the build with a traceback.
MATERIAL_KEYS = frozenset({"hide", "search", "status", "template", "icon", "subtitle"})
HIDEABLE = frozenset({"navigation", "toc", "footer", "feedback", "tags", "path"})
SEARCH_KEYS = frozenset({"exclude", "boost"})
STATUS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")
TEMPLATE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
PAGE_KEYS = frozenset({"title", "description", "summary"}) | MATERIAL_KEYS
LESSON_KEYS = PAGE_KEYS | {"keywords", "newsletter", "updated", "draft"}


class CourseError(Exception):
    """The docs/ folder breaks the course's rules; the message has one line per problem."""

    def __init__(self, message: str, warnings: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.warnings = warnings or []


@dataclass(frozen=True)
class Problem:
    """One mistake in one file: `docs/01-x/02-y.md: title: is required`."""

    path: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class FrontMatter:
    """Validated front matter of the home page, a module index or a lesson."""

    title: str
    description: str
    summary: str | None = None
    keywords: tuple[str, ...] = ()
    newsletter: bool = True
    updated: dt.date | None = None
    draft: bool = False
    subtitle: str | None = None
    # Material's own keys other than subtitle (hide, search, status, template, icon), checked.
    material: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Provider:
    """Who offers the course: `extra.course.provider` in mkdocs.yml."""

    name: str
    url: str


@dataclass(eq=False)
class Page:
    """A page of the course: the home page, a module overview or a lesson."""

    kind: ClassVar[str] = "home"
    src_uri: str
    url: str
    meta: FrontMatter
    # The body's Markdown after the front matter, for the Markdown copies of hooks/crawl.py.
    markdown: str = field(default="", kw_only=True, repr=False)
    # Last change: `updated`, else the last commit of the page or of a lesson it lists.
    updated: dt.date | None = field(default=None, kw_only=True)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def card_path(self) -> str:
        """Where the page's social card is published: `assets/social/introduction/x.png`."""
        return f"{CARDS_FOLDER}/{self.url.strip('./') or 'index'}.png"

    def absolute_url(self, site_url: str | None) -> str:
        """The page's published address under `site_url`."""
        return urljoin(site_url or "", self.url.removeprefix("./"))

    def card_url(self, site_url: str | None) -> str:
        """The published address of the page's social card."""
        return urljoin(site_url or "", self.card_path)


@dataclass(eq=False)
class Lesson(Page):
    kind: ClassVar[str] = "lesson"
    module: Module
    number: int
    position: int  # 1-based, counted through the whole course
    reading_minutes: int
    published: dt.date | None = None  # the file's first commit
    next: Lesson | None = None


@dataclass(eq=False)
class Module(Page):
    kind: ClassVar[str] = "module"
    number: int
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def reading_minutes(self) -> int:
        return sum(lesson.reading_minutes for lesson in self.lessons)


@dataclass(eq=False)
class Course:
    provider: Provider  # who offers the course, for structured data
    home: Page
    modules: list[Module]

    @functools.cached_property
    def lessons(self) -> list[Lesson]:
        """Every lesson in order; the course is complete once built, so listed once."""
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def reading_minutes(self) -> int:
        return sum(module.reading_minutes for module in self.modules)

    def page(self, src_uri: str) -> Page | None:
        """The course page built from `src_uri`, or None for a file that is not one."""
        return self._pages.get(src_uri)

    def __post_init__(self) -> None:
        self._pages: dict[str, Page] = {self.home.src_uri: self.home}
        for module in self.modules:
            self._pages[module.src_uri] = module
            self._pages.update((lesson.src_uri, lesson) for lesson in module.lessons)


@dataclass
class _Source:
    """A Markdown file of the course before it becomes a Page."""

    file: File
    number: int
    slug: str
    meta: FrontMatter
    markdown: str


_current: Course | None = None


def current() -> Course:
    """The course of the build in progress."""
    if _current is None:
        raise RuntimeError("the course is read in on_files; nothing has read it in this build")
    return _current


def load(
    files: Files, config: MkDocsConfig, *, include_drafts: bool
) -> tuple[Course, list[Problem]]:
    """Read the course from `files`, give its pages prefix-free URLs and drop unserved drafts.

    Returns the course and the soft problems (warnings). Raises CourseError listing every
    hard problem of every file at once.
    """
    global _current
    _current = None
    provider = provider_from_config(config)
    reader = _Reader(config)
    sources = files.documentation_pages(inclusion=lambda level: not level.is_excluded())
    course = reader.read(list(sources), files, provider, include_drafts=include_drafts)
    if course is None:
        raise CourseError("\n".join(map(str, reader.errors)), reader.warnings)
    _current = course
    return course, reader.warnings


def provider_from_config(config: MkDocsConfig) -> Provider:
    """`extra.course.provider`, defaulting to the site's name and URL."""
    if not config.site_url:
        raise CourseError(
            "mkdocs.yml: site_url: is required, for canonical links and social tags "
            "(set the SITE_URL environment variable to a non-empty address)"
        )
    settings = (config.extra.get("course") or {}).get("provider") or {}
    if not isinstance(settings, dict):
        raise CourseError("mkdocs.yml: extra.course.provider: must be a mapping with name and url")
    name = settings.get("name", config.site_name)
    url = settings.get("url", config.site_url)
    if not isinstance(name, str) or not name.strip():
        raise CourseError("mkdocs.yml: extra.course.provider.name: must be non-empty text")
    if not _is_web_url(url):
        raise CourseError(
            f"mkdocs.yml: extra.course.provider.url: must be an http(s) URL, got {url!r}"
        )
    return Provider(name=name.strip(), url=url)


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


def _is_web_url(value: object, *, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in schemes and bool(parts.netloc)


class FrontMatterCheck:
    """Reads and validates one file's front matter, collecting every problem it finds.

    `theme_dirs` are the template folders (overrides/, then Material's) where `template` and
    `icon` must exist; without them those two are checked for form only.
    """

    def __init__(self, path: str, theme_dirs: Sequence[str] = ()) -> None:
        self.path = path
        self.theme_dirs = theme_dirs
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, field: str | None, message: str) -> None:
        self.errors.append(Problem(self.path, field, message))

    def warn(self, field: str | None, message: str) -> None:
        self.warnings.append(Problem(self.path, field, message))

    def read(self, text: str, keys: frozenset[str]) -> FrontMatter | None:
        """The front matter at the top of `text`, validated against the allowed `keys`."""
        data = self.parse(text)
        return self.validate(data, keys) if data is not None else None

    def parse(self, text: str) -> dict[Any, Any] | None:
        match = YAML_RE.match(text.lstrip("\ufeff"))
        if match is None:
            self.error("front matter", "missing: start the file with a --- block (title, ...)")
            return None
        try:
            data = yaml.load(match.group(1), Loader=SAFE_LOADER)
        except ValueError as error:  # a YAML value that is no value, such as 2026-13-45
            self.error("front matter", f"not valid YAML: {error}")
            return None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            # +2: the mark counts from 0, inside the block that starts after the first ---.
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(error, "problem", None) or "cannot be read"
            self.error("front matter", f"not valid YAML{where}: {problem}")
            return None
        if not isinstance(data, dict):
            self.error("front matter", "must be a mapping of fields such as `title: ...`")
            return None
        return data

    def validate(self, data: dict[Any, Any], keys: frozenset[str]) -> FrontMatter | None:
        errors_before = len(self.errors)
        for key in data:
            if key not in keys:
                self.error(str(key), f"unknown field (allowed: {', '.join(sorted(keys))})")
        title = self.text(data, "title", required=True, maximum=TITLE_MAX)
        description = self.text(data, "description", required=True)
        summary = self.text(data, "summary", maximum=SUMMARY_MAX)
        keywords = self.keywords(data.get("keywords")) if "keywords" in keys else ()
        newsletter = self.flag(data, "newsletter", default=True)
        draft = self.flag(data, "draft", default=False)
        updated = self.date(data.get("updated"))
        subtitle = self.text(data, "subtitle")
        self.material_keys(data)
        if not draft:
            self.warn_about_placeholders(data)
        if len(self.errors) > errors_before or title is None or description is None:
            return None
        material = {key: data[key] for key in sorted(MATERIAL_KEYS - {"subtitle"}) if key in data}
        return FrontMatter(
            title, description, summary, keywords, newsletter, updated, draft, subtitle, material
        )

    def warn_about_placeholders(self, data: dict[Any, Any]) -> None:
        """A published page must not keep the TODO text that scripts/new_lesson.py writes."""
        for key in ("title", "description", "summary", "keywords"):
            values = data.get(key)
            values = values if isinstance(values, list) else [values]
            if any(isinstance(value, str) and PLACEHOLDER in value for value in values):
                self.warn(key, f"still says {PLACEHOLDER}: write it before publishing")

    def material_keys(self, data: dict[Any, Any]) -> None:
        """`hide`, `search`, `status`, `template` and `icon` in the form Material reads them."""
        hide = data.get("hide")
        if hide is not None and (
            not isinstance(hide, list) or not all(item in HIDEABLE for item in hide)
        ):
            self.error("hide", f"must be a list of: {', '.join(sorted(HIDEABLE))}")
        search = data.get("search")
        if search is not None and not (
            isinstance(search, dict)
            and set(search) <= SEARCH_KEYS
            and isinstance(search.get("exclude", False), bool)
            and _is_number(search.get("boost", 1))
        ):
            self.error("search", "must be a mapping like {exclude: true} or {boost: 2}")
        self.named(data, "status", STATUS, "a name like new or deprecated")
        self.named(data, "template", TEMPLATE, "a template file like lesson.html", "{}")
        self.named(data, "icon", ICON, "an icon like material/rocket", ".icons/{}.svg")

    def named(
        self,
        data: dict[Any, Any],
        key: str,
        form: re.Pattern[str],
        example: str,
        theme_file: str | None = None,
    ) -> None:
        value = data.get(key)
        if value is None:
            return
        if not isinstance(value, str) or not form.fullmatch(value):
            self.error(key, f"must be {example}, got {_describe(value)}")
        elif (
            theme_file
            and self.theme_dirs
            and not any(
                (Path(folder) / theme_file.format(value)).is_file() for folder in self.theme_dirs
            )
        ):
            self.error(key, f"{value!r} is not in overrides/ or the theme")

    def text(
        self, data: dict[Any, Any], key: str, *, required: bool = False, maximum: int | None = None
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(key, "is required")
            return None
        if not isinstance(value, str):
            hint = "" if isinstance(value, list | dict) else " (put it in quotes)"
            self.error(key, f"must be text, got {_describe(value)}{hint}")
            return None
        value = " ".join(value.split())
        if not value:
            self.error(key, "must not be empty")
            return None
        if maximum is not None and len(value) > maximum:
            self.error(key, f"{len(value)} characters; at most {maximum} are allowed")
            return None
        return value

    def keywords(self, value: object) -> tuple[str, ...]:
        if value is None:
            self.error("keywords", f"is required: a list of 1-{KEYWORDS_MAX} phrases, focus first")
            return ()
        if not isinstance(value, list):
            self.error("keywords", f"must be a list like [first, second], got {_describe(value)}")
            return ()
        if not 1 <= len(value) <= KEYWORDS_MAX:
            self.error("keywords", f"has {len(value)} entries; 1-{KEYWORDS_MAX} are allowed")
            return ()
        phrases = []
        for position, keyword in enumerate(value, start=1):
            if not isinstance(keyword, str) or not keyword.strip():
                self.error("keywords", f"entry {position} must be non-empty text")
                return ()
            phrases.append(" ".join(keyword.split()))
        return tuple(phrases)

    def flag(self, data: dict[Any, Any], key: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, got {_describe(value)}")
            return default
        return value

    def date(self, value: object) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error("updated", f"must be a date like 2026-11-27, got {_describe(value)}")
        return None


class _Reader:
    """Collects every problem of every file while it reads the course."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: File | str, field: str | None, message: str) -> None:
        self.errors.append(Problem(self._path(file), field, message))

    def _path(self, file: File | str) -> str:
        return file if isinstance(file, str) else display_path(file.src_uri, self.config)

    # -- layout -------------------------------------------------------------------------------

    def read(
        self, pages: list[File], files: Files, provider: Provider, *, include_drafts: bool
    ) -> Course | None:
        home_file: File | None = None
        folders: dict[str, list[File]] = defaultdict(list)
        for file in pages:
            parts = file.src_uri.split("/")
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
                display_path(INDEX + ".md", self.config), None, "the course home page is missing"
            )
        home = self.source(home_file, number=0, slug="", keys=PAGE_KEYS) if home_file else None
        modules = [
            module
            for folder, folder_files in sorted(folders.items())
            if (module := self.module(folder, folder_files)) is not None
        ]
        modules.sort(key=lambda module: module.number)
        self.check_unique_numbers(modules, "module", lambda module: module.index_file)
        self.publish(files, modules, include_drafts=include_drafts)
        if self.errors or home is None:
            return None
        return self.course(home, modules, provider)

    def module(self, folder: str, folder_files: list[File]) -> _Module | None:
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
        lessons: list[_Source] = []
        for file in folder_files:
            if file is index_file:
                continue
            lesson_name = NUMBERED_NAME.fullmatch(_stem(file))
            if lesson_name is None:
                self.error(file, None, f"a lesson file is named {NAME_RULE}, then .md")
                continue
            lesson = self.source(
                file, number=int(lesson_name["number"]), slug=lesson_name["slug"], keys=LESSON_KEYS
            )
            if lesson is not None:
                lessons.append(lesson)
        lessons.sort(key=lambda lesson: lesson.number)
        self.check_unique_numbers(lessons, "lesson", lambda lesson: lesson.file)
        index = self.source(index_file, number=0, slug="", keys=PAGE_KEYS) if index_file else None
        return _Module(folder, int(name["number"]), name["slug"], index, lessons)

    def check_unique_numbers(self, items: list[Any], kind: str, file_of: Any) -> None:
        counts = Counter(item.number for item in items)
        for item in items:
            if counts[item.number] > 1 and file_of(item) is not None:
                others = [
                    self._path(file_of(other))
                    for other in items
                    if other.number == item.number and other is not item
                ]
                self.error(
                    file_of(item),
                    None,
                    f"{kind} number {item.number} is also used by {some_of(others, 'file')}",
                )

    def publish(self, files: Files, modules: list[_Module], *, include_drafts: bool) -> None:
        """Give course files prefix-free URLs, drop unserved drafts, and catch URL collisions."""
        for module in modules:
            if module.index is not None:
                module.index.file = _move(files, module.index.file, f"{module.slug}/{INDEX}")
            kept = []
            for lesson in module.lessons:
                if lesson.meta.draft and not include_drafts:
                    files.remove(lesson.file)
                    continue
                lesson.file = _move(
                    files, lesson.file, f"{module.slug}/{lesson.slug}", draft=lesson.meta.draft
                )
                kept.append(lesson)
            module.lessons = kept
            self.move_other_files(files, module)
        destinations: dict[str, list[File]] = defaultdict(list)
        for file in files:
            if file.inclusion.is_in_serve():
                destinations[file.dest_uri].append(file)
        for dest_uri, clashing in destinations.items():
            if len(clashing) > 1:
                names = some_of([self._path(file) for file in clashing], "file")
                for file in clashing:
                    if file.is_documentation_page():
                        self.error(
                            file,
                            None,
                            f"its URL collides once number prefixes are dropped: "
                            f"{names} all become {dest_uri}",
                        )

    def move_other_files(self, files: Files, module: _Module) -> None:
        """Images and other files in a module folder follow its pages to the prefix-free URL."""
        prefix = module.folder + "/"
        for file in list(files):
            if file.src_uri.startswith(prefix) and not file.is_documentation_page():
                _publish_at(files, file, f"{module.slug}/{file.src_uri.removeprefix(prefix)}")

    # -- front matter -------------------------------------------------------------------------

    def source(self, file: File, *, number: int, slug: str, keys: frozenset[str]) -> _Source | None:
        check = FrontMatterCheck(self._path(file), self.config.theme.dirs)
        try:
            text = file.content_string
        except UnicodeDecodeError:
            check.error(None, "is not UTF-8 text")
            text = None
        meta = check.read(text, keys) if text is not None else None
        self.errors.extend(check.errors)
        self.warnings.extend(check.warnings)
        if meta is None or text is None:
            return None
        return _Source(file, number, slug, meta, body(text))

    # -- assembly -----------------------------------------------------------------------------

    def course(self, home: _Source, modules: list[_Module], provider: Provider) -> Course:
        dates = git_dates(self.config.docs_dir)

        def last_change(source: _Source, *listed: Page) -> dt.date | None:
            candidates = [source.meta.updated or dates.get(source.file.src_uri, (None, None))[1]]
            candidates += [page.updated for page in listed]
            return max(filter(None, candidates), default=None)

        built_modules: list[Module] = []
        previous: Lesson | None = None
        for source_module in modules:
            index = source_module.index
            assert index is not None  # a module without index.md is an error above
            module = Module(
                index.file.src_uri,
                index.file.url,
                index.meta,
                markdown=index.markdown,
                number=source_module.number,
            )
            for source in source_module.lessons:
                lesson = Lesson(
                    source.file.src_uri,
                    source.file.url,
                    source.meta,
                    markdown=source.markdown,
                    updated=last_change(source),
                    module=module,
                    number=source.number,
                    position=previous.position + 1 if previous else 1,
                    reading_minutes=reading_minutes(count_words(source.markdown)),
                    published=dates.get(source.file.src_uri, (None, None))[0],
                )
                if previous is not None:
                    previous.next = lesson
                module.lessons.append(lesson)
                previous = lesson
            module.updated = last_change(index, *module.lessons)
            built_modules.append(module)
        home_page = Page(
            home.file.src_uri,
            home.file.url,
            home.meta,
            markdown=home.markdown,
            updated=last_change(home, *built_modules),
        )
        return Course(provider=provider, home=home_page, modules=built_modules)


@dataclass
class _Module:
    folder: str  # its name in docs/, `01-introduction`
    number: int
    slug: str
    index: _Source | None
    lessons: list[_Source]

    @property
    def index_file(self) -> File | None:
        return self.index.file if self.index is not None else None


def body(text: str) -> str:
    """The Markdown after the front matter."""
    text = text.lstrip("\ufeff")
    match = YAML_RE.match(text)
    return text[match.end() :] if match else text


def count_words(markdown: str) -> int:
    """Words a reader reads: all but the fenced code blocks."""
    return len(WORD.findall(FENCED_BLOCK.sub(" ", markdown)))


def reading_minutes(words: int) -> int:
    """Minutes to read `words` at WORDS_PER_MINUTE, rounded up, never less than one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def git_dates(docs_dir: str) -> dict[str, tuple[dt.date, dt.date]]:
    """First and last commit date of every file under docs/ that git knows, keyed by src_uri.

    One `git log` for the whole build. Outside a git checkout, or without git, it is empty:
    pages then show the `updated` front matter only.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--relative", "--name-only", "--format=%x00%cs", "--", "*.md"],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    for commit in log.split("\0")[1:]:  # newest first
        day, *paths = commit.strip().splitlines()
        date = dt.date.fromisoformat(day)
        for path in filter(None, paths):
            last = dates[path][1] if path in dates else date
            dates[path] = (date, last)
    return dates


def some_of(names: Sequence[str], noun: str, *, shown: int = 3) -> str:
    """`a, b`, or `a, b, c and 497 other lessons`: output that does not grow with the course."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    rest = len(names) - shown
    return f"{', '.join(names[:shown])} and {rest} other {noun}{'' if rest == 1 else 's'}"


def _stem(file: File) -> str:
    return posixpath.splitext(posixpath.basename(file.src_uri))[0]


def _move(files: Files, file: File, path_without_suffix: str, *, draft: bool = False) -> File:
    """Swap `file` for a copy published at `path_without_suffix` (MkDocs' own URL style).

    A draft that is kept (only in `mkdocs serve`) gets MkDocs' DRAFT level: built with a
    DRAFT marker for the preview, never published.
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


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"{type(value).__name__} {value!r}"
