"""Self-checks as Python-Markdown reads and writes them: the `quiz`, `exercise` and `answer`
blocks of pymdown-extensions' generic blocks, checked where they are parsed, and a
print-only Answers part at the end of the page.

Whatever renders as a self-check has been checked, here; whatever sits in code is code:
fenced code is set aside (superfences) before any block is read. Each block knows the line
it opens on in the author's file: before the blocks are parsed, every `///` line carries its
number in the page's body (counted before the files that the page includes, `--8<--`, are
put in; a block opened by an included file is on its include's line), and the front
matter's lines are added to say a mistake. A mistake is the page's own
(course/page_mistakes.py): one line naming the file, the line and the block; the block is
replaced by it, where it was, and a build stops. What is sound goes into the build's
reading of self-checks (course/self_check_parse.py).

Without JavaScript a quiz is its question, its options as a list and, collapsed, its answer
and explanation; assets/javascripts/quizzes.js turns it into a form. An exercise is its
task with its model answer collapsed. A checked exercise shows its starter, the code the
reader starts from, where it stands in its task; its check is never shown: the site
publishes it as a file (course/runnable_sources.py, which reads every Python fence of the
page once), and the exercise names it (`data-course-check`) with its id
(`data-course-exercise`) for the reader's browser. Options, answers and explanations are
kept out of search (`data-search-exclude`), and out of the page's text and accessibility
tree until the reader asks: the right options are in the page's data only. The words are the page's
language's (course/reader_words.py).
"""

from __future__ import annotations

import ast
import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from course import page_mistakes, reader_words, runnable_sources
from course.model import Problem
from course.reader_words import DEFAULT, Words
from course.runnable_sources import PythonFence
from course.self_check_parse import (
    ANSWER,
    ANSWER_ALONE,
    ANSWER_WITHOUT_APP,
    CHECK,
    CHECK_NOT_PYTHON,
    CHECK_WITHOUT_ASSERT,
    CHECK_WITHOUT_CODE,
    CHECK_WITHOUT_STARTER,
    EXERCISE,
    NAMES,
    NESTED,
    NO_MODEL_ANSWER,
    NO_QUESTION,
    NOT_IN_A_LESSON,
    ONE_OPTION,
    OUTSIDE_AN_EXERCISE,
    PARTS,
    QUIZ,
    SAME_OPTIONS,
    SEVERAL_FENCES,
    SPLIT_OPTIONS,
    STARTER,
    STARTER_NOT_AN_APP,
    STARTER_WITHOUT_CODE,
    TASK,
    TWICE,
    Option,
    PageBeingRead,
    PageSelfChecks,
    SelfCheck,
    SelfCheckParse,
    options_problem,
    quiz_id,
    unbalanced_tag,
    unknown_block,
)

SEARCH_EXCLUDE = "data-search-exclude"
# A checked exercise's: where the site serves its check, and its id.
CHECK_ATTRIBUTE = "data-course-check"
EXERCISE_ATTRIBUTE = "data-course-exercise"
# Inline Markdown's marks, which a reader does not see in an option's words.
INLINE_MARKS = re.compile(r"[`*_~]")
# pymdown-extensions' block processor, which every `///` block extension registers with.
BLOCKS = "blocks"
# Where a `///` line may stand: after the marks of the blocks that hold it (indentation, a
# quote's `>`, a list item's bullet, a definition's `:`).
CONTAINERS = r"(?:[ ]*(?:>|(?:[-*+]|[0-9]+[.)]|:)(?=[ ])))*[ ]*"
OPENING = re.compile(
    rf"^(?P<prefix>{CONTAINERS})(?P<slashes>/{{3,}})[ ]*(?P<name>[\w-]+)[ ]*(?P<bar>\|.*)?$"
)
CLOSING = re.compile(rf"^{CONTAINERS}(?P<slashes>/{{3,}})[ ]*$")
# The mark a line that opens a course block, or no block, carries while the page converts:
# Python-Markdown's placeholder characters, which no page keeps (its first preprocessor
# removes them). `A`: after the block's argument; `B`: with the ` |` it added, for a block
# written without an argument; `U`: after the slashes of a `///` line that opens no block.
MARK = "\x02{kind}{index}\x03"
MARKED = re.compile(r"(?: \|(?=\x02B))?\x02(?P<kind>[ABU])(?P<index>[0-9]+)\x03")
# What pymdown-extensions' snippets include a file with (`--8<--`, `-8<-`, `;--8<--`).
INCLUDE = "8<"
# Elements whose text is code, never a block's Markdown.
CODE = frozenset({"pre", "code"})


