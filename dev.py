"""Set up the course's environment from the lock file, then serve, build or test the site.

    python3 dev.py serve   # preview with live reload at http://127.0.0.1:8000/
    python3 dev.py test    # the whole test suite
    python3 dev.py build   # the strict build CI publishes, into site/
    python3 dev.py lesson MODULE "Title"   # a new draft lesson, numbered after the last
    python3 dev.py pdf      # the site, with the whole course as site/course.pdf
    python3 dev.py lighthouse   # the Lighthouse budget (needs Node and Chromium)
    python3 dev.py benchmark    # build speed at 100, 500 and 1,000 lessons
    python3 dev.py front-matter # after changing a field: its JSON Schemas and reference

Needs nothing but Python: the first run creates `.venv` and installs `requirements.txt`
into it (hash-checked); later runs reinstall only when the lock file has changed. With
Node.js and npm on the PATH it also installs, the same way, the runtime the Run buttons
need: Pyodide from package-lock.json into node_modules/, and the wheels of
in_browser/wheels.txt into .cache/browser-runtime/wheels/.
Extra arguments go to the underlying command (`python3 dev.py test -k escaping`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.txt"
STAMP = VENV / "requirements.sha256"
MINIMUM_PYTHON = (3, 11)
NODE_LOCK = ROOT / "package-lock.json"
WHEEL_LOCK = ROOT / "in_browser" / "wheels.txt"
WHEELS = ROOT / ".cache" / "browser-runtime" / "wheels"
WHEELS_STAMP = WHEELS / "wheels.sha256"
# The browser's Python: Pyodide 314 runs CPython 3.14 on Emscripten (its pyodide-lock.json).
BROWSER_PLATFORM = [
    "--platform", "pyemscripten_2026_0_wasm32", "--python-version", "3.14",
    "--implementation", "cp", "--only-binary=:all:",
]  # fmt: skip

# The commands that build the site (the tests build it too), and so need the browser's runtime.
BUILDS_THE_SITE = {"serve", "build", "test", "pdf", "lighthouse", "benchmark"}

COMMANDS = {
    # --dirty: a saved lesson rebuilds that page only (hooks/preview.py keeps it accurate).
    "serve": ["-m", "mkdocs", "serve", "--livereload", "--dirty"],
    "build": ["-m", "mkdocs", "build", "--strict"],
    "test": ["-m", "pytest"],
    "lesson": ["scripts/new_lesson.py"],
    "pdf": ["scripts/course_pdf.py"],
    "lighthouse": ["scripts/lighthouse.py"],
    "benchmark": ["scripts/benchmark.py"],
    "front-matter": ["scripts/front_matter_reference.py"],
}


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_environment() -> Path:
    """Create `.venv` and install the locked dependencies unless they are already there."""
    lock_digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == lock_digest:
        return python
    if not python.exists():
        print(f"dev.py: creating {VENV.name}/", flush=True)
        venv.create(VENV, with_pip=True)
    print(f"dev.py: installing {LOCK.name} into {VENV.name}/", flush=True)
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", LOCK],
        check=True,
    )
    STAMP.write_text(lock_digest + "\n")
    return python


def node_packages_installed() -> bool:
    """Whether node_modules/ holds every package at the version package-lock.json pins."""
    for path, package in json.loads(NODE_LOCK.read_text())["packages"].items():
        installed = ROOT / path / "package.json"
        if not path or package.get("optional"):  # the project itself; another OS's binaries
            continue
        if not installed.is_file():
            return False
        if json.loads(installed.read_text()).get("version") != package["version"]:
            return False
    return True


def ensure_browser_runtime(python: Path) -> None:
    """Install Pyodide and the browser's wheels unless they are there, as their locks pin
    them. Without npm, or when a download fails, it goes on: `serve` then says in one line
    that it leaves the Run buttons out, and the strict build stops (hooks/browser_runtime.py)."""
    npm = shutil.which("npm")
    # Without npm the build says, in one line, what is missing and what it means.
    if npm is not None and not node_packages_installed():
        print(f"dev.py: installing {NODE_LOCK.name} into node_modules/", flush=True)
        # --ignore-scripts: no package runs code on this machine as it installs.
        npm_ci = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        if subprocess.run(npm_ci, cwd=ROOT, check=False).returncode != 0:
            print("dev.py: npm ci failed: the Run buttons need node_modules/pyodide/")
    digest = hashlib.sha256(WHEEL_LOCK.read_bytes()).hexdigest()
    if WHEELS_STAMP.is_file() and WHEELS_STAMP.read_text().strip() == digest:
        return
    print(f"dev.py: downloading {WHEEL_LOCK.relative_to(ROOT)} into {WHEELS.relative_to(ROOT)}/")
    download = [python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
    download += ["--require-hashes", "--no-deps", *BROWSER_PLATFORM]
    download += ["--dest", WHEELS, "--requirement", WHEEL_LOCK]
    if subprocess.run(download, cwd=ROOT, check=False).returncode != 0:
        print(f"dev.py: the download failed: the Run buttons need {WHEELS.relative_to(ROOT)}/")
        return
    WHEELS_STAMP.write_text(digest + "\n")


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        wanted = ".".join(map(str, MINIMUM_PYTHON))
        print(f"dev.py: Python {wanted} or newer is needed, this is {sys.version.split()[0]}")
        return 2
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    python = ensure_environment()
    if argv[0] in BUILDS_THE_SITE:
        ensure_browser_runtime(python)
    # Material 9.x prints an end-of-life notice on every import; it says nothing about our site.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([python, *COMMANDS[argv[0]], *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
