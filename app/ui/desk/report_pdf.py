"""A trainee's certification report as a PDF, made with Qt alone (QPdfWriter, QTextDocument).

The report is what an instructor's decision rests on: readiness against the
cohort's curriculum, every qualifying attempt (scenario title, version hash,
scores and bands, critical choices with the scenario's reason), and the
decisions with rating and comment (`alongside.store.trainee_report` gathers
them). Tables repeat their header row on every page, Qt embeds the fonts it
draws with, and the text is real text, so `pdftotext` and a screen reader
find it. The trainee's results bundle, the document `export-results`
writes, rides along as a file attachment: the certificate carries the data it
was decided on, and `import-results` can read it back out.

Everything here runs on the store's worker thread or in a process of its own:
`python -m alongside.ui.desk.report_pdf --trainee NAME --out FILE` is how the
command line (which may not import Qt) writes one. The PDF is made in memory
and written whole (`write_atomically`), so a failure never leaves half a file.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.bands import band_label
from alongside.ui.text import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from alongside.store.db import Store
    from alongside.store.trainee_report import ReportAttempt, TraineeReport
    from alongside.ui.shell import Shell

RESOLUTION = 300  # dots per inch of the PDF's coordinate space
POINT_SIZE = 10
STATUS_WORDS = {"not-started": "Not started", "in-progress": "In progress",
                "completed": "Completed, not passed in the required mode",
                "failed": "Not passed", "waived": "Waived", "passed": "Passed"}
RATING_WORDS = {"fail": "Fail", "borderline-fail": "Borderline fail",
                "borderline-pass": "Borderline pass", "pass": "Pass", "excellent": "Excellent"}
SKILLS = {"language": "Person-first language", "decision": "Supported decision-making",
          "role": "Role clarity"}
STYLE = ("h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 14pt; } "
         "th { background-color: #e8e8e8; text-align: left; } "
         "td, th { padding: 3pt; } .small { font-size: 8pt; }")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _moment(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M} UTC"


def _score(score: float | None, band: str | None) -> str:
    if score is None or band is None:
        return tr("not assessed")
    return f"{score:.3f} ({_e(band_label(band))})"


def _table(header: list[str], rows: list[list[str]], widths: tuple[int, ...] = ()) -> str:
    """An HTML table whose first row `_repeat_headers` marks as its header; `widths` in
    percent of the page, per column."""
    head = "".join(f'<th width="{w}%">{h}</th>' if w else f"<th>{h}</th>"
                   for h, w in zip(header, widths or (0,) * len(header), strict=True))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
            f"<tr>{head}</tr>{body}</table>")


def _readiness(report: TraineeReport) -> str:
    if report.curriculum is None:
        return f"<p>{_e(report.note)}</p>"
    verdict = tr("Ready: every scenario of the curriculum is passed or waived.") \
        if report.ready else tr("Not ready yet: some scenarios are not passed or waived.")
    rows = [[f"<b>{_e(r.title)}</b><br/><span class='small'>{_e(r.scenario_id)}</span>",
             _e(tr(STATUS_WORDS.get(r.cell.status, r.cell.status))), str(r.cell.attempts),
             *(_score(s, b) for s, b in zip(r.cell.best, r.cell.bands, strict=True))]
            for r in report.readiness]
    c = report.curriculum
    return (f"<p>{_e(tr('Curriculum'))}: <b>{_e(c.title)}</b> ({_e(c.id)}), "
            f"{_e(tr('passed in {0} mode').format(c.mode))}. <b>{_e(verdict)}</b></p>"
            + _table([_e(tr("Scenario")), _e(tr("Status")), _e(tr("Attempts")),
                      *(_e(tr(SKILLS[d])) for d in DIMENSIONS)], rows, (26, 13, 12, 16, 16, 17)))


def _critical(a: ReportAttempt) -> str:
    if not a.critical:
        return _e(tr("No critical choice"))
    return "<br/>".join(f"{_e(tr('Critical choice'))}: {_e(c.choice)} "
                        f"({_e(tr('at'))} {_e(c.node)}): {_e(c.reason)}" for c in a.critical)


def _attempts(report: TraineeReport) -> str:
    if not report.attempts:
        return f"<p>{_e(tr('No qualifying attempts yet.'))}</p>"
    version = _e(tr("version"))
    rows = [[f"<b>{_e(a.title)}</b><br/><span class='small'>{_e(a.scenario_id)}, {version} "
             f"{_e(a.content_hash[:12])}<br/>{_e(_moment(a.finished_at or a.started_at))}"
             "</span>",
             *(_score(a.scores[d], a.bands[d]) for d in DIMENSIONS),
             f"<b>{_e(tr('Passed') if a.passed else tr('Not passed'))}</b><br/>{_critical(a)}"]
            for a in report.attempts]
    return _table([_e(tr("Scenario and version")), *(_e(tr(SKILLS[d])) for d in DIMENSIONS),
                   _e(tr("Result and critical choices"))], rows, (24, 14, 14, 14, 34))


def _decisions(report: TraineeReport) -> str:
    if not report.decisions:
        return f"<p>{_e(tr('No decision recorded yet.'))}</p>"
    rows = [[_e(_moment(d.decided_at)), _e(d.instructor), _e(d.cohort),
             _e(tr(RATING_WORDS.get(d.rating, d.rating))),
             _e(tr("certified") if d.certified else tr("not certified")),
             _e(d.comment) + "".join(f"<br/>{_e(tr('Waived'))} {_e(w.scenario)} "
                                     f"({_e(w.reason)}): {_e(w.comment)}" for w in d.waivers)]
            for d in report.decisions]
    return (f"<p>{_e(tr('Decisions are never changed; the last one is in force.'))}</p>"
            + _table([_e(tr("Decided")), _e(tr("Instructor")), _e(tr("Cohort")),
                      _e(tr("Global rating")), _e(tr("Verdict")), _e(tr("Comment"))], rows))


def report_html(report: TraineeReport) -> str:
    """The report as the HTML subset QTextDocument reads."""
    against = f" — {_e(report.cohort)}" if report.cohort else ""
    left = "".join(f"<p class='small'>{_e(tr('Left out of the attached results'))}: "
                   f"{_e(uuid)}: {_e(why)}</p>" for uuid, why in report.left_out)
    return (f"<html><body><h1>{_e(report.trainee)}</h1>"
            f"<p>{_e(tr('Certification report'))}{against}. {_e(tr('Trainee id'))} "
            f"{_e(report.trainee_uuid)}. {_e(tr('Made'))} {_e(_moment(report.made))}. "
            f"{_e(tr('The trainee’s results bundle is attached to this file.'))}</p>"
            f"<h2>{_e(tr('Readiness'))}</h2>{_readiness(report)}"
            f"<h2>{_e(tr('Qualifying attempts'))}</h2>{_attempts(report)}"
            f"<h2>{_e(tr('Certification decisions'))}</h2>{_decisions(report)}"
            f"{left}</body></html>")


def _repeat_headers(document: QTextDocument) -> None:
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            table_format = frame.format()
            table_format.setHeaderRowCount(1)
            frame.setFormat(table_format)


def bundle_name(report: TraineeReport) -> str:
    return f"results-{report.trainee_uuid[:8]}.json"


def pdf_bytes(report: TraineeReport) -> bytes:
    """The report as a PDF, A4, a footer with name and page on every page."""
    QEventLoop()  # gives a worker thread the event dispatcher the text layout's timers need
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 16, 16, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(tr("Certification report: {0}").format(report.trainee))
    writer.setCreator("Alongside")
    data = json.dumps(report.bundle, indent=2, ensure_ascii=False).encode("utf-8")
    writer.addFileAttachment(bundle_name(report), QByteArray(data), "application/json")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont(QFont().family(), POINT_SIZE)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters for pdftotext and search
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(report_html(report))
    _repeat_headers(document)
    _paint(document, writer, report.trainee)
    buffer.close()
    return bytes(buffer.data().data())


def _paint(document: QTextDocument, writer: QPdfWriter, trainee: str) -> None:
    painter = QPainter(writer)
    painter.setFont(document.defaultFont())
    footer = painter.fontMetrics().height() * 2
    width, height = writer.width(), writer.height() - footer
    document.setPageSize(QSizeF(width, height))
    pages = document.pageCount()
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * height, width, height)
            painter.setClipRect(context.clip)  # a row split by the page ends at its foot
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.drawText(QRectF(0, height, width, footer),
                             tr("{0} — certification report — page {1} of {2}")
                             .format(trainee, page + 1, pages))
    finally:
        painter.end()


def write_report(store: Store, trainee: str, cohort: str | None, out: Path) -> TraineeReport:
    """Gather the report from `store` and write it to `out`, whole or not at all."""
    from alongside.store.files import write_atomically
    from alongside.store.trainee_report import trainee_report

    report = trainee_report(store, trainee, cohort)
    write_atomically(out, pdf_bytes(report))
    return report


class ReportFiles:
    """The file dialog behind a seam, as `Dialogs` keeps message boxes: tests replace it."""

    @classmethod
    def ask_save(cls, parent: QWidget, suggested: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getSaveFileName(parent, tr("Save the PDF report"),
                                                      suggested, tr("PDF files (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def save_report(window: Shell, trainee: str, cohort: str | None,
                name: str | None = None) -> None:
    """Ask where to save `trainee`'s report (the file named after `name`, or `trainee`),
    then gather and write it on the worker; the status line says where it went, and a
    refusal (no such trainee, a folder that cannot be written) is shown as the store
    words it."""
    from PySide6.QtCore import QStandardPaths

    from alongside.ui.operations import Operation

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / tr("{0} certification report.pdf").format(name or trainee))
    out = ReportFiles.ask_save(window, suggested)
    if out is None:
        return

    def work(store: Store) -> TraineeReport:
        return write_report(store, trainee, cohort, out)

    def done(report: TraineeReport) -> None:
        window.status(tr("PDF report on {0} saved: {1}").format(report.trainee, out))

    window.ops.run(Operation(tr("writing the PDF report"), work), done)


def main(argv: list[str] | None = None) -> int:
    """The command line's way to a PDF: 0 written, 1 refused (the reason on stderr)."""
    parser = argparse.ArgumentParser(prog="alongside report --format pdf")
    parser.add_argument("--trainee", required=True)
    parser.add_argument("--cohort")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--db")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from alongside.engine.names import printable
    from alongside.i18n import ngettext
    from alongside.store.db import open_store
    from alongside.store.errors import Refused

    app = QGuiApplication(["alongside-report"])
    try:
        store = open_store(args.db)
        try:
            report = write_report(store, args.trainee, args.cohort, args.out)
        finally:
            store.close()
    except Refused as exc:
        print(printable(f"alongside report: {exc}"), file=sys.stderr)
        return 1
    finally:
        del app
    counted = ngettext("{n} qualifying attempt", "{n} qualifying attempts",
                       len(report.attempts)).format(n=len(report.attempts))
    print(printable(f"{args.out}: PDF report on {report.trainee} written ({counted}, "
                    "results attached)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
