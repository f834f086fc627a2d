"""The reader's words, in the language of `theme.language` (course/words.py, languages/).

Events: on_config: the tables read again; a warning when the course has no table for the
language (the pages would mix Material's words in that language with the course's in
English); the palette toggle's labels in the language, unless mkdocs.yml gives them;
on_env: the `words` global of every template, the 404 page's included. Needs nothing
before it.
"""

from __future__ import annotations

from course import words
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger("words")


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # The tables are read again for each build: `serve` shows an edited table at once.
    words.for_language.cache_clear()
    problem = words.missing_language(words.language_of(config))
    if problem is not None:
        log.warning(f"mkdocs.yml: {problem}")
    name_palette_toggles(config.theme.get("palette"), words.for_config(config))
    return None


def name_palette_toggles(palette: object, language: words.Words) -> None:
    """Each scheme's toggle switches to the next scheme: its label says which."""
    if not isinstance(palette, list):
        return
    for scheme, following in zip(palette, palette[1:] + palette[:1], strict=True):
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and not toggle.get("name"):
            target = following.get("scheme") if isinstance(following, dict) else None
            key = {"slate": "palette.to_dark", "default": "palette.to_light"}.get(target)
            toggle["name"] = language.text(key or "palette.switch")


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    env.globals["words"] = words.for_config(config)
    return env
