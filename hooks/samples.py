"""Code samples: lessons include real files from docs_src/ with pymdownx.snippets.

A reference to a missing file or section stops the build with one line naming the lesson
and the path. The model's Markdown of each page gets the included code, so the Markdown
copies for agents (hooks/crawl.py) show the code, not the include lines. The samples
themselves are run by the tests in tests/samples/.
"""

from __future__ import annotations

import re
from pathlib import Path

import course
import markdown as python_markdown
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from pymdownx.snippets import SnippetMissingError

EXTENSION = "pymdownx.snippets"
# An include line: --8<-- "path", --8<-- "path:section" or --8<-- "path:3:9".
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])(?P<target>[^"']+)\1\s*$""", re.MULTILINE)


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Snippet folders are relative to mkdocs.yml, wherever `mkdocs` is started from."""
    settings = config.mdx_configs.get(EXTENSION)
    if settings is None:
        return None
    project = Path(config.config_file_path or ".").resolve().parent
    settings["base_path"] = [str(project / path) for path in settings.get("base_path", ["."])]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Check every include of every course page before any page is read."""
    if EXTENSION not in config.mdx_configs:
        return None
    loaded = course.current()
    bases = [Path(path) for path in config.mdx_configs[EXTENSION]["base_path"]]
    pages = (loaded.home, *loaded.modules, *loaded.lessons)
    problems = [
        f"{course.display_path(page.src_uri, config)}: snippet: {problem}"
        for page in pages
        for problem in missing(page.markdown, bases, config)
    ]
    if problems:
        raise PluginError("\n".join(problems))
    snippets = snippet_preprocessor(config)
    for page in pages:
        if "8<" in page.markdown:
            where = course.display_path(page.src_uri, config)
            page.markdown = expand(page.markdown, snippets, where)
    return None


def missing(markdown: str, bases: list[Path], config: MkDocsConfig) -> list[str]:
    """What the include lines of `markdown` name that does not exist."""
    if "8<" not in markdown:
        return []
    project = Path(config.config_file_path or ".").resolve().parent
    problems = []
    for match in INCLUDE.finditer(markdown):
        path, _, section = match["target"].partition(":")
        found = next((base / path for base in bases if (base / path).is_file()), None)
        shown = (bases[0] / path).relative_to(project) if bases else Path(path)
        if found is None:
            problems.append(f"{shown.as_posix()} does not exist")
        elif section and not section.replace(":", "").isdigit():
            marker = f"[start:{section}]"
            if marker not in found.read_text(encoding="utf-8"):
                problems.append(f"{shown.as_posix()} has no section '{section}'")
    return problems


def snippet_preprocessor(config: MkDocsConfig) -> Preprocessor:
    """pymdownx.snippets' own preprocessor, with the site's settings."""
    converter = python_markdown.Markdown(
        extensions=[EXTENSION], extension_configs={EXTENSION: config.mdx_configs[EXTENSION]}
    )
    return converter.preprocessors["snippet"]


def expand(markdown: str, snippets: Preprocessor, where: str) -> str:
    """The Markdown with every include replaced by what it includes, as the page shows it."""
    try:
        return "\n".join(snippets.run(markdown.split("\n")))
    except SnippetMissingError as error:
        raise PluginError(f"{where}: snippet: {error}") from None
