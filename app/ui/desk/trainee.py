"""Page "desk-trainee": one trainee's record, as the instructor reads it before deciding.

`go("desk-trainee", trainee=<name or id start>, cohort=<cohort name or None>)`.
The record (`store.record.trainee_record`) is read on the worker: readiness
is the trainee's row of the cohort grid, each curriculum scenario with its
status in words and its best bands; then every attempt, newest first (opening
one reads it on "desk-attempt"); then the certification decisions so far.
The trainee is shown with the start of their id, as `store.trainees.shown`
does, so two people of one name are never mistaken for each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from alongside.ui.desk.listing import (
    RATING_WORDS,
    REASON_WORDS,
    STATUS_WORDS,
    Listing,
    moment,
    words,
)
from alongside.ui.desk.report_pdf import save_report
from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import Operation
from alongside.ui.shell import Page, Shell
from alongside.ui.text import mode_name, tr
from alongside.ui.widgets import button, label

if TYPE_CHECKING:
    from alongside.store.certification import DecisionRecord
    from alongside.store.db import Store
    from alongside.store.record import TraineeRecord
    from alongside.store.rows import StoredAttempt

NAME = "desk-trainee"
SKILLS = ("Person-first language", "Supported decision-making", "Role clarity")
READINESS_COLUMNS = ("Scenario", "Status", *SKILLS, "Attempts", "Note")
ATTEMPT_COLUMNS = ("Started", "Scenario", "Mode", "Finished", *SKILLS, "Critical choice",
                   "Version")
REFRESHED_BY = frozenset({"attempts", "comments", "decisions", "cohorts", "desk"})


def read(trainee: str, cohort: str | None) -> Operation[TraineeRecord]:
    def work(store: Store) -> TraineeRecord:
        from alongside.store.record import trainee_record

        return trainee_record(store, trainee, cohort)

    return Operation("reading the trainee's record", work)


def scored(score: float | None, band: str | None) -> str:
    from alongside.scoring.bands import band_label

    return "—" if score is None or band is None else f"{score:.2f} {band_label(band)}"


def attempt_row(record: TraineeRecord, a: StoredAttempt) -> tuple[str, ...]:
    if a.finished_at is not None:
        finished = moment(a.finished_at)
    else:
        finished = tr("Abandoned") if a.status == "abandoned" else tr("In progress")
    return (moment(a.started_at), record.played(a), mode_name(a.mode), finished,
            *(scored(s, a.bands[d]) for d, s in a.scores.items()),
            tr("Critical choice taken") if a.critical_count else tr("None"),
            tr("Verified") if a.verified else tr("Unverified version"))


def readiness_rows(record: TraineeRecord) -> list[tuple[str, ...]]:
    readiness = record.readiness
    if readiness is None:
        return []
    rows = []
    for scenario, cell in zip(readiness.scenarios, readiness.cells, strict=True):
        notes = []
        if cell.critical:
            notes.append(tr("Critical choice in a qualifying attempt"))
        if cell.unverified:
            notes.append(tr("{0} on an unverified version").format(cell.unverified))
        rows.append((record.title(scenario), words(STATUS_WORDS, cell.status),
                     *(scored(s, b) for s, b in zip(cell.best, cell.bands, strict=True)),
                     str(cell.attempts), "; ".join(notes) or "—"))
    return rows


def decision_text(d: DecisionRecord) -> str:
    verdict = tr("certified") if d.certified else tr("not certified")
    text = tr("{0}, {1}, against {2} ({3}): rated {4}, {5}.").format(
        moment(d.decided_at), d.instructor, d.curriculum, d.cohort,
        words(RATING_WORDS, d.rating).lower(), verdict)
    if d.comment:
        text += " " + tr("Comment: {0}").format(d.comment)
    for w in d.waivers:
        text += " " + tr("Waived {0} ({1}): {2}").format(w.scenario,
                                                         words(REASON_WORDS, w.reason), w.comment)
    return text


class TraineePage(Page):
    """Entered with `trainee` and `cohort`; read again when its data changes."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.trainee: str | None = None
        self.cohort: str | None = None
        self.record: TraineeRecord | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.title = label("", "title")
        self.title.setAccessibleName(tr("Trainee"))
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Why the record could not be read"))
        self.problem.hide()
        self.readiness = label("", "heading")
        self.readiness.setAccessibleName(tr("Readiness"))
        self.cells = Listing(READINESS_COLUMNS, tr("Readiness by scenario"),
                             tr("Each scenario of the curriculum: its status and best scores"),
                             whole=True)
        self.attempts = Listing(ATTEMPT_COLUMNS, tr("Attempts"),
                                tr("Newest first; press Enter to read an attempt"))
        self.attempts.activated.connect(lambda _index: self._read_attempt())
        self.read_button = button(tr("Read the attempt"), tr("Read the selected attempt"),
                                  tr("Shows the selected attempt step by step"))
        self.read_button.clicked.connect(self._read_attempt)
        self.decisions = label("", selectable=True)
        self.decisions.setAccessibleName(tr("Decisions so far"))
        self.decide_button = button(tr("Record a decision…"), tr("Record a decision"),
                                    tr("Records a certification decision about this trainee"),
                                    primary=True)
        self.decide_button.clicked.connect(self._decide)
        self.report_button = button(tr("Save PDF report…"), tr("Save the PDF report"),
                                    tr("Writes this trainee's certification report as a PDF "
                                       "that carries their results bundle"))
        self.report_button.clicked.connect(self._save_report)
        self.feedback_button = button(tr("Export feedback…"), tr("Export feedback"),
                                      tr("Writes your comments and decisions as a bundle the "
                                         "trainee imports on their computer"))
        self.feedback_button.clicked.connect(self._export_feedback)
        self.back_button = button(tr("Back to the cohort"), tr("Back to the cohort"),
                                  tr("Returns to the cohorts and their grid"))
        self.back_button.clicked.connect(lambda: self.shell.go("desk"))
        layout.addWidget(self.title)
        layout.addWidget(self.problem)
        layout.addWidget(self.readiness)
        layout.addWidget(self.cells)
        layout.addWidget(label(tr("Attempts, newest first"), "heading"))
        layout.addWidget(self.attempts, 2)
        reading = QHBoxLayout()
        reading.addWidget(self.read_button)
        reading.addStretch(1)
        layout.addLayout(reading)
        layout.addWidget(label(tr("Decisions so far"), "heading"))
        layout.addWidget(self.decisions)
        for pair in ((self.decide_button, self.back_button),  # two rows: whole at 200%
                     (self.report_button, self.feedback_button)):
            actions = QHBoxLayout()
            for widget in pair:
                actions.addWidget(widget)
            actions.addStretch(1)
            layout.addLayout(actions)

    def enter(self, trainee: str | None = None, cohort: str | None = None,
              **_: Any) -> None:
        if trainee is not None:
            self.trainee, self.cohort = trainee, cohort
        self.refresh()

    def changed(self, kinds: frozenset[str]) -> None:
        if kinds & REFRESHED_BY and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.trainee is None:
            return
        asked = (self.trainee, self.cohort)
        self.shell.ops.run(read(*asked), lambda record: self.show_record(asked, record),
                           lambda error: self._unreadable(asked, str(error)))

    def _unreadable(self, asked: tuple[str, str | None], why: str) -> None:
        if asked != (self.trainee, self.cohort):
            return
        self.record = None  # nothing of a trainee shown before stays on screen
        self.title.setText(tr("Trainee: {0}").format(asked[0]))
        self.readiness.setText("")
        self.cells.set_rows([])
        self.attempts.set_rows([])
        self.decisions.setText("")
        for widget in (self.read_button, self.decide_button, self.report_button,
                       self.feedback_button):
            widget.setEnabled(False)
        self.problem.setText(tr("This trainee's record could not be read: {0}").format(why))
        self.problem.show()

    def show_record(self, asked: tuple[str, str | None], record: TraineeRecord) -> None:
        if asked != (self.trainee, self.cohort):
            return
        self.record = record
        self.trainee = record.uuid  # from here on, this person whatever their name
        self.problem.setText("; ".join(record.damaged))
        self.problem.setVisible(bool(record.damaged))
        self.title.setText(record.shown)
        readiness = record.readiness
        if readiness is None:
            self.readiness.setText(tr("Readiness: open this trainee from a cohort to see it "
                                      "against the cohort's curriculum (member of: {0})")
                                   .format(", ".join(record.cohorts) or tr("no cohort")))
        else:
            self.cohort = readiness.cohort
            state = tr("ready for certification") if readiness.ready else tr("not ready yet")
            self.readiness.setText(tr("Readiness against {0} ({1}, passed in {2} mode): {3}")
                                   .format(readiness.curriculum, readiness.cohort,
                                           mode_name(readiness.mode).lower(), state))
        self.cells.setVisible(readiness is not None)
        self.cells.set_rows(readiness_rows(record))
        self.attempts.set_rows([attempt_row(record, a) for a in record.attempts])
        if record.attempts:
            self.attempts.selectRow(0)
        self.read_button.setEnabled(bool(record.attempts))
        newest_first = list(reversed(record.decisions))
        self.decisions.setText("\n\n".join(decision_text(d) for d in newest_first)
                               or tr("No decision recorded yet."))
        self.decide_button.setEnabled(readiness is not None)
        self.report_button.setEnabled(True)
        self.feedback_button.setEnabled(True)

    def _read_attempt(self) -> None:
        index = self.attempts.currentIndex()
        if self.record is None or not index.isValid():
            return
        self.shell.go("desk-attempt", attempt=self.record.attempts[index.row()].uuid)

    def _decide(self) -> None:
        if self.record is not None and self.cohort is not None:
            self.shell.go("desk-decision", trainee=self.record.uuid, cohort=self.cohort)

    def _save_report(self) -> None:
        if self.record is not None:
            save_report(self.shell, self.record.uuid, self.cohort, self.record.name)

    def _export_feedback(self) -> None:
        """The comments and decisions about this trainee, sealed as a feedback bundle."""
        record = self.record
        if record is None:
            return
        chosen = Dialogs.save_file(self, tr("Export feedback for the trainee"),
                                   tr("{0} feedback.json").format(record.name),
                                   tr("Feedback bundles (*.json)"))
        if not chosen:
            return
        out, uuid = Path(chosen), record.uuid

        def work(store: Store) -> Path:
            from alongside.store.bundle.feedback import collect_feedback, write_feedback

            write_feedback(collect_feedback(store, uuid), out)
            return out

        self.shell.ops.run(Operation(tr("writing the feedback bundle"), work),
                           lambda path: self.shell.status(
                               tr("Feedback for {0} saved: {1}").format(record.name, path)))
