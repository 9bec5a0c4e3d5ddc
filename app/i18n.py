"""The one translation seam for the few strings the core produces (gettext style).

The interface translates its own words with Qt's `tr`; the engine, scoring
and store mark theirs with `_()` (and `ngettext()` where a number decides the
form), so that the band names, verdicts and debrief headings a trainee reads
can be translated by adding a catalogue, not by rewriting code. No catalogue
ships yet: until `use_language` finds one, every string comes back as written.
Stored data never holds these strings, only ids (a band is `not-yet`, shown
as `_("not yet")`).
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence

from alongside.paths import LOCALE

DOMAIN = "alongside"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def use_language(languages: Sequence[str] | None = None) -> None:
    """Translate from now on into the first of `languages` with a catalogue
    (None: the environment's LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    global _catalogue
    _catalogue = gettext.translation(DOMAIN, localedir=LOCALE, fallback=True,
                                     languages=list(languages) if languages else None)


def _(message: str) -> str:
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalogue.ngettext(singular, plural, count)