class _Numbered(str):
    """A line of the page's Markdown, its number in the page's body, and whether it comes
    from an included file (then the number is its include's)."""

    number: int
    included: bool

    def __new__(cls, text: str, number: int, included: bool = False) -> _Numbered:
        line = super().__new__(cls, text)
        line.number, line.included = number, included
        return line


@dataclass
class _Opening:
    """A `///` line that opens a course block, or none."""

    number: int  # in the page's body, 1-based
    prefix: str
    name: str
    included: bool
    end: int = 0  # the line that closes it


class _Reading:
    """One conversion's reading of self-checks: where their lines are, which blocks are open,
    what is sound and what is wrong. One per Markdown instance, reset at each conversion."""

    def __init__(self, md: Markdown, words: Words, parse: SelfCheckParse | None) -> None:
        self.md = md
        self.words = words
        self.parse = parse
        self.reset()

    def reset(self) -> None:
        self.page: PageBeingRead | None = self.parse.rendering if self.parse else None
        self.active = False  # whether the page may hold a `///` line
        self.lines = 0
        self.source: list[str] = []
        self.numbers: dict[int, int] = {}  # a page line's number, by its string's id
        self.includes: list[int] = []  # the lines that include a file
        self.block_lines: dict[int, tuple[int, bool]] = {}  # a `///` line's, by its index
        self.openings: list[_Opening] = []
        self.marks = 0  # marks not yet taken by a block
        self.code_placeholders = 0  # the stash's entries that are code (superfences')
        self.known: frozenset[str] = frozenset()
        self.tags = False
        self.open: list[_SelfCheckBlock] = []
        self.created: list[_SelfCheckBlock] = []
        self.asked: Counter[tuple[str, str]] = Counter()  # a question's, or a title's
        self.sound: list[SelfCheck] = []
        self.shown: list[Quiz | Exercise] = []  # the sound ones, in page order (Answers)
        self.unknown: list[tuple[int, str]] = []

    @property
    def line_offset(self) -> int:
        return self.page.line_offset if self.page else 0

    def opened(self, argument: str | None) -> tuple[str, _Opening | None]:
        """A block's argument without its mark, and the line the mark says it opens on."""
        found = MARKED.search(argument or "")
        if found is None:
            return (argument or "").strip(" "), None
        self.marks -= 1
        title = (argument or "")[: found.start()] + (argument or "")[found.end() :]
        return title.strip(" "), self.openings[int(found["index"])]

    def said(self, block: _SelfCheckBlock, messages: list[str]) -> list[str]:
        """The lines that say a block's mistakes: `docs/…: line 9: quiz '…': …`."""
        if not messages:  # a sound block: its line, which reads the file, is not needed
            return []
        what = f"{block.kind} {block.title!r}" if block.title else block.kind
        path = self.page.path if self.page else ""
        field = f"line {block.line}" if block.line else None
        return [str(Problem(path, field, f"{what}: {message}")) for message in messages]

    def quiz_id(self, question: str, kind: str = QUIZ) -> str:
        key = (kind, " ".join(question.split()))
        self.asked[key] += 1
        return quiz_id(self.page.url if self.page else "", question, self.asked[key], kind)

    def fences(self, block: _SelfCheckBlock) -> list[PythonFence]:
        """The Python fences a block of the page's own holds (one it includes holds none)."""
        opening = block.opening
        if opening is None or opening.included:
            return []
        return [
            fence
            for fence in runnable_sources.python_fences(self.md)
            if opening.number < fence.first and fence.last < opening.end
        ]


