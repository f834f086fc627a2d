"""Runnable samples: the fenced Python samples whose whole source defines a FastAPI app, which
the reader's browser runs (assets/javascripts/run-*.js, in the runtime that
course/browser_runtime_files.py publishes).

A sample's whole source is, for an include (`--8<-- "path"`, or `"path:section"`), the whole
file as pymdownx.snippets includes it; for a fence written in the lesson, its code. It defines
an app when one of its top-level statements assigns `FastAPI(...)` (or `fastapi.FastAPI(...)`)
to a name. Its code block then carries two data attributes and nothing else (no word, no
button: the scripts add the button, so that without JavaScript there is none):
`data-course-run`, where the site serves the source (`assets/runnable/<its sha256, 16 hex
digits>.py`), and `data-course-run-name`, the file name the reader's editor and tracebacks
show. They go on the fence's opening line, in its attribute list, before pymdownx.snippets
runs, while the include line still names its file; superfences copies a fence's `data-*`
attributes onto its `div.highlight` (with attr_list). The line keeps its place, and the page
its words: the Markdown copies, search and print are as they were.

Every Python fence of a page is read once, as it converts, and the reading kept for the
conversion: a checked exercise takes its starter, its check and its model answer from it
(course/self_check_blocks.py). The sources a build publishes are kept on its state
(`RunnableSources`) and written into the site once it is built (hooks/runnable_samples.py):
a page `serve --dirty` renders again publishes its own again. Each included file is read and
parsed once per build.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.snippets import SnippetMissingError
from pymdownx.superfences import RE_NESTED_FENCE_START

from course import browser_runtime_files, build_cache, code_fences, snippets

PREPROCESSOR = "course-runnable-samples"
# Before course/self_check_blocks.py numbers the page's lines (33) and pymdownx.snippets puts
# the included files in (32): an include line still names its file.
PRIORITY = 34
# In the site.
PUBLISHED = "assets/runnable"
RUN = "data-course-run"
RUN_NAME = "data-course-run-name"
DIGITS = 16
# The names Pygments knows Python 3 by, as a fence's language.
PYTHON = frozenset({"python", "py", "python3", "py3"})
# The file name of a sample written in the lesson whose title names none: FastAPI's own
# (`fastapi dev main.py`).
UNNAMED = "main.py"
FILE_NAME = re.compile(r"[\w.-]+\.py\b")
TITLE = re.compile(r"""\btitle=(["'])(?P<title>.*?)\1""")
# What creates the app: `FastAPI(...)`, `fastapi.FastAPI(...)`.
APP_CLASS, APP_MODULE = "FastAPI", "fastapi"


@dataclass(frozen=True)
class PythonFence:
    """One fenced Python block of a page, as its conversion read it."""

    first: int  # its opening line, 1-based, in the page's body
    last: int  # its closing line
    source: str | None  # its whole source; None when what it includes cannot be read
    name: str  # the file name it runs as
    includes: tuple[str, ...] = ()  # what it includes, as written (`path`, `path:section`)
    app: bool = False  # whether its whole source defines a FastAPI app
    published: str | None = None  # where the site serves its source (a runnable sample's)


@dataclass
class PagePublished:
    """What one page's conversion published: whether it has a sample to run (the site then
    serves the runtime) and the sources, in order. The page cache (course/conversion_cache.py)
    keeps it with the page's conversion and replays it instead of converting again."""

    needed: bool = False
    sources: list[str] = field(default_factory=list)


@dataclass
class RunnableSources:
    """The build's (course/build_state.py): the sources it publishes, by their path in the
    site, and each included file's whole source and whether it defines an app, read once;
    what the page converting now publishes, while the page cache records it."""

    published: dict[str, str] = field(default_factory=dict)
    included: dict[str, tuple[str, bool] | None] = field(default_factory=dict)
    expander: Preprocessor | None = None
    recording: PagePublished | None = None

    def publish(self, source: str) -> str:
        """Where the site serves `source`, which the build now publishes."""
        path = published_path(source)
        self.published[path] = source
        if self.recording is not None:
            self.recording.sources.append(source)
        return path

    def need_runtime(self) -> None:
        """A page has a sample to run: the site must serve the runtime."""
        browser_runtime_files.needed()
        if self.recording is not None:
            self.recording.needed = True

    def record(self) -> None:
        """Keep what the page about to convert publishes, until `recorded`."""
        self.recording = PagePublished()

    def recorded(self) -> PagePublished:
        """What the page just converted published; recording stops."""
        found, self.recording = self.recording or PagePublished(), None
        return found

    def replay(self, published: PagePublished) -> None:
        """Publish what a page published when it converted, as its conversion would now."""
        if published.needed:
            self.need_runtime()
        for source in published.sources:
            self.publish(source)

    def whole_file(self, path: str, config: MkDocsConfig) -> tuple[str, bool] | None:
        """The whole file `path` (in the samples folder) as pymdownx.snippets includes it, and
        whether it defines an app; None when it cannot be read (hooks/samples.py says why)."""
        if path not in self.included:
            if self.expander is None:
                self.expander = snippets.expander(config)
            try:
                text = "\n".join(self.expander.run([f'--8<-- "{path}"']))
            except SnippetMissingError:
                self.included[path] = None
            else:
                self.included[path] = (text, defines_app(text))
        return self.included[path]


def published_path(source: str) -> str:
    """The path in the site of a published source: named by its content."""
    return f"{PUBLISHED}/{hashlib.sha256(source.encode()).hexdigest()[:DIGITS]}.py"


def defines_app(source: str) -> bool:
    """Whether a top-level statement of `source` assigns a new FastAPI app to a name."""
    # Without the class's name no statement names it, and parsing is most of the cost. Only
    # in ASCII: Python reads identifiers NFKC-normalized, so full-width letters name it too.
    if APP_CLASS not in source and source.isascii():
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # ValueError: a null character
        return False
    return any(creates_app(node) for node in tree.body)


def creates_app(node: ast.stmt) -> bool:
    value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
    if not isinstance(value, ast.Call):
        return False
    called = value.func
    if isinstance(called, ast.Name):
        return called.id == APP_CLASS
    return (
        isinstance(called, ast.Attribute)
        and called.attr == APP_CLASS
        and isinstance(called.value, ast.Name)
        and called.value.id == APP_MODULE
    )


def fence_parts(body: list[str]) -> list[tuple[str, bool]]:
    """A fence's body in order: each line of code, `(line, False)`, and each target it
    includes, `(target, True)`, in pymdownx.snippets' two ways as course/snippets.py reads
    them (an include line; a block of paths between two marker lines)."""
    parts: list[tuple[str, bool]] = []
    in_block = False
    for line in body:
        included = snippets.INCLUDE.match(line)
        if snippets.BLOCK_MARKER.match(line):
            in_block = not in_block
        elif included is not None:
            parts.append((included["target"], True))
        elif in_block:
            target = line.strip()
            if target and not target.startswith(";"):  # `;` comments a path out
                parts.append((target, True))
        else:
            parts.append((line, False))
    return parts


def file_of(target: str) -> str:
    """The file an include names: `path:section` and `path:3:9` run as their whole file."""
    return target.partition(":")[0]


def whole_source(
    body: list[str], whole_file: Callable[[str], tuple[str, bool] | None]
) -> tuple[str | None, tuple[str, ...], bool | None]:
    """A fence's whole source; what it includes; and whether it defines an app, when that is
    known already: a fence that includes one file and nothing else takes the file's reading,
    made once per build."""
    parts = fence_parts(body)
    targets = tuple(text for text, included in parts if included)
    texts = []
    for text, included in parts:
        found = whole_file(file_of(text)) if included else (text, None)
        if found is None:
            return None, targets, False
        texts.append(found)
    if not targets:
        return "\n".join(text for text, _ in texts) + "\n", (), None
    if len(texts) == 1:
        return texts[0][0], targets, texts[0][1]
    return "\n".join(text for text, _ in texts), targets, None


def run_name(targets: tuple[str, ...], opening: str) -> str:
    """The file name a sample runs as: its first include's, else the one its title names."""
    if targets:
        name = PurePosixPath(targets[0].partition(":")[0]).name
    else:
        title = TITLE.search(opening)
        found = FILE_NAME.search(title["title"]) if title else None
        name = found[0] if found else UNNAMED
    return name if '"' not in name else UNNAMED


def with_attributes(line: str, indent: str, attributes: str) -> str | None:
    """The fence's opening `line` with `attributes` in its attribute list, as superfences reads
    it (its options written as one), or None when superfences would not read its options."""
    opening = RE_NESTED_FENCE_START.match(line, len(indent))
    if opening is None or opening["unrecognized"] is not None:
        return None
    if opening["attrs"] is not None:
        at = opening.end("attrs")
        return f"{line[:at].rstrip()} {attributes}{line[at:]}"
    options = (opening["options"] or "").strip()
    head = line[: opening.end("lang") if opening["lang"] else opening.end("fence")]
    return f"{head} {{{options + ' ' if options else ''}{attributes}}}"


class RunnableSamples(Preprocessor):
    """Every Python fence of the page read, and each runnable sample's opening line given the
    attributes that point at its published source (`sources`: the build's; None outside a
    build, where the fences are read and nothing is marked)."""

    def __init__(
        self, md: Markdown, config: MkDocsConfig | None, sources: RunnableSources | None
    ) -> None:
        super().__init__(md)
        self.config = config
        self.sources = sources
        self.fences: list[PythonFence] = []

    def run(self, lines: list[str]) -> list[str]:
        self.fences = []
        for fence in code_fences.fences(lines):
            if fence.info.lower() not in PYTHON or fence.last >= len(lines):
                continue
            opening = code_fences.OPENING.match(lines[fence.first])
            assert opening is not None  # a fence opens with it
            indent = opening["indent"]
            body = [line.removeprefix(indent) for line in lines[fence.first + 1 : fence.last]]
            source, targets, app = whole_source(body, self.whole_file)
            if app is None and source is not None:
                app = defines_app(source)
            found = PythonFence(
                fence.first + 1,
                fence.last + 1,
                source,
                run_name(targets, lines[fence.first]),
                targets,
                bool(app),
            )
            if found.app and source is not None:
                found = self.marked(found, source, lines, fence.first, indent)
            self.fences.append(found)
        return lines

    def whole_file(self, path: str) -> tuple[str, bool] | None:
        if self.sources is None or self.config is None:
            return None
        return self.sources.whole_file(path, self.config)

    def publishing(self) -> RunnableSources | None:
        """Where this build keeps the sources it publishes; None when it publishes none:
        outside a build, or without the runtime that would run them (`serve` says so)."""
        if self.sources is None:
            return None
        self.sources.need_runtime()
        return self.sources if browser_runtime_files.runs_in_browser() else None

    def marked(
        self, found: PythonFence, source: str, lines: list[str], index: int, indent: str
    ) -> PythonFence:
        """`found`, published and its opening line marked, when the build runs samples."""
        sources = self.publishing()
        if sources is None:
            return found
        path = published_path(source)
        attributes = f'{RUN}="{path}" {RUN_NAME}="{found.name}"'
        marked = with_attributes(lines[index], indent, attributes)
        if marked is None:
            return found
        lines[index] = marked
        sources.publish(source)
        return replace(found, published=path)


class RunnableSamplesExtension(Extension):
    """The runnable samples of each page marked, and their sources kept in `sources`."""

    def __init__(self, config: MkDocsConfig | None, sources: RunnableSources | None) -> None:
        super().__init__()
        self.config = config
        self.sources = sources

    def extendMarkdown(self, md: Markdown) -> None:
        register(md, self.config, self.sources)


def register(md: Markdown, config: MkDocsConfig | None, sources: RunnableSources | None) -> None:
    md.preprocessors.register(RunnableSamples(md, config, sources), PREPROCESSOR, PRIORITY)


def reader_of(md: Markdown) -> RunnableSamples | None:
    """What reads the Python fences of the pages `md` converts, if it reads them."""
    for reader in md.preprocessors:
        if isinstance(reader, RunnableSamples):
            return reader
    return None


def python_fences(md: Markdown) -> list[PythonFence]:
    """The Python fences of the page `md` converts now, as it read them."""
    reader = reader_of(md)
    return reader.fences if reader is not None else []


def publish(md: Markdown, source: str) -> str | None:
    """Where the site serves `source`, the code of a page that `md` converts now (a checked
    exercise's check); None when the build publishes none."""
    reader = reader_of(md)
    sources = reader.publishing() if reader is not None else None
    return sources.publish(source) if sources is not None else None


def write(sources: RunnableSources, site: Path) -> None:
    """The build's published sources into the site, each file written only when it changed
    (`serve --dirty` keeps the last build's)."""
    for path, source in sources.published.items():
        destination = site / path
        content = source.encode()
        if not destination.is_file() or destination.read_bytes() != content:
            build_cache.write_aside(destination, content)
