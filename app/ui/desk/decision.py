"""Page "desk-decision": record a certification decision about one trainee.

`go("desk-decision", trainee=<name or id start>, cohort=<cohort name>)`. The
form asks what `store.certification.record_decision` needs: a global rating
on the OSCE's five points, certify or not, a comment (required at borderline
pass or below, said beside the field), a waiver with cmi5's reason and a
comment for each required scenario not yet satisfied (a critical choice in a
qualifying attempt is named), and the passphrase typed again to sign. It is
recorded on the worker; a refusal is shown in words above the button and
every field keeps what was typed. Decisions are append-only, so the page says
that a change of mind (revoking) is a later decision, never an edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from alongside.ui.desk.listing import RATING_WORDS, REASON_WORDS, STATUS_WORDS, words
from alongside.ui.desk.trainee import read
from alongside.ui.operations import Operation
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.widgets import button, label

if TYPE_CHECKING:
    from alongside.store.certification import DecisionRecord, WaiverRecord
    from alongside.store.db import Store
    from alongside.store.record import TraineeRecord

NAME = "desk-decision"
DECISIONS = "decisions"  # the kind of change a recorded decision announces
RATINGS = tuple(RATING_WORDS)  # lowest first, the ids store.certification checks
REASONS = tuple(REASON_WORDS)
COMMENT_FROM = RATINGS.index("borderline-pass")  # a comment is required at or below


def record(trainee: str, cohort: str, form: dict[str, Any]) -> Operation[DecisionRecord]:
    def work(store: Store) -> DecisionRecord:
        from alongside.store.certification import record_decision

        return record_decision(store, trainee=trainee, cohort=cohort, **form)

    return Operation("recording the decision", work, frozenset({DECISIONS}))


class WaiverRow:
    """One scenario that may be waived: whether to, cmi5's reason, and why."""

    def __init__(self, scenario: str, title: str, described: str, grid: QGridLayout, row: int,
                 parent: QWidget) -> None:
        self.scenario = scenario
        self.status = label(described)
        self.status.setAccessibleName(tr("Why {0} is outstanding").format(title))
        self.waive = QCheckBox(tr("Waive {0}").format(title), parent)
        self.waive.setAccessibleName(tr("Waive {0}").format(title))
        self.waive.setAccessibleDescription(tr("Sets this scenario aside for this trainee"))
        self.reason = QComboBox(parent)
        for reason in REASONS:
            self.reason.addItem(words(REASON_WORDS, reason), reason)
        self.reason.setAccessibleName(tr("Reason for waiving {0}").format(scenario))
        self.reason.setAccessibleDescription(tr("cmi5's reasons for waiving"))
        self.comment = QLineEdit(parent)
        self.comment.setAccessibleName(tr("Comment on waiving {0}").format(scenario))
        self.comment.setAccessibleDescription(tr("Required: why this scenario is waived"))
        self.comment.setPlaceholderText(tr("Why it is waived (required)"))
        self.waive.toggled.connect(self._waiving)
        self._waiving(False)
        grid.addWidget(self.status, row, 0, 1, 2)
        grid.addWidget(self.waive, row + 1, 0, 1, 2)
        grid.addWidget(self.reason, row + 2, 0)
        grid.addWidget(self.comment, row + 2, 1)

    def _waiving(self, on: bool) -> None:
        """The reason and comment are asked for once the scenario is to be waived (shown
        then, rather than greyed: the style draws a disabled field like any other)."""
        self.reason.setVisible(on)
        self.comment.setVisible(on)

    def waiver(self) -> WaiverRecord | None:
        from alongside.store.certification import WaiverRecord

        if not self.waive.isChecked():
            return None
        return WaiverRecord(self.scenario, self.reason.currentData(), self.comment.text())

    def remove(self) -> None:
        for widget in (self.status, self.waive, self.reason, self.comment):
            widget.deleteLater()


