"""The cohorts page as an instructor uses it: cohorts made (and a bad curriculum refused
with its line and column), trainees added, the grid read in words and accessible
descriptions, sorted and filtered, the competency view counted, a trainee opened,
and the grid saved as CSV with formula-like cells neutralised."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from alongside.store.grid import STATUSES
from alongside.ui.desk.grid_model import FIRST_SCENARIO, READINESS
from alongside.ui.desk.status import READY, status_icons
from alongside.ui.shell import Page
from alongside.ui.themes import STATUS_COLOURS, THEMES, contrast
from tests.ui.conftest import settle
from tests.ui.desk_data import COHORT, FORMULA, SCENARIOS, in_window, unlock


@pytest.fixture
def desk(qtbot, open_window):
    """The cohorts page unlocked, showing the Spring cohort of `desk_data`."""
    window = open_window()
    uuids = in_window(qtbot, window)
    window.go("desk")
    unlock(qtbot, window)
    page = window.pages["desk"]
    qtbot.waitUntil(lambda: page.grid_model.rowCount() == 4)
    page.uuids = uuids
    return window, page


def _texts(table, row: int) -> list[str]:
    model = table.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def _row(table, name: str) -> int:
    model = table.model()
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def _names(table) -> list[str]:
    model = table.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_grid_says_each_status_in_words_with_bands_and_attempts(desk, qtmodeltester):
    window, page = desk
    qtmodeltester.check(page.grid_model)
    qtmodeltester.check(page.grid_rows)
    qtmodeltester.check(page.competency_model)
    grid, model = page.grid, page.grid.model()
    assert page.cohorts.currentItem().text() == "Spring · Spring readiness · 4 trainees"
    assert page.heading.text() == "Spring: Spring readiness" and page.grid.isVisible()
    titles = window.titles()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Trainee", "Readiness", *(titles[s] for s in SCENARIOS)]
    assert model.headerData(FIRST_SCENARIO, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == "Scenario id: dose-question"
    assert _texts(grid, _row(grid, "Ana Ruiz"))[1:] == ["Ready: 4 of 4"] + ["Passed"] * 4
    assert _texts(grid, _row(grid, "Ben Okafor"))[1:] == [
        "Not yet: 1 of 4", "Passed", "Failed", "In progress", "Completed"]
    assert _texts(grid, _row(grid, "Cy Adams"))[1:] == [
        "Ready: 4 of 4", "Passed", "Passed", "Waived", "Passed"]
    assert _texts(grid, _row(grid, FORMULA))[1:] == ["Not yet: 0 of 4"] + ["Not started"] * 4
    ana = model.index(_row(grid, "Ana Ruiz"), FIRST_SCENARIO)
    assert ana.data(Qt.ItemDataRole.AccessibleTextRole) == "Passed"
    assert ana.data(Qt.ItemDataRole.AccessibleDescriptionRole) == (
        f"Ana Ruiz, {titles['dose-question']}: Passed. Best: Person-first language "
        "proficient, Supported decision-making competent, Role clarity competent. 2 attempts.")
    failed = model.index(_row(grid, "Ben Okafor"), FIRST_SCENARIO + 1)
    described = failed.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "Failed." in described and "1 attempt." in described
    assert "Role clarity not yet" in described and "critical choice" in described
    assert page.summary.text() == "4 trainees, 2 ready."


def test_each_status_has_its_own_shape_and_a_colour_with_enough_contrast():
    for name, theme in THEMES.items():
        colours = STATUS_COLOURS[name]
        assert set(colours) == set(STATUSES)
        for status, colour in colours.items():
            ratio = contrast(colour, theme.surface)
            assert ratio >= theme.minimum_contrast, (name, status, round(ratio, 2))
        icons = status_icons(theme, 24)
        images = {s: icon.pixmap(24, 24).toImage() for s, icon in icons.items()}
        for a, b in itertools.combinations([*STATUSES, READY], 2):
            if {a, b} != {"passed", READY}:  # the ready mark is the pass mark
                assert images[a] != images[b], (name, a, b)
        selected = icons["failed"].pixmap(24, 24, icons["failed"].Mode.Selected).toImage()
        assert selected != images["failed"]


def test_the_grid_shows_marks_in_the_themes_colours(desk):
    window, page = desk
    index = page.grid.model().index(_row(page.grid, "Ben Okafor"), FIRST_SCENARIO + 1)
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    image = icon.pixmap(page.grid.iconSize()).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width())
               for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}
    assert STATUS_COLOURS["light"]["failed"] in colours
    window.settings.set("theme", "high-contrast")
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    image = icon.pixmap(page.grid.iconSize()).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width())
               for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}
    assert STATUS_COLOURS["high-contrast"]["failed"] in colours


def test_sorting_and_filtering_the_grid(qtbot, desk):
    window, page = desk
    grid = page.grid
    assert _names(grid) == [FORMULA, "Ana Ruiz", "Ben Okafor", "Cy Adams"]  # "=" before "a"
    header = grid.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(READINESS) + 5, 5))
    assert header.sortIndicatorSection() == READINESS
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(READINESS) + 5, 5))
    assert _names(grid)[:2] == [FORMULA, "Ben Okafor"]  # 0 of 4, then 1 of 4
    grid.sortByColumn(FIRST_SCENARIO + 1, Qt.SortOrder.AscendingOrder)  # art-show by status
    assert _names(grid)[0] == FORMULA and _names(grid)[1] == "Ben Okafor"
    qtbot.keyClicks(page.filter, "ben")
    assert _names(grid) == ["Ben Okafor"] and _names(page.competencies) == ["Ben Okafor"]
    assert page.summary.text() == "4 trainees, 2 ready. Showing 1."
    page.filter.clear()
    page.unready.click()
    assert sorted(_names(grid)) == sorted(["Ben Okafor", FORMULA])
    page.unready.click()
    assert len(_names(grid)) == 4


def test_the_competency_view_counts_passed_scenarios_exercising_each(desk):
    window, page = desk
    page.tabs.setCurrentIndex(1)
    table, model = page.competencies, page.competencies.model()
    headings = [model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(model.columnCount())]
    assert headings[0] == "Trainee"
    role, boundaries = headings.index("Role clarity"), headings.index("Boundaries")
    ben = _row(table, "Ben Okafor")
    assert model.index(ben, role).data() == "1 of 4 passed"  # dose-question only
    assert model.index(ben, boundaries).data() == "0 of 2 passed"  # art-show, ride-home
    cy = _row(table, "Cy Adams")
    assert model.index(cy, boundaries).data() == "1 of 2 passed"  # ride-home is waived
    assert model.index(cy, role).data(Qt.ItemDataRole.AccessibleDescriptionRole) == (
        "Cy Adams: Role clarity: passed 3 of the 4 scenarios that exercise it")
    assert "Trauma-informed practice" not in headings
    assert page.unused.isVisible() and "Trauma-informed practice" in page.unused.text()


class TraineeStandIn(Page):
    """Stands in for the trainee's page another module of the desk builds."""

    def __init__(self, shell):
        super().__init__(shell)
        self.entered = []

    def enter(self, **arguments):
        self.entered.append(arguments)


def test_activating_a_row_opens_that_trainee(qtbot, desk):
    window, page = desk
    window.register("desk-trainee", lambda: TraineeStandIn(window))
    grid = page.grid
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(_row(grid, "Cy Adams"), FIRST_SCENARIO))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert window.current == "desk-trainee"
    assert window.pages["desk-trainee"].entered == [
        {"trainee": page.uuids["Cy Adams"], "cohort": COHORT}]
    assert window.instructor is not None  # still on the desk
    window.go("desk")
    grid.setCurrentIndex(grid.model().index(_row(grid, "Ana Ruiz"), READINESS))
    page.tabs.setCurrentIndex(0)
    qtbot.mouseClick(page.open_trainee, Qt.MouseButton.LeftButton)
    assert window.pages["desk-trainee"].entered[-1]["trainee"] == page.uuids["Ana Ruiz"]


def test_a_desk_page_asked_for_while_locked_is_shown_once_unlocked(qtbot, open_window):
    window = open_window()
    uuids = in_window(qtbot, window)
    window.register("desk-trainee", lambda: TraineeStandIn(window))
    window.go("desk-trainee", trainee=uuids["Ben Okafor"], cohort=COHORT)
    assert window.current == "desk-unlock" and "desk-trainee" not in window.pages
    unlock(qtbot, window)
    assert window.current == "desk-trainee"
    assert window.pages["desk-trainee"].entered == [
        {"trainee": uuids["Ben Okafor"], "cohort": COHORT}]
    window.go("desk", cohort=COHORT)
    page = window.pages["desk"]
    qtbot.waitUntil(lambda: page.grid_model.rowCount() == 4)
    assert page.grid.currentIndex().isValid()  # Open trainee has a row to open
    qtbot.mouseClick(page.open_trainee, Qt.MouseButton.LeftButton)
    assert window.pages["desk-trainee"].entered[-1]["trainee"] == uuids[FORMULA]


