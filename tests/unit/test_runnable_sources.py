"""course/runnable_sources.py's readings: what defines an app, how a fence's opening line takes
the attributes superfences copies onto its block, and what a page's Python fences are."""

from __future__ import annotations

import markdown
import pytest
from course import runnable_sources
from course.runnable_sources import UNNAMED, defines_app, python_fences, with_attributes

ATTRIBUTES = 'data-course-run="assets/runnable/0123456789abcdef.py" data-course-run-name="x.py"'


@pytest.mark.parametrize(
    "source",
    [
        "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "from fastapi import FastAPI\n\napi: FastAPI = FastAPI(title='An API')\n",
        "import fastapi\n\napp = fastapi.FastAPI()\n",
        "from fastapi import FastAPI\n\nif True:\n    pass\napp = shop = FastAPI()\n",
        # Python reads identifiers NFKC-normalized: these full-width letters are FastAPI.
        "from fastapi import FastAPI\n\napp = \uff26\uff41\uff53\uff54\uff21\uff30\uff29()\n",
    ],
)
def test_a_top_level_assignment_of_a_new_app_defines_one(source: str) -> None:
    assert defines_app(source)


@pytest.mark.parametrize(
    "source",
    [
        "def create_app():\n    app = FastAPI()\n    return app\n",
        "from fastapi import FastAPI\n\napp = FastAPI\n",
        "import other\n\napp = other.FastAPI()\n",
        "app: FastAPI\n",
        "app = FastAPI(\n",  # not Python
        "app = FastAPI()\0\n",  # not text
        "print('app = FastAPI()')\n",
        "from flask import Flask\n\napp = Flask(__name__)\n",
    ],
)
def test_anything_else_defines_none(source: str) -> None:
    assert not defines_app(source)


@pytest.mark.parametrize(
    ("line", "marked"),
    [
        ("```python", f"```python {{{ATTRIBUTES}}}"),
        (
            '```python title="main.py" linenums="1" hl_lines="3 6"',
            f'```python {{title="main.py" linenums="1" hl_lines="3 6" {ATTRIBUTES}}}',
        ),
        ('    ``` py title="x.py"', f'    ``` py {{title="x.py" {ATTRIBUTES}}}'),
        ('```{.python title="x.py"}', f'```{{.python title="x.py" {ATTRIBUTES}}}'),
        ('~~~python {title="x.py"}', f'~~~python {{title="x.py" {ATTRIBUTES}}}'),
    ],
)
def test_the_attributes_join_the_fence_s_attribute_list(line: str, marked: str) -> None:
    indent = line[: len(line) - len(line.lstrip())]
    assert with_attributes(line, indent, ATTRIBUTES) == marked


def test_a_fence_whose_options_superfences_would_not_read_is_left_alone() -> None:
    assert with_attributes("```python not=quoted", "", ATTRIBUTES) is None


def test_superfences_puts_the_attributes_on_the_block_with_its_options() -> None:
    converter = markdown.Markdown(
        extensions=["attr_list", "pymdownx.highlight", "pymdownx.superfences"]
    )
    line = with_attributes('```python title="x.py" hl_lines="1"', "", ATTRIBUTES)
    html = converter.convert(f"{line}\nx = 1\n```\n")
    assert ATTRIBUTES in html and '<span class="filename">x.py</span>' in html
    assert '<span class="hll">' in html


def test_outside_a_build_the_fences_are_read_and_none_is_marked() -> None:
    converter = markdown.Markdown(extensions=["pymdownx.superfences"])
    runnable_sources.register(converter, None, None)
    page = (
        "Text\n\n"
        "```python\nfrom fastapi import FastAPI\n\napp = FastAPI()\n```\n\n"
        '```python title="tool.py: a part"\nprint(1)\n```\n\n'
        '```json\n{"a": 1}\n```\n\n'
        '```python\n--8<-- "some/file.py"\n```\n'
    )
    html = converter.convert(page)
    assert "data-course" not in html
    fences = python_fences(converter)
    assert [(fence.first, fence.last) for fence in fences] == [(3, 7), (9, 11), (17, 19)]
    assert [fence.name for fence in fences] == [UNNAMED, "tool.py", "file.py"]
    assert [fence.app for fence in fences] == [True, False, False]
    assert fences[0].source == "from fastapi import FastAPI\n\napp = FastAPI()\n"
    # What an include holds is read only in a build.
    assert (fences[2].source, fences[2].includes) == (None, ("some/file.py",))
