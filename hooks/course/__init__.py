"""The course: plain modules that the hooks in hooks/ call, free of MkDocs' events.

- rules: every limit, pattern and message, written once;
- model: the course, its modules and lessons, immutable once read;
- front_matter, layout, dates, loader: how the model is read from docs/;
- this_build: the course of the build in progress, for every hook;
- words: the reader's words, one table per language (languages/);
- snippets, card_text, cards, build_cache: what several hooks share;
- upstream: every use of another package's private behaviour.

Nothing here imports a hook. cards and build_cache import nothing of MkDocs: a second
process draws the cards with them.
"""
