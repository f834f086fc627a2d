"""Self-checks: `/// quiz` and `/// exercise` blocks in lessons (course/self_check_source.py reads
them, course/self_check_blocks.py writes them, assets/javascripts/quizzes.js makes quizzes
forms and keeps the reader's answers in their browser).

Events: on_config, after hooks/words.py (priority -50): the blocks' Markdown extension, in
the language of the build; on_files: one line on the course's quizzes, naming the lessons
with fewer or more than recommended (advice: it stops nothing), and a warning for each `///`
line that opens no block the build's Markdown extensions registered (`/// quizz`), which
would be published as text (needs the course, read in on_files by hooks/lessons.py). The
course's checks report a mistaken block, one line each, when hooks/lessons.py reads the
course.
"""

from __future__ import annotations

from course import build_state, feature_order, reader_words
from course.layout import display_path
from course.lesson_body import line_offset
from course.rules import one_line
from course.self_check_blocks import SelfCheckExtension
from course.self_check_source import quiz_advice, unknown_block, unknown_blocks
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger("self-checks")
# A body's warnings read "course: docs/…: line N: …", as the course's other body checks'.
body_log = get_plugin_logger("course")
# pymdown-extensions' block processor, which every `///` block extension registers with.
BLOCKS = "blocks"


@event_priority(feature_order.priority("self_checks", "on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    config.markdown_extensions.append(SelfCheckExtension(reader_words.for_config(config)))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    quizzes = quizzes_by_lesson(config)
    if quizzes:
        log.info(quiz_advice(quizzes))
    warn_about_unknown_blocks(files, config)
    return None


def warn_about_unknown_blocks(files: Files, config: MkDocsConfig) -> None:
    known: frozenset[str] | None = None
    for page in build_state.course().pages:
        if "///" not in page.markdown:
            continue
        known = known if known is not None else registered_blocks(config)
        unknown = unknown_blocks(page.markdown, known)
        file = files.get_file_from_path(page.src_uri)
        if not unknown or file is None:
            continue
        offset = line_offset(file.content_string, page.markdown)
        path = display_path(page.src_uri, config)
        for line, name in unknown:
            body_log.warning(
                one_line(f"{path}: line {line + offset}: {unknown_block(name, known)}")
            )


def registered_blocks(config: MkDocsConfig) -> frozenset[str]:
    """The names of the `///` blocks this build's Markdown extensions registered: the
    course's, pymdown-extensions' (caption, details, admonition...) and any other's."""
    converter = Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    if BLOCKS not in converter.parser.blockprocessors:
        return frozenset()
    return frozenset(converter.parser.blockprocessors[BLOCKS].blocks)


def quizzes_by_lesson(config: MkDocsConfig) -> dict[str, int]:
    """How many quizzes each published lesson has, by its path as an author sees it."""
    return {
        display_path(lesson.src_uri, config): len(lesson.quizzes)
        for lesson in build_state.course().lessons
        if not lesson.meta.draft
    }
