"""The desk's import page ("desk-import"): results bundles in, several at once.

An instructor collects bundles from trainees' offline laptops on a stick or
by mail and brings them in here, chosen in a file dialog or dropped on the
page (`import_files` is what the window calls for files dropped on it). Each
file is its own operation on the store's worker, in the order given, and is
imported as `import-results` imports it (`alongside.store.bundle.incoming`):
checked whole, then stored in one transaction, so a damaged file, or one
that is not a bundle at all, changes nothing and never stops the files after
it. The progress bar counts files done; the summary table says, per file,
what was imported, what was already present, what was refused and why (the
store's words, naming the field), and which attempts were played on a
scenario version this desk did not know. When a batch ends, the change of
attempts is announced once, so the grid and the trainee pages refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alongside.ui.desk import dropped_files
from alongside.ui.operations import ATTEMPTS, Operation
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.widgets import button, label

if TYPE_CHECKING:
    from alongside.store.bundle.feedback import FeedbackImported
    from alongside.store.bundle.records import Imported
    from alongside.store.db import Store

IMPORTED, PRESENT, REFUSED, FEEDBACK = "imported", "present", "refused", "feedback"
COLUMNS = ("File", "Result", "Details")  # each shown through tr()


@dataclass(frozen=True, slots=True)
class FileResult:
    """What importing one file did: `outcome` one of the four above, `details` in words."""

    path: Path
    outcome: str
    details: str
    added: int = 0


def outcome_word(outcome: str) -> str:
    return {IMPORTED: tr("Imported"), PRESENT: tr("Already present"), REFUSED: tr("Refused"),
            FEEDBACK: tr("Feedback stored")}[outcome]


def _result(path: Path, done: Imported | FeedbackImported) -> FileResult:
    from alongside.store.bundle.feedback import FeedbackImported

    if isinstance(done, FeedbackImported):
        return FileResult(path, FEEDBACK, done.summary(), done.added)
    if done.conflicts:
        return FileResult(path, REFUSED, done.summary())
    said = tr("{0} of {1} imported, {2} already present.").format(
        tr("%n attempt(s)", done.added), done.trainee, done.present)
    if done.unverified:
        said += " " + tr("{0} played on a scenario version this desk did not know: marked "
                         "unverified, they do not count until an instructor accepts the "
                         "version.").format(tr("%n attempt(s)", done.unverified))
    return FileResult(path, IMPORTED if done.added else PRESENT, said, done.added)


class _Batch:
    """The files of one run of imports. `known` (the library's content hashes) is read
    on the worker by the first file's operation and only ever touched there."""

    def __init__(self, library: list[Path]) -> None:
        self.library = library
        self.known: frozenset[str] | None = None
        self.total = self.done = self.added = self.refused = 0


def import_operation(path: Path, batch: _Batch) -> Operation[FileResult]:
    def work(store: Store) -> FileResult:
        from alongside.engine.library import content_hashes
        from alongside.store.bundle.incoming import import_file
        from alongside.store.errors import Refused

        try:
            if batch.known is None:
                batch.known = content_hashes(batch.library)
            return _result(path, import_file(store, path, batch.known))
        except Refused as exc:
            return FileResult(path, REFUSED, str(exc))
        except Exception as exc:  # a fault: logged; the files after it still go in
            from alongside import logs

            logs.unexpected(f"importing {path}", exc)
            where = logs.where()
            return FileResult(path, REFUSED, tr("Something went wrong while importing this "
                                                "file; nothing from it was imported.")
                              + (tr(" Details: {0}").format(where) if where else ""))

    return Operation(tr("importing {0}").format(path.name), work)


class ImportPage(Page):
    """Emits nothing of its own; announces ATTEMPTS through the shell after a batch."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.batch: _Batch | None = None
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(12)
        layout.addWidget(label(tr("Import results"), "title"))
        layout.addWidget(label(tr(
            "Bring in the results bundles trainees exported on their laptops: choose them, "
            "or drop the files on this page. Each file is checked whole and imported in one "
            "step; a file that is refused changes nothing, and the others still go in."),
            "muted"))
        row = QHBoxLayout()
        self.choose = button(tr("Choose bundles…"), tr("Choose bundles"),
                             tr("Opens a file dialog to pick one or more results bundles to "
                                "import"), primary=True)
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.choose)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr("Import progress"))
        self.progress.setAccessibleDescription(tr("How many of the chosen files are done"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(tr("No files yet"))
        layout.addWidget(self.progress)
        self.outcome = label("", "heading")
        self.outcome.setAccessibleName(tr("Import outcome"))
        self.outcome.hide()
        layout.addWidget(self.outcome)
        self.table = self._summary_table()
        layout.addWidget(self.table, 1)

    def _summary_table(self) -> QTableWidget:
        table = SummaryTable(0, len(COLUMNS), self)
        table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        table.setAccessibleName(tr("Import summary"))
        table.setAccessibleDescription(tr("One row per file: what was imported, already "
                                          "present, or refused and why"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def enter(self, files: list[Path] | None = None, **_: Any) -> None:
        """Shown; `files` (dropped on the window) are imported at once."""
        self.choose.setFocus()
        if files:
            self.import_files(files)

    def _choose(self) -> None:
        chosen = BundleFiles.ask_open(self)
        if chosen:
            self.import_files(chosen)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's spelling
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's spelling
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    def import_files(self, paths: list[Path]) -> None:
        """Import each file in order, each on the worker; files given while a batch runs
        join it."""
        if self.batch is None:
            library = list(getattr(self.shell, "library_paths", []))
            self.batch = _Batch(library)
            self.table.setRowCount(0)
            self.outcome.hide()
        batch = self.batch
        batch.total += len(paths)
        self._show_progress(batch)
        for path in paths:
            self.shell.ops.run(import_operation(Path(path), batch),
                               lambda result, b=batch: self._imported(b, result))

    def _show_progress(self, batch: _Batch) -> None:
        self.progress.setRange(0, batch.total)
        self.progress.setValue(batch.done)
        self.progress.setFormat(tr("{0} of %n file(s)", batch.total).format(batch.done))

    def _imported(self, batch: _Batch, result: FileResult) -> None:
        batch.done += 1
        batch.added += result.added
        batch.refused += result.outcome == REFUSED
        self._add_row(result)
        self._show_progress(batch)
        if batch.done == batch.total:
            self._finished(batch)

    def _add_row(self, result: FileResult) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((result.path.name, outcome_word(result.outcome),
                                       result.details)):
            item = QTableWidgetItem(text)
            item.setToolTip(str(result.path) if column == 0 else text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{tr(COLUMNS[column])}: {text}")
            self.table.setItem(row, column, item)
        self.table.fit_rows()

    def _finished(self, batch: _Batch) -> None:
        self.batch = None
        accepted = batch.total - batch.refused
        self.outcome.setText(tr("Done: {0} accepted, {1} refused.").format(
            tr("%n file(s)", accepted), batch.refused) if batch.refused else
            tr("Done: every file accepted ({0}).").format(tr("%n file(s)", batch.total)))
        self.outcome.setProperty("role", "bad" if batch.refused else "good")
        self.outcome.style().polish(self.outcome)
        self.outcome.show()
        self.shell.status(self.outcome.text())
        if batch.added:
            self.shell.announce({ATTEMPTS})


class SummaryTable(QTableWidget):
    """A table whose rows grow to their wrapped text whenever its width or font changes,
    and which asks for room to show its first rows whole: a refusal's reason is read
    whole, never cut to one line. (The header settles stretched columns a moment after
    a resize, so the rows are fitted once it has.)"""

    SHOWN = 3  # rows the table always has room for; the page scrolls before it shrinks

    def __init__(self, rows: int, columns: int, parent: QWidget) -> None:
        super().__init__(rows, columns, parent)
        self._fitting = QTimer(self)
        self._fitting.setSingleShot(True)
        self._fitting.setInterval(0)
        self._fitting.timeout.connect(self.fit_rows)
        self.horizontalHeader().sectionResized.connect(lambda *_: self._fitting.start())

    def fit_rows(self) -> None:
        self.resizeRowsToContents()
        first = min(self.SHOWN, self.rowCount())
        rows = max(sum(self.rowHeight(r) for r in range(first)),
                   self.SHOWN * self.verticalHeader().defaultSectionSize())
        needed = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        self._fitting.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's spelling
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fitting.start()


class BundleFiles:
    """The file dialog behind a seam, as `Dialogs` keeps message boxes: tests replace it."""

    @classmethod
    def ask_open(cls, parent: Page) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileNames(
            parent, tr("Choose results bundles"), "",
            tr("Results bundles (*.json);;All files (*)"))
        return [Path(c) for c in chosen]


def register(window: Shell) -> None:
    window.register("desk-import", lambda: ImportPage(window))
