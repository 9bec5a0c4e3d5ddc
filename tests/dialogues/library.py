"""The scenario library as the content tests see it: each file loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from alongside.engine.load import LoadResult, load_file
from alongside.engine.model import Scenario
from alongside.paths import DIALOGUES, scenario_files

FILES = scenario_files([DIALOGUES])
PARAMS = [pytest.param(path, id=path.stem) for path in FILES]


@cache
def loaded(path: Path) -> LoadResult:
    return load_file(path)


def scenario(path: Path) -> Scenario:
    result = loaded(path)
    assert result.scenario is not None, "\n".join(map(str, result.problems))
    return result.scenario
