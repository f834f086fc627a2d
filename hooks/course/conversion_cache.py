"""The page cache: each page's conversion (Python-Markdown's HTML and table of contents, and
what converting left on the build) kept in `.cache/pages.sqlite3`, under a digest of everything
it depends on, so that a build, a `serve` restart or a CI run with the cache converts only
the pages that changed. Converting is about half of a build (hooks/page_cache.py).

What a page's conversion depends on, all of it in its key (`page_key`, `shared_key`):

- the page: its Markdown as Python-Markdown gets it (after every hook's on_page_markdown),
  its source path, destination and URL, its inclusion, and how many lines its front matter
  takes (a self-check's warning names its line in the file);
- the samples it includes from docs_src/ (pymdownx.snippets), each file by its content, and
  what those include in turn;
- what converting reads of the course model: the page's URL and whether it is a lesson
  (course/self_check_blocks.py), and whether this build runs samples in the browser
  (course/runnable_sources.py). Nothing else of the model: a lesson retitled is converted
  again, the pages that list it are not;
- the build: the Markdown extensions and their settings, the link validation,
  `use_directory_urls`, the language and its reader's words, the templates of the theme's
  custom folder (a diagram is written through one), the level MkDocs logs at; the versions
  of Python, Python-Markdown, pymdown-extensions, MkDocs, Material, Pygments, mermaid2,
  Jinja and MarkupSafe, and the course's own code.

Links resolve, and warn, against the build's list of files: a kept conversion also holds
each path its links looked up and what they found (`_LookedUp`), and is taken only when
every one of them finds the same now. A lesson added is converted; the pages that link to
a lesson renamed or deleted are converted again; no other page is.

A kept conversion (`Converted`) gives back what Page.render sets
(course/upstream_internals.py), the lines logged while the page converted (logged again, so
a strict build fails the same), and what converting left on the build, each feature with
its own record and replay: the page's self-checks (course/self_check_parse.py), the sources
its runnable samples publish (course/runnable_sources.py) and its SEO audit
(course/content_audit.py). A conversion that found a mistake of its page, or logged an
error, is not kept: the build says it every time.

How a conversion is skipped: MkDocs converts a page with `page.render(config, files)`
between its on_page_markdown and on_page_content events. The hook's on_page_markdown, last
of every hook's, gives the page a `render` of its own (`upstream_internals.render_instead`),
which an instance's attribute is, before the class's method; it takes itself off the page
when called, and gives the page its kept conversion or converts it with Page.render itself,
keeping what it leaves. `upstream_internals.check` stops a build when MkDocs converts pages
another way.

The entries are rows of one SQLite file, `.cache/pages.sqlite3` (`Store`), each under its
key: a cold build creates one file instead of one per page, and creating a file costs about
a millisecond while a build writes its site (course/build_cache.py). Each entry is
committed whole as it is written (SQLite's write-ahead log, so that the conversion helper,
course/conversion_helper.py, writes while the build reads), so a stopped build leaves only
whole entries; an entry or a file that cannot be read is converted again (and the file
made anew). A build that went through every page removes the entries it did not use; a
dirty `serve` build, which converts a few pages, leaves them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import pickle
import platform
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from markdown import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import course
from course import build_cache, build_state, reader_words, snippets, upstream_internals
from course.browser_runtime_files import runs_in_browser
from course.content_audit import AuditRecord, ContentAuditExtension
from course.layout import display_path
from course.lesson_body import line_offset
from course.model import Lesson
from course.page_mistakes import PageMistakes
from course.runnable_sources import PagePublished, RunnableSources
from course.self_check_parse import PageSelfChecks, SelfCheckParse

# In .cache/, beside mkdocs.yml.
STORE = "pages.sqlite3"
# Seconds a build waits for another process's transaction: only one build of a project
# writes at a time (hooks/build_lock.py), with its helper (course/conversion_helper.py).
STORE_TIMEOUT = 60
# What SQLite says of a file that is not a database, or a damaged one: it is made anew.
DAMAGED = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})
# The files SQLite keeps beside a database.
SQLITE_FILES = ("-wal", "-shm", "-journal")
# The entry's own shape: a new one makes every key new.
FORMAT = "1"
# The packages whose code converts a page, by their distribution names.
PACKAGES = (
    "markdown",
    "pymdown-extensions",
    "mkdocs",
    "mkdocs-material",
    "pygments",
    "mkdocs-mermaid2-plugin",
    # A diagram is written through a Jinja template as its page converts (hooks/diagrams.py).
    "jinja2",
    "markupsafe",
)
# Where a page's conversion logs: MkDocs' loggers, which a command line's MkDocs keeps to
# itself, and every other, whose lines reach the root.
LOGGERS = ("mkdocs", "")
# The logger Page.render decides by whether to keep the links to anchors.
PAGES_LOGGER = "mkdocs.structure.pages"


# What a link found when it looked a path up among the build's files: the file's source
# path, destination, URL and inclusion; None for no file.
FileSeen = tuple[str, str, str, str] | None


@dataclass(frozen=True)
class Converted:
    """What converting a page left: what Page.render sets, the lines logged meanwhile, and
    what the features kept of it on the build."""

    content: str
    toc: list[upstream_internals.TocToken]
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the source path linked to
    logged: tuple[tuple[str, int, str], ...]  # logger, level, message
    looked_up: tuple[tuple[str, FileSeen], ...]  # each path its links resolved, and to what
    self_checks: PageSelfChecks | None
    audit: AuditRecord | None
    published: PagePublished


class Store:
    """The kept conversions: a row per entry, its key and its pickled `Converted`, each
    committed as it is written."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    @classmethod
    def opened(cls, path: Path) -> Store | None:
        """The store at `path`, made (anew, where the file is not one) if need be; None when
        it cannot be opened now: the build then converts every page and keeps none."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls(connected(path))
        except sqlite3.DatabaseError as error:
            if error.sqlite_errorname not in DAMAGED:  # busy, read-only, out of space...
                return None
        for part in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_FILES)):
            part.unlink(missing_ok=True)
        try:
            return cls(connected(path))
        except sqlite3.DatabaseError:
            return None

    def get(self, key: str) -> bytes | None:
        try:
            row = self.connection.execute(
                "SELECT entry FROM entries WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.DatabaseError:  # damaged past its first page: converted again
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def put(self, key: str, entry: bytes) -> None:
        # Damaged: not kept, the page converts next time too.
        with suppress(sqlite3.DatabaseError):
            self.connection.execute(
                "INSERT OR REPLACE INTO entries (key, entry) VALUES (?, ?)", (key, entry)
            )

    def keys(self) -> set[str]:
        return {key for (key,) in self.connection.execute("SELECT key FROM entries")}

    def keep_only(self, keys: set[str]) -> None:
        with suppress(sqlite3.DatabaseError):
            self.connection.execute("BEGIN")
            self.connection.executemany(
                "DELETE FROM entries WHERE key = ?", ((key,) for key in self.keys() - keys)
            )
            self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()


def connected(path: Path) -> sqlite3.Connection:
    # A `serve` build may end (on_shutdown) in another thread than the one it ran in.
    connection = sqlite3.connect(
        path, timeout=STORE_TIMEOUT, check_same_thread=False, isolation_level=None
    )
    try:
        # Readers and a writer at once; a commit writes the log, without waiting for the
        # disk (a power cut may lose the last entries, never damage one).
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, entry BLOB NOT NULL)"
        )
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def make_store(config: MkDocsConfig) -> None:
    """The store made, if need be, and closed: before the conversion helper forks, so that
    the two processes never make it at once (SQLite does not wait for a change of its
    journal, and the loser would take the file for a damaged one)."""
    store = Store.opened(build_cache.folder(config, STORE))
    if store is not None:
        store.close()


@dataclass
class PageCache:
    """The build's: the part of every key that the build sets, each sample file's digest,
    the pages converted or given their kept conversion, and the keys of the entries used."""

    shared: str | None = None
    store: Store | None = None  # None: none could be opened, or none opened yet
    samples: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    files: Files | None = None
    rendered: set[str] = field(default_factory=set)
    converted: int = 0
    used: set[str] = field(default_factory=set)


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Give `page` its kept conversion, or convert it and keep what converting left (called
    by MkDocs as `page.render`: upstream_internals.render_instead)."""
    upstream_internals.rendered_as_usual(page)
    cache = build_state.part(PageCache)
    if cache.files is None:
        cache.shared = shared_key(config)
        cache.store = opened_store(config)
        cache.files = files
    store = cache.store
    markdown = page.markdown or ""
    key = page_key(page, markdown, config, cache)
    cache.rendered.add(page.file.src_uri)
    kept = load(store.get(key)) if store is not None else None
    if kept is not None and links_resolve_alike(kept, files):
        give_back(kept, page, markdown, config, files)
        cache.used.add(key)
        return
    cache.converted += 1
    converted = convert(page, markdown, config, files)
    if converted is not None and store is not None:
        store.put(key, pickle.dumps(converted, pickle.HIGHEST_PROTOCOL))
        cache.used.add(key)


def opened_store(config: MkDocsConfig) -> Store | None:
    """The store, open until the build ends."""
    store = Store.opened(build_cache.folder(config, STORE))
    if store is not None:
        build_state.current().at_end(store.close)
    return store


def load(entry: bytes | None) -> Converted | None:
    """The kept conversion in `entry`; None when there is none, or none that can be read."""
    if entry is None:
        return None
    try:
        kept = pickle.loads(entry)
    # Whatever a damaged or foreign entry makes unpickling raise: converted again.
    except Exception:
        return None
    return kept if isinstance(kept, Converted) else None


def links_resolve_alike(kept: Converted, files: Files) -> bool:
    """Whether every path the page's links looked up finds what it found then."""
    return all(seen(files.get_file_from_path(path)) == found for path, found in kept.looked_up)


def seen(file: File | None) -> FileSeen:
    if file is None:
        return None
    return (file.src_uri, file.dest_uri, file.url, file.inclusion.name)


class _LookedUp:
    """The build's files as a page's conversion sees them: each path it looks up is kept with
    what it found (MkDocs' link processor looks files up, and reads nothing else of them)."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.found: dict[str, FileSeen] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = self.files.get_file_from_path(path)
        self.found[path] = seen(found)
        return found

    def __getattr__(self, name: str) -> object:
        return getattr(self.files, name)


def convert(page: Page, markdown: str, config: MkDocsConfig, files: Files) -> Converted | None:
    """Convert `page` with Page.render itself; what it left, or None when it must not be kept
    (a mistake of the page, an error logged)."""
    sources = build_state.part(RunnableSources)
    mistakes = build_state.part(PageMistakes)
    found_before = len(mistakes.found)
    sources.record()
    looked_up = _LookedUp(files)
    try:
        with logged() as lines:
            Page.render(page, config, cast(Files, looked_up))
    finally:
        published = sources.recorded()
    audit = audit_extension(config)
    audited = audit.record(markdown) if audit is not None else None
    entry = build_state.course().page(page.file.src_uri)
    if (
        mistakes.in_page
        or len(mistakes.found) > found_before
        or (entry is not None and entry.mistakes)
        or (audited is not None and audited.unsafe_addresses)
        or any(level >= logging.ERROR for _, level, _ in lines)
    ):
        return None
    links = page.links_to_anchors
    return Converted(
        page.content or "",
        upstream_internals.toc_tokens(page),
        upstream_internals.title_from_render(page),
        set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
        tuple(lines),
        tuple(looked_up.found.items()),
        build_state.part(SelfCheckParse).pages.get(page.file.src_uri),
        audited,
        published,
    )


def give_back(
    kept: Converted, page: Page, markdown: str, config: MkDocsConfig, files: Files
) -> None:
    """Everything converting `page` would leave, from its kept conversion."""
    links = None
    if kept.links_to_anchors is not None:
        links = {
            target: dict(anchors)
            for src_uri, anchors in kept.links_to_anchors.items()
            if (target := files.get_file_from_path(src_uri)) is not None
        }
    anchors = set(kept.anchors) if kept.anchors is not None else None
    upstream_internals.give_rendered(page, kept.content, kept.toc, kept.title, anchors, links)
    parse = build_state.part(SelfCheckParse)
    if kept.self_checks is not None:
        parse.pages[page.file.src_uri] = kept.self_checks
    parse.rendering = None  # as its conversion leaves it
    build_state.part(RunnableSources).replay(kept.published)
    audit = audit_extension(config)
    if audit is not None:
        audit.replay(markdown, kept.audit)
    for logger, level, message in kept.logged:
        logging.getLogger(logger).log(level, message)


def audit_extension(config: MkDocsConfig) -> ContentAuditExtension | None:
    """The SEO audit's Markdown extension among the build's (hooks/seo_check.py adds it)."""
    return next(
        (found for found in config.markdown_extensions if isinstance(found, ContentAuditExtension)),
        None,
    )


class _Lines(logging.Handler):
    """The lines logged by this thread while a page converts (not by `serve`'s server)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.thread = threading.get_ident()
        self.kept: list[tuple[str, int, str]] = []
        self.last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # Under pytest MkDocs' loggers pass their lines on to the root's too: kept once.
        if record is self.last or record.thread not in (self.thread, None):
            return
        self.last = record
        self.kept.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def logged() -> Iterator[list[tuple[str, int, str]]]:
    handler = _Lines()
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        yield handler.kept
    finally:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(handler)


# -- the key ---------------------------------------------------------------------------------


def page_key(page: Page, markdown: str, config: MkDocsConfig, cache: PageCache) -> str:
    """The digest of everything converting `page` depends on (see the module's docstring)."""
    file = page.file
    entry = build_state.course().page(file.src_uri)
    digest = hashlib.sha256(markdown.encode())
    for part in (
        cache.shared or "",
        file.src_uri,
        file.dest_uri,
        page.url,
        file.inclusion.name,
        display_path(file.src_uri, config),
        entry.url if entry is not None else page.url,
        str(isinstance(entry, Lesson)),
        str(line_offset(file.content_string, markdown)),
        *samples_included(markdown, config, cache.samples),
    ):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def samples_included(
    markdown: str, config: MkDocsConfig, read: dict[str, tuple[str, tuple[str, ...]]]
) -> list[str]:
    """Each file `markdown` includes, and each that those include, with its content's digest
    (`read`: the build's, each file read once)."""
    settings = config.mdx_configs.get(snippets.EXTENSION)
    if settings is None:
        return []
    digests: dict[str, str] = {}
    waiting = [*map(file_of, snippets.includes(markdown)), *settings.get("auto_append", [])]
    while waiting:
        path = waiting.pop()
        if path in digests:
            continue
        if path not in read:
            read[path] = sample(path, config)
        digests[path], nested = read[path]
        waiting += nested
    return [f"{path}\0{digest}" for path, digest in sorted(digests.items())]


def file_of(target: str) -> str:
    """The file an include names: `path:section` and `path:3:9` are parts of `path`."""
    return target.partition(":")[0]


def sample(path: str, config: MkDocsConfig) -> tuple[str, tuple[str, ...]]:
    """The digest of the sample file `path` and the files it includes; `missing` for a file
    that no samples folder has (hooks/samples.py stops a build on it)."""
    found = next((base / path for base in snippets.bases(config) if (base / path).is_file()), None)
    if found is None:
        return "missing", ()
    content = found.read_bytes()
    nested = snippets.includes(content.decode("utf-8", errors="replace"))
    return hashlib.sha256(content).hexdigest(), tuple(map(file_of, nested))


def shared_key(config: MkDocsConfig) -> str:
    """The digest of what converting any page of this build depends on."""
    digest = hashlib.sha256(FORMAT.encode())
    for part in (
        versions(),
        code_digest(config),
        described(config.markdown_extensions),
        # The snippets' folders, absolute (hooks/samples.py), as the project's: a cache goes
        # on serving a copy of the project, or its checkout in another folder.
        described(config.mdx_configs).replace(str(snippets.project_folder(config)), "."),
        described(config.validation),
        str(config.use_directory_urls),
        words_described(config),
        templates_digest(config),
        str(logging.getLogger(PAGES_LOGGER).getEffectiveLevel()),
        str(logging.getLogger().getEffectiveLevel()),
        str(runs_in_browser()),
    ):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


@functools.cache  # the packages this process loaded, whatever is installed later
def versions() -> str:
    found = [f"python {platform.python_version()}"]
    found += [f"{package} {importlib.metadata.version(package)}" for package in PACKAGES]
    return "\n".join(found)


def code_digest(config: MkDocsConfig) -> str:
    """The course's code as this build runs it: its modules (hooks/course/), read when this
    process loaded them, and the hooks, which MkDocs loads again for each build."""
    hooks = sorted(Path(module.__file__ or "") for module in config.hooks.values())
    return course_code() + files_digest(hooks)


@functools.cache
def course_code() -> str:
    """The digest of the course's modules, read once, as the process loads them (below):
    `serve` never loads them again, however they change on disk, and a build must not keep
    what old code converted under the new code's digest."""
    return files_digest(sorted(Path(course.__file__).resolve().parent.glob("*.py")))


def templates_digest(config: MkDocsConfig) -> str:
    """The templates of the theme's custom folder (overrides/): a diagram is written through
    one of them as its page converts (hooks/diagrams.py)."""
    custom = config.theme.custom_dir
    if not custom:
        return ""
    folder = Path(custom)
    return files_digest(sorted(path for path in folder.rglob("*") if path.is_file()), folder)


def files_digest(paths: list[Path], folder: Path | None = None) -> str:
    """The digest of the files' names (their paths in `folder`) and contents."""
    digest = hashlib.sha256()
    for path in paths:
        name = path.relative_to(folder).as_posix() if folder is not None else path.name
        digest.update(f"{name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def words_described(config: MkDocsConfig) -> str:
    """The reader's words the self-checks are written in (hooks/self_checks.py)."""
    words = reader_words.for_config(config)
    return described([words.language, words.source, words.table])


def described(value: object) -> str:
    """`value` in words that are the same in every process: settings in any order, a
    function by its qualified name, an extension by its class and its settings."""
    if isinstance(value, Mapping):  # MkDocs' own settings are mappings too
        items = sorted((described(key), described(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(described, value)) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(map(described, value))) + "}"
    if isinstance(value, str | int | float | bool | type(None)):
        return repr(value)
    if isinstance(value, Extension):
        # Its settings as Python-Markdown keeps them (a block extension's may be None); an
        # extension that names other things `config` (MkDocs' settings, which the key
        # holds) by its class.
        settings = value.config if isinstance(value.config, dict) else {}
        return f"{qualified_name(type(value))}({described(settings)})"
    if isinstance(value, functools.partial):
        return f"{described(value.func)}({described([value.args, value.keywords])})"
    if callable(value) and hasattr(value, "__qualname__"):
        return qualified_name(value)
    shown = repr(value)
    # An object whose repr is its address says nothing that lasts: its class does.
    return qualified_name(type(value)) if " at 0x" in shown else shown


def qualified_name(value: object) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"


# -- the end of a build ----------------------------------------------------------------------


def finish(*, helped: int | None = None) -> str | None:
    """Once every page is converted: the entries the build did not use removed, when it went
    through every page; the line that says how many pages were converted, and how many the
    helper converted meanwhile (None: no page)."""
    cache = build_state.part(PageCache)
    if cache.files is None:
        return None
    pages = [
        file.src_uri
        for file in cache.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if file.page is not None
    ]
    if cache.store is not None and all(src_uri in cache.rendered for src_uri in pages):
        cache.store.keep_only(cache.used)
    kept = len(cache.rendered) - cache.converted
    line = f"{cache.converted} converted, {kept} from the cache ({build_cache.CACHE}/{STORE})"
    if helped is None:
        return line
    return f"{line}; meanwhile a second process converted {helped} pages into the cache"


course_code()  # now, as the course's modules are loaded with this one
