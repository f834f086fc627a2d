"""What the course borrows from other packages, checked when each build starts, and
Material's partials patched as they load (the details are in course/upstream_internals.py).

Events: on_config: stops the build, one line each, when a package no longer has what the
course relies on, and carries pymdown-extensions' fix (its blocks' parser); on_env:
Material's templates load through the patching loader. Needs nothing before it.
"""

from __future__ import annotations

from course import upstream_internals
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    upstream_internals.check(config)
    upstream_internals.BLOCKS_LIST_COUNT.apply()
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    upstream_internals.patch_templates(env)
    return env