class _SelfCheckBlock(Block):
    """What quizzes, exercises and their parts share: where they open, what holds them, how a
    mistaken one is replaced by what is wrong with it."""

    OPTIONS = {}  # noqa: RUF012 (pymdown-extensions' own class attribute)
    kind = ""

    def on_create(self, parent: ET.Element) -> ET.Element:
        reading: _Reading = self.config["reading"]
        self.title, self.opening = reading.opened(self.argument)
        self.reading = reading
        self.outer = reading.open[-1] if reading.open else None
        self.answers: list[_SelfCheckBlock] = []
        self.ended = False
        self.parent = parent
        reading.open.append(self)
        reading.created.append(self)
        self.element = self.make(parent, reading.words)
        return self.element

    def on_end(self, block: ET.Element) -> None:
        reading: _Reading = self.config["reading"]
        if self.ended:
            return
        self.ended = True
        if self in reading.open:
            reading.open.remove(self)
        mistakes = reading.said(self, self.mistakes(reading))
        if mistakes:
            if reading.page is not None:  # else Markdown converted outside a build
                for line in mistakes:
                    page_mistakes.report_in_page(self.line, line)
            self.replace_by(mistakes)
            return
        self.finish(block, reading)
        if isinstance(self, Quiz | Exercise) and self.outer is None:
            reading.shown.append(self)
            if reading.page is not None:
                reading.sound.append(self.record(reading))

    @property
    def line(self) -> int:
        """The line it opens on in the page's file (0: unknown); read only to say a mistake,
        as it takes the file's front matter."""
        opening = self.opening
        return opening.number + self.reading.line_offset if opening is not None else 0

    def make(self, parent: ET.Element, words: Words) -> ET.Element:
        raise NotImplementedError

    def mistakes(self, reading: _Reading) -> list[str]:
        raise NotImplementedError

    def finish(self, block: ET.Element, reading: _Reading) -> None:
        return None

    def record(self, reading: _Reading) -> SelfCheck:
        opening = self.opening
        return SelfCheck(
            self.kind,
            self.title,
            opening.number if opening else 0,
            opening.end if opening else 0,
            opening.prefix if opening else "",
            included=opening.included if opening else True,
        )

    def outside_a_lesson(self, reading: _Reading) -> bool:
        """Whether it is on the home page or a module's, where no self-check belongs."""
        return reading.page is not None and not reading.page.lesson

    def nested(self) -> list[str]:
        """A quiz or an exercise holds no other self-check, nor sits in one."""
        if self.outer is None:
            return []
        # In a model answer, a starter or a check: in its exercise.
        holder = self.outer.outer if self.outer.kind in PARTS and self.outer.outer else self.outer
        return [NESTED.format(outer=holder.kind, line=holder.line)]

    def replace_by(self, mistakes: list[str]) -> None:
        """Its mistakes where it was, one admonition each, instead of it."""
        shown = [page_mistakes.failure(line) for line in mistakes]
        children = list(self.parent)
        if self.element in children:
            index = children.index(self.element)
            self.parent.remove(self.element)
            for offset, element in enumerate(shown):
                self.parent.insert(index + offset, element)
        else:  # moved by another extension: emptied where it is, never published as it was
            self.element.clear()
            self.element.tag = "div"
            self.element.extend(shown)
        if self.outer is not None and self in self.outer.answers:
            self.outer.answers.remove(self)


class Quiz(_SelfCheckBlock):
    NAME = QUIZ
    ARGUMENT = None
    kind = QUIZ

    def make(self, parent: ET.Element, words: Words) -> ET.Element:
        reading: _Reading = self.config["reading"]
        self.id = reading.quiz_id(self.title)
        quiz = ET.SubElement(parent, "div", {"class": "course-quiz", "id": self.id})
        ET.SubElement(quiz, "p", {"class": "course-quiz__question"}).text = self.title
        return quiz

    def options_list(self) -> ET.Element | None:
        return next((child for child in self.element if child.tag in ("ul", "ol")), None)

    def mistakes(self, reading: _Reading) -> list[str]:
        if self.outside_a_lesson(reading):
            return [NOT_IN_A_LESSON.format(name=QUIZ)]
        found = self.nested()
        options = self.options_list()
        items = [task_of(item) for item in options] if options is not None else []
        problem = NO_QUESTION if not self.title else options_problem(items)
        if problem is None and options is not None:
            problem = options_apart(options, items, list(self.element))
        found += [problem] if problem else []
        if not reading.tags:
            return found
        parts = [("the question", self.title)]
        parts += [
            (f"option {number}", markdown_of([option], reading))
            for number, option in enumerate(options if options is not None else [], 1)
        ]
        if options is not None:
            after = list(self.element)[list(self.element).index(options) + 1 :]
            parts.append(("the explanation", markdown_of(after, reading)))
        return found + tag_problems(parts, QUIZ)

    def finish(self, block: ET.Element, reading: _Reading) -> None:
        options = self.options_list()
        assert options is not None  # checked
        self.options = tuple(Option(*mark_option(item)) for item in options)
        right = [option for option in self.options if option.right]
        options.set("class", "course-quiz__options")
        options.set(SEARCH_EXCLUDE, "")
        block.set("data-course-kind", "multiple" if len(right) > 1 else "single")
        explanation = list(block)[list(block).index(options) + 1 :]
        words = reading.words
        details = ET.SubElement(block, "details", {"class": "course-quiz__answer"})
        details.set(SEARCH_EXCLUDE, "")
        ET.SubElement(details, "summary").text = AtomicString(words.text("quiz.show_answer"))
        # The right options join it once their Markdown is HTML (Answers), not converted twice.
        answer = ET.SubElement(details, "p", {"class": "course-quiz__right"})
        self.answer_paragraph, self.options_element = answer, options
        ET.SubElement(answer, "strong").text = AtomicString(words.text("quiz.answer"))
        answer[0].tail = " "
        why = ET.SubElement(details, "div", {"class": "course-quiz__explanation"})
        for element in explanation:
            block.remove(element)
            why.append(element)

    def record(self, reading: _Reading) -> SelfCheck:
        return replace(super().record(reading), id=self.id, options=self.options)

    def add_right_options(self) -> None:
        """The right options, converted, after "Answer:" in its answer."""
        for item in self.options_element:
            if item.get("data-course-right") == "true":
                chosen = copy_of(item)
                chosen.tag, chosen.attrib = "span", {"class": "course-quiz__right-option"}
                chosen.tail = None  # the line break Python-Markdown puts after a list item
                self.answer_paragraph.append(chosen)


