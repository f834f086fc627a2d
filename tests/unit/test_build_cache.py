"""Files kept in .cache/ and linked into the site: written once, never written through."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from course import build_cache


def cached_pair(tmp_path: Path) -> tuple[Path, Path]:
    """An old and a new version of one file, in the cache."""
    cache = tmp_path / "cache"
    old = build_cache.save_text(cache, "old copy", ".md")
    return old, build_cache.save_text(cache, "new copy", ".md")


def test_a_text_is_cached_once_under_its_content(tmp_path: Path) -> None:
    first = build_cache.save_text(tmp_path, "# A lesson\n", ".md")
    written = first.stat().st_mtime_ns
    again = build_cache.save_text(tmp_path, "# A lesson\n", ".md")
    other = build_cache.save_text(tmp_path, "# Another lesson\n", ".md")
    assert again == first and again.stat().st_mtime_ns == written
    assert other != first and other.read_text() == "# Another lesson\n"
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".md", ".md"]  # no .tmp


def test_a_placed_file_is_a_link_to_the_cache(tmp_path: Path) -> None:
    old, _ = cached_pair(tmp_path)
    in_site = tmp_path / "site/lesson/index.md"
    build_cache.place(old, in_site)
    build_cache.place(old, in_site)  # a dirty build: already there
    assert in_site.samefile(old)


def test_a_changed_file_replaces_the_one_in_the_site(tmp_path: Path) -> None:
    old, new = cached_pair(tmp_path)
    in_site = tmp_path / "site/lesson/index.md"
    build_cache.place(old, in_site)
    build_cache.place(new, in_site)
    assert in_site.samefile(new)
    assert old.read_text() == "old copy"


def test_where_no_link_can_be_made_the_file_is_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = cached_pair(tmp_path)
    in_site = tmp_path / "site/lesson/index.md"
    build_cache.place(old, in_site)  # linked

    def cross_device(self: Path, target: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(Path, "hardlink_to", cross_device)
    build_cache.place(new, in_site)
    assert in_site.read_text() == "new copy"
    assert not in_site.samefile(new)
    assert old.read_text() == "old copy"  # the copy did not write through the old link


def test_pruning_keeps_what_the_build_used(tmp_path: Path) -> None:
    _, new = cached_pair(tmp_path)
    card = tmp_path / "cache/card.png"
    card.write_bytes(b"png")
    build_cache.prune(tmp_path / "cache", [new], ".md")
    assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == sorted(
        [new.name, card.name]
    )
    build_cache.prune(tmp_path / "no-cache-yet", [], ".md")
