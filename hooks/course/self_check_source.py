"""Self-checks in a lesson's Markdown: `/// quiz | question` and `/// exercise | title` blocks
(pymdown-extensions' generic blocks), read from the source with their line numbers.

- A quiz's first list is its options, a task list: `- [ ] wrong`, `- [x] right`; one `[x]`
  makes a single-choice question, several a "select all that apply" one. What follows the
  list is the explanation.
- An exercise has a task and a `//// answer` block inside it, the model answer.

course.layout reports what is wrong with them, one line each; course/self_check_blocks.py
renders them; hooks/crawl.py writes them as plain Markdown into the Markdown copies.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from course.lesson_body import OPENING_FENCE, prose_lines
from course.rules import QUIZZES_RECOMMENDED, some_of

# A block's first and last lines, as pymdown-extensions reads them: up to three spaces
# before the slashes, the name in any case.
OPEN = re.compile(
    r"^[ ]{0,3}(?P<slashes>/{3,})[ \t]*(?P<name>[\w-]+)[ \t]*(?:\|[ \t]*(?P<title>.*?))?[ \t]*$"
)
# OPEN anywhere in a page, code included.
ANY_OPENING = re.compile(OPEN.pattern, re.MULTILINE)
CLOSE = re.compile(r"^[ ]{0,3}(?P<slashes>/{3,})[ \t]*$")
ITEM = re.compile(r"^(?P<bullet>[-*+]|[0-9]+[.)])[ \t]+(?P<text>.*)$")
TASK = re.compile(r"^\[(?P<mark>[ xX])\][ \t]+(?P<text>.*)$")
NAMES = ("quiz", "exercise", "answer")
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
NO_MODEL_ANSWER = "has no model answer: add a //// answer block inside it"
NO_QUESTION = "has no question: write it after `/// quiz |`"
NO_OPTIONS = "has no options: list them as a task list, - [ ] wrong, - [x] right"
NOT_A_TASK_LIST = "its options are not a task list: start each with [ ] or [x]"
NO_CORRECT_OPTION = "has no correct option: mark the right ones with [x]"
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


@dataclass
class Option:
    text: str
    correct: bool


@dataclass
class SelfCheck:
    """A quiz, an exercise or an exercise's answer, as written."""

    name: str
    title: str
    line: int  # 1-based, in the body
    body: list[str] = field(default_factory=list)
    inner: list[SelfCheck] = field(default_factory=list)
    end: int = 0  # 1-based, in the body: its closing `///`, or the last line left unclosed

    @property
    def id(self) -> str:
        """A quiz's id in the reader's stored answers: from its question."""
        return "quiz-" + hashlib.sha256(" ".join(self.title.split()).encode()).hexdigest()[:10]

    def list_items(self) -> list[str]:
        """The items of the block's first list (continuation lines joined)."""
        items: list[str] = []
        in_list = False
        for line in self.body:
            item = ITEM.match(line)
            if item:
                items.append(item["text"].strip())
                in_list = True
            elif in_list and line.startswith((" ", "\t")) and line.strip():
                items[-1] += " " + line.strip()
            elif in_list and line.strip():
                break
            elif in_list and not line.strip() and items:
                continue
        return items

    def options(self) -> list[Option] | None:
        """A quiz's options, or None when its list is not a task list."""
        found = []
        for item in self.list_items():
            task = TASK.match(item)
            if task is None:
                return None
            found.append(Option(task["text"], task["mark"] != " "))
        return found

    def explanation(self) -> str:
        """What follows a quiz's list: its items, their continuation lines and the blank
        lines between them end at the first line of text that starts at the margin."""
        first = next((i for i, line in enumerate(self.body) if ITEM.match(line)), None)
        if first is None:
            return ""
        rest = self.body[first:]
        end = next(
            (
                i
                for i, line in enumerate(rest)
                if line.strip() and not ITEM.match(line) and not line.startswith((" ", "\t"))
            ),
            len(rest),
        )
        return "\n".join(rest[end:]).strip()

    def answer(self) -> SelfCheck | None:
        return next((inner for inner in self.inner if inner.name == "answer"), None)


def self_checks(markdown: str) -> list[SelfCheck]:
    """The quiz, exercise and answer blocks of `markdown`, nested as written; a `///` line in
    fenced code is code (pymdown-extensions reads fenced code first), not a block's."""
    found: list[SelfCheck] = []
    if "///" not in markdown:
        return found
    stack: list[tuple[str, int, SelfCheck]] = []  # slashes, indentation, block
    fence: str | None = None
    lines = markdown.split("\n")
    for number, line in enumerate(lines, start=1):
        if fence is not None or "`" in line or "~" in line:  # else no fence opens here
            fence = fence_after(line, fence)
        marked = fence is None and "///" in line  # a line that may open or close a block
        opening = OPEN.match(line) if marked else None
        closing = CLOSE.match(line) if marked else None
        if closing and stack and closing["slashes"] == stack[-1][0]:
            stack.pop()[2].end = number
        elif opening and opening["name"].lower() in NAMES:
            name = opening["name"].lower()
            block = SelfCheck(name, (opening["title"] or "").strip(), number)
            (stack[-1][2].inner if stack else found).append(block)
            stack.append((opening["slashes"], len(line) - len(line.lstrip(" ")), block))
        elif stack:
            # Indented as its block's first line is, a line is at the block's margin.
            _, indentation, block = stack[-1]
            block.body.append(line[min(indentation, len(line) - len(line.lstrip(" "))) :])
    for _, _, unclosed in stack:
        unclosed.end = len(lines)
    return found


