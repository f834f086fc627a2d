"""Runnable samples: each fenced Python sample that defines a FastAPI app points at its whole
source, which the site publishes for the reader's browser to run (course/runnable_sources.py).

Events: on_config: the Markdown extension that reads every page's Python fences and marks
the runnable ones, keeping their sources on this build's state; on_post_build: the sources
the pages rendered in this build (and the checks of checked exercises,
course/self_check_blocks.py) written into the site, under `assets/runnable/`.
"""

from __future__ import annotations

from pathlib import Path

from course import build_state, runnable_sources
from course.runnable_sources import RunnableSamplesExtension, RunnableSources
from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    sources = build_state.part(RunnableSources)
    config.markdown_extensions.append(RunnableSamplesExtension(config, sources))
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    runnable_sources.write(build_state.part(RunnableSources), Path(config.site_dir))
