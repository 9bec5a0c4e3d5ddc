"""Render every page of the app in every theme, text size and window size, to screenshots/.

    make screenshots        (or: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py)
    python scripts/screenshots.py --only high-contrast-200-1280x800   (one cell of the matrix)

Each window uses a throwaway database and settings file, plays dose-question
in practice (feedback shown) and in assessment, and saves PNGs named
<theme>-<text size>-<width>x<height>-<page>.png for the themes light, dark
and high-contrast, text at 100%, 150% and 200%, on 1280×800 (the default
window), 1366×768, 1920×1080 and the window's minimum size. Look at them
before calling a screen done.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from alongside.scoring.attempt import best_choices  # noqa: E402
from alongside.ui.app import application  # noqa: E402
from alongside.ui.dialogs import Dialogs  # noqa: E402
from alongside.ui.main_window import MainWindow  # noqa: E402
from alongside.ui.settings import Settings  # noqa: E402

OUT = ROOT / "screenshots"
SCENARIO = "dose-question"
THEMES = ("light", "dark", "high-contrast")
TEXT_SIZES = (100, 150, 200)
WINDOWS = ((1280, 800), (1366, 768), (1920, 1080), None)  # None: the window's minimum


def wait(window: MainWindow, ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    while window.ops.busy:
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    # What the last result changed lays itself out on the next turns of the loop
    # (a chart's axes, for one); a picture taken at once would show the old layout.
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()


def best(window: MainWindow) -> int:
    node = window.session.node
    return [c.id for c in node.choices].index(best_choices(node)[0]) + 1


class Shots:
    """One window of the matrix, saving a picture per page."""

    def __init__(self, theme: str, size: int, window_size: tuple[int, int] | None,
                 folder: Path, out: Path) -> None:
        self.out = out
        settings = Settings(str(folder / f"{theme}-{size}.ini"))
        settings.set("theme", theme)
        settings.set("text_size", size)
        self.window = MainWindow(settings, folder / f"{theme}-{size}.db")
        minimum = self.window.minimumSize()
        width, height = window_size or (minimum.width(), minimum.height())
        self.window.resize(width, height)
        self.prefix = f"{theme}-{size}-{width}x{height}"
        self.taken = 0
        self.window.show()
        wait(self.window, 200)

    def shoot(self, page: str) -> None:
        wait(self.window)
        play = self.window.pages.get("play")
        while play is not None and play.transcript.scrolling:  # the glide to the newest line
            wait(self.window, 20)
        self.window.grab().save(str(self.out / f"{self.prefix}-{page}.png"))
        self.taken += 1

    def play_through(self, mode: str) -> None:
        window = self.window
        window.go("library")
        window.library.select(SCENARIO)
        window.library.set_mode(mode)
        window.library._start()
        wait(window)

    def run(self) -> None:
        window = self.window
        self.shoot("profile")
        window.choose_profile("Ana Ruiz")
        wait(window)
        window.library.select(SCENARIO)
        self.shoot("library")
        self.play_through("practice")
        window.play.choose_number(best(window))
        window.play.choose_number(1)
        self.shoot("play-practice")
        window.play._back()
        while not window.session.ended:
            window.play.choose_number(best(window))
        self.shoot("play-ending")
        window.play.to_debrief.click()
        self.shoot("debrief")
        self.play_through("assessment")
        window.play.choose_number(2)
        window.play.choose_number(best(window))
        self.shoot("play-assessment")
        window.go("progress")
        self.shoot("progress")
        window.go("settings")
        self.shoot("settings")
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def cells() -> list[tuple[str, int, tuple[int, int] | None]]:
    return [(t, s, w) for t in THEMES for s in TEXT_SIZES for w in WINDOWS]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", metavar="THEME-SIZE[-WxH]",
                        help="render only the cells whose name starts with this")
    parser.add_argument("--out", type=Path, default=OUT, metavar="FOLDER",
                        help=f"where the pictures go (default {OUT.relative_to(ROOT)}/)")
    args = parser.parse_args(argv)
    application(sys.argv[:1])
    # Leaving the assessment mid-way asks first; a script answers yes rather than wait.
    Dialogs.ask = classmethod(lambda cls, parent, title, text: True)  # type: ignore[method-assign]
    args.out.mkdir(parents=True, exist_ok=True)
    made = taken = 0
    with tempfile.TemporaryDirectory() as folder:
        for theme, size, window in cells():
            name = f"{theme}-{size}-" + (f"{window[0]}x{window[1]}" if window else "minimum")
            if args.only and not name.startswith(args.only):
                continue
            shots = Shots(theme, size, window, Path(folder), args.out)
            shots.run()
            made, taken = made + 1, taken + shots.taken
    print(f"screenshots: {made} windows, {taken} pictures in {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