def fence_after(line: str, fence: str | None) -> str | None:
    """The fence of the code block that `line` is in or opens, or None when it is not code
    (a line that closes a fence is still code)."""
    if fence is None:
        opening = OPENING_FENCE.match(line)
        return opening["fence"] if opening else None
    stripped = line.strip()
    return None if stripped.startswith(fence) and set(stripped) == {fence[0]} else fence


def unknown_blocks(markdown: str, known: Collection[str]) -> list[tuple[int, str]]:
    """(1-based line, name) of each `///` line of `markdown`, outside fenced code, that opens
    no block of `known`: pymdown-extensions leaves it, and the block's lines, as text."""
    found: list[tuple[int, str]] = []
    # Most pages open only known blocks: then no line needs reading for its fences.
    names = {opening["name"].lower() for opening in ANY_OPENING.finditer(markdown)}
    if names <= set(known):
        return found
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is not None or "`" in line or "~" in line:  # else no fence opens here
            fence = fence_after(line, fence)
        opening = OPEN.match(line) if fence is None else None
        if opening is not None and opening["name"].lower() not in known:
            found.append((number, opening["name"]))
    return found


def unknown_block(name: str, known: Collection[str]) -> str:
    """What to say of `/// name`, which opens none of the `known` blocks."""
    message = UNKNOWN_BLOCK.format(name=name, names=", ".join(sorted(known)))
    likely = difflib.get_close_matches(name.lower(), known, n=1)
    return message + (LIKELY_BLOCK.format(name=likely[0]) if likely else "")


def problems(
    blocks: Sequence[SelfCheck], line_offset: int, *, lesson: bool
) -> list[tuple[str, str]]:
    """(field, message) for each mistake in a page body's self-checks, `blocks`."""
    found = []
    for block in blocks:
        where = f"line {block.line + line_offset}"
        what = f"{block.name} {block.title!r}" if block.title else block.name
        for message in block_problems(block, lesson=lesson):
            found.append((where, f"{what}: {message}"))
    return found


def block_problems(block: SelfCheck, *, lesson: bool) -> list[str]:
    if block.name == "answer":
        return [ANSWER_ALONE]
    if not lesson:
        return [NOT_IN_A_LESSON.format(name=block.name)]
    found = form_problems(block)
    for part, text in parts(block):
        unbalanced = unbalanced_tag(text)
        if unbalanced is not None:
            tag, message = unbalanced
            found.append(message.format(part=part, tag=tag, name=block.name))
    return found


def form_problems(block: SelfCheck) -> list[str]:
    """What keeps a quiz or an exercise from being one: its first missing part."""
    if block.name == "exercise":
        missing = block.answer() is None
        return [NO_MODEL_ANSWER] if missing else []
    if not block.title:
        return [NO_QUESTION]
    if not block.list_items():
        return [NO_OPTIONS]
    options = block.options()
    if options is None:
        return [NOT_A_TASK_LIST]
    if not any(option.correct for option in options):
        return [NO_CORRECT_OPTION]
    return []


def parts(block: SelfCheck) -> list[tuple[str, str]]:
    """(name, Markdown) of each part of a quiz or an exercise that the page shows apart."""
    if block.name == "quiz":
        options = block.options() or [Option(text, False) for text in block.list_items()]
        return [
            ("the question", block.title),
            *((f"option {number}", option.text) for number, option in enumerate(options, 1)),
            ("the explanation", block.explanation()),
        ]
    answer = block.answer()
    return [
        ("the title", block.title),
        ("the task", "\n".join(block.body)),
        ("the model answer", "\n".join(answer.body) if answer else ""),
    ]


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


def as_markdown(markdown: str) -> str:
    """`markdown` with its self-checks as plain Markdown, clearly labelled, answers included:
    for the Markdown copies that agents read."""
    blocks = {block.line: block for block in self_checks(markdown)}
    if not blocks:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        block = blocks.get(index + 1)
        if block is None:
            out.append(lines[index])
            index += 1
            continue
        out += plain(block)
        index = block.end  # the line after it
    return "\n".join(out)


def plain(block: SelfCheck) -> list[str]:
    if block.name == "quiz":
        options = block.options() or []
        kind = "select all that apply" if sum(o.correct for o in options) > 1 else "one answer"
        lines = [f"**Quiz ({kind}):** {block.title}", ""]
        lines += [f"- [{'x' if option.correct else ' '}] {option.text}" for option in options]
        right = "; ".join(option.text for option in options if option.correct)
        lines += ["", f"**Answer:** {right}"]
        if block.explanation():
            lines += ["", f"**Why:** {block.explanation()}"]
        return lines
    answer = block.answer()
    task = "\n".join(block.body).strip()
    lines = [f"**Exercise:** {block.title}", "", task] if block.title else [task]
    if answer is not None:
        lines += ["", f"**Model answer:** {' '.join(' '.join(answer.body).split())}"]
    return lines


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
