"""Before `make run` opens a window on Linux: are the system libraries Qt's X11 plugin
needs installed? If not, print the one command that installs them, instead of Qt's
"could not load the Qt platform plugin xcb" and an abort.

PySide6's wheels bring Qt but not the X client libraries its xcb plugin links to
(libxcb-cursor0, libxcb-icccm4, libxkbcommon-x11-0 and the like); a fresh
desktop often lacks a few. `ldd` on the plugin names those the loader cannot
find, and they map to packages by Debian's rule (soname libfoo-bar.so.1 is
package libfoo-bar1) or, for Fedora and Arch, a short table. Prints nothing
and exits 0 when everything is there, when the window will not use X (Wayland,
or QT_QPA_PLATFORM set to another plugin), on other systems, and when `ldd`
itself is missing, since then Qt's own message is the best there is.

    python scripts/qt_libraries.py     (exit 1, with the install line, if any are missing)
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

NOT_FOUND = re.compile(r"^\s*(\S+\.so[.\d]*)\s*=>\s*not found", re.MULTILINE)
SONAME = re.compile(r"^(lib.+?)\.so\.(\d+)")

# Where a package's name does not follow from the library's by Debian's rule.
DEBIAN = {"libglib-2.0.so.0": "libglib2.0-0", "libGL.so.1": "libgl1",
          "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0"}
FEDORA = {"libxcb-cursor.so.0": "xcb-util-cursor", "libxcb-icccm.so.4": "xcb-util-wm",
          "libxcb-keysyms.so.1": "xcb-util-keysyms", "libxcb-image.so.0": "xcb-util-image",
          "libxcb-render-util.so.0": "xcb-util-renderutil", "libxcb-util.so.1": "xcb-util",
          "libxkbcommon-x11.so.0": "libxkbcommon-x11", "libxkbcommon.so.0": "libxkbcommon",
          "libEGL.so.1": "libglvnd-egl", "libGL.so.1": "libglvnd-glx",
          "libfontconfig.so.1": "fontconfig", "libdbus-1.so.3": "dbus-libs"}
ARCH = {"libxcb-cursor.so.0": "xcb-util-cursor", "libxcb-icccm.so.4": "xcb-util-wm",
        "libxcb-keysyms.so.1": "xcb-util-keysyms", "libxcb-image.so.0": "xcb-util-image",
        "libxcb-render-util.so.0": "xcb-util-renderutil", "libxcb-util.so.1": "xcb-util",
        "libxkbcommon-x11.so.0": "libxkbcommon-x11", "libxkbcommon.so.0": "libxkbcommon",
        "libEGL.so.1": "libglvnd", "libGL.so.1": "libglvnd", "libfontconfig.so.1": "fontconfig",
        "libdbus-1.so.3": "dbus"}


def missing(ldd_output: str) -> list[str]:
    """The libraries `ldd` could not find, each once, in the order it named them."""
    return list(dict.fromkeys(NOT_FOUND.findall(ldd_output)))


def debian_package(library: str) -> str:
    """Debian's name for the package of a library: libxcb-cursor.so.0 is libxcb-cursor0,
    libxkbcommon-x11.so.0 is libxkbcommon-x11-0 (a dash where the name ends in a digit)."""
    if library in DEBIAN:
        return DEBIAN[library]
    found = SONAME.match(library)
    if found is None:
        return library
    name, version = found.group(1).lower(), found.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def family(os_release: str) -> str:
    """debian, fedora, arch or unknown, from the text of /etc/os-release."""
    fields = dict(re.findall(r'^(ID|ID_LIKE)="?([^"\n]*)"?$', os_release, re.MULTILINE))
    names = f"{fields.get('ID', '')} {fields.get('ID_LIKE', '')}".split()
    for known, aliases in (("debian", {"debian", "ubuntu"}), ("fedora", {"fedora", "rhel"}),
                           ("arch", {"arch"})):
        if aliases & set(names):
            return known
    return "unknown"


def install_line(libraries: list[str], os_release: str, root: bool = False) -> str:
    """The one command that installs `libraries` on this system (without sudo for root)."""
    kind, sudo = family(os_release), "" if root else "sudo "
    if kind == "fedora":
        packages = [FEDORA.get(lib, lib) for lib in libraries]
        return f"{sudo}dnf install " + " ".join(dict.fromkeys(packages))
    if kind == "arch":
        packages = [ARCH.get(lib, lib) for lib in libraries]
        return f"{sudo}pacman -S --needed " + " ".join(dict.fromkeys(packages))
    packages = [debian_package(lib) for lib in libraries]
    line = f"{sudo}apt-get install " + " ".join(dict.fromkeys(packages))
    return line if kind == "debian" else f"{line}   (the Debian and Ubuntu names)"


def uses_x(environ: dict[str, str]) -> bool:
    """Whether Qt will open the window through its xcb plugin."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def plugin() -> Path | None:
    """PySide6's xcb platform plugin, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    found = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return found if found.is_file() else None


def main() -> int:
    if not sys.platform.startswith("linux") or not uses_x(dict(os.environ)):
        return 0
    found, ldd = plugin(), shutil.which("ldd")
    if found is None or ldd is None:
        return 0
    output = subprocess.run([ldd, str(found)], capture_output=True, text=True).stdout
    libraries = missing(output)
    if not libraries:
        return 0
    try:
        release = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        release = ""
    print(f"Alongside's window needs system libraries that are not installed "
          f"({', '.join(libraries)}). Install them with:\n\n"
          f"    {install_line(libraries, release, os.geteuid() == 0)}\n\n"
          "then run make run again.",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
