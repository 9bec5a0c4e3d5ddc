"""A `Document` (alongside.scoring.document) as rich text for Qt's text widgets.

The same HTML feeds a QTextBrowser on screen and, for the instructor's
reports, a QTextDocument printed by QPdfWriter. Text is always escaped: it
comes from scenario files and from what trainees wrote.
"""

from __future__ import annotations

import html

from alongside.scoring.document import (
    NOTE,
    QUOTE,
    STRONG,
    Block,
    Document,
    Fields,
    Heading,
    Items,
    Paragraph,
    Table,
)


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _cell(text: str, first: bool) -> str:
    """A table cell; in the first column the first line is the name, the rest a note."""
    if first and "\n" in text:
        name, rest = text.split("\n", 1)
        return f"<td><b>{_e(name)}</b><br><small>{_e(rest)}</small></td>"
    return f"<td>{_e(text)}</td>"


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_e(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        text = _e(block.text)
        return {QUOTE: f"<p><i>{text}</i></p>", NOTE: f"<p><small>{text}</small></p>",
                STRONG: f"<p><b>{text}</b></p>"}.get(block.tone, f"<p>{text}</p>")
    if isinstance(block, Fields):
        return "<p>" + "<br>".join(f"<b>{_e(name)}:</b> {_e(value)}"
                                   for name, value in block.rows) + "</p>"
    if isinstance(block, Items):
        return "<ul>" + "".join(f"<li>{_e(t)}</li>" for t in block.texts) + "</ul>"
    if not isinstance(block, Table):
        raise TypeError(f"no way to render {type(block).__name__}")
    head = "".join(f"<th align='left'>{_e(c)}</th>" for c in block.columns)
    rows = "".join("<tr>" + "".join(_cell(c, i == 0) for i, c in enumerate(row)) + "</tr>"
                   for row in block.rows)
    return (f"<table cellpadding='6' border='1' style='border-collapse:collapse'>"
            f"<tr>{head}</tr>{rows}</table>")


def document_html(document: Document) -> str:
    """The blocks of `document` (its title is the page's own heading)."""
    return "\n".join(block_html(b) for b in document.blocks)
