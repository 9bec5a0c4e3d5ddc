"""Problems found in a scenario, as values with a location.

They stay values until the edge (the CLI or a dialog) so that every check can
report all it finds at once instead of stopping at the first one.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, located at a 1-based line and column of `path`."""

    path: str
    line: int
    col: int
    rule: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def count(problems: list[Problem]) -> tuple[int, int]:
    """Return (errors, warnings) in `problems`."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors
