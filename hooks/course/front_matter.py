"""Front matter: read the YAML block at the top of a page, then validate it against the
fields declared in course/front_matter_fields.py.

Every problem is collected, one line each naming the file and the field, so one build
lists all of them: the block's own (missing, not closed, not YAML, a key given twice), then
what the declarations refuse (course.rules has the limits and their wording).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import Any, ClassVar

import yaml

from course import front_matter_fields, upstream_internals
from course.front_matter_values import PageKind, Reading
from course.model import FrontMatter, Problem
from course.rules import (
    FRONT_MATTER_EMPTY,
    FRONT_MATTER_MISSING,
    FRONT_MATTER_NOT_CLOSED,
    TAG_CANNOT_MAKE,
)

# libyaml's loader when PyYAML has it: the same safe YAML, read ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# YAML's timestamp, which the loader keeps as text (course/front_matter_values.py reads it).
TIMESTAMP = "tag:yaml.org,2002:timestamp"
# The front matter's own block, from the --- line to the --- (or ...) line that closes it.
OPENING = re.compile(r"-{3}[ \t]*\n")
EMPTY = re.compile(r"-{3}[ \t]*\n(?:-{3}|\.{3})[ \t]*(?:\n|$)")
# What PyYAML's constructors raise, rather than a YAMLError, for a value its explicit tag
# cannot make: `!!int x`, `!!bool maybe`, `!!float ''`, `!!set x`.
UNMAKEABLE = (ValueError, LookupError, AttributeError, TypeError)
YAML_TAG = "tag:yaml.org,2002:"
# The parser's contexts of a part that a bracket or a quote opens: a flow sequence or
# mapping, a quoted scalar.
UNCLOSED = ("while parsing a flow", "while scanning a quoted scalar")
# The block's first line is the file's second.
FIRST_LINE = 2


class FrontMatterLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML as the course reads it: a date stays text, even tagged `!!timestamp`, so that
    an impossible one is a mistake in its field rather than in the YAML, and a key given twice
    is noted instead of silently replaced by the last."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()
    }
    yaml_constructors: ClassVar[dict[str, Any]] = {
        **SAFE_LOADER.yaml_constructors,
        TIMESTAMP: SAFE_LOADER.construct_scalar,
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.given_twice: list[tuple[str, int, int]] = []  # (key, first line, second line)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool):
                continue
            line = key_node.start_mark.line
            if key in seen:
                self.given_twice.append((str(key), seen[key], line))
            else:
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


class FrontMatterCheck:
    """Reads and validates one file's front matter, collecting every problem it finds.

    `theme_dirs` are the template folders (overrides/, then Material's) where `template` and
    `icon` must exist; without them those two are checked for form only. `serve` keeps a
    page whose front matter has mistakes (`keep_with_mistakes`): they are the page's, shown
    on it, not errors of the build.
    """

    def __init__(
        self, path: str, theme_dirs: Sequence[str] = (), *, keep_with_mistakes: bool = False
    ) -> None:
        self.path = path
        self.theme_dirs = theme_dirs
        self.keep_with_mistakes = keep_with_mistakes
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, field: str | None, message: str) -> None:
        self.errors.append(Problem(self.path, field, message))

    def read(self, text: str, kind: PageKind) -> FrontMatter | None:
        """The front matter at the top of `text`, validated as a page of `kind` takes it.

        None when it has errors; when it keeps pages with mistakes, the page's stand-in front
        matter that carries them instead.
        """
        data = self.parse(text)
        meta = self.validate(data, kind) if data is not None else None
        if self.errors and self.keep_with_mistakes:
            return self.kept_with_mistakes()
        return meta

    def kept_with_mistakes(self) -> FrontMatter:
        """Front matter that names the page after its file, with the errors found as its
        mistakes, which are no longer errors of the build."""
        name = posixpath.basename(self.path)
        mistakes, self.errors = tuple(map(str, self.errors)), []
        # Made as it is, unchecked: a stand-in, not an author's front matter.
        return FrontMatter.model_construct(
            title=name, description=name, keywords=(name,), mistakes=mistakes
        )

    def parse(self, text: str) -> dict[Any, Any] | None:
        text = text.lstrip("\ufeff")
        match = upstream_internals.FRONT_MATTER.match(text)
        if match is None:
            if EMPTY.match(text):
                self.error("front matter", FRONT_MATTER_EMPTY)
            elif OPENING.match(text):
                self.error("front matter", FRONT_MATTER_NOT_CLOSED)
            else:
                self.error("front matter", FRONT_MATTER_MISSING)
            return None
        block = match.group(1)
        loader = FrontMatterLoader(block)
        node = None
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except UNMAKEABLE:
            self.error("front matter", f"not valid YAML{_unmakeable(node)}")
            return None
        except yaml.YAMLError as error:
            self.error("front matter", f"not valid YAML{_where(error, block)}")
            return None
        finally:
            loader.dispose()
        for key, first, again in loader.given_twice:
            lines = f"lines {first + FIRST_LINE} and {again + FIRST_LINE}"
            self.error(key, f"given twice ({lines}): keep one")
        if data is None:  # nothing but blank lines and comments
            self.error("front matter", FRONT_MATTER_EMPTY)
            return None
        if not isinstance(data, dict):
            self.error("front matter", "must be a mapping of fields such as `title: ...`")
            return None
        return data

    def validate(self, data: dict[Any, Any], kind: PageKind) -> FrontMatter | None:
        """`data` validated as the declarations say a page of `kind` takes it."""
        reading = Reading(kind, self.theme_dirs)
        meta = front_matter_fields.read(data, reading)
        self.errors += [Problem(self.path, field, message) for field, message in reading.errors]
        self.warnings += [Problem(self.path, field, message) for field, message in reading.warnings]
        return meta


def _unmakeable(root: yaml.Node | None) -> str:
    """` (line 3): !!bool cannot make 'maybe'`: the innermost value in `root` that its tag
    cannot make, made alone, and its line in the file."""
    seen: set[int] = set()  # an anchor can hold itself

    def innermost(node: yaml.Node) -> yaml.Node | None:
        if id(node) in seen:
            return None
        seen.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        for child in children:
            if (found := innermost(child)) is not None:
                return found
        loader = FrontMatterLoader("")
        try:
            loader.construct_document(node)
        except (*UNMAKEABLE, yaml.YAMLError):
            return node
        finally:
            loader.dispose()
        return None

    node = innermost(root) if root is not None else None
    if node is None:
        return ": a tagged value cannot be made"
    tag = node.tag.replace(YAML_TAG, "!!")
    value = repr(node.value) if isinstance(node, yaml.ScalarNode) else "that value"
    line = node.start_mark.line + FIRST_LINE
    return f" (line {line}): {TAG_CANNOT_MAKE.format(tag=tag, value=value)}"


def _where(error: yaml.YAMLError, block: str) -> str:
    """` (line 4): did not find expected ',' or ']'`: the YAML problem and its line in the file.

    A bracket or a quote never closed is on the line where it opens, not on the line where
    the parser gave up (the next field's, or the closing ---), which the message names too.
    """
    problem = getattr(error, "problem", None) or "cannot be read"
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return f": {problem}"
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context_mark is None:
        return f" (line {mark.line + FIRST_LINE}): {problem}"
    if mark.line >= block.count("\n"):
        mark, problem = context_mark, f"{problem} before the block ends"
    elif context and context.startswith(UNCLOSED) and mark.line != context_mark.line:
        # The parser reads on past an unclosed bracket or quote until something cannot
        # belong to it: the mistake is where it opens.
        found = mark.line + FIRST_LINE
        mark, problem = context_mark, f"{problem} on line {found}"
    if context:
        start = f", from line {context_mark.line + FIRST_LINE}"
        problem += f" ({context}{start if context_mark.line != mark.line else ''})"
    return f" (line {mark.line + FIRST_LINE}): {problem}"


def body(text: str) -> str:
    """The Markdown after the front matter, as MkDocs renders it."""
    text = text.lstrip("\ufeff")
    match = upstream_internals.FRONT_MATTER.match(text)
    return text[match.end() :] if match else text
