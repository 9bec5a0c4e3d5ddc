"""Where the library's scenarios come from (the Settings control that adds folders is
`alongside.ui.studio.folder_list`, built with the Settings page).

The window reads, in this order: the folders it was given (the bundled library,
then any `--library` folders), the author's own folder (Qt's generic data
folder / Alongside / scenarios: what `alongside.paths.author_scenarios` names,
created on first use) and the folders chosen in Settings. The order decides an
id used twice (`alongside.engine.library`): the bundled scenario keeps it.
Each scenario is shown with where it comes from in words: "Bundled", "Your
scenarios", or its folder's name.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from alongside.paths import DIALOGUES, author_scenarios, distinct
from alongside.ui.settings import Settings
from alongside.ui.text import tr

KEY = "scenario_folders"  # the preference that lists the folders chosen in Settings


def default_author_folder() -> Path:
    return author_scenarios(Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericDataLocation)))


def same(a: str | Path, b: str | Path) -> bool:
    """Whether two spellings name one folder."""
    return os.path.realpath(a) == os.path.realpath(b)


class LibraryFolders:
    """The folders a window's library reads, in order, and the words for each."""

    def __init__(self, settings: Settings, given: list[Path], author: Path | None = None) -> None:
        self.settings = settings
        self.given = list(given)
        self.author = author or default_author_folder()

    def chosen(self) -> list[Path]:
        return [Path(folder) for folder in self.settings.get(KEY)]

    def all(self) -> list[Path]:
        return distinct([*self.given, self.author, *self.chosen()])

    def prepare(self) -> str | None:
        """Make the author's folder if it is not there yet; why not, if it cannot be."""
        try:
            self.author.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return tr("Your scenarios folder {0} could not be made: {1}").format(
                self.author, exc.strerror or exc)
        return None

    def source_name(self, folder: str) -> str:
        """Where a scenario listed from `folder` comes from, in words."""
        if not folder:
            return ""
        if same(folder, DIALOGUES):
            return tr("Bundled")
        if same(folder, self.author):
            return tr("Your scenarios")
        return Path(folder).name or folder
