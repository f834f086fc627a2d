"""The page cache's key and what it leans on in MkDocs (course/conversion_cache.py,
course/upstream_internals.py)."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import mkdocs.commands.build
import mkdocs.structure.pages
import pytest
from course import conversion_cache, snippets, upstream_internals
from course.conversion_cache import described
from course.runnable_sources import RunnableSamplesExtension
from helpers import FIXTURES, ROOT
from markdown.extensions.toc import TocExtension
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

PAGE_CACHE = FIXTURES / "page_cache"
BUILD_SOURCE = Path(mkdocs.commands.build.__file__).read_text("utf-8")
PAGES_SOURCE = Path(mkdocs.structure.pages.__file__).read_text("utf-8")


def test_settings_are_described_alike_in_any_order_and_any_process() -> None:
    one = {"toc": {"permalink": True, "baselevel": 2}, "fences": [{"format": shutil.copyfile}]}
    other = {"fences": [{"format": shutil.copyfile}], "toc": {"baselevel": 2, "permalink": True}}
    assert described(one) == described(other)
    assert "shutil.copyfile" in described(one) and " at 0x" not in described(one)
    assert described({"toc": {"permalink": "#"}}) != described({"toc": {"permalink": True}})


def test_an_object_is_described_by_what_it_holds_or_else_by_its_class() -> None:
    assert described(Path("docs_src")) == repr(Path("docs_src"))
    assert described(object()) == "builtins.object"
    partial = described(functools.partial(shutil.copyfile, "a"))
    assert " at 0x" not in partial and "shutil.copyfile" in partial
    assert partial != described(functools.partial(shutil.copyfile, "b"))


def test_an_extension_is_described_by_its_class_and_its_settings() -> None:
    assert described(TocExtension(permalink=True)) != described(TocExtension(permalink="#"))
    assert "markdown.extensions.toc.TocExtension" in described(TocExtension())
    # One that names MkDocs' settings `config`, as the runnable samples' does: its class.
    runnable = RunnableSamplesExtension(load_config(str(ROOT / "mkdocs.yml")), None)
    assert described(runnable) == "course.runnable_sources.RunnableSamplesExtension({})"


def samples_config(folder: Path) -> SimpleNamespace:
    """What the key reads of a configuration: pymdownx.snippets' settings."""
    return SimpleNamespace(mdx_configs={snippets.EXTENSION: {"base_path": [str(folder)]}})


def test_a_page_is_keyed_by_every_file_it_includes_and_those_they_include(tmp_path: Path) -> None:
    samples = shutil.copytree(PAGE_CACHE / "samples", tmp_path / "samples")
    markdown = (PAGE_CACHE / "includes-nested.md").read_text(encoding="utf-8")
    read: dict[str, tuple[str, tuple[str, ...]]] = {}
    config = samples_config(samples)
    found = conversion_cache.samples_included(markdown, config, read)  # type: ignore[arg-type]
    inner = hashlib.sha256((samples / "nested/inner.py").read_bytes()).hexdigest()
    assert [line.split("\0")[0] for line in found] == [
        "nested/inner.py",
        "nested/missing.py",
        "nested/outer.md",
    ]
    assert f"nested/inner.py\0{inner}" in found and "nested/missing.py\0missing" in found

    (samples / "nested/inner.py").write_text('print("edited")\n', encoding="utf-8")
    assert conversion_cache.samples_included(markdown, config, {}) != found  # type: ignore[arg-type]
    # Within a build each file is read once.
    assert conversion_cache.samples_included(markdown, config, read) == found  # type: ignore[arg-type]


def test_the_installed_mkdocs_converts_pages_as_the_cache_expects() -> None:
    assert upstream_internals.render_problem(BUILD_SOURCE, PAGES_SOURCE) is None


def test_a_build_that_converts_pages_another_way_is_one_line() -> None:
    call = upstream_internals.RENDER_CALL
    elsewhere = BUILD_SOURCE.replace(call, "page.convert(config, files)")
    problem = upstream_internals.render_problem(elsewhere, PAGES_SOURCE)
    assert problem is not None and call in problem and "\n" not in problem


def test_a_page_render_that_sets_less_names_what_it_no_longer_sets() -> None:
    render = PAGES_SOURCE[PAGES_SOURCE.find("    def render(") :]
    changed = render.replace("self._title_from_render = ", "self._first_heading = ", 1)
    problem = upstream_internals.render_problem(BUILD_SOURCE, PAGES_SOURCE.replace(render, changed))
    assert problem is not None and "_title_from_render" in problem


def test_a_conversion_that_reads_more_of_the_files_than_links_is_one_line() -> None:
    read = f"self.files.{upstream_internals.FILES_READ}("
    assert read in PAGES_SOURCE
    more = PAGES_SOURCE.replace(read, "self.files.documentation_pages() and " + read, 1)
    problem = upstream_internals.render_problem(BUILD_SOURCE, more)
    assert problem is not None and upstream_internals.FILES_READ in problem


@pytest.fixture
def page_with_a_toc(tmp_path: Path) -> Page:
    page = Page.__new__(Page)  # what get_toc makes a table of contents from is all it needs
    page.toc = get_toc(
        [
            {
                "level": 2,
                "id": "first",
                "name": "First <code>step</code>",
                "children": [{"level": 3, "id": "inner", "name": "Inner", "children": []}],
            },
            {"level": 2, "id": "second", "name": "Second", "children": []},
        ]
    )
    return page


def test_a_table_of_contents_is_kept_as_the_tokens_it_is_made_from(page_with_a_toc: Page) -> None:
    tokens = upstream_internals.toc_tokens(page_with_a_toc)
    again = get_toc(tokens)
    assert str(again) == str(page_with_a_toc.toc)
    # get_toc marks the first entry active, as Material reads it.
    active = [getattr(item, "active", False) for item in again]
    assert active == [getattr(item, "active", False) for item in page_with_a_toc.toc]


# -- the store ---------------------------------------------------------------------------------

ENTRY = bytes(range(256)) * 80  # about the size of a lesson's entry


def opened(path: Path) -> conversion_cache.Store:
    store = conversion_cache.Store.opened(path)
    assert store is not None
    return store


def test_the_build_and_its_helper_write_the_store_at_once_and_keep_every_entry(
    tmp_path: Path,
) -> None:
    path = tmp_path / conversion_cache.STORE
    opened(path).close()  # made before the fork, as the build makes it
    helper = os.fork()
    if helper == 0:
        try:
            store = opened(path)
            for number in range(100):
                store.put(f"helper-{number}", ENTRY)
        finally:
            os._exit(0)
    store = opened(path)
    for number in range(100):
        store.put(f"build-{number}", ENTRY)
    os.waitpid(helper, 0)
    assert len(store.keys()) == 200
    assert store.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.close()


def test_a_file_that_is_not_a_store_is_made_anew(tmp_path: Path) -> None:
    path = tmp_path / conversion_cache.STORE
    path.write_bytes(b"not a database " * 300)
    store = opened(path)
    assert store.keys() == set()
    store.put("key", ENTRY)
    assert store.get("key") == ENTRY
    store.close()


def test_a_store_busy_past_the_wait_is_left_alone_and_the_build_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / conversion_cache.STORE
    store = opened(path)
    store.put("key", ENTRY)
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    # Out of the write-ahead log, whose switch back needs the file to itself, and locked.
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(conversion_cache, "STORE_TIMEOUT", 0.1)
    try:
        assert conversion_cache.Store.opened(path) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert opened(path).get("key") == ENTRY
