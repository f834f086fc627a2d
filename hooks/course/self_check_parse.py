"""Self-checks as the build read them: `/// quiz | question` and `/// exercise | title` blocks
(pymdown-extensions' generic blocks), each read once, by the blocks that render it
(course/self_check_blocks.py), as its page renders.

- A quiz's first list is its options, a task list: `- [ ] wrong`, `- [x] right`; one `[x]`
  makes a single-choice question, several a "select all that apply" one. What follows the
  list is the explanation.
- An exercise has a task and a `//// answer` block inside it, the model answer. A checked
  exercise also holds a `//// starter`, the Python code (written or included) that the
  reader's editor starts from, shown in the exercise as its starting code; and a `//// check`,
  Python assertions that the reader's browser runs against their app (globals `client` and
  `app`, top-level `await`; each top-level `assert` is a result, its message the words the
  reader gets). The check is never shown: not in the page, its search, print or Markdown
  copy; the site publishes it as a file, which the exercise names (`data-course-check`),
  with the exercise's id (`data-course-exercise`). Its model answer holds the solution's
  code, which the tests check it with (tests/course/test_exercise_checks.py).
- A self-check may sit in an admonition, a content tab, a details block or a list; not in
  another self-check, nor on the home page or a module's page.

What is wrong with one is a page's own mistake, one line each (course/page_mistakes.py);
what is sound is kept here, by page, on the build's state (`SelfCheckParse`): the outline
and the quiz advice count it, hooks/crawl.py writes it into the Markdown copies and
llms.txt, and `serve` keeps it for the pages it does not render again (hooks/preview.py).

A quiz's id, under which a reader's browser keeps their answer, comes from the lesson's
address and the question: the same question in two lessons, or twice in one, gets two ids.
Editing the question, or moving or renaming the lesson, starts the reader afresh on it;
reordering the quizzes does not. A checked exercise's id comes from the lesson's address and
its title in the same way.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from course import code_fences
from course.lesson_body import line_offset, prose_lines
from course.reader_words import Words
from course.rules import QUIZZES_RECOMMENDED, some_of

TASK = re.compile(r"^\[(?P<mark>[ xX])\][ \t]+(?P<text>.*)$", re.DOTALL)
# The course's blocks, by the names pymdown-extensions reads in any case.
QUIZ, EXERCISE, ANSWER, STARTER, CHECK = "quiz", "exercise", "answer", "starter", "check"
NAMES = (QUIZ, EXERCISE, ANSWER, STARTER, CHECK)
# What an exercise holds besides its task.
PARTS = (ANSWER, STARTER, CHECK)
# A raw HTML tag as Python-Markdown passes it through (`<b>`, `</li>`), not an autolink
# (`<https://…>`) nor an e-mail address.
TAG = re.compile(r"<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^>]*>")
# Elements that have no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
# What keeps a block from being a quiz or an exercise.
ANSWER_ALONE = "an answer belongs inside an exercise (//// answer within /// exercise)"
NOT_IN_A_LESSON = "a {name} belongs in a lesson, not on a module's or the home page"
NESTED = (
    "is inside the {outer} of line {line}: a self-check never holds another; "
    "move it out of the {outer}"
)
NO_MODEL_ANSWER = "has no model answer: add a //// answer block inside it"
# A checked exercise's starter and check (their own mistakes, then their exercise's).
OUTSIDE_AN_EXERCISE = "a {name} belongs inside an exercise (//// {name} within /// exercise)"
STARTER_WITHOUT_CODE = (
    "holds no Python code: put the code the reader starts from in a ```python fence in it, "
    "written or included (--8<--)"
)
CHECK_WITHOUT_CODE = "holds no Python code: write its assertions in a ```python fence in it"
SEVERAL_FENCES = "holds {count} Python fences: put its code in one"
STARTER_NOT_AN_APP = (
    "defines no FastAPI app: the reader's code starts from one (app = FastAPI(), at the top level)"
)
CHECK_NOT_PYTHON = "is not valid Python on {where}: {error}"
CHECK_WITHOUT_ASSERT = (
    "asserts nothing: write each thing it checks as a top-level assert, with the words the "
    "reader gets as its message"
)
TWICE = "has {count} {name} blocks: give it one"
CHECK_WITHOUT_STARTER = (
    "has a check but no starter: add a //// starter block with the code the reader starts from"
)
ANSWER_WITHOUT_APP = (
    "has a check, but its model answer holds no Python code that defines a FastAPI app: show "
    "the solution's whole app in a ```python fence in its //// answer, which the tests check"
)
NO_QUESTION = "has no question: write it after `/// quiz |`"
NO_OPTIONS = "has no options: list them as a task list, - [ ] wrong, - [x] right"
NOT_A_TASK_LIST = "its options are not a task list: start each with [ ] or [x]"
NO_CORRECT_OPTION = "has no correct option: mark the right ones with [x]"
ONE_OPTION = "has one option: give the reader at least two to choose from"
# A reader's answer is kept by the words of the options chosen (quizzes.js).
SAME_OPTIONS = "two options read {text!r}: give each option its own words"
SPLIT_OPTIONS = (
    "its options are split by text: keep them in one list, the explanation after the list"
)
# A `///` line that opens none of the blocks the build's Markdown extensions registered.
UNKNOWN_BLOCK = "/// {name} opens no block, so the page shows it as text (the blocks: {names})"
LIKELY_BLOCK = "; did you mean /// {name}?"
# Raw HTML in a part of a self-check that would end or swallow the self-check's elements.
FIX_TAG = "close what it opens, or write it as code (`{tag}`) to show it"
CLOSES_UNOPENED = (
    "{part} closes {tag!r} without opening it, which breaks the {name} apart: " + FIX_TAG
)
OPENS_UNCLOSED = (
    "{part} opens {tag!r} without closing it, which breaks the {name} apart: " + FIX_TAG
)
# How long a quiz's id is: "quiz-" and this many hexadecimal digits of its digest; a
# checked exercise's, "exercise-" and as many.
ID_DIGITS = 10


@dataclass(frozen=True)
class Option:
    text: str  # its Markdown, as written
    right: bool


@dataclass(frozen=True)
class SelfCheck:
    """A sound quiz or exercise (or an exercise's model answer), as its page read it."""

    kind: str  # QUIZ, EXERCISE, or one of an exercise's PARTS
    title: str  # the question, or the exercise's title: Markdown, as written
    # Its opening and closing lines in the page's body as MkDocs converts it (1-based, after
    # the front matter and the blank lines after it), and what precedes its slashes (the
    # indentation of an admonition, a tab, a list).
    first: int
    last: int
    prefix: str = ""
    included: bool = False  # from a file that the page includes (`--8<--`)
    id: str = ""  # a quiz's or a checked exercise's, under which a reader's result is kept
    options: tuple[Option, ...] = ()
    answer: SelfCheck | None = None  # an exercise's model answer
    starter: SelfCheck | None = None  # a checked exercise's starting code
    check: SelfCheck | None = None  # and its check, which only its reader's browser reads

    @property
    def multiple(self) -> bool:
        """Whether a quiz asks to select all that apply (several right options)."""
        return sum(option.right for option in self.options) > 1

    @property
    def right_options(self) -> list[str]:
        return [option.text for option in self.options if option.right]


@dataclass(frozen=True)
class PageSelfChecks:
    """What one rendering of a page read: its sound quizzes and exercises, in page order,
    and the `///` lines that opened no block, with what to say of each (file line, text)."""

    checks: tuple[SelfCheck, ...] = ()
    unknown: tuple[tuple[int, str], ...] = ()

    @property
    def quizzes(self) -> tuple[str, ...]:
        """The ids of its quizzes, under which a reader's answers are kept."""
        return tuple(check.id for check in self.checks if check.kind == QUIZ)

    @property
    def checked_exercises(self) -> tuple[str, ...]:
        """The ids of its checked exercises, under which a reader's results are kept."""
        return tuple(check.id for check in self.checks if check.kind == EXERCISE and check.id)

    @property
    def scored(self) -> tuple[str, ...]:
        """What the outline scores: its quizzes and its checked exercises."""
        return self.quizzes + self.checked_exercises


@dataclass
class PageBeingRead:
    """The page whose Markdown converts now (hooks/self_checks.py says which)."""

    src_uri: str
    path: str  # as an author sees it: docs/01-x/02-y.md
    url: str
    lesson: bool
    # What tells the lines before its body in its file (the front matter's), read only for
    # a page that has a self-check: the file's text, and its body.
    text: Callable[[], str] = field(repr=False, default=str)
    body: str = field(repr=False, default="")

    @functools.cached_property
    def line_offset(self) -> int:
        return line_offset(self.text(), self.body)


@dataclass
class SelfCheckParse:
    """The build's reading of self-checks (a part of course/build_state.py's Build): each
    page's, filled as the page renders; `serve` gives back the pages it did not render
    again (hooks/preview.py)."""

    rendering: PageBeingRead | None = None
    pages: dict[str, PageSelfChecks] = field(default_factory=dict)

    def of(self, src_uri: str) -> PageSelfChecks:
        return self.pages.get(src_uri) or PageSelfChecks()

    def quizzes(self, src_uri: str) -> tuple[str, ...]:
        """The ids of a page's quizzes (for the outline's template)."""
        return self.of(src_uri).quizzes

    def checked_exercises(self, src_uri: str) -> tuple[str, ...]:
        """The ids of a page's checked exercises (for the outline's template)."""
        return self.of(src_uri).checked_exercises


def quiz_id(url: str, question: str, repeat: int = 1, kind: str = QUIZ) -> str:
    """A quiz's id: from its lesson's address and its question (white space collapsed), and
    `-2`, `-3`... for the same question asked again in the same lesson. A checked exercise's
    (`kind` EXERCISE) from its title in the same way."""
    key = f"{url}\n{' '.join(question.split())}".encode()
    found = f"{kind}-" + hashlib.sha256(key).hexdigest()[:ID_DIGITS]
    return found if repeat == 1 else f"{found}-{repeat}"


def options_problem(options: list[tuple[str, bool] | None]) -> str | None:
    """What keeps a quiz's options (each (text, right), or None when not a task item) from
    being options: the first missing part."""
    if not options:
        return NO_OPTIONS
    if any(option is None for option in options):
        return NOT_A_TASK_LIST
    if not any(option[1] for option in options if option is not None):
        return NO_CORRECT_OPTION
    return None


def unbalanced_tag(markdown: str) -> tuple[str, str] | None:
    """The first raw HTML tag of `markdown`, outside code, that closes an element it did not
    open or opens one it does not close, and the message that says which."""
    if "<" not in markdown:
        return None
    opened: list[re.Match[str]] = []
    for _, line in prose_lines(markdown):
        for tag in TAG.finditer(line):
            name = tag["name"].lower()
            if not tag["end"]:
                if name not in VOID and not tag[0].endswith("/>"):
                    opened.append(tag)
                continue
            names = [start["name"].lower() for start in opened]
            if name not in names:
                return tag[0], CLOSES_UNOPENED
            del opened[len(names) - 1 - names[::-1].index(name) :]
    return (opened[0][0], OPENS_UNCLOSED) if opened else None


def unknown_block(name: str, known: Collection[str]) -> str:
    """What to say of `/// name`, which opens none of the `known` blocks."""
    message = UNKNOWN_BLOCK.format(name=name, names=", ".join(sorted(known)))
    likely = difflib.get_close_matches(name.lower(), known, n=1)
    return message + (LIKELY_BLOCK.format(name=likely[0]) if likely else "")


def quiz_advice(quizzes_by_lesson: Mapping[str, int]) -> str:
    """One line on the course's quizzes: how many, and the lessons that have fewer or more
    than recommended (a few named with their count, then how many more)."""
    fewest, most = QUIZZES_RECOMMENDED
    total = sum(quizzes_by_lesson.values())
    lessons = len(quizzes_by_lesson)
    line = f"{total} {'quiz' if total == 1 else 'quizzes'} in {lessons} "
    line += "lesson" if lessons == 1 else "lessons"
    off = [
        f"{path} ({count})"
        for path, count in quizzes_by_lesson.items()
        if not fewest <= count <= most
    ]
    if off:
        line += f"; not {fewest} to {most} in {some_of(off, 'lesson')}"
    return line


# The Markdown copies (hooks/crawl.py): each self-check as plain Markdown, labelled in the
# page's language, its answers included, for the agents that read the copies.

ITEM = re.compile(r"^(?P<indent>[ ]*)(?:[-*+]|[0-9]+[.)])[ \t]")


def as_markdown(markdown: str, found: PageSelfChecks, words: Words) -> str:
    """The body `markdown` with each self-check `found` in it written as plain Markdown, in
    its place (in its admonition or tab, indented as it was)."""
    spans = [check for check in found.checks if not check.included]
    if not spans:
        return markdown
    lines = markdown.split("\n")
    for check in reversed(spans):
        indent = content_prefix(check.prefix)
        body = [without(indent, line) for line in lines[check.first : check.last - 1]]
        blank = indent.rstrip(" ") if ">" in indent else ""  # a quote goes on through blanks
        plain = [indent + line if line else blank for line in plain_lines(check, body, words)]
        lines[check.first - 1 : check.last] = plain
    return "\n".join(lines)


def content_prefix(prefix: str) -> str:
    """What precedes each line a block holds, from what precedes its slashes: a quote's
    markers as written, a list item's bullet as as many spaces, an indentation as it is."""
    if ">" in prefix:
        return prefix
    return " " * len(prefix) if prefix.strip(" ") else prefix


def without(prefix: str, line: str) -> str:
    """`line` without `prefix`, or without a quote's markers that a blank line ends on."""
    if line.startswith(prefix):
        return line[len(prefix) :]
    bare = prefix.rstrip(" ")
    return line[len(bare) :] if bare and line.startswith(bare) else line


def plain_lines(check: SelfCheck, body: list[str], words: Words) -> list[str]:
    """A quiz or an exercise as plain Markdown: `body` is what it holds, as written."""
    if check.kind == QUIZ:
        kind = "markdown_copy.multiple" if check.multiple else "markdown_copy.single"
        lines = [f"**{words.text(kind)}** {check.title}", ""]
        for option in check.options:
            lines.append(f"- [{'x' if option.right else ' '}] {' '.join(option.text.split())}")
        right = "; ".join(" ".join(text.split()) for text in check.right_options)
        lines += ["", f"**{words.text('quiz.answer')}** {right}"]
        explanation = trimmed(body[list_end(body) :])
        if explanation:
            lines += ["", *labelled(words.text("markdown_copy.why"), explanation)]
        return lines
    answer = check.answer
    model: list[str] = []
    # The task is what the exercise holds but its model answer and its check, which the copy
    # shows no more than the page; its starter is its code, shown where it stands.
    left_out: set[int] = set()
    if answer is not None:
        lines = part_lines(check, answer)
        inner = part_prefix(check, answer)
        model = [without(inner, line) for line in body[lines.start + 1 : lines.stop - 1]]
        left_out.update(lines)
    if check.check is not None:
        left_out.update(part_lines(check, check.check))
    starter = range(0)
    if check.starter is not None:
        starter = part_lines(check, check.starter)
        left_out.update((starter.start, starter.stop - 1))
    inner = part_prefix(check, check.starter) if check.starter is not None else ""
    task = [
        without(inner, line) if index in starter else line
        for index, line in enumerate(body)
        if index not in left_out
    ]
    lines = [f"**{words.text('exercise.label')}** {check.title}", ""] if check.title else []
    lines += trimmed(task)
    if answer is not None and trimmed(model):
        lines += ["", *labelled(words.text("markdown_copy.model_answer"), trimmed(model))]
    return lines


def part_lines(exercise: SelfCheck, part: SelfCheck) -> range:
    """The indexes of the lines of an exercise's `part`, from its opening line to its closing
    one, among the lines the exercise holds."""
    return range(part.first - exercise.first - 1, part.last - exercise.first)


def part_prefix(exercise: SelfCheck, part: SelfCheck) -> str:
    """What precedes each line of an exercise's `part` among the lines the exercise holds
    (which are without the exercise's own prefix): what the part is indented by within it."""
    outer, inner = content_prefix(exercise.prefix), content_prefix(part.prefix)
    return inner.removeprefix(outer)


def labelled(label: str, lines: list[str]) -> list[str]:
    """`lines` after a bold `label`: on its line when they start with a paragraph's text,
    else above them (a fence, a list or an indented block must start a line)."""
    first = lines[0]
    if code_fences.OPENING.match(first) or ITEM.match(first) or first[:1] in (" ", "\t"):
        return [f"**{label}**", "", *lines]
    return [f"**{label}** {first}", *lines[1:]]


def list_end(body: list[str]) -> int:
    """The index of the line after a quiz's options, the first list of `body`: its items,
    their indented lines, and the lines that continue an item's paragraph."""
    first = next((index for index, line in enumerate(body) if ITEM.match(line)), None)
    if first is None:
        return 0
    margin = len(ITEM.match(body[first])["indent"])  # type: ignore[index]
    previous_blank = False
    for index in range(first + 1, len(body)):
        line = body[index]
        if not line.strip():
            previous_blank = True
            continue
        indented = len(line) - len(line.lstrip(" ")) > margin
        if not indented and not ITEM.match(line) and previous_blank:
            return index
        previous_blank = False
    return len(body)


def trimmed(lines: list[str]) -> list[str]:
    """`lines` without the blank lines around them."""
    start = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def llms_lines(found: PageSelfChecks, words: Words) -> list[str]:
    """A lesson's quizzes for llms.txt: each question and its answer (the copy has more)."""
    lines = []
    for check in found.checks:
        if check.kind == QUIZ:
            right = "; ".join(" ".join(text.split()) for text in check.right_options)
            quiz, answer = words.text("markdown_copy.quiz"), words.text("quiz.answer")
            lines.append(f"  - {quiz} {check.title} {answer} {right}")
        else:
            lines.append(f"  - {words.text('exercise.label')} {check.title}".rstrip())
    return lines
