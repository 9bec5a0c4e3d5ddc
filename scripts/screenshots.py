"""Render every page of the app, in each theme and at 100% and 200% text, to screenshots/.

    make screenshots        (or: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py)

Each run uses a throwaway database and settings file, plays dose-question in
practice (feedback shown) and in assessment, and saves 1920×1080 PNGs named
<theme>-<size>-<page>.png. Look at them before calling a screen done.
"""

from __future__ import annotations

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
from alongside.ui.main_window import MainWindow  # noqa: E402
from alongside.ui.settings import Settings  # noqa: E402

OUT = ROOT / "screenshots"
SCENARIO = "dose-question"


def wait(window: MainWindow, ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    while window.ops.busy:
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def best(window: MainWindow) -> int:
    node = window.session.node
    return [c.id for c in node.choices].index(best_choices(node)[0]) + 1


def shoot(window: MainWindow, name: str) -> None:
    wait(window)
    window.grab().save(str(OUT / f"{name}.png"))


def render(theme: str, size: int, folder: Path) -> None:
    settings = Settings(str(folder / f"{theme}-{size}.ini"))
    settings.set("theme", theme)
    settings.set("text_size", size)
    window = MainWindow(settings, folder / f"{theme}-{size}.db")
    window.resize(1920, 1080)
    window.show()
    wait(window, 200)
    prefix = f"{theme}-{size}"
    shoot(window, f"{prefix}-profile")
    window.choose_profile("Ana Ruiz")
    wait(window)
    window.library.select(SCENARIO)
    shoot(window, f"{prefix}-library")
    window.library.set_mode("practice")
    window.library._start()
    wait(window)
    window.play.choose_number(best(window))
    window.play.choose_number(1)
    shoot(window, f"{prefix}-play-practice")
    window.play._back()
    while not window.session.ended:
        window.play.choose_number(best(window))
    shoot(window, f"{prefix}-play-ending")
    window.play.to_debrief.click()
    shoot(window, f"{prefix}-debrief")
    window.library.set_mode("assessment")
    window.go("library")
    window.library.select(SCENARIO)
    window.library._start()
    wait(window)
    window.play.choose_number(2)
    window.play.choose_number(best(window))
    shoot(window, f"{prefix}-play-assessment")
    window.go("progress")
    shoot(window, f"{prefix}-progress")
    window.go("settings")
    shoot(window, f"{prefix}-settings")
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main() -> int:
    app = application(sys.argv)
    app.setApplicationName("Alongside")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for theme in ("light", "dark", "high-contrast"):
            for size in (100, 200):
                render(theme, size, Path(folder))
    print(f"screenshots: {len(list(OUT.glob('*.png')))} pictures in {OUT}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