def holder_of(item: ET.Element) -> ET.Element:
    """The element that holds an option's text: its paragraph, in a loose list."""
    if not (item.text or "").strip() and len(item) and item[0].tag == "p":
        return item[0]
    return item


def task_of(item: ET.Element) -> tuple[str, bool] | None:
    """An option's text and whether it is right, or None when it is not a task item."""
    task = TASK.match((holder_of(item).text or "").lstrip())
    return (task["text"], task["mark"] != " ") if task else None


def options_apart(
    options: ET.Element, tasks: list[tuple[str, bool] | None], quiz: list[ET.Element]
) -> str | None:
    """What keeps sound options from being a choice (`tasks`: each option's text and whether
    it is right): more options in a list after the first, which text split from it; a single
    option; two that read the same, as a reader's answer is kept by their words (inline
    Markdown is not converted yet: its marks aside)."""
    after = quiz[quiz.index(options) + 1 :]
    if any(
        element.tag in ("ul", "ol") and any(task_of(item) for item in element) for element in after
    ):
        return SPLIT_OPTIONS
    if len(tasks) == 1:
        return ONE_OPTION
    seen: set[str] = set()
    for task in tasks:
        words = " ".join(INLINE_MARKS.sub("", task[0] if task else "").split())
        if words in seen:
            return SAME_OPTIONS.format(text=words)
        seen.add(words)
    return None


def mark_option(item: ET.Element) -> tuple[str, bool]:
    """Strip an option's `[ ]` or `[x]`, note which in its data; its text, and whether it
    is right."""
    holder = holder_of(item)
    task = TASK.match((holder.text or "").lstrip())
    assert task is not None  # checked
    right = task["mark"] != " "
    holder.text = task["text"]
    item.set("data-course-right", "true" if right else "false")
    return task["text"], right


def markdown_of(elements: list[ET.Element], reading: _Reading) -> str:
    """The Markdown that `elements` were parsed from, as far as raw HTML goes: their text,
    and the raw HTML set aside from them; code left out."""
    return "\n".join(texts(elements, reading))


def texts(elements: list[ET.Element], reading: _Reading) -> Iterator[str]:
    for element in elements:
        if element.tag not in CODE:
            yield with_raw_html(element.text or "", reading)
            yield from texts(list(element), reading)
        yield with_raw_html(element.tail or "", reading)


def with_raw_html(text: str, reading: _Reading) -> str:
    """`text` with the raw HTML that Python-Markdown set aside in its place; the code
    superfences set aside (before the blocks were marked) left out."""
    if "\x02" not in text:
        return text
    stash = reading.md.htmlStash.rawHtmlBlocks

    def raw(found: re.Match[str]) -> str:
        index = int(found[1])
        if index < reading.code_placeholders or index >= len(stash):
            return ""
        block = stash[index]
        return block if isinstance(block, str) else ET.tostring(block, encoding="unicode")

    return HTML_PLACEHOLDER_RE.sub(raw, text)


def tag_problems(parts: list[tuple[str, str]], name: str) -> list[str]:
    """Each part's raw HTML that would break the self-check apart."""
    found = []
    for part, text in parts:
        unbalanced = unbalanced_tag(text)
        if unbalanced is not None:
            tag, message = unbalanced
            found.append(message.format(part=part, tag=tag, name=name))
    return found


