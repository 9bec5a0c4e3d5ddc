"""Short modules and short functions, so the next engineer can read them.

No function anywhere in the project is longer than 60 lines (Alembic's
generated migrations aside), and no module of the interface is longer than
400 lines: a screen that grows past that is split into views.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

LONGEST_FUNCTION = 60
LONGEST_UI_MODULE = 400
CHECKED = ("app", "scoring", "tests", "scripts")
GENERATED = ROOT / "app" / "store" / "migrations" / "versions"


def _sources() -> list[Path]:
    files = [ROOT / "main.py"]
    for folder in CHECKED:
        files += [f for f in (ROOT / folder).rglob("*.py") if not f.is_relative_to(GENERATED)]
    return sorted(files)


def test_no_function_is_longer_than_sixty_lines():
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > LONGEST_FUNCTION:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length})")
    assert long == []


def test_no_interface_module_is_longer_than_four_hundred_lines():
    long = [f"{p.relative_to(ROOT)} ({n})" for p in sorted((ROOT / "app" / "ui").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST_UI_MODULE]
    assert long == []


def test_no_os_exit_is_left_to_dodge_a_teardown():
    dodges = [str(p.relative_to(ROOT)) for p in _sources()
              if "os._exit" in p.read_text(encoding="utf-8") and p != Path(__file__)]
    assert dodges == []
