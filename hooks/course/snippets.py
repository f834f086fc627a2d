"""Code samples that lessons include from docs_src/ with pymdownx.snippets.

hooks/samples.py checks every include before a page is read; hooks/crawl.py writes the
Markdown copies with the included code in place of the include lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown as python_markdown
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError

EXTENSION = "pymdownx.snippets"
# An include line: --8<-- "path", --8<-- "path:section" or --8<-- "path:3:9".
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])(?P<target>[^"']+)\1\s*$""", re.MULTILINE)


def project_folder(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def bases(config: MkDocsConfig) -> list[Path]:
    """The folders includes are read from (`base_path`), absolute after hooks/samples.py."""
    return [Path(path) for path in config.mdx_configs[EXTENSION]["base_path"]]


def missing(markdown: str, config: MkDocsConfig) -> list[str]:
    """What the include lines of `markdown` name that does not exist."""
    if "8<" not in markdown:
        return []
    folders = bases(config)
    project = project_folder(config)
    problems = []
    for match in INCLUDE.finditer(markdown):
        path, _, section = match["target"].partition(":")
        found = next((base / path for base in folders if (base / path).is_file()), None)
        shown = (folders[0] / path).relative_to(project) if folders else Path(path)
        if found is None:
            problems.append(f"{shown.as_posix()} does not exist")
        elif section and not section.replace(":", "").isdigit():
            marker = f"[start:{section}]"
            if marker not in found.read_text(encoding="utf-8"):
                problems.append(f"{shown.as_posix()} has no section '{section}'")
    return problems


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
