"""Code samples that lessons include from docs_src/ with pymdownx.snippets.

hooks/samples.py checks every include before a page is read; hooks/crawl.py writes the
Markdown copies with the included code in place of the include lines.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

import markdown as python_markdown
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError

from course.rules import one_line

EXTENSION = "pymdownx.snippets"
# pymdownx.snippets' two ways to include, as its documentation gives them: a line
# --8<-- "path", "path:section" or "path:3:9"; or a block of paths, one a line, between two
# --8<-- lines. A line that starts with `;` is escaped: shown, not included.
INCLUDE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(["'])(?P<target>[^"'\n]+)\1[ \t]*$""", re.MULTILINE)
BLOCK_MARKER = re.compile(r"^[ \t]*-+8<-+[ \t]*$")
WEB = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
DEFAULT_ENCODING = "utf-8"  # pymdownx.snippets' own default
# What text files hold besides printable characters: tab, line and page breaks. Anything else
# from C0, and DEL, marks binary data.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
NOT_TEXT = "{path} is not {encoding} text (byte {byte} cannot be read): include only text files"
BINARY = "{path}: line {line}: holds the control character {character}: include only text files"


def project_folder(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def bases(config: MkDocsConfig) -> list[Path]:
    """The folders includes are read from (`base_path`), absolute after hooks/samples.py."""
    return [Path(path) for path in config.mdx_configs[EXTENSION]["base_path"]]


def includes(markdown: str) -> list[str]:
    """Every include target of `markdown`: `path`, `path:section` or `path:3:9`."""
    if "8<" not in markdown:
        return []
    found = [match["target"] for match in INCLUDE.finditer(markdown)]
    in_block = False
    for line in markdown.split("\n"):
        if BLOCK_MARKER.match(line):
            in_block = not in_block
        elif in_block and line.strip() and not line.lstrip().startswith(";"):
            found.append(line.strip())
    return found


def problems(
    markdown: str, config: MkDocsConfig, checked: dict[str, str | None] | None = None
) -> list[str]:
    """What is wrong with the includes of `markdown`, one line each. `checked` keeps what
    was found of each include across the pages of one build: lessons include the same
    files, and reading each once is what the check costs."""
    checked = {} if checked is None else checked
    found = []
    for target in includes(markdown):
        if target not in checked:
            checked[target] = problem(target, config)
        if checked[target] is not None:
            found.append(checked[target])
    return found


def page_problems(
    where: str, markdown: str, config: MkDocsConfig, checked: dict[str, str | None]
) -> list[str]:
    """What is wrong with the includes of the page at `where` (its shown path), a line each."""
    return [one_line(f"{where}: snippet: {found}") for found in problems(markdown, config, checked)]


def problem(target: str, config: MkDocsConfig) -> str | None:
    """What is wrong with one include, `path`, `path:section` or an address, or None."""
    folders = bases(config)
    shown_base = os.path.relpath(folders[0], project_folder(config)) if folders else "."
    encoding = config.mdx_configs[EXTENSION].get("encoding", DEFAULT_ENCODING)
    path, _, section = ("", "", "") if WEB.match(target) else target.partition(":")
    found = outside(target if WEB.match(target) else path, folders, shown_base)
    return found or unreadable(path, section, folders, shown_base, encoding)


def outside(path: str, folders: list[Path], shown_base: str) -> str | None:
    """Why `path` does not name a file inside the samples folder, or None when it does."""
    relative = PurePosixPath(path.replace("\\", "/"))
    if WEB.match(path):
        return f"{path}: include files from {shown_base}/, not from the web"
    if relative.is_absolute() or PureWindowsPath(path).drive:
        return f"{path}: name a file inside {shown_base}/ by its path there, not an absolute path"
    if ".." in relative.parts:
        return f"{path}: goes outside {shown_base}/; include only files inside it"
    for base in folders:
        for depth in range(1, len(relative.parts) + 1):
            if (base / Path(*relative.parts[:depth])).is_symlink():
                link = "/".join(relative.parts[:depth])
                return f"{shown_base}/{link} is a symbolic link: include the file itself"
    return None


def unreadable(
    path: str, section: str, folders: list[Path], shown_base: str, encoding: str
) -> str | None:
    """Why the file or section that `path:section` names cannot be included as text, or None.

    pymdownx.snippets reads the file in `encoding` and stops with a traceback when it cannot;
    a file that decodes but holds control characters is binary data, which no page shows.
    """
    shown = f"{shown_base}/{path}"
    found = next((base / path for base in folders if (base / path).is_file()), None)
    if found is None:
        return f"{shown} does not exist"
    try:
        text = found.read_bytes().decode(encoding)
    except UnicodeDecodeError as error:
        return NOT_TEXT.format(path=shown, encoding=encoding.upper(), byte=error.start + 1)
    control = CONTROL_CHARACTER.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        return BINARY.format(path=shown, line=line, character=one_line(control[0]))
    named = section and not section.replace(":", "").isdigit()
    if named and f"[start:{section}]" not in text:
        return f"{shown} has no section '{section}'"
    return None


def expander(config: MkDocsConfig) -> Preprocessor:
    """pymdownx.snippets' own preprocessor, with the site's settings."""
    converter = python_markdown.Markdown(
        extensions=[EXTENSION], extension_configs={EXTENSION: config.mdx_configs[EXTENSION]}
    )
    return converter.preprocessors["snippet"]


def expand(markdown: str, snippets: Preprocessor, where: str) -> str:
    """The Markdown with every include replaced by what it includes, as the page shows it."""
    if "8<" not in markdown:
        return markdown
    try:
        return "\n".join(snippets.run(markdown.split("\n")))
    except SnippetMissingError as error:
        raise PluginError(f"{where}: snippet: {error}") from None
