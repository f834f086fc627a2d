"""The order in which the course's hooks run at each MkDocs event: the one place it is set.

MkDocs runs an event's handlers by priority, highest first; plugins (Material's search,
mermaid2) run at 0, before hooks of the same priority, and hooks of equal priority run in
the order of `hooks:` in mkdocs.yml, which for that reason must not matter
(tests/integration/test_hook_order.py builds the site with the list in several orders). A
hook whose handler must run before or after another takes its priority from here:

    @event_priority(feature_order.priority("lessons", "on_files"))

and tests/unit/test_feature_order.py checks that this table lists every hook's handler at
every event, with the priority the handler declares. A handler of a `CombinedEvent` is named
`hook.function`.
"""

from __future__ import annotations

from typing import Final

# Where MkDocs' plugins run among the hooks: Material's search, mermaid2 (priority 0).
PLUGINS: Final = "(plugins)"

# Each event's handlers, first to last: a name alone runs at 0, a pair at its priority.
ORDER: Final[dict[str, tuple[str | tuple[str, int], ...]]] = {
    "on_startup": ("lessons", "preview"),
    "on_config": (
        ("lessons", 110),  # this build's state begins (course/build_state.py)
        ("build_lock", 100),  # one build at a time, before MkDocs empties site/
        ("words", 50),  # the reader's words, before Material's search reads its own table
        PLUGINS,
        "upstream",
        "samples",
        "accessibility",
        "diagrams",
        "print_page",
        "seo_check",
        "newsletter",
        "browser_runtime",
        "runnable_samples",
        ("self_checks", -50),  # the blocks in the words hooks/words.py has just read
    ),
    "on_pre_build": ("diagrams", "mermaid2_stand_in"),
    "on_files": (
        ("lessons", 100),  # the course, read before any hook needs it
        PLUGINS,
        "social",
        "samples",
        "print_page",
        "crawl",
        "seo_check",
        ("preview", -100),  # after every hook has added its files (social cards)
    ),
    "on_nav": (
        "lessons",
        "crawl",
        ("page_cache", -100),  # every page known, as every hook leaves them: the helper starts
        ("social", -110),  # the cards' drawing thread, once the helper has forked
    ),
    "on_pre_page": ("page_cache",),
    "on_page_markdown": (
        ("preview", 100),  # before every hook that may warn about the page
        PLUGINS,
        "lessons",
        "diagrams",
        "self_checks",
        ("page_cache", -100),  # the Markdown as every hook leaves it, which it converts
    ),
    "on_page_content": (
        PLUGINS,
        "self_checks",
        "print_page",
        "seo_check",
        ("preview", -100),  # after every hook that may warn about the page
    ),
    "on_env": (
        "upstream",
        "words",
        "navigation",
        "social",
        "self_checks",
        "preview",
        "page_cache",
    ),
    "on_page_context": (
        ("search._shorten_for_search", 1),  # just before Material's search reads the page
        PLUGINS,
        "lessons",
        "seo",
        "structured_data",
        "print_page",
        "newsletter",
        ("search._restore_whole_content", -100),  # the whole page back for its template
    ),
    "on_template_context": ("lessons", "print_page"),
    "on_post_page": (
        ("mermaid2_stand_in._give_mermaid2_a_stand_in", 1),  # just before mermaid2
        PLUGINS,
        ("mermaid2_stand_in._take_back_the_real_page", -1),  # just after it
    ),
    "on_post_build": (
        PLUGINS,
        "self_checks",
        "crawl",
        "seo_check",
        "published_address",
        "browser_runtime",
        "runnable_samples",
        "page_cache",
        ("lessons", -110),  # this build's state ends, after every hook has used it
    ),
    "on_build_error": ("lessons", "preview"),
    "on_shutdown": ("lessons", "preview"),
}


def priority(handler: str, event: str) -> int:
    """The priority `handler` (a hook's name, or `hook.function`) runs `event` at."""
    for entry in ORDER[event]:
        name, value = entry if isinstance(entry, tuple) else (entry, 0)
        if name == handler:
            return value
    raise LookupError(f"course/feature_order.py does not list {handler} at {event}")
