"""OWASP's CSV-injection rule, cell by cell."""

from __future__ import annotations

import pytest

from alongside.store.reports import neutralised


@pytest.mark.parametrize("cell", ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_quoted(cell):
    assert neutralised(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ana Ruiz", "0.700", "", " =x", "'quoted"])
def test_other_cells_are_left_as_they_are(cell):
    assert neutralised(cell) == cell
