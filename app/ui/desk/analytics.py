"""The desk's decision analytics page ("desk-analytics"): per scenario version and per
decision, how the trainees answered, where they stopped, and which decisions to check.

`go("desk-analytics", scenario=<id or None>, cohort=<name or None>)` opens it on a
scenario (else the first with attempts) and a cohort's trainees (else every trainee
of the desk). The figures come from `alongside.store.analytics`, read on the worker;
this page only shows them, one version of the scenario at a time (an edited
scenario's decisions are not the old ones), and reads them again when data changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from alongside.ui.desk.decision_view import DecisionView
from alongside.ui.operations import Operation
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.themes import LIGHT, Theme
from alongside.ui.widgets import Breakpoint, NarrowCombo, label

if TYPE_CHECKING:
    from alongside.store.analytics import Analysed, ScenarioStats, VersionStats
    from alongside.store.db import Store

NAME = "desk-analytics"
COMBO_LETTERS = 18
CONTROL_STEPS = (50,)  # room, in lines of text, for two lists side by side


def choices(cohort: str | None) -> Operation[tuple[list[Analysed], list[str]]]:
    """The scenarios with attempts to analyse, and the desk's cohorts by name."""
    def work(store: Store) -> tuple[list[Analysed], list[str]]:
        from alongside.store.analytics import analysed_scenarios
        from alongside.store.cohorts import cohorts

        return analysed_scenarios(store, cohort), [c.name for c in cohorts(store)]

    return Operation("reading the scenarios to analyse", work, quiet=True)


def analytics(scenario: str, first_only: bool, cohort: str | None) -> Operation[ScenarioStats]:
    def work(store: Store) -> ScenarioStats:
        from alongside.store.analytics import decision_analytics

        return decision_analytics(store, scenario, first_only=first_only, cohort=cohort)

    return Operation("reading the decision analytics", work, quiet=True)


def help_text(minimum: int, below: float) -> str:
    return tr(
        "Each decision of the scenario, from the first assessment attempt of each trainee or "
        "from all their attempts. Facility is the mean quality of the choices taken there, "
        "from 0 (everyone took its worst answer) to 1 (everyone took its best); a choice's "
        "quality is the mean, over the skills the decision assesses, of how close its score "
        "comes to the decision's best answer, as the attempt's scores count it. "
        "Discrimination is the correlation, from −1 to 1, between the quality of the answer "
        "at this decision and the attempt's mean quality over its other decisions: under "
        "{1} it says answering this decision well tells little about answering the rest "
        "well, and the decision is marked “Check this decision”. Decisions fewer than {0} "
        "attempts reached show no figures. Decisions are compared within one version of "
        "the scenario only.").format(minimum, f"{below:.2f}")


def version_text(number: int, version: VersionStats) -> str:
    """The attempts first: a narrow list shows the start of its text."""
    seen = version.first_seen.astimezone() if version.first_seen else None
    when = f"{seen.day} {seen:%b %Y}" if seen else tr("unknown")
    accepted = "" if version.verified else tr("; not yet accepted on this desk")
    return tr("Version {0}: {1} attempts (first seen {2}, {3}{4})").format(
        number, version.attempts, when, version.content_hash[:8], accepted)


