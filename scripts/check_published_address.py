"""Stop a deploy whose site was built for another address than the one it is published at.

    python3 scripts/check_published_address.py site https://owner.github.io/course/

Every page's canonical link and every address in sitemap.xml must start with the published
address. The deploy workflow runs it after the strict build and before the upload. Needs
only Python's standard library.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class CanonicalLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "canonical" and attributes.get("href"):
            self.found.append(attributes["href"] or "")


def addresses(site: Path) -> list[tuple[str, str]]:
    """(where, address) of every canonical link and sitemap entry of the built site."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = CanonicalLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [(page.relative_to(site).as_posix(), link) for link in parser.found]
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        for location in ET.parse(sitemap).getroot().iter(f"{SITEMAP}loc"):
            found.append(("sitemap.xml", location.text or ""))
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    site, published = Path(argv[0]), argv[1].rstrip("/") + "/"
    found = addresses(site)
    if not found:
        print(f"check: {site}/ has no canonical links: is it a built site?", file=sys.stderr)
        return 1
    wrong = [(where, address) for where, address in found if not address.startswith(published)]
    for where, address in wrong[:5]:
        print(f"check: {site}/{where}: {address} is not under {published}", file=sys.stderr)
    if wrong:
        print(
            f"check: {len(wrong)} of {len(found)} addresses are not under {published}: build "
            "with SITE_URL set to it",
            file=sys.stderr,
        )
        return 1
    print(f"check: {len(found)} addresses, all under {published}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