def test_the_grid_is_saved_as_csv_with_formulas_neutralised(qtbot, desk, tmp_path,
                                                            chosen_files, shown_dialogs):
    window, page = desk
    out = tmp_path / "spring.csv"
    chosen_files["save"] = str(out)
    qtbot.mouseClick(page.save_csv, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 16 and shown_dialogs == []
    assert {r["trainee"] for r in rows} == {"Ana Ruiz", "Ben Okafor", "Cy Adams", "'" + FORMULA}
    assert {r["status"] for r in rows if r["trainee"] == "Ben Okafor"} == {
        "passed", "failed", "in-progress", "completed"}
    assert str(out) in window.statusBar().currentMessage()
    assert "16 rows" in window.statusBar().currentMessage()


def test_a_folder_that_is_not_there_is_said_clearly(qtbot, desk, tmp_path, chosen_files,
                                                    shown_dialogs):
    window, page = desk
    chosen_files["save"] = str(tmp_path / "gone" / "spring.csv")
    qtbot.mouseClick(page.save_csv, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(shown_dialogs) == 1
    title, text = shown_dialogs[0]
    assert title == "The grid was not saved" and "No such file or directory" in text
    assert "Choose a folder you can write to" in text
    assert not (tmp_path / "gone").exists()


def test_a_folder_given_as_the_file_is_said_clearly(qtbot, desk, tmp_path, chosen_files,
                                                    shown_dialogs):
    window, page = desk
    chosen_files["save"] = str(tmp_path)
    qtbot.mouseClick(page.save_csv, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert shown_dialogs == [("The grid was not saved",
                              f"cannot write {tmp_path}: it is a folder. Choose a folder you "
                              "can write to and try again.")]


BAD_CURRICULUM = """format: 1
id: autumn
title: Autumn readiness
rule: each-passed-in-assessment
scenarios:
  - dose-question
  - no-such-scenario
"""


def test_a_new_cohort_from_a_bad_file_is_refused_with_line_and_column(qtbot, desk, tmp_path,
                                                                      chosen_files):
    window, page = desk
    qtbot.mouseClick(page.new, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    form = page.new_form
    assert form.isVisible() and form.name.hasFocus()
    assert form.curriculum.itemText(0) == "Core certification readiness"
    assert form.curriculum.itemText(form.curriculum.count() - 1) == "From a file…"
    bad = tmp_path / "autumn.yaml"
    bad.write_text(BAD_CURRICULUM, encoding="utf-8")
    chosen_files["open"] = str(bad)
    qtbot.keyClicks(form.name, "Autumn")
    form.curriculum.setCurrentIndex(form.curriculum.count() - 1)
    form.curriculum.activated.emit(form.curriculum.count() - 1)
    assert form.file.text() == f"File: {bad}"
    qtbot.mouseClick(form.create, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert form.problem.isVisible()
    lines = form.problem.text().splitlines()
    assert lines[0] == "The cohort was not created:"
    assert lines[1].startswith("autumn.yaml, line 7, column 5: ")
    assert "no-such-scenario" in lines[1]
    assert form.name.text() == "Autumn"  # nothing typed is lost
    assert page.cohorts.count() == 1
    form.curriculum.setCurrentIndex(0)
    qtbot.mouseClick(form.create, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert not form.isVisible()
    assert [page.cohorts.item(i).text() for i in range(page.cohorts.count())] == [
        "Autumn · Core certification readiness · 0 trainees",
        "Spring · Spring readiness · 4 trainees"]
    assert page.cohorts.currentItem().text().startswith("Autumn")
    qtbot.waitUntil(lambda: page.grid_model.columnCount() == 22)
    assert page.summary.text() == "No trainees in this cohort yet: add them with Add trainees."
    assert "Cohort Autumn created" in window.statusBar().currentMessage()


def test_trainees_of_the_desk_are_added_to_a_cohort(qtbot, desk):
    window, page = desk
    qtbot.mouseClick(page.new, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.keyClicks(page.new_form.name, "Autumn")
    qtbot.keyClick(page.new_form.name, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert page.cohorts.currentItem().text().startswith("Autumn")
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    form = page.add_form
    assert form.isVisible() and form.heading.text() == "Add trainees to Autumn"
    listed = [form.list.item(i).text() for i in range(form.list.count())]
    assert [t.split(" [")[0] for t in listed] == [FORMULA, "Ana Ruiz", "Ben Okafor", "Cy Adams"]
    qtbot.mouseClick(form.add, Qt.MouseButton.LeftButton)
    assert form.problem.text() == "Tick at least one trainee first."
    form.list.item(2).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(form.add, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert not form.isVisible()
    qtbot.waitUntil(lambda: page.grid_model.rowCount() == 1)
    assert _names(page.grid) == ["Ben Okafor"]
    assert page.cohorts.currentItem().text() == (
        "Autumn · Core certification readiness · 1 trainee")
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert "Ben Okafor" not in [form.list.item(i).text().split(" [")[0]
                                for i in range(form.list.count())]


def test_the_grid_is_reached_by_keyboard(qtbot, desk):
    window, page = desk
    grid = page.grid
    assert grid.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectItems
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.currentIndex() == grid.model().index(1, 1)
    assert grid.currentIndex() != QModelIndex()



def test_a_file_chosen_before_the_curricula_arrive_stays_chosen(qtbot, desk, tmp_path,
                                                                chosen_files):
    window, page = desk
    form = page.new_form
    form.set_curricula([])  # as the form is before the library's curricula are read
    good = tmp_path / "summer.yaml"
    good.write_text(BAD_CURRICULUM.replace("  - no-such-scenario\n", ""), encoding="utf-8")
    chosen_files["open"] = str(good)
    form.curriculum.activated.emit(form.curriculum.count() - 1)
    form.set_curricula([("core", "Core certification readiness")])
    assert form.curriculum.currentText() == "From a file…"
    assert form.file.text() == f"File: {good}"
