"""The course: plain modules that the hooks in hooks/ call, free of MkDocs' events.

- rules: every limit, pattern and message, written once;
- model: the course, its modules and lessons, immutable once read;
- front_matter_fields: every front-matter field, declared once; front_matter_values: the
  kinds of value they hold, each with its check and its JSON Schema;
- front_matter, layout, lesson_body, code_fences, mermaid_source, links, dates, loader: how
  the model is read from docs/, and what is checked on the way;
- self_check_blocks and self_check_parse: quizzes and exercises, checked by the blocks that
  render them, and the one reading of them that everything else asks;
- build_state: the build in progress (its course, each feature's state) and the session;
- feature_order: the order of the hooks at each event;
- page_mistakes: a page's own mistakes, which stop a build and which `serve` shows;
- reader_words and languages/: the reader's words, one table per language;
- snippets, card_text, cards, build_cache, content_audit, search_text, seo_findings,
  print_assembly, site_lock: what the hooks share;
- conversion_cache: each page's conversion kept in .cache/pages.sqlite3 and given back;
- conversion_helper: a second process that converts pages into that cache meanwhile;
- upstream_internals: every use of another package's private behaviour.

Nothing here imports a hook. cards and build_cache import nothing of MkDocs: a second
process draws the cards with them.
"""
