"""Play from here…: an author's trial from any node, with the variables set by hand.

`open_play_from(window, path, node_id)` is what the map (and anything else)
calls. The dialog shows the node, the variables as the best-scoring way there
leaves them (`alongside.scoring.route.best_path_to`), each in a control fit
for it (a check box for a 0-or-1 flag, a spin box for a count), and, for a
branch node, which of its conditions hold and fail with those values and where
play goes, updated as they change (`alongside.engine.explain`). Start plays a
trial on the ordinary play page (`alongside.ui.studio.trial`).

The file is read and the route searched on the GUI thread: neither touches the
store, and a library scenario takes a few milliseconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alongside.engine.explain import explain_branch
from alongside.engine.model import BRANCH, DECISION, ENDING, Node, Scenario, Variable
from alongside.ui.dialogs import Dialogs
from alongside.ui.studio.trial import Trial
from alongside.ui.text import tr
from alongside.ui.widgets import buddy, button, label

if TYPE_CHECKING:
    from alongside.ui.main_window import MainWindow

WIDTH_LETTERS = 56  # the dialog's least width, in letters


def kind_words(node: Node) -> str:
    """The node's kind as an author reads it."""
    if node.kind == ENDING:
        return tr("an ending ({0})").format(node.ending or "")
    if node.kind == DECISION:
        return tr("a decision with {0} choices").format(len(node.choices))  # 2 to 4
    if node.kind == BRANCH:
        return tr("a branch")
    return tr("a line spoken by {0}").format(node.speaker) if node.speaker else tr("narration")


class VariableField:
    """One variable's control: a check box for a flag (0 or 1), else a spin box."""

    def __init__(self, variable: Variable, value: int, best: int | None, parent: QWidget):
        self.variable = variable
        name = variable.label or variable.name
        known = tr("; the best way here leaves {0}").format(best) if best is not None else ""
        self.widget: QCheckBox | QSpinBox
        if (variable.min, variable.max) == (0, 1):
            self.widget = QCheckBox(name, parent)
            self.widget.setChecked(bool(value))
            self.widget.setAccessibleDescription(
                tr("'{0}': ticked is 1, clear is 0{1}").format(variable.name, known))
        else:
            self.widget = QSpinBox(parent)
            self.widget.setRange(variable.min, variable.max)
            self.widget.setValue(value)
            self.widget.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
            # The theme styles the field, so Qt draws its step arrows only as wide as they
            # are placed here: a line of text wide, at any text size.
            arrows = self.widget.fontMetrics().height()
            self.widget.setStyleSheet(
                f"QSpinBox::up-button {{ subcontrol-origin: border; subcontrol-position: "
                f"top right; width: {arrows}px; }} QSpinBox::down-button {{ subcontrol-origin: "
                f"border; subcontrol-position: bottom right; width: {arrows}px; }}")
            self.widget.setAccessibleDescription(tr(
                "'{0}': a whole number from {1} to {2}; type it, or press Up and Down{3}")
                .format(variable.name, variable.min, variable.max, known))
        self.widget.setAccessibleName(name)
        self.widget.setToolTip(self.widget.accessibleDescription())

    @property
    def value(self) -> int:
        if isinstance(self.widget, QCheckBox):
            return int(self.widget.isChecked())
        return self.widget.value()

    def problem(self) -> str | None:
        """What is wrong with what was typed, in words (a spin box half edited)."""
        if isinstance(self.widget, QSpinBox) and not self.widget.hasAcceptableInput():
            v = self.variable
            return tr("{0}: type a whole number from {1} to {2}.").format(
                v.label or v.name, v.min, v.max)
        return None

    def connect(self, slot) -> None:
        if isinstance(self.widget, QCheckBox):
            self.widget.toggled.connect(slot)
        else:  # and the line edit's: the spin box is quiet while its text is half typed
            self.widget.valueChanged.connect(slot)
            line = self.widget.lineEdit()
            assert line is not None
            line.textEdited.connect(slot)


