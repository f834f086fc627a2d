"""A page's reading is worked out again only when what it reads changed, and the build after
one without the page keeps nothing of it."""

from __future__ import annotations

from course.layout import KeptReadings


def test_a_reading_is_kept_while_its_arguments_stay_the_same() -> None:
    calls: list[str] = []

    def words(markdown: str) -> int:
        calls.append(markdown)
        return len(markdown.split())

    kept = KeptReadings()
    for markdown in ("one two", "one two", "one two three", "one two three"):
        kept.next_build()
        assert kept.reading("words", "a.md", words, markdown) == len(markdown.split())
        assert kept.reading("words", "b.md", words, "four") == 1
    assert calls == ["one two", "four", "one two three"]


def test_the_readings_of_a_page_gone_are_dropped() -> None:
    calls: list[str] = []
    kept = KeptReadings()
    for present in (True, False, True):
        kept.next_build()
        if present:
            kept.reading("words", "a.md", calls.append, "text")
    assert calls == ["text", "text"]
