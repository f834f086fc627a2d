"""The stand-in mermaid2 reads: which elements count as diagrams, and what comes back."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mermaid2_stand_in import appended_to_stand_in, count_diagrams, stand_in, with_appended
from mkdocs.exceptions import PluginError

PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="01-a/01-b.md"))


@pytest.mark.parametrize(
    ("html", "diagrams"),
    [
        ('<div  class="mermaid">A --> B\n</div>', 1),
        ("<DIV class='note mermaid'>x</DIV><div class=mermaid>y</div>", 2),
        ('<div title="a > b" class="mermaid" id="d">x</div>', 1),
        ('<div class="mermaid-like" data-class="mermaid">x</div><divider class="mermaid">', 0),
        ('<span class="mermaid">x</span><p>mermaid</p>', 0),
        ('<pre><code class="language-python">mermaid</code></pre>', 0),
        # mermaid2 rewrites these itself: the page goes to it whole.
        ('<pre><code class="language-mermaid">A --> B</code></pre>', None),
        ('<pre><code class="mermaid">A --> B</code></pre>', None),
    ],
)
def test_count_diagrams(html: str, diagrams: int | None) -> None:
    assert count_diagrams(f"<body>{html}</body>") == diagrams


def test_what_mermaid2_appended_moves_to_the_end_of_the_real_body() -> None:
    script = '<script type="module">import mermaid from "x.mjs";</script>'
    returned = stand_in(2).removesuffix("</body>") + script + "</body>"
    appended = appended_to_stand_in(returned, PAGE)
    assert appended == script
    real = "<html><body><main>m</main></body></html>"
    assert with_appended(real, appended) == f"<html><body><main>m</main>{script}</body></html>"
    assert appended_to_stand_in(stand_in(0), PAGE) == ""
    assert with_appended(real, "") == real


def test_a_stand_in_changed_by_another_plugin_stops_the_build() -> None:
    with pytest.raises(PluginError, match=r"01-a/01-b\.md: another plugin changed the page"):
        appended_to_stand_in("<html><body></body></html>", PAGE)
