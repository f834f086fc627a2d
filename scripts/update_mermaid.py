"""Vendor a Mermaid release from the npm registry into docs/assets/javascripts/mermaid/.

    python scripts/update_mermaid.py 11.17.2

Copies the minified ESM build (the entry module and the chunks it loads on demand, one per
diagram type) and the licence, without source maps; records the version and a SHA-256 of
every file in mermaid.json (tests/unit/test_mermaid_vendor.py verifies them); and sets the
`version:` of the mermaid2 plugin in mkdocs.yml to match. Needs `npm` on the PATH.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "assets" / "javascripts" / "mermaid"
MANIFEST = TARGET / "mermaid.json"
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = "chunks/mermaid.esm.min"
MKDOCS_YML = ROOT / "mkdocs.yml"
VERSION_LINE = re.compile(r'(?m)^(\s+version:\s*)"[^"]*"(\s*#.*)?$')


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(version: str, workdir: Path) -> Path:
    """`npm pack` checks the tarball against the registry's integrity hash."""
    subprocess.run(
        ["npm", "pack", f"mermaid@{version}", "--silent"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tarball = next(workdir.glob("mermaid-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


def vendor(package: Path) -> dict[str, object]:
    meta = json.loads((package / "package.json").read_text())
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / CHUNKS).mkdir(parents=True)
    dist = package / "dist"
    sources = [dist / ENTRY, *sorted((dist / CHUNKS).glob("*.mjs"))]
    for source in sources:
        shutil.copyfile(source, TARGET / source.relative_to(dist))
    shutil.copyfile(package / "LICENSE", TARGET / "LICENSE")
    files = sorted(p for p in TARGET.rglob("*") if p.is_file())
    return {
        "name": "mermaid",
        "version": meta["version"],
        "license": meta["license"],
        "source": f"npm registry, mermaid@{meta['version']}: dist/{ENTRY} and dist/{CHUNKS}/",
        "files": {p.relative_to(TARGET).as_posix(): sha256(p) for p in files},
    }


def set_plugin_version(version: str) -> None:
    text = MKDOCS_YML.read_text()
    updated, count = VERSION_LINE.subn(lambda m: f'{m[1]}"{version}"{m[2] or ""}', text)
    if count != 1:
        sys.exit("update_mermaid.py: expected one `version:` line (mermaid2's) in mkdocs.yml")
    MKDOCS_YML.write_text(updated)


def main(version: str) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        manifest = vendor(download(version, Path(workdir)))
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    set_plugin_version(str(manifest["version"]))
    print(
        f"vendored mermaid {manifest['version']}: {len(manifest['files'])} files in "
        f"{TARGET.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
