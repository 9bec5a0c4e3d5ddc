"""Preferences, declared once, and window state, kept apart from them.

Each preference has a type, a default and a description (the settings page
reads them from here). Window geometry and the current profile are UI state,
saved as Qt gives them (`saveGeometry()` bytes), never pickled objects. Both
live in one INI file in the platform's config folder, so a test that points
XDG_CONFIG_HOME at `tmp_path` never touches the real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

THEMES = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
    "high-contrast": "High contrast (projector)",
}
MODES = {"practice": "Practice", "assessment": "Assessment"}
VOTE_SECONDS = {15: "15 seconds", 30: "30 seconds", 45: "45 seconds", 60: "1 minute",
                90: "1½ minutes"}
TALK_SECONDS = {0: "No talk first", 30: "30 seconds", 60: "1 minute", 120: "2 minutes"}
TEXT_SIZES = (100, 125, 150, 175, 200)


@dataclass(frozen=True, slots=True)
class Preference:
    key: str
    kind: type
    default: Any
    label: str
    description: str
    choices: dict[Any, str] | None = None


PREFERENCES = (
    Preference("text_size", int, 100, "Text size",
               "Makes all text larger, from 100% to 200%; the layout follows.", None),
    Preference("theme", str, "system", "Theme",
               "Colours for the room you are in; high contrast suits a projector.", THEMES),
    Preference("reduce_motion", bool, False, "Reduce motion",
               "Turns off scrolling animations.", None),
    Preference("default_mode", str, "practice", "Default mode",
               "The mode selected first when you open a scenario.", MODES),
    Preference("vote_seconds", int, 30, "Timed vote in class",
               "How long a class's timed vote runs (T) before the votes lock.", VOTE_SECONDS),
    Preference("talk_seconds", int, 0, "Talk before a timed vote",
               "A short talk in pairs before a class's timed vote starts.", TALK_SECONDS),
    Preference("scenario_folders", tuple, (), "More scenario folders",
               "Folders whose scenarios the library lists too, after the bundled ones and "
               "yours; a scenario whose id is already listed is shown as an error.", None),
)
BY_KEY = {p.key: p for p in PREFERENCES}


class Settings(QObject):
    """Typed access to preferences and window state; emits `changed(key)` on a set."""

    changed = Signal(str)

    def __init__(self, path: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if path is None:
            self._store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                    "Alongside", "Alongside")
        else:
            self._store = QSettings(path, QSettings.Format.IniFormat)
        # A file that holds objects and cannot be cleaned is not read at all; one that
        # was cleaned is read again (QSettings may already hold what it first read).
        self._trusted = _refuse_objects(Path(self._store.fileName()))
        self._store.sync()

    def get(self, key: str) -> Any:
        pref = BY_KEY[key]
        raw = self._store.value(f"preferences/{key}", pref.default) if self._trusted \
            else pref.default
        return _coerce(pref, raw)

    def set(self, key: str, value: Any) -> None:
        pref = BY_KEY[key]
        value = _coerce(pref, value)
        if value == self.get(key):
            return
        self._store.setValue(f"preferences/{key}", list(value) if pref.kind is tuple else value)
        self._store.sync()
        self.changed.emit(key)

    def state(self, key: str, default: Any = None) -> Any:
        return self._store.value(f"state/{key}", default) if self._trusted else default

    def state_text(self, key: str) -> str | None:
        """A piece of window state that must be text (the profile's name), or None when
        what is stored is not text."""
        value = self.state(key)
        return value if isinstance(value, str) and value.strip() else None

    def set_state(self, key: str, value: Any) -> None:
        self._store.setValue(f"state/{key}", value)
        self._store.sync()

    @property
    def file_name(self) -> str:
        return self._store.fileName()


# How QSettings writes a value of a type it does not know: for a Python object, its
# pickle, which reading would unpickle (run). Alongside itself never writes one.
_OBJECT = re.compile(r"^[^=\n]*=\s*@Variant\(", re.MULTILINE)


def _refuse_objects(path: Path) -> bool:
    """Set aside any line of the settings file that holds an object rather than a value.

    Such a line was not written by Alongside, and reading it would run code from
    the file, or crash the window as it starts. It is moved, word for word, to a
    `.refused` file beside the settings, and the setting goes back to its default.
    False if the file holds such a line and cannot be cleaned.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return True  # nothing there yet, or nothing QSettings could read either
    if not _OBJECT.search(text):
        return True
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not _OBJECT.match(line)]
    refused = [line for line in lines if _OBJECT.match(line)]
    try:
        with path.with_name(path.name + ".refused").open(
                "a", encoding="utf-8", errors="surrogateescape") as aside:
            aside.writelines(refused)
        path.write_text("".join(kept), encoding="utf-8", errors="surrogateescape")
    except OSError:
        return False
    return True


def _coerce(pref: Preference, raw: Any) -> Any:
    """A stored value as the preference's type; anything unreadable becomes the default."""
    try:
        if pref.kind is tuple:  # QSettings gives back one text for a list of one
            return tuple(str(v) for v in ((raw,) if isinstance(raw, str) else raw or ()) if v)
        if pref.kind is bool:
            value = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
        else:
            value = pref.kind(raw)
    except (TypeError, ValueError):
        return pref.default
    if pref.choices is not None and value not in pref.choices:
        return pref.default
    if pref.key == "text_size":
        value = min(max(value, TEXT_SIZES[0]), TEXT_SIZES[-1])
    return value
