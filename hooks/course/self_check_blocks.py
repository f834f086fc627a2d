"""Self-checks as Python-Markdown writes them: the `quiz`, `exercise` and `answer` blocks of
pymdown-extensions' generic blocks, and a print-only Answers part at the end of the page.

Without JavaScript a quiz is its question, its options as a list and, collapsed, its answer
and explanation; assets/javascripts/quizzes.js turns it into a form. An exercise is its
task with its model answer collapsed. Options, answers and explanations are kept out of
search (`data-search-exclude`), and out of the page's text and accessibility tree until
the reader asks: the right options are in the page's data only. The words are the page's
language's (course/reader_words.py).
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from course.reader_words import Words
from course.self_check_source import TASK, SelfCheck

SEARCH_EXCLUDE = "data-search-exclude"


class Quiz(Block):
    NAME = "quiz"
    ARGUMENT = True
    OPTIONS = {}  # noqa: RUF012 (pymdown-extensions' own class attribute)

    def on_create(self, parent: ET.Element) -> ET.Element:
        question = self.argument or ""
        quiz_id = SelfCheck("quiz", question, 0).id
        quiz = ET.SubElement(parent, "div", {"class": "course-quiz", "id": quiz_id})
        ET.SubElement(quiz, "p", {"class": "course-quiz__question"}).text = question
        return quiz

    def on_end(self, block: ET.Element) -> None:
        options = next((child for child in block if child.tag in ("ul", "ol")), None)
        if options is None:  # a mistake the course's checks report
            return
        right = [item for item in options if mark_option(item)]
        options.set("class", "course-quiz__options")
        options.set(SEARCH_EXCLUDE, "")
        block.set("data-course-kind", "multiple" if len(right) > 1 else "single")
        explanation = list(block)[list(block).index(options) + 1 :]
        words: Words = self.config["words"]
        details = ET.SubElement(block, "details", {"class": "course-quiz__answer"})
        details.set(SEARCH_EXCLUDE, "")
        ET.SubElement(details, "summary").text = AtomicString(words.text("quiz.show_answer"))
        # The right options join it once their Markdown is HTML (Answers), not converted twice.
        answer = ET.SubElement(details, "p", {"class": "course-quiz__right"})
        ET.SubElement(answer, "strong").text = AtomicString(words.text("quiz.answer"))
        answer[0].tail = " "
        why = ET.SubElement(details, "div", {"class": "course-quiz__explanation"})
        for element in explanation:
            block.remove(element)
            why.append(element)


def mark_option(item: ET.Element) -> bool:
    """Strip an option's `[ ]` or `[x]`, note which in its data; whether it is right."""
    holder = item
    if not (item.text or "").strip() and len(item) and item[0].tag == "p":
        holder = item[0]  # a loose list: the option's text is in a paragraph
    task = TASK.match((holder.text or "").lstrip())
    right = task is not None and task["mark"] != " "
    if task is not None:
        holder.text = task["text"]
    item.set("data-course-right", "true" if right else "false")
    return right


class Exercise(Block):
    NAME = "exercise"
    ARGUMENT = None
    OPTIONS = {}  # noqa: RUF012

    def on_create(self, parent: ET.Element) -> ET.Element:
        exercise = ET.SubElement(parent, "div", {"class": "course-exercise"})
        title = ET.SubElement(exercise, "p", {"class": "course-exercise__title"})
        label = self.config["words"].text("exercise.label")
        ET.SubElement(title, "strong").text = AtomicString(label)
        if self.argument:
            title[0].tail = f" {self.argument}"
        return exercise


class Answer(Block):
    NAME = "answer"
    ARGUMENT = None
    OPTIONS = {}  # noqa: RUF012

    def on_create(self, parent: ET.Element) -> ET.Element:
        details = ET.SubElement(parent, "details", {"class": "course-exercise__answer"})
        details.set(SEARCH_EXCLUDE, "")
        summary = self.config["words"].text("exercise.show_answer")
        ET.SubElement(details, "summary").text = AtomicString(summary)
        return details


class Answers(Treeprocessor):
    """Once the page's Markdown is HTML: each quiz's answer gets its right options, and the
    end of the page every quiz's and exercise's answer, shown only on paper."""

    def __init__(self, md: Markdown, words: Words) -> None:
        super().__init__(md)
        self.words = words

    def run(self, root: ET.Element) -> None:
        checks = [
            element
            for element in root.iter("div")
            if element.get("class") in ("course-quiz", "course-exercise")
        ]
        if not checks:
            return
        for check in checks:
            add_right_options(check)
        # A section, not a div: Material's search leaves out an element by its tag, and a
        # div it leaves out would end at the first div inside it.
        part = ET.SubElement(root, "section", {"class": "course-answers", SEARCH_EXCLUDE: ""})
        title = ET.SubElement(part, "p", {"class": "course-answers__title"})
        ET.SubElement(title, "strong").text = self.words.text("quiz.answers")
        answers = ET.SubElement(part, "ol")
        for check in checks:
            entry = ET.SubElement(answers, "li")
            heading = check.find("p")
            if heading is not None:
                entry.append(copy.deepcopy(heading))
            for answer in check.iter("details"):
                for element in list(answer)[1:]:  # all but its summary
                    entry.append(copy.deepcopy(element))


def add_right_options(quiz: ET.Element) -> None:
    """The right options, converted, after "Answer:" in the quiz's answer."""
    options = quiz.find("ul[@class='course-quiz__options']")
    if options is None:
        options = quiz.find("ol[@class='course-quiz__options']")
    answer = quiz.find("details/p[@class='course-quiz__right']")
    if options is None or answer is None:
        return
    for item in options:
        if item.get("data-course-right") == "true":
            chosen = copy.deepcopy(item)
            chosen.tag, chosen.attrib = "span", {"class": "course-quiz__right-option"}
            chosen.tail = None  # the line break Python-Markdown puts after a list item
            answer.append(chosen)


class SelfCheckExtension(BlocksExtension):
    """The three blocks, and the Answers part, in the words of `words`."""

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        for block in (Quiz, Exercise, Answer):
            block_mgr.register(block, {"words": self.words})
        md.treeprocessors.register(Answers(md, self.words), "course-answers", 3)
