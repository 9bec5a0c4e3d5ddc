"""Installed outside the checkout, Alongside has its library, its images and one import name.

pyproject.toml maps the design's folders (app/, scoring/, dialogues/,
assets/) into one package, `alongside`. These tests keep that mapping whole
and install the wheel it builds into a folder of its own, then run the
command line and the window from another folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from alongside.paths import scenario_files
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
ENTRY_POINTS = {"alongside.launch", "alongside.__main__"}


def _package_of(folder: Path) -> str:
    """The import name of a source folder, by the longest mapping that holds it."""
    best = max((d for d in SETUPTOOLS["package-dir"].items()
                if folder.is_relative_to(ROOT / d[1])), key=lambda d: len(d[1]))
    rest = folder.relative_to(ROOT / best[1]).parts
    return ".".join((best[0], *rest))


def test_every_source_package_is_listed_for_the_wheel():
    found = {_package_of(init.parent) for folder in ("app", "scoring")
             for init in (ROOT / folder).rglob("__init__.py")}
    assert found <= set(SETUPTOOLS["packages"])


def test_every_module_outside_the_ui_is_kept_from_pyside6():
    contract = next(c for c in PYPROJECT["tool"]["importlinter"]["contracts"]
                    if "PySide6" in c.get("forbidden_modules", ()))
    top = {f"alongside.{p.stem}" for p in (ROOT / "app").iterdir()
           if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()}
    top.add("alongside.scoring")
    assert top - {"alongside.ui"} - ENTRY_POINTS <= set(contract["source_modules"])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    return next(out.glob("alongside-*.whl"))


def test_the_wheel_installs_one_import_name_with_the_library_and_assets(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"alongside"}
    scenarios = {Path(n).name for n in names if n.startswith("alongside/dialogues/")}
    assert {p.name for p in (ROOT / "dialogues").glob("*.yaml")} <= scenarios
    assert "alongside/dialogues/curricula/core.yaml" in names
    pictures = {n for n in names if n.startswith("alongside/assets/") and n.endswith(".svg")}
    shipped = {"alongside/" + str(p.relative_to(ROOT)) for p in (ROOT / "assets").rglob("*.svg")}
    assert shipped == pictures
    for needed in ("alongside/scoring/lexicon.yaml", "alongside/store/migrations/script.py.mako",
                   "alongside/py.typed"):
        assert needed in names


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The wheel unpacked into a folder of its own, and an environment that imports it
    from there (ahead of the checkout's editable install), run from another folder."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    return elsewhere, env


def test_validate_from_another_folder_checks_the_whole_library(installed):
    cwd, env = installed
    done = subprocess.run([sys.executable, "-m", "alongside", "validate"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    count = len(scenario_files([ROOT / "dialogues"])) + 1  # and the core curriculum
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith(f"{count} files checked: 0 errors, 0 warnings")


WINDOW = """
import sys, time
from PySide6.QtCore import QCoreApplication, qInstallMessageHandler
import alongside
from alongside.paths import PORTRAITS
from alongside.ui.app import application
from alongside.ui.main_window import MainWindow
from alongside.ui.settings import Settings
warnings = []
qInstallMessageHandler(lambda kind, context, text: warnings.append(text))
app = application(["alongside"])
settings = Settings(sys.argv[1] + "/settings.ini")
settings.set_state("profile", "Ana Ruiz")
window = MainWindow(settings, sys.argv[1] + "/progress.db")
window.show()
deadline = time.monotonic() + 60
while window.library.filter.rowCount() == 0 or window.ops.busy:
    QCoreApplication.processEvents()
    assert time.monotonic() < deadline, "the library never appeared"
window.grab()  # paints every control, the list arrows drawn from assets/controls included
window.close()
print(alongside.__file__)
print(window.library.filter.rowCount(), len(list(PORTRAITS.glob("*/neutral.svg"))))
print("warnings:", warnings)
"""


def test_the_window_shows_the_library_with_its_pictures_and_no_qt_warning(installed, tmp_path):
    cwd, env = installed
    done = subprocess.run([sys.executable, "-c", WINDOW, str(tmp_path)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    where, counts, warnings = done.stdout.strip().splitlines()[-3:]
    assert where.startswith(env["PYTHONPATH"])
    rows, portraits = map(int, counts.split())
    assert rows == len(scenario_files([ROOT / "dialogues"]))
    assert portraits == len([p for p in (ROOT / "assets" / "portraits").iterdir() if p.is_dir()
                             and (p / "neutral.svg").is_file()])
    assert warnings == "warnings: []"
    assert "qt.svg" not in done.stderr
