"""Shared test set-up: Qt offscreen, and helpers to write scenarios into tmp_path."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def write_scenario(tmp_path: Path):
    """Write YAML text (dedented) to tmp_path/<name>.yaml and return the path."""

    def write(text: str, name: str = "sample") -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
