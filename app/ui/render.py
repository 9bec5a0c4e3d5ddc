"""A `Document` (alongside.scoring.document) as rich text for Qt's text widgets.

The same HTML feeds a QTextBrowser on screen and, for the instructor's
reports, a QTextDocument printed by QPdfWriter. Text is always escaped: it
comes from scenario files and from what trainees wrote.

An aside is a link (`aside:<n>`, numbered in the document's order) that the
screen toggles: `document_html(document, opened)` shows only the asides in
`opened` unfolded, and every one of them when `opened` is None (print).
The link says in words whether it shows or hides, so the state is never a
matter of an arrow alone.
"""

from __future__ import annotations

import html

from alongside.scoring.document import (
    NOTE,
    QUOTE,
    STRONG,
    Aside,
    Block,
    Document,
    Fields,
    Heading,
    Items,
    Paragraph,
    Table,
)
from alongside.ui.text import tr


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


ASIDE = "aside:"  # the scheme of an aside's link


def aside_html(aside: Aside, number: int, opened: bool) -> str:
    link = tr("▾ {0} (hide)") if opened else tr("▸ {0} (show)")
    shown = f"<p><a href='{ASIDE}{number}'>{_e(link.format(aside.label))}</a></p>"
    return shown + (f"<blockquote><p>{_e(aside.text)}</p></blockquote>" if opened else "")


def document_html(document: Document, opened: frozenset[int] | None = None) -> str:
    """The blocks of `document` (its title is the page's own heading), with the asides
    in `opened` unfolded (all of them if None)."""
    parts, asides = [], 0
    for block in document.blocks:
        if isinstance(block, Aside):
            parts.append(aside_html(block, asides, opened is None or asides in opened))
            asides += 1
        else:
            parts.append(block_html(block))
    return "\n".join(parts)