class DecisionPage(Page):
    """Entered with `trainee` and `cohort`; returns to "desk-trainee" once recorded."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.trainee: str | None = None
        self.cohort: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.title = label(tr("Record a decision"), "title")
        self.about = label("")
        self.about.setAccessibleName(tr("Whom the decision is about"))
        layout.addWidget(self.title)
        layout.addWidget(self.about)
        layout.addWidget(label(tr("Decisions are kept as they are recorded: to change one "
                                  "later, for instance to revoke a certification, record a "
                                  "new decision; the earlier one stays on the record."),
                               "muted"))
        layout.addWidget(label(tr("Global rating"), "heading"))
        self.ratings, ratings = self._group(tr("Global rating"))
        self.rating_buttons: dict[str, QRadioButton] = {}
        for rating in RATINGS:
            self.rating_buttons[rating] = self._choice(
                self.ratings, ratings, words(RATING_WORDS, rating),
                tr("Global rating, from fail to excellent"))
        layout.addLayout(ratings)
        self.ratings.buttonToggled.connect(lambda *_: self._rating_changed())
        layout.addWidget(label(tr("Certification"), "heading"))
        self.certifying, certifying = self._group(tr("Certify"))
        described = tr("Whether this decision certifies the trainee")
        self.certify = self._choice(self.certifying, certifying, tr("Certify"), described)
        self.not_certify = self._choice(self.certifying, certifying, tr("Do not certify"),
                                        described)
        layout.addLayout(certifying)
        self._comment_field(layout)
        self.waivers_heading = label(tr("Waivers"), "heading")
        self.waivers_note = label("", "muted")
        self.waiver_grid = QGridLayout()
        self.waiver_grid.setColumnStretch(1, 1)
        self.waiver_rows: list[WaiverRow] = []
        layout.addWidget(self.waivers_heading)
        layout.addWidget(self.waivers_note)
        layout.addLayout(self.waiver_grid)
        self._signing(layout)
        layout.addStretch(1)
        self._reset()

    def _group(self, name: str) -> tuple[QButtonGroup, QVBoxLayout]:
        """Radio buttons of one question, in a column (arrows move within the group)."""
        group = QButtonGroup(self)
        group.setObjectName(name)
        return group, QVBoxLayout()

    def _choice(self, group: QButtonGroup, column: QVBoxLayout, text: str,
                description: str) -> QRadioButton:
        choice = QRadioButton(text, self)
        choice.setAccessibleDescription(description)
        group.addButton(choice)
        column.addWidget(choice)
        return choice

    def _comment_field(self, column: QVBoxLayout) -> None:
        """Straight into the page's column: a nested layout holding wrapped text and the
        growing text box would ask for the box's preferred height as its least."""
        column.addWidget(label(tr("Comment"), "heading"))
        self.comment_rule = label("", "muted")
        self.comment_rule.setAccessibleName(tr("When a comment is required"))
        column.addWidget(self.comment_rule)
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setAccessibleName(tr("Comment"))
        self.comment.setAccessibleDescription(tr("Why you decided so; required at borderline "
                                                 "pass or below"))
        self.comment.setMinimumHeight(self.comment.fontMetrics().lineSpacing() * 4)
        column.addWidget(self.comment)

    def _signing(self, column: QVBoxLayout) -> None:
        self.passphrase_label = label(tr("Your passphrase, typed again to sign"), "heading")
        column.addWidget(self.passphrase_label)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Passphrase to sign"))
        self.passphrase.setAccessibleDescription(tr("The passphrase you unlock the desk with"))
        self.passphrase.returnPressed.connect(self.submit)
        column.addWidget(self.passphrase)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Why the decision was not recorded"))
        column.addWidget(self.problem)
        actions = QHBoxLayout()
        self.record_button = button(tr("Record the decision"), tr("Record the decision"),
                                    tr("Signs and records this decision; it cannot be edited "
                                       "afterwards"), primary=True)
        self.record_button.clicked.connect(self.submit)
        self.cancel_button = button(tr("Cancel"), tr("Cancel the decision"),
                                    tr("Returns to the trainee's record without recording"))
        self.cancel_button.clicked.connect(self._to_trainee)
        actions.addWidget(self.record_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        column.addLayout(actions)

    def _reset(self) -> None:
        """An empty form: nothing rated, not certifying, no waivers, no passphrase."""
        self.ratings.setExclusive(False)
        for choice in self.rating_buttons.values():
            choice.setChecked(False)
        self.ratings.setExclusive(True)
        self.not_certify.setChecked(True)
        self.comment.clear()
        self.passphrase.clear()
        self.problem.hide()
        self._rating_changed()

    def enter(self, trainee: str | None = None, cohort: str | None = None,
              **_: Any) -> None:
        if trainee is None or cohort is None:
            return
        if (trainee, cohort) != (self.trainee, self.cohort):
            self._reset()
            self.trainee, self.cohort = trainee, cohort
            self._set_waivers(None)
        self.about.setText(tr("Reading the record of the trainee, in {0}…").format(cohort))
        asked = (trainee, cohort)
        self.shell.ops.run(read(trainee, cohort), lambda found: self._known(asked, found))
        self.rating_buttons[RATINGS[0]].setFocus()

    def _known(self, asked: tuple[str, str], found: TraineeRecord) -> None:
        if asked != (self.trainee, self.cohort):
            return
        readiness = found.readiness
        if readiness is None:
            self.about.setText(tr("{0} is not in the cohort {1}").format(found.shown, asked[1]))
            return
        self.about.setText(tr("About {0}, against {1} ({2})").format(
            found.shown, readiness.curriculum, readiness.cohort))
        kept = {row.scenario for row in self.waiver_rows}
        outstanding = [(s, c) for s, c in zip(readiness.scenarios, readiness.cells, strict=True)
                       if c.status not in ("passed", "waived")]
        if {s for s, _c in outstanding} != kept:
            self._set_waivers(found, outstanding)

    def _set_waivers(self, found: TraineeRecord | None, outstanding=()) -> None:
        for row in self.waiver_rows:
            row.remove()
        self.waiver_rows = []
        for number, (scenario, cell) in enumerate(outstanding):
            title = found.title(scenario) if found else scenario
            described = tr("{0}: {1}").format(title, words(STATUS_WORDS, cell.status).lower())
            if cell.critical:
                described += tr(", with a critical choice in its qualifying attempt")
            self.waiver_rows.append(WaiverRow(scenario, title, described, self.waiver_grid,
                                              3 * number, self))
        chain = [self.comment, *(w for row in self.waiver_rows
                                 for w in (row.waive, row.reason, row.comment)),
                 self.passphrase]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.waivers_note.setText(
            tr("Every required scenario is passed or waived: there is nothing to waive.")
            if not outstanding else
            tr("Certifying needs each of these passed or waived; a waiver needs a reason and "
               "a comment."))

    def _rating_changed(self) -> None:
        rating = self._rating()
        required = rating is not None and RATINGS.index(rating) <= COMMENT_FROM
        self.comment_rule.setText(
            tr("Required for this rating: say why.") if required else
            tr("Required at borderline pass or below; optional above."))
        self.comment_rule.setProperty("role", "bad" if required else "muted")
        self.comment_rule.style().unpolish(self.comment_rule)
        self.comment_rule.style().polish(self.comment_rule)

    def _rating(self) -> str | None:
        return next((r for r, b in self.rating_buttons.items() if b.isChecked()), None)

    def form(self) -> dict[str, Any] | str:
        """What the store needs, or why the form cannot be sent yet."""
        rating = self._rating()
        if rating is None:
            return tr("choose a global rating, from fail to excellent")
        if RATINGS.index(rating) <= COMMENT_FROM and not self.comment.toPlainText().strip():
            return tr("a rating of {0} needs a comment saying why").format(
                words(RATING_WORDS, rating).lower())
        if not self.passphrase.text():
            return tr("type your passphrase to sign the decision")
        if not getattr(self.shell, "instructor", None):
            return tr("the desk is locked; unlock it to sign a decision")
        return {"rating": rating, "certify": self.certify.isChecked(),
                "comment": self.comment.toPlainText(), "passphrase": self.passphrase.text(),
                "instructor": self.shell.instructor,  # type: ignore[attr-defined]
                "waivers": tuple(w for row in self.waiver_rows if (w := row.waiver()))}

    def submit(self) -> None:
        if self.trainee is None or self.cohort is None:
            return
        form = self.form()
        if isinstance(form, str):
            self._refused(form)
            return
        self.record_button.setEnabled(False)
        self.shell.ops.run(record(self.trainee, self.cohort, form), self._recorded,
                           self._refused_error)

    def _refused_error(self, error: Exception) -> None:
        self.record_button.setEnabled(True)
        self._refused(str(error))
        if "passphrase" in str(error):
            self.passphrase.setFocus()
            self.passphrase.selectAll()

    def _refused(self, why: str) -> None:
        self.problem.setText(tr("Not recorded: {0}. Everything you entered is still here.")
                             .format(why))
        self.problem.show()

    def _recorded(self, decided: DecisionRecord) -> None:
        self.record_button.setEnabled(True)
        self.shell.status(tr("Decision recorded for {0}").format(decided.trainee))
        trainee, cohort = decided.trainee_uuid, decided.cohort
        self._reset()
        self.trainee = self.cohort = None
        self.shell.go("desk-trainee", trainee=trainee, cohort=cohort)

    def _to_trainee(self) -> None:
        self.shell.go("desk-trainee", trainee=self.trainee, cohort=self.cohort)
