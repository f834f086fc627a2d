"""Self-checks: `/// quiz` and `/// exercise` blocks in lessons (course/self_check_blocks.py
reads, checks and writes them as each page renders, course/self_check_parse.py keeps what
they hold, assets/javascripts/quizzes.js makes quizzes forms and keeps the reader's answers
in their browser, progress.js the results of checked exercises).

Events: on_config, after hooks/words.py (course/feature_order.py): the blocks' Markdown
extension, in the language of the build, reading into this build's state; on_page_markdown:
which page converts next (needs the course, read in on_files by hooks/lessons.py);
on_page_content: a warning for each `///` line of the page that opened no block the build's
Markdown extensions registered (`/// quizz`), which the page shows as text; on_env: the
templates get the build's reading (the outline's ids of quizzes and checked exercises);
on_post_build: one line on the course's quizzes, naming the lessons with fewer or more than
recommended (advice: it stops nothing). A mistaken block is its page's own mistake
(course/page_mistakes.py).
"""

from __future__ import annotations

from course import build_state, feature_order, reader_words
from course.layout import display_path
from course.model import Lesson
from course.rules import one_line
from course.self_check_blocks import SelfCheckExtension
from course.self_check_parse import PageBeingRead, SelfCheckParse, quiz_advice
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger("self-checks")
# A body's warnings read "course: docs/…: line N: …", as the course's other body checks'.
body_log = get_plugin_logger("course")
# What the templates call the build's reading of self-checks.
TEMPLATE_NAME = "self_checks"


@event_priority(feature_order.priority("self_checks", "on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    parse = build_state.part(SelfCheckParse)
    config.markdown_extensions.append(SelfCheckExtension(reader_words.for_config(config), parse))
    return config


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    entry = build_state.course().page(page.file.src_uri)
    build_state.part(SelfCheckParse).rendering = PageBeingRead(
        page.file.src_uri,
        display_path(page.file.src_uri, config),
        entry.url if entry is not None else page.url,
        lesson=isinstance(entry, Lesson),
        text=lambda: page.file.content_string,
        body=markdown,
    )
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    path = display_path(page.file.src_uri, config)
    for line, message in build_state.part(SelfCheckParse).of(page.file.src_uri).unknown:
        body_log.warning(one_line(f"{path}: line {line}: {message}"))
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    env.globals[TEMPLATE_NAME] = build_state.part(SelfCheckParse)
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    quizzes = quizzes_by_lesson(config)
    if quizzes:
        log.info(quiz_advice(quizzes))


def quizzes_by_lesson(config: MkDocsConfig) -> dict[str, int]:
    """How many quizzes each published lesson has, by its path as an author sees it."""
    parse = build_state.part(SelfCheckParse)
    return {
        display_path(lesson.src_uri, config): len(parse.quizzes(lesson.src_uri))
        for lesson in build_state.course().lessons
        if not lesson.meta.draft
    }
