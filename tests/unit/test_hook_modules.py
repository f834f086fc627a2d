"""Hooks as MkDocs loads them: every module once, no hook importing another, and every
hook saying in its first lines which events it uses."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, configured_hooks

HOOKS = configured_hooks(ROOT)
HOOK_NAMES = {Path(hook).stem for hook in HOOKS}

# Loads the configuration as `mkdocs build` does (which loads every hook), then lists the
# files under hooks/ that more than one module object came from (one module under two names
# would be fine).
LOAD_AS_MKDOCS_DOES = """
import collections, json, os, sys
from mkdocs.config import load_config
load_config(sys.argv[1])
hooks = os.path.join(os.path.dirname(os.path.realpath(sys.argv[1])), "hooks")
by_file = collections.defaultdict(dict)
for name, module in list(sys.modules.items()):
    path = os.path.realpath(getattr(module, "__file__", None) or "")
    if path.startswith(hooks + os.sep):
        by_file[path][id(module)] = name
print(json.dumps({path: list(names.values()) for path, names in by_file.items() if len(names) > 1}))
"""


def test_every_file_under_hooks_is_loaded_once() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AS_MKDOCS_DOES, str(ROOT / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"SITE_URL": "https://example.org/", "NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    twice = json.loads(result.stdout.splitlines()[-1])
    assert twice == {}


def test_every_hook_file_is_listed_and_every_listed_hook_exists() -> None:
    on_disk = {path.relative_to(ROOT).as_posix() for path in (ROOT / "hooks").glob("*.py")}
    assert on_disk == set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_no_hook_imports_another(hook: str) -> None:
    tree = ast.parse((ROOT / hook).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported & HOOK_NAMES == set()


@pytest.mark.parametrize("hook", HOOKS)
def test_each_hook_names_its_events_in_its_first_lines(hook: str) -> None:
    docstring = ast.get_docstring(ast.parse((ROOT / hook).read_text(encoding="utf-8"))) or ""
    events = events_of(hook)
    head = docstring.split("\n\n")[:2]
    assert events, f"{hook} uses no MkDocs event"
    named = set(re.findall(r"\bon_[a-z_]+", " ".join(head)))
    assert events <= named, f"{hook}: events not named in its first lines: {events - named}"


def events_of(hook: str) -> set[str]:
    tree = ast.parse((ROOT / hook).read_text(encoding="utf-8"))
    return {
        node.targets[0].id if isinstance(node, ast.Assign) else node.name
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name.startswith("on_"))
        or (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "").startswith("on_"))
    }
