"""Diagrams in every medium: search finds a diagram by its accessible name and description,
never by its Mermaid source; a reader without JavaScript reads them instead of the source.

Events: on_config: mermaid2's fence (the superfences fence named `mermaid`) is wrapped, so
that each diagram is written through overrides/partials/course/diagram.html; on_pre_build:
that template is loaded from the theme, for this build only (pages are converted before
MkDocs makes its own template environment, on_env). Needs nothing before it.

assets/javascripts/diagrams.js draws the diagrams, for the screen and for print.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from course import build_state, mermaid_source
from jinja2 import Template
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

SUPERFENCES = "pymdownx.superfences"
TEMPLATE = "partials/course/diagram.html"


@dataclass
class DiagramTemplate:
    """The diagram template of the build in progress."""

    template: Template | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    for fence in config.mdx_configs.get(SUPERFENCES, {}).get("custom_fences", []):
        if fence.get("name") == "mermaid" and not getattr(fence["format"], "course", False):
            fence["format"] = wrapped(fence["format"])
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    template = config.theme.get_env().get_template(TEMPLATE)
    build_state.part(DiagramTemplate).template = template


@functools.cache  # one wrapper for mermaid2's function, whichever build asks
def wrapped(mermaid2_format: Callable[..., str]) -> Callable[..., str]:
    """mermaid2's fence format, its div written into the course's diagram template."""

    @functools.wraps(mermaid2_format)
    def format_diagram(source: str, *args: Any, **kwargs: Any) -> str:
        # mermaid2 writes the source into its div as it is: an `<img>` or a `<br>` in a label
        # would be an element of the page (fetched, audited, lost from the text). Escaped, it
        # is text: what Mermaid reads back (it decodes the div's HTML) and the div's text.
        html = mermaid2_format(escape(source, quote=False), *args, **kwargs)
        build = build_state.active()
        template = build.part(DiagramTemplate).template if build is not None else None
        if template is None:  # Markdown converted outside a build
            return html
        title, description = mermaid_source.accessible_text(source)
        return template.render(mermaid=Markup(html), title=title, description=description)

    format_diagram.course = True  # type: ignore[attr-defined]
    return format_diagram