class AnalyticsPage(Page):
    """Read again on entering after data changed; stale answers (asked for a scenario or
    switch since left) are dropped."""

    def __init__(self, shell: Shell) -> None:
        from alongside.store.analytics import CHECK_BELOW, MIN_REACHED

        super().__init__(shell)
        self.below = CHECK_BELOW
        self.stale = True
        self.asked = 0
        self.wanted: tuple[str | None, str | None] = (None, None)
        self.stats: ScenarioStats | None = None
        self.views: list[DecisionView] = []
        self._restyling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(label(tr("Decision analytics"), "title"))
        self.help = label(help_text(MIN_REACHED, CHECK_BELOW), "muted")
        self.help.setAccessibleName(tr("What the figures mean"))
        layout.addWidget(self.help)
        self.controls = QGridLayout()
        layout.addLayout(self.controls)
        self.scenario = self._combo(tr("Scenario"), tr("The scenario whose decisions are shown"))
        self.cohort = self._combo(tr("Trainees"), tr("Every trainee of the desk, or one "
                                                    "cohort's trainees"))
        self.version = self._combo(tr("Version"), tr("The version of the scenario shown; "
                                                    "each counts its own attempts"))
        self.captions = [self._caption(tr("Scenario"), self.scenario),
                         self._caption(tr("Trainees"), self.cohort),
                         self._caption(tr("Version"), self.version)]
        layout.addLayout(self._switch())
        self.status = label("", "muted")
        self.status.setAccessibleName(tr("Analytics summary"))
        layout.addWidget(self.status)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Analytics problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.nodes = QVBoxLayout()
        self.nodes.setSpacing(12)
        layout.addLayout(self.nodes)
        layout.addStretch(1)
        self.scenario.currentIndexChanged.connect(lambda _i: self.read())
        self.cohort.currentIndexChanged.connect(lambda _i: self.read())
        self.version.currentIndexChanged.connect(lambda _i: self._show_version())
        self.breakpoint = Breakpoint(self, CONTROL_STEPS, self._arrange)

    def _combo(self, name: str, description: str) -> QComboBox:
        combo = NarrowCombo(COMBO_LETTERS, self)
        combo.setAccessibleName(name)
        combo.setAccessibleDescription(description)
        return combo

    def _caption(self, text: str, combo: QComboBox) -> QLabel:
        caption = label(text)
        caption.setBuddy(combo)
        return caption

    def _switch(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.counting = QButtonGroup(self)
        self.first = QRadioButton(tr("First assessment attempt of each trainee"))
        self.first.setAccessibleDescription(tr("Count each trainee's first assessment attempt "
                                               "of the scenario: their unrehearsed answers"))
        self.every = QRadioButton(tr("All attempts"))
        self.every.setAccessibleDescription(tr("Count every practice and assessment attempt "
                                               "of every trainee"))
        for radio in (self.first, self.every):
            radio.setAccessibleName(radio.text())
            self.counting.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        self.first.setChecked(True)
        self.first.toggled.connect(lambda _on: self.read())
        return row

    def _arrange(self, level: int) -> None:
        """The scenario and trainees side by side where they fit, the version (the
        longest words) under them across the page; else one list under another."""
        combos = (self.scenario, self.cohort, self.version)
        for caption, combo in zip(self.captions, combos, strict=True):
            self.controls.removeWidget(caption)
            self.controls.removeWidget(combo)
        places = ((0, 0, 1), (0, 2, 1), (1, 0, 3)) if level else \
            ((0, 0, 1), (1, 0, 1), (2, 0, 1))
        for caption, combo, (row, column, span) in zip(self.captions, combos, places,
                                                       strict=True):
            self.controls.addWidget(caption, row, column)
            self.controls.addWidget(combo, row, column + 1, 1, span)
        for column in range(4):
            used = column < 4 if level else column < 2
            self.controls.setColumnStretch(column, 1 if column % 2 and used else 0)

    # -- shown, and what changed ---------------------------------------------------

    def enter(self, scenario: str | None = None, cohort: str | None = None,
              **_: Any) -> None:
        if scenario is not None or cohort is not None or self.stale:
            self.wanted = (scenario or self.scenario.currentData(),
                           cohort if scenario is not None or cohort is not None
                           else self.cohort.currentData())
            self.refresh()

    def changed(self, kinds: frozenset[str]) -> None:
        self.stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        self.status.setText(tr("Reading the attempts…"))
        self.shell.ops.run(choices(None), self.set_choices, self._failed)

    def set_choices(self, found: tuple[list[Analysed], list[str]]) -> None:
        scenarios, cohorts = found
        scenario, cohort = self.wanted
        for combo in (self.scenario, self.cohort):
            combo.blockSignals(True)
            combo.clear()
        for item in scenarios:
            self.scenario.addItem(item.title, item.scenario)
        self.cohort.addItem(tr("Every trainee of the desk"), None)
        for name in cohorts:
            self.cohort.addItem(name, name)
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(scenario)))
        self.cohort.setCurrentIndex(max(0, self.cohort.findData(cohort)))
        for combo in (self.scenario, self.cohort):
            combo.blockSignals(False)
        if not scenarios:
            self._clear()
            self.version.clear()
            self.status.setText(tr("No trainee has played a scenario on this desk yet. "
                                   "Import results bundles, and each scenario's decisions "
                                   "are analysed here."))
            return
        self.read()
        if cohort is not None and self.cohort.findData(cohort) < 0:
            self.problem.setText(tr("There is no cohort “{0}” on this desk, so every "
                                    "trainee's attempts are shown.").format(cohort))
            self.problem.show()

    def read(self) -> None:
        scenario = self.scenario.currentData()
        if scenario is None:
            return
        self.asked += 1
        asked, cohort = self.asked, self.cohort.currentData()
        self.wanted = (scenario, cohort)
        self.problem.hide()
        self.status.setText(tr("Reading the attempts…"))
        self.shell.ops.run(analytics(scenario, self.first.isChecked(), cohort),
                           lambda stats: self.show_stats(stats, asked), self._failed)

    def _failed(self, error: Exception) -> None:
        self.problem.setText(str(error))
        self.problem.show()
        self.status.setText("")

    def show_stats(self, stats: ScenarioStats, asked: int | None = None) -> None:
        if asked is not None and asked != self.asked:
            return
        self.stats = stats
        self.version.blockSignals(True)
        self.version.clear()
        for number, version in enumerate(stats.versions, 1):
            self.version.addItem(version_text(number, version))
        self.version.blockSignals(False)
        self._show_version()

    def _show_version(self) -> None:
        self._clear()
        stats, index = self.stats, self.version.currentIndex()
        if stats is None or not 0 <= index < len(stats.versions):
            self.status.setText(tr("No attempts count for these choices: try all attempts, "
                                   "or every trainee of the desk."))
            return
        version = stats.versions[index]
        unread = tr(" Attempts that could not be read, left out: {0}.").format(
            version.unreadable) if version.unreadable else ""
        self.status.setText(tr("{0}: {1} attempts counted on this version, {2} decisions.{3}")
                            .format(stats.title, version.attempts, len(version.nodes), unread))
        theme = self.theme()
        for number, node in enumerate(version.nodes, 1):
            view = DecisionView(number, len(version.nodes), node, self.below, theme, self)
            self.views.append(view)
            self.nodes.addWidget(view)

    def _clear(self) -> None:
        for view in self.views:
            self.nodes.removeWidget(view)
            view.deleteLater()
        self.views = []

    # -- theme ---------------------------------------------------------------------

    def theme(self) -> Theme:
        found = getattr(self.shell, "theme", LIGHT)
        return found if isinstance(found, Theme) else LIGHT

    def apply_theme(self, theme: Theme) -> None:
        """The charts' colours and fonts (the rest follows the application's palette)."""
        for view in self.views:
            view.style_chart(theme)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's spelling
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and \
                not self._restyling:
            # After the window has taken the new theme, which it does once the palette,
            # font and style sheet are all set.
            self._restyling = True
            QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        self._restyling = False
        self.apply_theme(self.theme())
