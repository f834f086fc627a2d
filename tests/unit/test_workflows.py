"""The publishing workflow: secure (zizmor), valid (GitHub's schema), and running our commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

GITHUB = ROOT / ".github"
WORKFLOW_PATH = GITHUB / "workflows/site.yml"
WORKFLOW = yaml.safe_load(WORKFLOW_PATH.read_text())
JOBS = WORKFLOW["jobs"]
# The document that shows the commands CI runs, where engineers look for publishing.
MAINTAINING = ROOT / "MAINTAINING.md"
# What the CI of this workplace runs (GitHub runs the workflow).
CI_RUN = ROOT / ".ci" / "run"
# What the Run buttons serve, cached between runs; dev.py installs and verifies it.
RUNTIME_CACHE = {"~/.npm", ".cache/browser-runtime"}
RUNTIME_LOCKS = ("package-lock.json", "in_browser/wheels.txt")


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def documented_command(name: str) -> str:
    """MAINTAINING.md's `python3 dev.py <name>` command, as written in its code blocks."""
    text = MAINTAINING.read_text(encoding="utf-8")
    match = re.search(rf"^\s*(python3 dev\.py {name})\b", text, re.MULTILINE)
    assert match, f"{MAINTAINING.name} shows no `python3 dev.py {name}`"
    return match[1]


def step_runs(job: str) -> list[str]:
    return [step["run"] for step in JOBS[job]["steps"] if "run" in step]


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = run(zizmor, "--offline", "--persona=pedantic", ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", WORKFLOW_PATH),
        ("vendor.dependabot", GITHUB / "dependabot.yml"),
    ],
)
def test_github_schema_accepts(schema: str, path: Path) -> None:
    result = run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_test_job_runs_the_documented_test_command_alone() -> None:
    # dev.py installs everything the tests need from its locks: nothing to install first.
    assert step_runs("test") == [documented_command("test")]
    assert JOBS["test"]["env"]["CHROME_PATH"]


def test_ci_run_ends_with_the_documented_test_command() -> None:
    commands = [line.strip() for line in CI_RUN.read_text().splitlines()]
    assert commands[-1] == documented_command("test")
    assert "npm ci" not in CI_RUN.read_text(), "dev.py installs the Node.js packages"


@pytest.mark.parametrize("job", ["test", "build"])
def test_the_runtime_is_cached_by_its_locks_before_the_course_is_built(job: str) -> None:
    steps = JOBS[job]["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert set(cache["with"]["path"].split()) == RUNTIME_CACHE
    assert all(lock in cache["with"]["key"] for lock in RUNTIME_LOCKS)
    first_build = next(step for step in steps if "dev.py" in step.get("run", ""))
    assert steps.index(cache) < steps.index(first_build)


def test_the_build_job_builds_prints_the_pdf_then_checks_the_address() -> None:
    # Pull requests build with the default address; main with the one Pages publishes at,
    # and checks every page for it before the upload.
    check = 'python3 scripts/check_published_address.py site "$SITE_URL"'
    build, pdf = documented_command("build"), documented_command("pdf")
    assert step_runs("build") == [build, pdf, build, pdf, check]
    dev = (ROOT / "dev.py").read_text()
    assert '"build": ["-m", "mkdocs", "build", "--strict"]' in dev
    assert JOBS["build"]["env"]["CHROME_PATH"]
    steps = JOBS["build"]["steps"]
    runs = [step for step in steps if "run" in step]
    for step in runs[:2]:
        assert step["if"] == "github.event_name == 'pull_request'"
        assert "env" not in step
    for step in runs[2:]:
        assert step["if"] == "github.event_name != 'pull_request'"
        assert step["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert steps.index(runs[-1]) < steps.index(upload)


def test_deploy_runs_only_after_tests_and_build_on_main() -> None:
    deploy = JOBS["deploy"]
    assert sorted(deploy["needs"]) == ["build", "test"]
    assert "refs/heads/main" in deploy["if"]
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_least_privilege() -> None:
    assert WORKFLOW["permissions"] == {"contents": "read"}
    assert JOBS["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in JOBS.items():
        if name != "deploy":
            assert "write" not in job.get("permissions", {}).values(), name


def test_checkouts_have_history_and_no_credentials() -> None:
    for job in JOBS.values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"] == {"fetch-depth": 0, "persist-credentials": False}


def test_every_job_that_reads_the_course_checks_out_its_whole_history_first() -> None:
    # Page dates come from git: a shallow checkout would date every page by its last commit
    # (course/dates.py warns, which fails the strict build).
    readers = [name for name in JOBS if any("dev.py" in run for run in step_runs(name))]
    assert sorted(readers) == ["build", "test"]
    for name in readers:
        first = JOBS[name]["steps"][0]
        assert first["uses"].startswith("actions/checkout@"), name
        assert first["with"]["fetch-depth"] == 0, name


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW_PATH.read_text())
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: {comment!r}"


def test_python_comes_from_the_pinned_version_and_the_lock_is_cached() -> None:
    for name in ("test", "build"):
        setup = next(
            s for s in JOBS[name]["steps"] if s.get("uses", "").startswith("actions/setup-python@")
        )
        assert setup["with"] == {
            "python-version-file": ".python-version",
            "cache": "pip",
            "cache-dependency-path": "requirements.txt",
        }
