"""Where Alongside finds what it ships and where it keeps what it makes.

What ships: the scenario library and the assets. An installed package holds
them inside itself (`alongside/dialogues`, `alongside/assets`); a checkout
keeps them in the design's top-level folders beside `app/`. Either way every
other module asks here, so nothing counts `parents[2]` of its own file.

What is made: the progress database, the library's card cache and the logs
live in the platform's user folders (XDG on Linux). `platformdirs` is
imported on first use: the window is on screen before anything asks.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

APP_NAME = "Alongside"
PACKAGE = Path(__file__).resolve().parent
SUFFIXES = (".yaml", ".yml")
# Files kept beside a scenario that are not scenarios (its saved paths).
SIDE_SUFFIXES = (".paths.yaml",)


def _shipped(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


DIALOGUES = _shipped("dialogues")
CURRICULA = DIALOGUES / "curricula"
ASSETS = _shipped("assets")
PORTRAITS = ASSETS / "portraits"
CONTROLS = ASSETS / "controls"
ICON = ASSETS / "icon.svg"
LOCALE = PACKAGE / "locale"  # catalogues: Qt .qm for the interface, gettext for the core


def user_data() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_cache() -> Path:
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def user_logs() -> Path:
    import platformdirs

    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return user_data() / "alongside.db"


def library_cache(cache_root: Path | None = None) -> Path:
    """The library's card cache, in `cache_root` or the platform's user cache folder.

    The window passes the folder Qt already knows (the same one on Linux and
    macOS): importing platformdirs would cost its first frame some 6 ms.
    """
    return (cache_root / APP_NAME if cache_root else user_cache()) / "library.json"


def author_scenarios(data_root: Path | None = None) -> Path:
    """The author's own scenario folder, in `data_root` (the window passes Qt's generic
    data folder, the same one platformdirs finds) or the platform's user data folder."""
    return (data_root / APP_NAME if data_root else user_data()) / "scenarios"


def log_file() -> Path:
    return user_logs() / "alongside.log"


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the scenario files directly inside them, in name order.

    Raises FileNotFoundError for a path that does not exist.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file()
                            and not p.name.endswith(SIDE_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(str(path))
    return files


def distinct(paths: Iterable[Path]) -> list[Path]:
    """`paths` in order, each folder once however it is spelled (a folder listed twice
    would otherwise clash with itself)."""
    seen: set[Path] = set()
    kept: list[Path] = []
    for path in paths:
        key = Path(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def readable_folders(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The paths that can be listed, and a sentence for each one that cannot."""
    usable: list[Path] = []
    problems: list[str] = []
    for path in distinct(paths):
        try:
            if path.is_dir():
                with os.scandir(path) as listing:
                    next(listing, None)
            elif not path.is_file():
                problems.append(f"{path}: the folder is not there")
                continue
        except OSError as exc:
            problems.append(f"{path}: the folder cannot be read ({exc.strerror or exc})")
            continue
        usable.append(path)
    return usable, problems