class Exercise(_SelfCheckBlock):
    NAME = EXERCISE
    ARGUMENT = None
    kind = EXERCISE

    def make(self, parent: ET.Element, words: Words) -> ET.Element:
        # Its starters and checks, sound or not: one of each is right.
        self.starters: list[Starter] = []
        self.checks: list[Check] = []
        self.id = self.config["reading"].quiz_id(self.title, EXERCISE)
        self.checked = False
        exercise = ET.SubElement(parent, "div", {"class": "course-exercise"})
        title = ET.SubElement(exercise, "p", {"class": "course-exercise__title"})
        ET.SubElement(title, "strong").text = AtomicString(words.text("exercise.label"))
        if self.title:
            title[0].tail = f" {self.title}"
        return exercise

    def mistakes(self, reading: _Reading) -> list[str]:
        if self.outside_a_lesson(reading):
            return [NOT_IN_A_LESSON.format(name=EXERCISE)]
        found = self.nested()
        if not self.answers:
            found.append(NO_MODEL_ANSWER)
        found += self.check_problems(reading)
        if not reading.tags:
            return found
        answers = [answer.element for answer in self.answers]
        task = [child for child in list(self.element)[1:] if child not in answers]
        model = [child for answer in answers for child in list(answer)[1:]]
        parts = [
            ("the title", self.title),
            ("the task", markdown_of(task, reading)),
            ("the model answer", markdown_of(model, reading)),
        ]
        return found + tag_problems(parts, EXERCISE)

    def check_problems(self, reading: _Reading) -> list[str]:
        """What keeps its starter and check from making it a checked exercise (each block's
        own mistakes are its own)."""
        found = [
            TWICE.format(count=len(blocks), name=name)
            for name, blocks in ((STARTER, self.starters), (CHECK, self.checks))
            if len(blocks) > 1
        ]
        if self.checks and not self.starters:
            found.append(CHECK_WITHOUT_STARTER)
        if self.checks and self.answers:
            code = [fence for answer in self.answers for fence in reading.fences(answer)]
            if not any(fence.app for fence in code):
                found.append(ANSWER_WITHOUT_APP)
        return found

    def finish(self, block: ET.Element, reading: _Reading) -> None:
        check = self.checks[0].source if self.checks else None
        published = runnable_sources.publish(reading.md, check) if check else None
        if published is not None:
            block.set(CHECK_ATTRIBUTE, published)
            block.set(EXERCISE_ATTRIBUTE, self.id)
            self.checked = True

    def record(self, reading: _Reading) -> SelfCheck:
        def first(blocks: list[Answer] | list[Starter] | list[Check]) -> SelfCheck | None:
            return blocks[0].record(reading) if blocks else None

        return replace(
            super().record(reading),
            id=self.id if self.checked else "",
            answer=first(self.answers),
            starter=first(self.starters),
            check=first(self.checks),
        )


class Answer(_SelfCheckBlock):
    NAME = ANSWER
    ARGUMENT = None
    kind = ANSWER

    def make(self, parent: ET.Element, words: Words) -> ET.Element:
        if isinstance(self.outer, Exercise):
            self.outer.answers.append(self)
        details = ET.SubElement(parent, "details", {"class": "course-exercise__answer"})
        details.set(SEARCH_EXCLUDE, "")
        summary = words.text("exercise.show_answer")
        ET.SubElement(details, "summary").text = AtomicString(summary)
        return details

    def mistakes(self, reading: _Reading) -> list[str]:
        return [] if isinstance(self.outer, Exercise) else [ANSWER_ALONE]


class Starter(_SelfCheckBlock):
    """The code a checked exercise's reader starts from: shown in the exercise, where it
    stands, a runnable sample (course/runnable_sources.py)."""

    NAME = STARTER
    ARGUMENT = None
    kind = STARTER

    def make(self, parent: ET.Element, words: Words) -> ET.Element:
        if isinstance(self.outer, Exercise):
            self.outer.starters.append(self)
        return ET.SubElement(parent, "div", {"class": "course-exercise__starter"})

    def mistakes(self, reading: _Reading) -> list[str]:
        if not isinstance(self.outer, Exercise):
            return [OUTSIDE_AN_EXERCISE.format(name=STARTER)]
        fences = reading.fences(self)
        if len(fences) != 1:
            return [SEVERAL_FENCES.format(count=len(fences)) if fences else STARTER_WITHOUT_CODE]
        return [] if fences[0].app else [STARTER_NOT_AN_APP]


