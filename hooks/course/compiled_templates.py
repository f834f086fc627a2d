"""The theme's templates compiled once per session (`mkdocs serve`), not once per build.

MkDocs makes a new Jinja environment for every build, and Jinja compiles a template the
first time an environment loads it: Material's base.html, its partials and the course's
were a third of each one-page rebuild of `serve`. `CompiledTemplates` is a Jinja bytecode
cache kept on the session (course/build_state.py): each build's environment takes the code
compiled before for a template whose source (as loaded: course/upstream_internals.py patches
some) is the same, by its checksum, and compiles an edited template again. Code is kept
apart for environments that would compile the same source differently (other delimiters,
other extensions).
"""

from __future__ import annotations

from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

# The settings of an environment, besides its extensions, that its compiled code depends on.
COMPILING_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "is_async",
)


class CompiledTemplates(BytecodeCache):
    """Each template's last compiled code and the checksum of the source it was compiled
    from, by the environment's settings and the template's name and file."""

    def __init__(self) -> None:
        self.code: dict[tuple[tuple[Any, ...], str], tuple[str, CodeType]] = {}

    def use_in(self, environment: Environment) -> None:
        environment.bytecode_cache = self

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.code.get(self.key(bucket))
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.code[self.key(bucket)] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self.code.clear()

    @staticmethod
    def key(bucket: Bucket) -> tuple[tuple[Any, ...], str]:
        environment = bucket.environment
        settings = tuple(getattr(environment, name) for name in COMPILING_SETTINGS)
        return (*settings, *sorted(environment.extensions)), bucket.key
