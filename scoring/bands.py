"""Score bands and the pass rule, in one place (DESIGN.md, Scoring).

The 0.70 floor mirrors the minimum threshold in the seeds' supervision
comparison; like MITI's thresholds, bands describe observed practice, not
the person. A band is stored, bundled and compared as its id (`not-yet`);
`band_label` gives the words a trainee reads, through the translation seam.
"""

from __future__ import annotations

from collections.abc import Mapping

from alongside.i18n import _

NOT_YET, DEVELOPING, COMPETENT, PROFICIENT = "not-yet", "developing", "competent", "proficient"
PASS_FLOOR = 0.70

# (lower bound, band), highest first.
BANDS = ((0.85, PROFICIENT), (PASS_FLOOR, COMPETENT), (0.50, DEVELOPING), (0.0, NOT_YET))
# Lowest first: a band's index is its rank.
BAND_ORDER = (NOT_YET, DEVELOPING, COMPETENT, PROFICIENT)


def band_of(score: float) -> str:
    """The band of a score already rounded to 3 places, as shown to the trainee."""
    for floor, band in BANDS:
        if score >= floor:
            return band
    return NOT_YET


def rank(band: str) -> int:
    return BAND_ORDER.index(band)


def band_label(band: str) -> str:
    """The band's name in the trainee's language ("not yet" for `not-yet`)."""
    return {NOT_YET: _("not yet"), DEVELOPING: _("developing"), COMPETENT: _("competent"),
            PROFICIENT: _("proficient")}[band]


def passes(scores: Mapping[str, float | None], critical_count: int) -> bool:
    """Every assessed dimension at least the pass floor and no critical choice taken."""
    return critical_count == 0 and all(s >= PASS_FLOOR for s in scores.values() if s is not None)