class Check(_SelfCheckBlock):
    """A checked exercise's assertions, read here and taken out of the page: only the
    reader's browser reads them, from the file the site publishes."""

    NAME = CHECK
    ARGUMENT = None
    kind = CHECK

    def make(self, parent: ET.Element, words: Words) -> ET.Element:
        self.source: str | None = None
        if isinstance(self.outer, Exercise):
            self.outer.checks.append(self)
        return ET.SubElement(parent, "div")

    def mistakes(self, reading: _Reading) -> list[str]:
        if not isinstance(self.outer, Exercise):
            return [OUTSIDE_AN_EXERCISE.format(name=CHECK)]
        fences = reading.fences(self)
        if len(fences) != 1:
            return [SEVERAL_FENCES.format(count=len(fences)) if fences else CHECK_WITHOUT_CODE]
        fence = fences[0]
        if fence.source is None:  # what it includes cannot be read: hooks/samples.py says why
            return []
        problem = check_problem(fence, reading)
        self.source = fence.source if problem is None else None
        return [problem] if problem else []

    def finish(self, block: ET.Element, reading: _Reading) -> None:
        if block in list(self.parent):
            self.parent.remove(block)


def check_problem(fence: PythonFence, reading: _Reading) -> str | None:
    """What keeps a check's code from being run: not Python (its line named: the page's, for
    code written in it), or no top-level assert."""
    assert fence.source is not None
    found = code_problem(fence.source, fence.name)
    if found is None:
        return None
    line, message = found
    if line is None:
        return message
    if fence.includes:
        where = f"line {line} of what it includes ({', '.join(fence.includes)})"
    else:
        where = f"line {fence.first + line + reading.line_offset}"
    return CHECK_NOT_PYTHON.format(error=message, where=where)


# A function of the check's text alone, kept for the same text (a check included in several
# pages, a page that `serve` renders again): its compiling is the dearest part of a page's
# self-checks.
@functools.lru_cache(maxsize=256)
def code_problem(source: str, name: str) -> tuple[int | None, str] | None:
    """What keeps a check's code from being run: the line of its code that is not Python and
    why, or no line and CHECK_WITHOUT_ASSERT; None when it runs."""
    try:
        tree = compile(
            source, name, "exec", flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        )
        # What only compiling finds: `return` outside a function, say.
        compile(tree, name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except (SyntaxError, ValueError) as error:  # ValueError: a null character
        line = getattr(error, "lineno", None) or 1
        return line, getattr(error, "msg", None) or str(error)
    if not any(isinstance(statement, ast.Assert) for statement in tree.body):
        return None, CHECK_WITHOUT_ASSERT
    return None


class _NumberLines(Preprocessor):
    """First of all: the page's lines, known by their number in the page's body (its lines
    of two characters or more are each a string of their own), and the lines of its includes
    (`--8<--`)."""

    def __init__(self, md: Markdown, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, lines: list[str]) -> list[str]:
        reading = self.reading
        reading.reset()
        text = "\n".join(lines)
        # A block's line is a `///` line, the page's or an included file's.
        reading.active = "///" in text or INCLUDE in text
        if not reading.active:
            return lines
        reading.lines = len(lines)
        if INCLUDE not in text:  # the lines keep their places until the fences are set aside
            reading.block_lines = {
                index: (index + 1, False) for index, line in enumerate(lines) if "///" in line
            }
            return lines
        reading.source = lines  # kept, so that no other line takes one's place
        reading.numbers = {id(line): n for n, line in enumerate(lines, 1) if len(line) > 1}
        reading.includes = [n for n, line in enumerate(lines, 1) if INCLUDE in line]
        return lines


class _KeepNumbers(Preprocessor):
    """After the included files are put in: the number of each `///` line, an included one's
    that of its include, the first include after the last line of the page's before it."""

    def __init__(self, md: Markdown, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, lines: list[str]) -> list[str]:
        reading = self.reading
        if reading.numbers:  # the page includes files
            last = 0
            for index, line in enumerate(lines):
                number = reading.numbers.get(id(line))
                if number is not None:
                    last = number
                if "///" not in line:
                    continue
                if number is None:  # an included line
                    include = next((n for n in reading.includes if n > last), last + 1)
                    reading.block_lines[index] = (include, True)
                else:
                    reading.block_lines[index] = (number, False)
        return lines


class _Renumber(Preprocessor):
    """After Python-Markdown normalises white space, line for line: each `///` line carries
    its number, as superfences moves the lines of the code it sets aside."""

    def __init__(self, md: Markdown, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, lines: list[str]) -> list[str]:
        for index, (number, included) in self.reading.block_lines.items():
            lines[index] = _Numbered(lines[index], number, included)
        return lines


class _MarkBlocks(Preprocessor):
    """Once fenced code is set aside: each line that opens a course block, or no block,
    marked with its number; and the line that closes each."""

    def __init__(self, md: Markdown, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, lines: list[str]) -> list[str]:
        reading = self.reading
        reading.code_placeholders = self.md.htmlStash.html_counter
        if not reading.active:
            return lines
        processor = self.md.parser.blockprocessors[BLOCKS]
        assert isinstance(processor, BlocksProcessor)
        reading.known = frozenset(processor.blocks)
        # Raw HTML can break a self-check apart only if the text outside code has a tag.
        reading.tags = any("<" in line for line in lines)
        open_blocks: list[tuple[int, _Opening | None]] = []  # slashes, a course block's line
        marked = []
        last = 0  # a `///` line that carries no number is on the last one's (never so far)
        for line in lines:
            if "///" not in line:
                marked.append(line)
                continue
            number = getattr(line, "number", last)
            included = getattr(line, "included", False)
            last = number
            closing = CLOSING.match(line)
            if closing is not None:
                if open_blocks and open_blocks[-1][0] == len(closing["slashes"]):
                    opening = open_blocks.pop()[1]
                    if opening is not None:
                        opening.end = number
                marked.append(line)
                continue
            marked.append(self.mark(line, number, included, open_blocks))
        for _, opening in open_blocks:
            if opening is not None:
                opening.end = reading.lines
        return marked

    def mark(
        self,
        line: str,
        number: int,
        included: bool,
        open_blocks: list[tuple[int, _Opening | None]],
    ) -> str:
        reading = self.reading
        opening = OPENING.match(line)
        if opening is None:
            return line
        name = opening["name"].lower()
        slashes = len(opening["slashes"])
        if name in reading.known and name not in NAMES:
            open_blocks.append((slashes, None))
            return line
        index = len(reading.openings)
        found = _Opening(number, opening["prefix"], name, included)
        reading.openings.append(found)
        reading.marks += 1
        if name not in NAMES:
            at = opening.end("slashes")
            return line[:at] + MARK.format(kind="U", index=index) + line[at:]
        open_blocks.append((slashes, found))
        if opening["bar"] is not None:
            return line + MARK.format(kind="A", index=index)
        return line + " |" + MARK.format(kind="B", index=index)


class _Finish(Treeprocessor):
    """Once the blocks are parsed: a block never closed is checked as one that is, the marks
    of lines that opened no course block are taken away (noting those shown as text), and
    what the page holds is kept on the build's reading."""

    def __init__(self, md: Markdown, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, root: ET.Element) -> None:
        reading = self.reading
        for block in reversed(reading.created):
            if not block.ended:
                block.on_end(block.element)
        if reading.marks:
            self.unmark(root, code=False)
            self.unmark_stash()
        if reading.page is not None and reading.parse is not None:
            page = reading.page
            unknown = tuple(
                (number + page.line_offset, unknown_block(name, reading.known))
                for number, name in reading.unknown
            )
            reading.parse.pages[page.src_uri] = PageSelfChecks(tuple(reading.sound), unknown)
            reading.parse.rendering = None

    def unmark(self, element: ET.Element, *, code: bool) -> None:
        code = code or element.tag in CODE
        if element.text and "\x02" in element.text:
            element.text = self.without_marks(element.text, code=code)
        for child in element:
            self.unmark(child, code=code)
            if child.tail and "\x02" in child.tail:
                child.tail = self.without_marks(child.tail, code=code)

    def unmark_stash(self) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, str) and "\x02" in block:
                stash[index] = self.without_marks(block, code=True)
            elif isinstance(block, ET.Element):
                self.unmark(block, code=True)

    def without_marks(self, text: str, *, code: bool) -> str:
        def unmark(found: re.Match[str]) -> str:
            opening = self.reading.openings[int(found["index"])]
            if found["kind"] == "U" and not code:
                self.reading.unknown.append((opening.number, opening.name))
            self.reading.marks -= 1
            return ""

        kept = MARKED.sub(unmark, text)
        return AtomicString(kept) if isinstance(text, AtomicString) else kept


