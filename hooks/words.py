"""The reader's words, in the language of `theme.language` (course/reader_words.py, languages/).

Events: on_config: the tables read again and the language's checked against en.yml; the
build stops, one line per mistake, when the course or Material has no table for the language
(a page would mix Material's words in that language with the course's in another, under a
`lang` that claims one language for both) or the course's table breaks en.yml's rules (a
translator's mistake said once, before any page asks for the word); the palette toggle's
labels in the language, unless mkdocs.yml gives them (priority 50: before Material's search
plugin, which stops with a traceback on a language Material lacks);
on_env: the `words` global of every template, the 404 page's included. Needs nothing
before it.
"""

from __future__ import annotations

from course import feature_order, reader_words
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


@event_priority(feature_order.priority("words", "on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # The tables are read again for each build: `serve` shows an edited table at once.
    reader_words.for_language.cache_clear()
    # A PluginError when the course has no table for it, or its table has mistakes.
    language = reader_words.for_config(config)
    problem = reader_words.missing_theme_language(language.language, config.theme.dirs)
    if problem is not None:
        raise PluginError(f"mkdocs.yml: {problem}")
    name_palette_toggles(config.theme.get("palette"), language)
    return None


def name_palette_toggles(palette: object, language: reader_words.Words) -> None:
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
    env.globals["words"] = reader_words.for_config(config)
    return env
