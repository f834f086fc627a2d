"""Build the real site from a temporary copy of the project, as MkDocs' own tests do."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("mkdocs.yml", "docs", "docs_src", "hooks", "overrides", "assets")
SITE_URL = "https://example.org/course/"

# Material 9.x announces its end of life when the theme loads; that notice is not about our site.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """The build stopped; `errors` are the lines MkDocs logged as errors."""

    def __init__(self, errors: list[str], warnings: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.warnings = warnings


@dataclass
class Built:
    """A site built by `build_site`: where it is and what MkDocs logged on the way."""

    site_dir: Path
    warnings: list[str] = field(default_factory=list)

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse the page served at `url_path` (`introduction/what-is-fastapi/`)."""
        return BeautifulSoup((self.site_dir / url_path / "index.html").read_text(), "html.parser")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        messages = self.errors if record.levelno >= logging.ERROR else self.warnings
        messages.append(record.getMessage())


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def add_fixture(project: Path, fixture: str, target: str) -> Path:
    """Copy `tests/fixtures/<fixture>` (a file or a folder) to `docs/<target>` in `project`."""
    source = FIXTURES / fixture
    destination = project / "docs" / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, dirs_exist_ok=True)
    else:
        shutil.copyfile(source, destination)
    return destination


def configured_hooks(project: Path) -> list[str]:
    """The `hooks:` list of the project's mkdocs.yml (read alone: the file has !ENV tags)."""
    hooks_block = "\n".join(
        line
        for line in (project / "mkdocs.yml").read_text().splitlines()
        if line.startswith(("hooks:", "  - hooks/"))
    )
    return yaml.safe_load(hooks_block)["hooks"]


def config_fixture(name: str) -> dict:
    """Top-level mkdocs.yml keys to override, from `tests/fixtures/config/<name>.yml`."""
    return yaml.safe_load((FIXTURES / "config" / f"{name}.yml").read_text())


def build_site(
    project: Path, *, strict: bool = True, serve: bool = False, dirty: bool = False, **overrides
) -> Built:
    """Build `project` as `mkdocs build` would (or as `mkdocs serve` would, with `serve`;
    `dirty` as `mkdocs serve --dirty` does each rebuild, into the same site folder)."""
    config = load_config(
        str(project / "mkdocs.yml"), strict=strict, site_dir=str(project / "site"), **overrides
    )
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    config.plugins.on_startup(command="serve" if serve else "build", dirty=dirty)
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if serve else None, dirty=dirty)
    except Abort as abort:
        raise BuildFailed(collect.errors or [str(abort)], collect.warnings) from abort
    finally:
        config.plugins.on_startup(command="build", dirty=False)
        logger.removeHandler(collect)
    return Built(project / "site", collect.warnings)
