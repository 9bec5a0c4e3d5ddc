"""`make run` on Linux checks the libraries Qt's X11 plugin needs and prints the one
install line for what is missing, instead of Qt aborting after the install."""

from __future__ import annotations

import importlib.util
import re
import stat

import pytest

from tests.conftest import ROOT

SPEC = importlib.util.spec_from_file_location("qt_libraries", ROOT / "scripts" / "qt_libraries.py")
assert SPEC is not None and SPEC.loader is not None
qt_libraries = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(qt_libraries)

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibdbus-1.so.3 => /lib/x86_64-linux-gnu/libdbus-1.so.3 (0x00007f2)
"""
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n'
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'
ARCH = 'NAME="Arch Linux"\nID=arch\n'


def test_what_ldd_could_not_find_is_named_once_each():
    assert qt_libraries.missing(LDD) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4",
                                         "libxkbcommon-x11.so.0"]
    assert qt_libraries.missing(LDD.replace("not found", "/lib/x.so (0x1)")) == []


@pytest.mark.parametrize(("library", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libdbus-1.so.3", "libdbus-1-3"),
    ("libEGL.so.1", "libegl1"), ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libX11-xcb.so.1", "libx11-xcb1")])
def test_libraries_map_to_debian_packages(library, package):
    assert qt_libraries.debian_package(library) == package


@pytest.mark.parametrize(("release", "line"), [
    (DEBIAN, "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"),
    (UBUNTU, "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"),
    (FEDORA, "sudo dnf install xcb-util-cursor xcb-util-wm libxkbcommon-x11"),
    (ARCH, "sudo pacman -S --needed xcb-util-cursor xcb-util-wm libxkbcommon-x11")])
def test_one_install_line_for_the_system(release, line):
    assert qt_libraries.install_line(qt_libraries.missing(LDD), release) == line


def test_root_is_not_told_to_sudo_and_unknown_systems_get_the_debian_names():
    line = qt_libraries.install_line(["libxcb-cursor.so.0"], 'ID=gentoo\n', root=True)
    assert line.startswith("apt-get install libxcb-cursor0") and "Debian" in line


@pytest.mark.parametrize(("environ", "x"), [
    ({}, True), ({"QT_QPA_PLATFORM": "xcb"}, True), ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, True)])
def test_the_check_runs_only_where_the_window_uses_x(environ, x):
    assert qt_libraries.uses_x(environ) is x


@pytest.fixture
def fake_ldd(tmp_path, monkeypatch):
    """An `ldd` that prints what the test says, for a plugin file that exists."""
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    ldd = tmp_path / "ldd"
    monkeypatch.setattr(qt_libraries, "plugin", lambda: plugin)
    monkeypatch.setattr(qt_libraries.shutil, "which", lambda name: str(ldd))
    monkeypatch.setattr(qt_libraries.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)

    def says(output: str) -> None:
        ldd.write_text(f"#!/bin/sh\ncat <<'EOF'\n{output}EOF\n")
        ldd.chmod(ldd.stat().st_mode | stat.S_IEXEC)
    return says


def test_missing_libraries_stop_make_run_with_the_install_line(fake_ldd, capsys):
    fake_ldd(LDD)
    assert qt_libraries.main() == 1
    err = capsys.readouterr().err
    assert re.search(r"^    (sudo )?apt-get install libxcb-cursor0 libxcb-icccm4 "
                     r"libxkbcommon-x11-0", err, re.MULTILINE) or "dnf" in err or "pacman" in err
    assert "libxcb-cursor.so.0" in err


def test_nothing_is_printed_when_everything_is_there(fake_ldd, capsys):
    fake_ldd(LDD.replace("not found", "/lib/found.so (0x1)"))
    assert qt_libraries.main() == 0
    assert capsys.readouterr() == ("", "")


def test_make_run_checks_before_it_starts_the_window():
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe is not None
    lines = recipe.group(1).splitlines()
    assert "scripts/qt_libraries.py" in lines[0] and "main.py" in lines[-1]
