"""First run, profiles, the library's filters and details, and unreadable scenario files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from alongside.ui.settings import Settings
from tests.engine.scenarios import TWO_DECISIONS
from tests.ui.conftest import settle


def test_first_run_asks_for_a_profile_and_remembers_it(qtbot, open_window, settings_path):
    window = open_window(profile=None)
    assert window.current_page() is window.profile_page
    page = window.profile_page
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert page.problem.isVisible() and "Type a name" in page.problem.text()
    qtbot.keyClicks(page.name, "  Ana   Ruiz ")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.library)
    assert window.profile_button.text() == "Profile: Ana Ruiz"
    assert Settings(settings_path).state("profile") == "Ana Ruiz"


def test_switching_profile_is_one_click(qtbot, open_window):
    window = open_window(profile="Ana Ruiz")
    window.choose_profile("Ben Okafor")
    qtbot.waitUntil(lambda: window.profile == "Ben Okafor")
    qtbot.mouseClick(window.profile_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    items = window.profile_page.profiles
    names = [items.item(i).text() for i in range(items.count())]
    assert names == ["Ana Ruiz", "Ben Okafor"]
    rect = items.visualItemRect(items.item(0))
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.profile == "Ana Ruiz")
    assert window.current_page() is window.library


def test_filters_search_and_keyboard_navigation(qtbot, open_window):
    window = open_window()
    library = window.library
    total = library.filter.rowCount()
    assert total >= 1 and library.count.text() == f"{total} scenarios"
    library.setting.setCurrentIndex(library.setting.findData("community"))
    shown = [library.filter.index(r, 0).data(Qt.ItemDataRole.DisplayRole)
             for r in range(library.filter.rowCount())]
    assert shown and "Community" in shown[0]
    assert library.count.text().endswith("scenarios shown")
    library.setting.setCurrentIndex(0)
    qtbot.keyClicks(library.search, "double my dose")
    assert library.filter.rowCount() == 1
    assert library.title.text() == "Should I double my dose?"
    library.search.clear()
    library.list.setFocus()
    first = library.title.text()
    qtbot.keyClick(library.list, Qt.Key.Key_Down)
    assert library.title.text() != first


def test_an_invalid_file_is_listed_as_unavailable(qtbot, library_dir, open_window):
    (library_dir / "aaa-broken.yaml").write_text("format: 1\nid: [oops\n")
    (library_dir / "two.yaml").write_text(TWO_DECISIONS)
    window = open_window()
    library = window.library
    qtbot.keyClicks(library.search, "aaa-broken")
    assert library.filter.rowCount() == 1
    text = library.filter.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert text.startswith("aaa-broken.yaml\nUnavailable — line 3: YAML syntax")
    assert library.problem.isVisible() and "aaa-broken.yaml:3" in library.problem.text()
    assert not library.begin.isEnabled()


def test_a_damaged_database_is_reported_and_left_alone(qtbot, db_path, open_window,
                                                       shown_dialogs, settings_path, library_dir):
    from alongside.ui.main_window import MainWindow

    db_path.write_bytes(b"not a database" * 100)
    window = MainWindow(Settings(settings_path), db_path, [library_dir])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(shown_dialogs))
    title, text = shown_dialogs[0]
    assert "could not be opened" in title and "progress.db" in text
    assert db_path.read_bytes() == b"not a database" * 100
    window.close()


def test_about_box_and_menus(qtbot, open_window, shown_dialogs):
    window = open_window()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Desk", "&Help"]
    about = window.findChild(type(window.menuBar().actions()[0]), "about")
    about.trigger()
    assert shown_dialogs == [("about", "")]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", [100, 150, 200])
@pytest.mark.parametrize("theme", ["light", "high-contrast"])
def test_the_details_scroll_only_when_the_page_has_no_room_left(qtbot, open_window, theme,
                                                                  text_size, size):
    """For every scenario: where the details need a scroll bar, nothing but the
    buttons may be below them; room left empty means they should have had it."""
    window = open_window(size=size)
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    window.go("library")
    settle(qtbot, window)
    library, wasted = window.library, []
    for row in range(library.filter.rowCount()):
        library.list.setCurrentIndex(library.filter.index(row, 0))
        qtbot.wait(5)
        details = library.details_scroll
        hidden = details.verticalScrollBar().maximum()
        below = library.actions.geometry().bottom()
        room = library.height() - library.layout().contentsMargins().bottom() - below
        if hidden > 0 and room > library.fontMetrics().height():
            wasted.append(f"{library.current_row().card.id}: {hidden} px scrolled away, "
                          f"{room} px empty below")
    assert wasted == [], "\n".join(wasted)


def test_a_name_typed_another_way_offers_the_existing_profile(qtbot, open_window,
                                                               shown_dialogs):
    window = open_window(profile="Sam Rivera")
    window.go("profile")
    settle(qtbot, window)
    page = window.profile_page
    qtbot.keyClicks(page.name, "sam  rivera ")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.library)
    [(title, text)] = shown_dialogs
    assert title == "That profile already exists" and "“Sam Rivera”" in text
    assert window.profile == "Sam Rivera"
    window.go("profile")
    settle(qtbot, window)
    assert page.profiles.count() == 1


def test_a_remembered_name_in_another_case_reopens_the_same_profile(qtbot, open_window,
                                                                     settings_path):
    open_window(profile="Sam Rivera").close()
    again = open_window(profile="SAM rivera ")
    settle(qtbot, again)
    assert again.profile == "Sam Rivera"
    assert again.profile_button.text() == "Profile: Sam Rivera"
    assert Settings(settings_path).state("profile") == "Sam Rivera"
