"""The reader's words, in the language of `theme.language` (course/words.py, languages/).

Events: on_config: a warning when the course has no table for the language (the pages
would mix Material's words in that language with the course's in English); on_env: the
`words` global of every template, the 404 page's included. Needs nothing before it.
"""

from __future__ import annotations

from course import words
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger("words")


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    problem = words.missing_language(words.language_of(config))
    if problem is not None:
        log.warning(f"mkdocs.yml: {problem}")
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    env.globals["words"] = words.for_config(config)
    return env