class Answers(Treeprocessor):
    """Once the page's Markdown is HTML: each quiz's answer gets its right options, and the
    end of the page every quiz's and exercise's answer, shown only on paper."""

    def __init__(self, md: Markdown, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, root: ET.Element) -> None:
        shown = self.reading.shown
        if not shown:
            return
        for block in shown:
            if isinstance(block, Quiz):
                block.add_right_options()
        # A section, not a div: Material's search leaves out an element by its tag, and a
        # div it leaves out would end at the first div inside it.
        part = ET.SubElement(root, "section", {"class": "course-answers", SEARCH_EXCLUDE: ""})
        title = ET.SubElement(part, "p", {"class": "course-answers__title"})
        ET.SubElement(title, "strong").text = self.reading.words.text("quiz.answers")
        answers = ET.SubElement(part, "ol")
        for block in shown:
            check = block.element
            entry = ET.SubElement(answers, "li")
            heading = check.find("p")
            if heading is not None:
                entry.append(copy_of(heading))
            for answer in check.iter("details"):
                for element in list(answer)[1:]:  # all but its summary
                    entry.append(copy_of(element))


def copy_of(element: ET.Element) -> ET.Element:
    """A copy of `element` and all it holds, sharing their strings: a quarter of what
    copy.deepcopy costs, which copies each string Python-Markdown marks (AtomicString)."""
    copied = ET.Element(element.tag, element.attrib)
    copied.text, copied.tail = element.text, element.tail
    for child in element:
        copied.append(copy_of(child))
    return copied


class SelfCheckExtension(BlocksExtension):
    """The three blocks, checked where they are parsed, and the Answers part, in the words
    of `words`; what each page holds goes into `parse` (None: Markdown converted outside a
    build, checked but kept nowhere)."""

    def __init__(self, words: Words, parse: SelfCheckParse | None = None) -> None:
        super().__init__()
        self.words = words
        self.parse = parse

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        reading = _Reading(md, self.words, self.parse)
        for block in (Quiz, Exercise, Answer, Starter, Check):
            block_mgr.register(block, {"reading": reading})
        # The page's Python fences, which a checked exercise's parts hold, read once.
        if runnable_sources.PREPROCESSOR not in md.preprocessors:
            runnable_sources.register(md, None, None)
        # Around pymdown-extensions' snippets (32), Python-Markdown's white space (30) and
        # superfences' fenced code (25): numbers before, marks once code is set aside.
        md.preprocessors.register(_NumberLines(md, reading), "course-line-numbers", 33)
        md.preprocessors.register(_KeepNumbers(md, reading), "course-included-lines", 31)
        md.preprocessors.register(_Renumber(md, reading), "course-renumbered-lines", 29)
        md.preprocessors.register(_MarkBlocks(md, reading), "course-block-lines", 24)
        # Before pymdown-extensions highlights indented code (30), which keeps no mark.
        md.treeprocessors.register(_Finish(md, reading), "course-self-checks", 31)
        md.treeprocessors.register(Answers(md, reading), "course-answers", 3)


# What line_problem converts: a quiz after fenced code that shows one.
LINE_SAMPLE = """\
```markdown
/// quiz | Shown as code
///
```

/// quiz | Where is it?
- [x] On line 6
- [ ] On line 7
///
"""
LINE_SAMPLE_QUIZ = (6, 9)
LINES_LOST = (
    "pymdown-extensions: a quiz no longer knows its line (its superfences or snippets change "
    "the lines they leave alone), which course/self_check_blocks.py reads"
)


def line_problem(config: MkDocsConfig) -> str | None:
    """What says that a quiz no longer knows its line with the build's Markdown extensions
    (the lines pymdown-extensions' superfences leaves alone must pass through it unchanged),
    or None."""
    parse = SelfCheckParse(PageBeingRead("sample.md", "sample.md", "sample/", lesson=True))
    extension = SelfCheckExtension(reader_words.for_language(DEFAULT), parse)
    # mkdocs.yml's extensions, not those the hooks add for a build, which keep what they read.
    declared = [name for name in config.markdown_extensions if isinstance(name, str)]
    converter = Markdown(extensions=[*declared, extension], extension_configs=config.mdx_configs)
    converter.convert(LINE_SAMPLE)
    found = [(check.first, check.last) for check in parse.of("sample.md").checks]
    if found == [LINE_SAMPLE_QUIZ]:
        return None
    return LINES_LOST
