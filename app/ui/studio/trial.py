"""An author's trial on the play page: marked as a trial, and "Save this path…" at its end.

A trial (`Trial`, begun from "Play from here…") is played by the ordinary play
page under practice rules but is not stored as an attempt: it may begin in the
middle of a scenario with values set by hand, so counting it would put scores
in the trainee's progress that no trainee earned, and nothing in the store
could resume it. What the author keeps of it is a saved path (a few lines in
the scenario's side file, written at once: no store work, so none for the
worker).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout, QWidget

from alongside.engine.model import Scenario
from alongside.engine.saved_paths import DuplicateName, SavedPath, add_path, side_file
from alongside.engine.session import PlaySession
from alongside.ui.dialogs import Dialogs
from alongside.ui.text import tr
from alongside.ui.widgets import button, label


@dataclass(frozen=True)
class Trial:
    """Where a trial begins: the scenario file, the node and the values."""

    path: Path
    scenario: Scenario
    start: str
    values: Mapping[str, int] = field(default_factory=dict)
    # The values the best way to `start` left, to save only those changed by hand.
    arrived: Mapping[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> dict[str, int]:
        return {n: v for n, v in self.values.items() if self.arrived.get(n) != v}


def trial_words(trial: Trial) -> str:
    """What the play page says a trial is, where it names the mode."""
    return tr("Trial from node '{0}': practice rules; not kept in your progress.").format(
        trial.start)


class TrialBar(QWidget):
    """Under the choices: what this trial is, then, once it ends, "Save this path…"."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.trial: Trial | None = None
        self.session: PlaySession | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.save = button(tr("Save this path…"), tr("Save this path"),
                           tr("Keeps these choices, the ending and whether they passed beside "
                              "the scenario, so that validate plays them again"))
        self.save.clicked.connect(self.save_path)
        self.saved = label("", "good")
        self.saved.setAccessibleName(tr("Saved path"))
        for widget in (self.save, self.saved):
            layout.addWidget(widget)
        self.show_trial(None, None)

    def show_trial(self, trial: Trial | None, session: PlaySession | None) -> None:
        self.trial, self.session = trial, session
        self.setVisible(trial is not None)
        self.save.hide()
        self.saved.hide()

    def ended(self) -> None:
        if self.trial is not None:
            self.save.show()

    def save_path(self) -> None:
        """Ask for a name, save; a name already used is replaced only if the person says so."""
        trial, session = self.trial, self.session
        if trial is None or session is None or not session.ended:
            return
        from alongside.scoring.attempt import score_attempt

        name = Dialogs.text(self, tr("Save this path"), tr("A name for this path:"))
        if name is None or not name.strip():
            return
        passed = score_attempt(trial.scenario, session.decisions, True).passed
        start = trial.start if trial.start != trial.scenario.start or trial.changed else None
        saved = SavedPath(name.strip(), tuple(c for _, c in session.decisions),
                          session.ending or "", passed, start, trial.changed)
        side = side_file(trial.path)
        from alongside.scoring.replay import replayed

        trouble = replayed(trial.scenario, saved)
        if trouble is not None:  # begun where no play-through arrives: validate would fail it
            self._said(tr("Not saved: validate could not play it again: {0}").format(
                trouble[1]), "bad")
            return
        try:
            try:
                add_path(side, saved)
            except DuplicateName:
                if not Dialogs.ask(self, tr("Replace the saved path?"), tr(
                        "A path named '{0}' is already saved. Replace it?").format(saved.name)):
                    self._said(tr("Not saved: a path named '{0}' is already saved.")
                               .format(saved.name), "bad")
                    return
                add_path(side, saved, replace=True)
        except (ValueError, OSError) as exc:
            self._said(tr("The path was not saved: {0}").format(exc), "bad")
            return
        verdict = tr("passed") if passed else tr("not passed")
        self._said(tr("Saved '{0}' in {1}: the choices {2}, ending '{3}', {4}.").format(
            saved.name, side.name, ", ".join(saved.choices), saved.ending, verdict), "good")

    def _said(self, text: str, role: str) -> None:
        self.saved.setText(text)
        self.saved.setProperty("role", role)
        self.saved.style().unpolish(self.saved)
        self.saved.style().polish(self.saved)
        self.saved.show()
        self.saved.setAccessibleDescription(text)
