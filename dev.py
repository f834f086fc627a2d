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
into it (hash-checked); later runs reinstall only when the lock file has changed.
Extra arguments go to the underlying command (`python3 dev.py test -k escaping`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.txt"
STAMP = VENV / "requirements.sha256"
MINIMUM_PYTHON = (3, 11)

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


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        wanted = ".".join(map(str, MINIMUM_PYTHON))
        print(f"dev.py: Python {wanted} or newer is needed, this is {sys.version.split()[0]}")
        return 2
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    python = ensure_environment()
    # Material 9.x prints an end-of-life notice on every import; it says nothing about our site.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([python, *COMMANDS[argv[0]], *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
