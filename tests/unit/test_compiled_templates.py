"""A template is compiled once per session, by every environment that loads it alike, and
again when its source changes or an environment would compile it differently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from course.compiled_templates import CompiledTemplates
from helpers import FIXTURES
from jinja2 import Environment, FileSystemLoader

TEMPLATES = FIXTURES / "templates"
NAMES = {"names": ["Ada", "Grace"]}


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles, in order."""
    names: list[str] = []
    compile_source = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args, **kwargs):
        names.append(name or "")
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted)
    return names


def environment(folder: Path, cache: CompiledTemplates, **settings: object) -> Environment:
    """A new environment for each build, as MkDocs makes one, with the session's cache."""
    made = Environment(loader=FileSystemLoader(folder), **settings)
    cache.use_in(made)
    return made


def render(folder: Path, cache: CompiledTemplates, **settings: object) -> str:
    return environment(folder, cache, **settings).get_template("greeting.html").render(NAMES)


def test_each_build_takes_the_code_compiled_before(compiled: list[str]) -> None:
    cache = CompiledTemplates()
    first = render(TEMPLATES / "theme", cache)
    assert render(TEMPLATES / "theme", cache) == first
    assert compiled == ["greeting.html"]
    # Without the cache each environment compiles it again: what `serve` did.
    assert Environment(loader=FileSystemLoader(TEMPLATES / "theme")).get_template("greeting.html")
    assert compiled == ["greeting.html"] * 2


def test_an_edited_template_is_compiled_again(compiled: list[str], tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(TEMPLATES / "theme", theme)
    cache = CompiledTemplates()
    assert "Hello, Ada." in render(theme, cache)
    shutil.copy(TEMPLATES / "edited/greeting.html", theme / "greeting.html")
    edited = render(theme, cache)
    assert "Good morning, Ada." in edited and "Hello" not in edited
    assert render(theme, cache) == edited
    assert compiled == ["greeting.html"] * 2


def test_an_environment_that_compiles_otherwise_has_its_own_code(compiled: list[str]) -> None:
    cache = CompiledTemplates()
    plain = render(TEMPLATES / "theme", cache)
    trimmed = render(TEMPLATES / "theme", cache, trim_blocks=True)
    expected = Environment(loader=FileSystemLoader(TEMPLATES / "theme"), trim_blocks=True)
    assert trimmed == expected.get_template("greeting.html").render(NAMES) != plain
    assert render(TEMPLATES / "theme", cache) == plain
    assert render(TEMPLATES / "theme", cache, trim_blocks=True) == trimmed
    assert len(compiled) == 3  # plain, trimmed, and the environment without the cache
