"""Create the next lesson of a module as a draft, with front matter that passes validation.

    python3 dev.py lesson introduction "Your first FastAPI app"

MODULE is the module's folder (`01-introduction`), its slug (`introduction`) or its number
(`1`). The lesson is numbered after the module's last lesson and named from the title
(`--slug` overrides the name). Every field the author still has to write says TODO; the
lesson stays a draft (`draft: true`) until that line is removed, and the build warns about
any TODO left in a published lesson. It ends with a quiz and an exercise to fill in.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

# The course's own rules and checks (hooks/course/), as the build applies them.
from course.front_matter import FrontMatterCheck  # noqa: E402
from course.rules import (  # noqa: E402
    DESCRIPTION_RECOMMENDED,
    NUMBERED_NAME,
    PLACEHOLDER,
    TITLE_MAX,
)

DESCRIPTION = (
    f"{PLACEHOLDER}: say in {DESCRIPTION_RECOMMENDED[0]} to {DESCRIPTION_RECOMMENDED[1]} "
    "characters what the reader learns in this lesson."
)
KEYWORD = f"{PLACEHOLDER}: the focus keyword, the phrase readers search for"
SUMMARY = f"{PLACEHOLDER}: one or two sentences, shown under the title and in the course outline."
BODY = """
## TODO: the first section

TODO: write the lesson. Start sections at `##`: the page's title comes from `title`.

## Summary and Key Takeaways

- TODO

## Check your understanding

/// quiz | TODO: a question on what the lesson taught (3 to 5 quizzes in all)
- [ ] TODO: a wrong answer
- [x] TODO: the right answer (several [x] make it "select all that apply")
- [ ] TODO: another wrong answer

TODO: why the right answer is right, in a sentence or two.
///

/// exercise | TODO: something to try or think about
TODO: the task.

//// answer
TODO: a model answer.
////
///
"""


class LessonError(Exception):
    """A reason the lesson cannot be created, as one line for the author."""


# Latin letters that Unicode does not decompose into a base letter and a mark (NFKD leaves
# them whole); `ß` needs none: casefolding makes it `ss`.
LATIN_SPELLINGS = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ħ": "h"}
    | {"ŧ": "t", "ŋ": "ng", "ĸ": "k", "ƒ": "f", "\N{LATIN SMALL LETTER DOTLESS I}": "i"}
)
WORD = re.compile(r"\w+")
# The title's words that no a-z spelling stands for: another script than Latin.
UNSPELLED = (
    "cannot make a URL from {title!r}: {words} cannot be spelt with a-z; "
    "give one with --slug a-name"
)


def slugify(title: str) -> str:
    """`Your First App: Hello!` -> `your-first-app-hello`, ASCII letters and digits only:
    `Straße` -> `strasse`, `Déjà vu` -> `deja-vu`. A LessonError names the words that have no
    such spelling (another script than Latin)."""
    unspelled = [word for word in WORD.findall(title) if not ascii_spelling(word).isascii()]
    if unspelled:
        raise LessonError(UNSPELLED.format(title=title, words=", ".join(map(repr, unspelled))))
    return "-".join(re.findall(r"[a-z0-9]+", ascii_spelling(title)))


def ascii_spelling(text: str) -> str:
    """`text` casefolded, with its Latin letters' accents and strokes dropped; letters of
    other scripts are left as they are."""
    latin = text.casefold().translate(LATIN_SPELLINGS)
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def find_module(docs: Path, name: str) -> Path:
    """The module folder that `name` designates: folder name, slug or number."""
    modules = {
        folder: parts
        for folder in sorted(docs.iterdir())
        if folder.is_dir() and (parts := NUMBERED_NAME.fullmatch(folder.name))
    }
    matches = [
        folder
        for folder, parts in modules.items()
        if name in (folder.name, parts["slug"])
        or (name.isdigit() and int(name) == int(parts["number"]))
    ]
    if len(matches) != 1:
        names = ", ".join(folder.name for folder in modules) or "none"
        raise LessonError(f"no module {name!r} in {docs.name}/ (modules: {names})")
    return matches[0]


def next_lesson_name(module: Path, slug: str) -> str:
    """`N-slug.md` with N one past the module's last lesson, padded like its lessons."""
    lessons = [
        (parts, path)
        for path in module.glob("*.md")
        if (parts := NUMBERED_NAME.fullmatch(path.stem))
    ]
    if any(parts["slug"] == slug for parts, _ in lessons):
        raise LessonError(f"{module.name}/ already has a lesson whose URL ends in /{slug}/")
    numbers = [int(parts["number"]) for parts, _ in lessons]
    width = max((len(parts["number"]) for parts, _ in lessons), default=2)
    return f"{max(numbers, default=0) + 1:0{width}d}-{slug}.md"


def lesson_text(title: str) -> str:
    front_matter = {
        "title": title,
        "description": DESCRIPTION,
        "keywords": [KEYWORD],
        "summary": SUMMARY,
        "draft": True,
    }
    fields = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=1000)
    fields = fields.replace("draft: true", "draft: true  # remove this line to publish")
    return f"---\n{fields}---\n{BODY}"


def create_lesson(docs: Path, module_name: str, title: str, slug: str | None = None) -> Path:
    title = " ".join(title.split())
    if not title or len(title) > TITLE_MAX:
        raise LessonError(f"the title must have 1 to {TITLE_MAX} characters")
    slug = slug or slugify(title)
    if not NUMBERED_NAME.fullmatch(f"1-{slug}"):
        raise LessonError(f"cannot make a URL from {title!r}: give one with --slug a-name")
    module = find_module(docs, module_name)
    path = module / next_lesson_name(module, slug)
    text = lesson_text(title)
    check = FrontMatterCheck(str(path))
    if check.read(text, "lesson") is None or check.warnings:
        problems = "; ".join(map(str, check.errors + check.warnings))
        raise LessonError(f"the new lesson would not pass validation: {problems}")
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", help="module folder, slug or number: 01-introduction")
    parser.add_argument("title", help='the lesson\'s title: "Your first FastAPI app"')
    parser.add_argument("--slug", help="the last part of the URL, if not made from the title")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    try:
        path = create_lesson(options.docs, options.module, options.title, options.slug)
    except LessonError as error:
        print(f"new lesson: {error}", file=sys.stderr)
        return 2
    shown = path.relative_to(options.docs.parent) if options.docs.parent in path.parents else path
    print(f"created {shown.as_posix()}: a draft, previewed by `python3 dev.py serve` and left")
    print("out of the published site. Fill in every TODO, then delete the `draft: true` line.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
