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

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from course.rules import QUIZZES_RECOMMENDED, some_of

OPEN = re.compile(
    r"^(?P<slashes>/{3,})[ \t]*(?P<name>[\w-]+)[ \t]*(?:\|[ \t]*(?P<title>.*?))?[ \t]*$"
)
CLOSE = re.compile(r"^(?P<slashes>/{3,})[ \t]*$")
ITEM = re.compile(r"^(?P<bullet>[-*+]|[0-9]+[.)])[ \t]+(?P<text>.*)$")
TASK = re.compile(r"^\[(?P<mark>[ xX])\][ \t]+(?P<text>.*)$")
NAMES = ("quiz", "exercise", "answer")


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
    """The quiz, exercise and answer blocks of `markdown`, nested as written."""
    found: list[SelfCheck] = []
    if "///" not in markdown:
        return found
    stack: list[tuple[str, SelfCheck]] = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        opening = OPEN.match(line)
        closing = CLOSE.match(line)
        if closing and stack and closing["slashes"] == stack[-1][0]:
            stack.pop()
        elif opening and opening["name"] in NAMES:
            block = SelfCheck(opening["name"], (opening["title"] or "").strip(), number)
            (stack[-1][1].inner if stack else found).append(block)
            stack.append((opening["slashes"], block))
        elif stack:
            stack[-1][1].body.append(line)
    return found


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
        return ["an answer belongs inside an exercise (//// answer within /// exercise)"]
    if not lesson:
        return [f"a {block.name} belongs in a lesson, not on a module's or the home page"]
    if block.name == "exercise":
        missing = block.answer() is None
        return ["has no model answer: add a //// answer block inside it"] if missing else []
    if not block.title:
        return ["has no question: write it after `/// quiz |`"]
    if not block.list_items():
        return ["has no options: list them as a task list, - [ ] wrong, - [x] right"]
    options = block.options()
    if options is None:
        return ["its options are not a task list: start each with [ ] or [x]"]
    if not any(option.correct for option in options):
        return ["has no correct option: mark the right ones with [x]"]
    return []


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
        index = block_end(lines, index) + 1
    return "\n".join(out)


def block_end(lines: list[str], start: int) -> int:
    slashes = OPEN.match(lines[start])["slashes"]  # type: ignore[index]
    for index in range(start + 1, len(lines)):
        closing = CLOSE.match(lines[index])
        if closing and closing["slashes"] == slashes:
            return index
    return len(lines) - 1


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
