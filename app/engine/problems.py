"""Problems found in a scenario, as values with a location.

They stay values until the edge (the CLI or a dialog) so that every check can
report all it finds at once instead of stopping at the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

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

    def __post_init__(self) -> None:
        """Escape control characters so every problem prints as one line."""
        if _CONTROL.search(self.message):
            escaped = _CONTROL.sub(lambda m: repr(m.group())[1:-1], self.message)
            object.__setattr__(self, "message", escaped)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def count(problems: list[Problem]) -> tuple[int, int]:
    """Return (errors, warnings) in `problems`."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors
