"""The deploy's last check: every canonical link and sitemap address under the published one."""

from __future__ import annotations

from pathlib import Path

import check_published_address

PAGE = '<html><head><link rel="canonical" href="{}"></head><body></body></html>'
SITEMAP = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{}</loc></url></urlset>'
)


def site(tmp_path: Path, page: str, sitemap: str) -> Path:
    (tmp_path / "lesson").mkdir(parents=True)
    (tmp_path / "lesson/index.html").write_text(PAGE.format(page))
    (tmp_path / "sitemap.xml").write_text(SITEMAP.format(sitemap))
    return tmp_path


def test_a_site_built_for_its_address_passes(tmp_path: Path, capsys) -> None:
    built = site(tmp_path, "https://o.github.io/c/lesson/", "https://o.github.io/c/")
    assert check_published_address.main([str(built), "https://o.github.io/c"]) == 0
    assert capsys.readouterr().out == "check: 2 addresses, all under https://o.github.io/c/\n"


def test_a_site_built_for_localhost_fails_naming_the_page(tmp_path: Path, capsys) -> None:
    built = site(tmp_path, "http://127.0.0.1:8000/lesson/", "https://o.github.io/c/")
    assert check_published_address.main([str(built), "https://o.github.io/c/"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"check: {built}/lesson/index.html: http://127.0.0.1:8000/lesson/ is not under "
        "https://o.github.io/c/",
        "check: 1 of 2 addresses are not under https://o.github.io/c/: build with SITE_URL "
        "set to it",
    ]


def test_an_empty_folder_is_no_site(tmp_path: Path) -> None:
    assert check_published_address.main([str(tmp_path), "https://o.github.io/c/"]) == 1
