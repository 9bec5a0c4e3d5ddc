"""Names people give (trainees, classes, instructors), and text shown on a terminal.

Names are stored tidied (`tidy`) and matched by `name_key`, without regard
to case or spacing, so that one person typing their name two ways does not
become two profiles with their progress split between them.

A name comes from a person typing it or from a file someone else made (a
results bundle). Either way it will be printed in a terminal and drawn on
screens, so it may not hold control characters (an escape sequence can
rewrite a terminal or, through OSC 52, the clipboard) or bidirectional
controls (which can make "Sam" display as something else). Names are
refused at the edge where they enter; text from files that reaches a
terminal goes through `printable()`.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls and DEL, and the bidirectional embeddings, overrides,
# isolates and marks that reorder what follows them.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NAME_MAX = 200


def tidy(name: str) -> str:
    """A name as it is stored: in Unicode's composed form (an "é" typed as e and an
    accent is the "é" typed as one key), runs of spaces made one, none at the ends."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """What two names must share to be one person's: "Sam Rivera", "sam  rivera " and
    "ＳＡＭ RIVERA" are one profile. Compatibility forms folded, then case."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_problem(name: str, what: str = "a name") -> str | None:
    """Why `name` cannot be used as `what`, or None when it can (after `tidy`)."""
    if not name:
        return f"{what} cannot be empty"
    if len(name) > NAME_MAX:
        return f"{what} is longer than {NAME_MAX} characters"
    found = UNSAFE.search(name)
    if found:
        return (f"{what} holds the control character U+{ord(found.group()):04X}, which could "
                "disguise it on screen")
    return None


def printable(text: str) -> str:
    """`text` with every character a terminal would act on, rather than show, escaped.

    Line breaks and tabs are kept; the rest is written as Python would (`\\x1b`,
    `\\u202e`), so nothing from a file can move the cursor, change colours,
    reach the clipboard or reorder the line it is on.
    """
    if text.isprintable() and not UNSAFE.search(text):
        return text
    return "".join(c if c in "\n\t" or (c.isprintable() and not UNSAFE.match(c))
                   else repr(c)[1:-1] if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                   for c in text)
