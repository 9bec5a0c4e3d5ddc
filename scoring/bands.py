"""Score bands and the pass rule, in one place (DESIGN.md, Scoring).

The 0.70 floor mirrors the minimum threshold in the seeds' supervision
comparison; like MITI's thresholds, bands describe observed practice, not
the person.
"""

from __future__ import annotations

from collections.abc import Mapping

NOT_YET, DEVELOPING, COMPETENT, PROFICIENT = "not yet", "developing", "competent", "proficient"

# (lower bound, band), highest first.
BANDS = ((0.85, PROFICIENT), (0.70, COMPETENT), (0.50, DEVELOPING), (0.0, NOT_YET))
PASS_FLOOR = 0.70


def band_of(score: float) -> str:
    """The band of a score already rounded to 3 places, as shown to the trainee."""
    for floor, band in BANDS:
        if score >= floor:
            return band
    return NOT_YET


def passes(scores: Mapping[str, float | None], critical_count: int) -> bool:
    """Every assessed dimension at least 0.70 and no critical choice taken."""
    return critical_count == 0 and all(s >= PASS_FLOOR for s in scores.values() if s is not None)