class PlayFromDialog(QDialog):
    """The node, its variables to edit, a branch's conditions weighed, and Start."""

    def __init__(self, window: MainWindow, path: Path, scenario: Scenario, node_id: str):
        super().__init__(window)
        self.window_ = window
        self.path, self.scenario, self.node = path, scenario, scenario.nodes[node_id]
        self.setWindowTitle(tr("Play from here: {0}").format(scenario.title))
        self.reached = True
        self.arrived, route_note = self._arrival()
        outer = QVBoxLayout(self)
        self.summary = label(tr("Node '{0}' is {1}.").format(node_id, kind_words(self.node)),
                             "heading")
        self.summary.setAccessibleName(tr("The node"))
        self.text = label(self.node.text, selectable=True)
        self.text.setAccessibleName(tr("What the node says"))
        self.text.setVisible(bool(self.node.text))
        self.route = label(route_note, "muted")
        self.route.setAccessibleName(tr("How the variables were set"))
        outer.addWidget(self.summary)
        outer.addWidget(self.text)
        outer.addWidget(self.route)
        outer.addWidget(self._fields(), 1)
        self.branch = label("")
        self.branch.setAccessibleName(tr("The branch's conditions"))
        self.branch.setVisible(self.node.kind == BRANCH)
        self.why = label("", "bad")
        self.why.setAccessibleName(tr("Why play cannot start yet"))
        self.why.hide()
        outer.addWidget(self.branch)
        outer.addWidget(self.why)
        outer.addWidget(self._buttons())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_LETTERS)
        self._changed()

    def _arrival(self) -> tuple[dict[str, int], str]:
        """The values on arriving at the node by the best way, and how they were found."""
        from alongside.scoring.route import Unreachable, best_path_to

        try:
            route = best_path_to(self.scenario, self.node.id)
        except Unreachable as exc:
            self.reached = False
            starts = {n: v.start for n, v in self.scenario.variables.items()}
            why = str(exc)
            return starts, tr("{0}. The variables start at their starting values.").format(
                why[:1].upper() + why[1:])
        if not route.choices:
            return dict(route.variables), tr("The variables as the scenario starts them.")
        return dict(route.variables), tr(
            "The variables as the best-scoring way here leaves them, after the choices {0}. "
            "Change any before you start.").format(", ".join(route.choices))

    def _fields(self) -> QWidget:
        holder = QWidget(self)
        form = QFormLayout(holder)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: list[VariableField] = []
        for name, variable in self.scenario.variables.items():
            field = VariableField(variable, self.arrived[name],
                                  self.arrived[name] if self.reached else None, holder)
            field.connect(lambda *_: self._changed())
            self.fields.append(field)
            if isinstance(field.widget, QCheckBox):
                form.addRow(field.widget)
            else:
                form.addRow(buddy(variable.label or name, field.widget), field.widget)
        if not self.fields:
            form.addRow(label(tr("This scenario has no variables."), "muted"))
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return self.scroll

    def fit_screen(self) -> None:
        """As wide as the fields need and as tall as they are, within the screen: the
        fields scroll only when the screen cannot hold them all (many variables at 200%)."""
        holder = self.scroll.widget()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        self.scroll.setMinimumWidth(holder.minimumSizeHint().width() + bar)
        room = self.screen().availableGeometry()
        others = self.sizeHint().height() - self.scroll.sizeHint().height()
        fields = min(holder.sizeHint().height(), max(room.height() * 0.9 - others,
                                                     room.height() * 0.25))
        self.scroll.setMinimumHeight(int(fields))
        # Not adjustSize(): it keeps a window within two thirds of the screen's height.
        wanted = self.sizeHint().expandedTo(self.minimumSizeHint())
        self.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(self)
        self.start = button(tr("Start"), tr("Start the trial"),
                            tr("Plays from this node on the play page, under practice rules; "
                               "the trial is not kept in your progress"), primary=True)
        self.start.setDefault(True)
        self.cancel = button(tr("Cancel"), tr("Cancel"), tr("Closes this without playing"))
        self.buttons.addButton(self.start, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.start.clicked.connect(self.begin)
        self.cancel.clicked.connect(self.reject)
        return self.buttons

    def values(self) -> dict[str, int]:
        return {field.variable.name: field.value for field in self.fields}

    def problem(self) -> str | None:
        return next((p for f in self.fields if (p := f.problem())), None)

    def _changed(self) -> None:
        problem = self.problem()
        self.why.setText(problem or "")
        self.why.setVisible(problem is not None)
        self.start.setEnabled(problem is None)
        if self.node.kind == BRANCH and problem is None:
            self.branch.setText(branch_words(self.node, self.values()))
            self.branch.setAccessibleDescription(self.branch.text())

    def begin(self) -> None:
        """Start the trial on the play page (nothing happens while a value is wrong)."""
        if self.problem() is not None:
            return
        window = self.window_
        # The shell asks a page to let go only when another one is shown: a play-through
        # on screen is asked here (an assessment under way, steps not yet saved).
        if window.current == "play" and not window.pages["play"].leave():
            return
        trial = Trial(self.path, self.scenario, self.node.id, self.values(), self.arrived)
        self.accept()
        window.go("play", trial=trial, source=self.path)


def branch_words(node: Node, values: dict[str, int]) -> str:
    """Each entry of the branch in the order play tries them, in words and marks."""
    told = explain_branch(node, values)
    lines = []
    for index, entry in enumerate(told.entries):
        shown = ", ".join(f"{n} = {v}" for n, v in entry.values)
        if index > told.taken_index:
            lines.append(tr("– not tried (an entry above holds): {0} → '{1}'").format(
                entry.condition or tr("otherwise"), entry.next))
        elif entry.condition is None:
            lines.append(tr("• otherwise → '{0}'").format(entry.next))
        elif entry.holds:
            lines.append(tr("✓ holds: {0} ({1}) → '{2}'").format(entry.condition, shown,
                                                                entry.next))
        else:
            lines.append(tr("✗ fails: {0} ({1})").format(entry.condition, shown))
    lines.append(tr("With these values play goes to '{0}'.").format(told.taken))
    return "\n".join(lines)


def open_play_from(window: MainWindow, path: str | Path, node_id: str) -> PlayFromDialog | None:
    """Show "Play from here…" for `node_id` of the scenario at `path` (not modal: the
    dialog is returned); a file that does not load or a node it lacks is said in words."""
    from alongside.engine.load import load_file

    result = load_file(Path(path))
    if result.scenario is None:
        first = next((p for p in result.problems if p.is_error), None)
        Dialogs.error(window, tr("Cannot play from here"), tr(
            "{0} does not load, so it cannot be played: {1}").format(path, first or ""))
        return None
    if node_id not in result.scenario.nodes:
        Dialogs.error(window, tr("Cannot play from here"), tr(
            "{0} has no node '{1}' (the file changed?)").format(path, node_id))
        return None
    dialog = PlayFromDialog(window, Path(path), result.scenario, node_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fit_screen()
    dialog.show()
    return dialog
