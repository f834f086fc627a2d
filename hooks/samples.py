"""Code samples: lessons include real files from docs_src/ with pymdownx.snippets.

Events: on_config: snippet folders relative to mkdocs.yml; on_files: every include of every
course page checked before any page is read (needs the course, read in on_files by
hooks/lessons.py). An include that names a missing file or section, a file outside
docs_src/ (an absolute path, `..`, a symbolic link, the web) or a file that is not text
(another encoding, binary data) stops the build with one line naming the page and the path.
The samples themselves are run by the tests in tests/samples/.
"""

from __future__ import annotations

from course import build_state, snippets
from course.layout import display_path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Snippet folders are relative to mkdocs.yml, wherever `mkdocs` is started from."""
    settings = config.mdx_configs.get(snippets.EXTENSION)
    if settings is None:
        return None
    project = snippets.project_folder(config)
    settings["base_path"] = [str(project / path) for path in settings.get("base_path", ["."])]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if snippets.EXTENSION not in config.mdx_configs:
        return None
    checked: dict[str, str | None] = {}
    problems = [
        problem
        # A page with mistakes of its own (`serve`) says them, includes' too, and shows them.
        for page in build_state.course().pages
        if not page.mistakes
        for problem in snippets.page_problems(
            display_path(page.src_uri, config), page.markdown, config, checked
        )
    ]
    if problems:
        raise PluginError("\n".join(problems))
    return None
