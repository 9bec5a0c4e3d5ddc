"""Make build/package: the `alongside` package laid out as it installs, as links.

The checkout keeps the design's folders (app/, scoring/, ...) and maps them
to one import name in pyproject.toml. Python finds them through the editable
install, but tools that walk the file tree (import-linter, mypy) need a
folder called `alongside`; this builds one from the same mapping, with a
link per source file, so an edit is seen at once and a new module the next
time `make lint` runs.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEW = ROOT / "build" / "package"
KEPT = (".py", ".pyi", ".typed")


def build() -> int:
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"]
    shutil.rmtree(VIEW, ignore_errors=True)
    count = 0
    for package, folder in mapping.items():
        source = ROOT / folder
        target = VIEW.joinpath(*package.split("."))
        for file in source.rglob("*"):
            if file.suffix in KEPT and file.is_file() and "__pycache__" not in file.parts:
                link = target / file.relative_to(source)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(file)
                count += 1
    print(f"package_view: {count} files linked under {VIEW.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(build())
