"""The Python runtime the reader's browser runs the samples in, and where the site serves it.

Pyodide comes from npm (`pyodide` in package.json, pinned by package-lock.json's integrity
hash, installed by `npm ci` into node_modules/); the wheels of FastAPI and what it imports
come from PyPI (in_browser/wheels.txt, pinned by hash, downloaded by dev.py into
`.cache/browser-runtime/wheels/`). Neither is committed: they weigh 16 MB. A build whose
course has a runnable sample publishes them under `assets/runtime/`, with the course's
runner (in_browser/runner.py) and a Pyodide lock file that lists no package, so that
Pyodide has nothing it could fetch from its CDN. Nothing here is read by a page until the
reader presses Run (docs/assets/javascripts/run-*.js).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from course import build_cache, build_state

# Beside mkdocs.yml.
PYODIDE_PACKAGE = Path("node_modules", "pyodide")
WHEEL_LOCK = Path("in_browser", "wheels.txt")
RUNNER = Path("in_browser", "runner.py")
WHEEL_CACHE = "browser-runtime/wheels"  # under build_cache.CACHE
# What of the npm package a page loads: the loader, the interpreter, its standard library.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PYODIDE_LOCK = "pyodide-lock.json"

# In the site.
PUBLISHED = "assets/runtime"

SET_UP = "python3 dev.py serve (or build) installs it when Node.js and npm are on the PATH"
LEFT_OUT = "Run buttons are left out: {reason}; {set_up}"
MISSING = "the course's runnable samples need the in-browser runtime: {reason}; {set_up}"
NO_PYODIDE = "{path}/ is not installed"
NO_WHEEL = "{path} is missing"
WRONG_WHEEL = "{path} does not have the hash {lock} pins: delete it and build again"

PINNED = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)\s*\\?\s*--hash=sha256:(?P<hash>[0-9a-f]{64})",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Wheel:
    name: str
    version: str
    sha256: str


@dataclass
class BrowserRuntime:
    """This build's runtime: where its files are, or why they cannot be served; and whether
    a page of the course has a sample to run in it."""

    files: dict[str, Path] = field(default_factory=dict)  # path in the site -> file
    problem: str | None = None
    needed: bool = False


def pinned_wheels(lock_text: str) -> list[Wheel]:
    """The wheels in_browser/wheels.txt pins, with their versions and hashes."""
    return [Wheel(m["name"], m["version"], m["hash"]) for m in PINNED.finditer(lock_text)]


def wheel_file(wheel: Wheel, folder: Path) -> Path | None:
    """The downloaded file of `wheel` in `folder` (wheel names write `-` as `_`), or None."""
    stem = f"{wheel.name.replace('-', '_')}-{wheel.version}-"
    return next((path for path in sorted(folder.glob("*.whl")) if path.name.startswith(stem)), None)


def sha256(path: Path) -> str:
    with path.open("rb") as opened:
        return hashlib.file_digest(opened, "sha256").hexdigest()


def locate(project: Path, cache: Path) -> BrowserRuntime:
    """The runtime's files for the site, checked against their pins, or why it cannot be
    served."""
    runtime = BrowserRuntime()
    package = project / PYODIDE_PACKAGE
    if not all((package / name).is_file() for name in (*PYODIDE_FILES, PYODIDE_LOCK)):
        runtime.problem = NO_PYODIDE.format(path=PYODIDE_PACKAGE.as_posix())
        return runtime
    for name in PYODIDE_FILES:
        runtime.files[f"{PUBLISHED}/pyodide/{name}"] = package / name
    wheels = []
    for wheel in pinned_wheels((project / WHEEL_LOCK).read_text(encoding="utf-8")):
        found = wheel_file(wheel, cache)
        shown = f"{build_cache.CACHE}/{WHEEL_CACHE}/{wheel.name}=={wheel.version}"
        if found is None:
            runtime.problem = NO_WHEEL.format(path=shown)
        elif sha256(found) != wheel.sha256:
            runtime.problem = WRONG_WHEEL.format(path=found.name, lock=WHEEL_LOCK.as_posix())
        if runtime.problem:
            runtime.files.clear()
            return runtime
        runtime.files[f"{PUBLISHED}/wheels/{found.name}"] = found
        wheels.append(found.name)
    runtime.files[f"{PUBLISHED}/runner.py"] = project / RUNNER
    return runtime


def generated(runtime: BrowserRuntime, project: Path) -> dict[str, bytes]:
    """The runtime's files that the build writes: the list of wheels the worker installs,
    and a Pyodide lock file with Pyodide's own facts and no package."""
    lock = json.loads((project / PYODIDE_PACKAGE / PYODIDE_LOCK).read_text(encoding="utf-8"))
    wheels = sorted(Path(path).name for path in runtime.files if path.endswith(".whl"))
    return {
        f"{PUBLISHED}/pyodide/{PYODIDE_LOCK}": json.dumps(
            {"info": lock["info"], "packages": {}}
        ).encode(),
        f"{PUBLISHED}/wheels.json": json.dumps({"wheels": wheels}).encode(),
    }


def runs_in_browser() -> bool:
    """Whether this build's samples get Run buttons: the runtime is there to serve them."""
    return build_state.part(BrowserRuntime).problem is None


def needed() -> None:
    """A page of this build has a sample to run: the site must serve the runtime."""
    build_state.part(BrowserRuntime).needed = True


def link_installed(installed: Path, project: Path) -> None:
    """Give a copy of the project (a test's, the benchmark's) the runtime installed in
    `installed`: its lock and runner copied, its 16 MB linked."""
    for kept in (WHEEL_LOCK, RUNNER):
        (project / kept).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(installed / kept, project / kept)
    for folder in (PYODIDE_PACKAGE, Path(build_cache.CACHE, WHEEL_CACHE)):
        if (installed / folder).is_dir() and not (project / folder).exists():
            (project / folder).parent.mkdir(parents=True, exist_ok=True)
            (project / folder).symlink_to(installed / folder, target_is_directory=True)


def publish(runtime: BrowserRuntime, project: Path, site: Path) -> None:
    """The runtime's files into the site: linked from where they were installed, so that an
    unchanged file costs nothing in `serve`, and its generated files written whole."""
    for published, source in runtime.files.items():
        build_cache.place(source, site / published)
    for published, content in generated(runtime, project).items():
        destination = site / published
        if not destination.is_file() or destination.read_bytes() != content:
            build_cache.write_aside(destination, content)
