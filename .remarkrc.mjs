// What VS Code's remark extension (unifiedjs.vscode-remark) checks as an author types, and
// what tests/unit/test_editor_front_matter_check.py runs with remark's command line: a page's
// front matter against the JSON Schema of its kind of page (schemas/, written from
// hooks/course/front_matter_fields.py by `python3 dev.py front-matter`). Nothing else: no
// style rule, as the build decides what a lesson's Markdown may be.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";
import { isMap, LineCounter, parseDocument } from "yaml";

const RULE = "frontmatter-schema";

// remark-lint-frontmatter-schema 3.15.4 words a mistake as its JSON Schema validator does
// ("Must NOT have additional properties", "Must match pattern "^\s*(?:\S|…"), and places it
// where older remark looked (`position`, not `place`), so the editor put every mistake on the
// page's first line (JulianCataldo/remark-lint-frontmatter-schema#32). Each mistake names its
// field and sits on it; a field unknown or missing is worded as the build words it
// (course/rules.py: the test holds them equal), a value as the schema's `patternErrorMessage`.
function mistakesOnTheirFields() {
  return (tree, file) => {
    const block = tree.children.find((node) => node.type === "yaml");
    const mistakes = file.messages.filter((message) => message.ruleId === RULE && message.schema);
    for (const message of mistakes) {
      const error = message.schema; // the validator's error, kept on the message by the rule
      const [field, ...inside] = error.instancePath.split("/").slice(1);
      const key = error.params.additionalProperty ?? error.params.missingProperty;
      const where = inside.map((step) => (/^\d+$/.test(step) ? `entry ${+step + 1}` : step));
      let what = error.parentSchema?.patternErrorMessage ?? error.message;
      if (error.keyword === "enum") what += `: ${error.params.allowedValues.join(", ")}`;
      if (error.keyword === "additionalProperties") {
        const fields = Object.keys(error.parentSchema.properties).sort().join(", ");
        what = `unknown field (allowed: ${fields})`;
        if (field !== undefined) where.push(`${key}:`);
      }
      if (error.keyword === "required") what = "is required";
      // A mistake of the whole block (not a mapping) is the front matter's, as the build says.
      message.reason = `${field ?? key ?? "front matter"}: ${[...where, what].join(" ")}`;
      message.message = message.reason;
      message.note = undefined; // the validator's keyword and schema path: not the author's
      message.place = message.position ?? placeOf(block, field ?? key);
      message.line = message.place.start.line;
      message.column = message.place.start.column;
    }
    // `not` says "must NOT be valid": said better by the other mistake of the same value.
    const said = new Set(mistakes.filter((m) => m.schema.keyword !== "not").map(valuePath));
    file.messages = file.messages.filter(
      (m) => !(m.schema?.keyword === "not" && said.has(valuePath(m))),
    );
  };
}

function valuePath(message) {
  return message.schema.instancePath;
}

// Where the front matter writes `key` at its top level, read as the rule reads it; else its
// opening `---`.
function placeOf(block, key) {
  const lines = new LineCounter();
  const mapping = parseDocument(block.value, { lineCounter: lines }).contents;
  const pair = isMap(mapping) ? mapping.items.find((item) => item.key?.value === key) : undefined;
  const { line } = block.position.start;
  if (!pair) return { start: { line, column: 1 }, end: { line, column: 4 } };
  // The block's text starts on the line after the `---`.
  const point = (offset) => {
    const written = lines.linePos(offset);
    return { line: line + written.line, column: written.col };
  };
  return { start: point(pair.key.range[0]), end: point(pair.key.range[1]) };
}

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
          // The schema around each mistake, for its `patternErrorMessage` and its fields.
          ajvOptions: { verbose: true },
        },
      ],
    ],
    mistakesOnTheirFields,
    keepThePageAsWritten,
  ],
};
