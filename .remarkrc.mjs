// What VS Code's remark extension (unifiedjs.vscode-remark) checks as an author types, and
// what tests/unit/test_editor_front_matter_check.py runs with remark's command line: a page's
// front matter against the JSON Schema of its kind of page (schemas/, written from
// hooks/course/front_matter_fields.py by `python3 dev.py front-matter`). Nothing else: no
// style rule, as the build decides what a lesson's Markdown may be.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

// Lessons are written for Python-Markdown (admonitions, content tabs, `///` blocks), which
// remark's own formatter rewrites into something else (an admonition's body into a code
// block): "Format Document", or formatting on save, leaves a page as it was written.
function keepThePageAsWritten() {
  this.compiler = (tree, file) => String(file.value);
}

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      [
        // The build refuses such a page: an error, not a warning.
        "error",
        {
          // The layout of hooks/course/layout.py: docs/index.md is the home page, a numbered
          // folder's index.md a module's page, the folder's other numbered pages its lessons.
          schemas: {
            "schemas/front-matter-home.schema.json": ["docs/index.md"],
            "schemas/front-matter-module.schema.json": ["docs/[0-9]*-*/index.md"],
            "schemas/front-matter-lesson.schema.json": ["docs/[0-9]*-*/[0-9]*-*.md"],
          },
        },
      ],
    ],
    keepThePageAsWritten,
  ],
};
