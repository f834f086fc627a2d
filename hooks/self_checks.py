"""Self-checks: `/// quiz` and `/// exercise` blocks in lessons (course/self_checks.py reads
them, course/self_check_blocks.py writes them, assets/javascripts/quizzes.js makes quizzes
forms and keeps the reader's answers in their browser).

Events: on_config, after hooks/words.py (priority -50): the blocks' Markdown extension, in
the language of the build. Needs nothing else before it: the course's checks report a
mistaken block, one line each, when hooks/lessons.py reads the course.
"""

from __future__ import annotations

from course import words
from course.self_check_blocks import SelfCheckExtension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-50)  # after hooks/words.py has read the tables again
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.markdown_extensions.append(SelfCheckExtension(words.for_config(config)))
    return config
