"""The course: plain modules that the hooks in hooks/ call, free of MkDocs' events.

- rules: every limit, pattern and message, written once;
- model: the course, its modules and lessons, immutable once read;
- front_matter, layout, lesson_body, diagrams, links, dates, loader: how the model is read
  from docs/, and what is checked on the way;
- front_matter_fields: every front-matter field, declared once; front_matter_values: the
  kinds of value they hold, each with its check and its JSON Schema;
- build_state: the build in progress (its course, each feature's state) and the session;
- feature_order: the order of the hooks at each event;
- page_mistakes: a page's own mistakes, which stop a build and which `serve` shows;
- words and languages/: the reader's words, one table per language;
- snippets, card_text, cards, build_cache, content_audit, seo_findings, print_page,
  build_lock: what the hooks share;
- upstream: every use of another package's private behaviour.

Nothing here imports a hook. cards and build_cache import nothing of MkDocs: a second
process draws the cards with them.
"""
