"""Self-checks: `/// quiz` and `/// exercise` blocks in lessons (course/self_checks.py reads
them, course/self_check_blocks.py writes them, assets/javascripts/quizzes.js makes quizzes
forms and keeps the reader's answers in their browser).

Events: on_config, after hooks/words.py (priority -50): the blocks' Markdown extension, in
the language of the build; on_files: one line on the course's quizzes, naming the lessons
with fewer or more than recommended (advice: it stops nothing; needs the course, read in
on_files by hooks/lessons.py). The course's checks report a mistaken block, one line each,
when hooks/lessons.py reads the course.
"""

from __future__ import annotations

from course import this_build, words
from course.layout import display_path
from course.self_check_blocks import SelfCheckExtension
from course.self_checks import quiz_advice
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger("self-checks")


@event_priority(-50)  # after hooks/words.py has read the tables again
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.markdown_extensions.append(SelfCheckExtension(words.for_config(config)))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    quizzes = quizzes_by_lesson(config)
    if quizzes:
        log.info(quiz_advice(quizzes))
    return None


def quizzes_by_lesson(config: MkDocsConfig) -> dict[str, int]:
    """How many quizzes each published lesson has, by its path as an author sees it."""
    return {
        display_path(lesson.src_uri, config): len(lesson.quizzes)
        for lesson in this_build.current().lessons
        if not lesson.meta.draft
    }
