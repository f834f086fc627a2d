"""The runtime the Run buttons serve: the versions the samples are tested with, for the Python
Pyodide runs, every file checked against its pin before a site serves it.

The fixture (tests/fixtures/browser_runtime/) stands in for an installed runtime: Pyodide's
files, two wheels and the lock that pins them, laid out in a project as dev.py installs them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from course import browser_runtime_files as runtime_files
from course.build_cache import CACHE
from helpers import FIXTURES, ROOT

FIXTURE = FIXTURES / "browser_runtime"
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)", re.MULTILINE)


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def versions_tested() -> dict[str, str]:
    """What requirements.txt installs for the tests, the samples' tests among them."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return {normalized(m["name"]): m["version"] for m in REQUIREMENT.finditer(text)}


def browser_wheels() -> list[runtime_files.Wheel]:
    return runtime_files.pinned_wheels((ROOT / runtime_files.WHEEL_LOCK).read_text())


def installed_project(tmp_path: Path) -> Path:
    """A project with the fixture's runtime installed where dev.py installs it."""
    shutil.copytree(FIXTURE / "pyodide", tmp_path / runtime_files.PYODIDE_PACKAGE)
    shutil.copytree(FIXTURE / "wheels", wheel_cache(tmp_path))
    (tmp_path / runtime_files.WHEEL_LOCK).parent.mkdir()
    shutil.copy(FIXTURE / "wheels.txt", tmp_path / runtime_files.WHEEL_LOCK)
    shutil.copy(FIXTURE / "runner.py", tmp_path / runtime_files.RUNNER)
    return tmp_path


def wheel_cache(project: Path) -> Path:
    return project / CACHE / runtime_files.WHEEL_CACHE


def test_the_browser_runs_the_versions_the_samples_are_tested_with() -> None:
    tested = versions_tested()
    wheels = browser_wheels()
    assert {"fastapi", "starlette", "pydantic", "pydantic-core"} <= {w.name for w in wheels}
    for wheel in wheels:
        assert tested.get(normalized(wheel.name)) == wheel.version, (
            f"{runtime_files.WHEEL_LOCK} pins {wheel.name}=={wheel.version}, "
            f"requirements.txt {tested.get(normalized(wheel.name))}: update them together"
        )


def test_the_wheels_are_for_the_python_pyodide_runs() -> None:
    node_lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert node_lock["packages"]["node_modules/pyodide"]["version"] == pinned
    dev = (ROOT / "dev.py").read_text()
    python = re.search(r'"--python-version", "(\d+)\.(\d+)"', dev)
    platform = re.search(r'"--platform", "pyemscripten_(\w+)_wasm32"', dev)
    assert python and platform
    lock_path = ROOT / runtime_files.PYODIDE_PACKAGE / runtime_files.PYODIDE_LOCK
    if lock_path.is_file():  # installed by dev.py; CI always has it
        info = json.loads(lock_path.read_text())["info"]
        assert info["python"].split(".")[:2] == [python[1], python[2]]
        assert info["abi_version"] == platform[1]
    binary = [w for w in browser_wheels() if w.name == "pydantic-core"]
    cache = ROOT / CACHE / runtime_files.WHEEL_CACHE
    found = runtime_files.wheel_file(binary[0], cache) if cache.is_dir() else None
    if found is not None:
        assert f"-cp{python[1]}{python[2]}-" in found.name
        assert f"pyemscripten_{platform[1]}_wasm32" in found.name


def test_an_installed_runtime_is_found_file_by_file(tmp_path: Path) -> None:
    project = installed_project(tmp_path)
    found = runtime_files.locate(project, wheel_cache(project))
    assert found.problem is None
    published = runtime_files.PUBLISHED
    assert set(found.files) == {
        *(f"{published}/pyodide/{name}" for name in runtime_files.PYODIDE_FILES),
        *(f"{published}/wheels/{path.name}" for path in (FIXTURE / "wheels").iterdir()),
        f"{published}/runner.py",
    }


def test_the_site_gets_a_pyodide_lock_without_packages_and_the_list_of_wheels(
    tmp_path: Path,
) -> None:
    project = installed_project(tmp_path)
    site = tmp_path / "site"
    found = runtime_files.locate(project, wheel_cache(project))
    runtime_files.publish(found, project, site)
    published = site / runtime_files.PUBLISHED
    lock = json.loads((published / "pyodide" / runtime_files.PYODIDE_LOCK).read_text())
    original = json.loads((FIXTURE / "pyodide" / runtime_files.PYODIDE_LOCK).read_text())
    # No package Pyodide could fetch from its CDN; its own facts as installed.
    assert lock == {"info": original["info"], "packages": {}}
    listed = json.loads((published / "wheels.json").read_text())["wheels"]
    assert listed == sorted(path.name for path in (FIXTURE / "wheels").iterdir())
    for name in listed:
        assert (published / "wheels" / name).read_bytes() == (
            FIXTURE / "wheels" / name
        ).read_bytes()
    # Published again (`serve`): the same files, nothing written twice.
    before = (published / "wheels.json").stat().st_mtime_ns
    runtime_files.publish(found, project, site)
    assert (published / "wheels.json").stat().st_mtime_ns == before


def test_without_pyodide_the_runtime_says_what_is_missing(tmp_path: Path) -> None:
    project = installed_project(tmp_path)
    shutil.rmtree(project / runtime_files.PYODIDE_PACKAGE)
    found = runtime_files.locate(project, wheel_cache(project))
    assert found.problem == runtime_files.NO_PYODIDE.format(
        path=runtime_files.PYODIDE_PACKAGE.as_posix()
    )
    assert not found.files


def test_a_missing_wheel_is_named(tmp_path: Path) -> None:
    project = installed_project(tmp_path)
    (wheel_cache(project) / "other-2.1-py3-none-any.whl").unlink()
    found = runtime_files.locate(project, wheel_cache(project))
    shown = f"{CACHE}/{runtime_files.WHEEL_CACHE}/other==2.1"
    assert found.problem == runtime_files.NO_WHEEL.format(path=shown)
    assert not found.files


def test_a_wheel_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    project = installed_project(tmp_path)
    tampered = wheel_cache(project) / "demo_package-1.0-py3-none-any.whl"
    tampered.write_bytes(tampered.read_bytes() + b"changed")
    found = runtime_files.locate(project, wheel_cache(project))
    lock = runtime_files.WHEEL_LOCK.as_posix()
    assert found.problem == runtime_files.WRONG_WHEEL.format(path=tampered.name, lock=lock)
    assert not found.files


def test_every_requirement_is_pinned_by_its_hash() -> None:
    text = (ROOT / runtime_files.WHEEL_LOCK).read_text()
    assert len(REQUIREMENT.findall(text)) == len(browser_wheels()) == text.count("--hash=")
