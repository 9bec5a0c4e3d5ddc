"""Logging to a rotating file in the platform's log folder, and reporting the unexpected.

The desktop app calls `start()` once. Expected trouble (a damaged progress
file, a scenario that no longer loads) is told to the person where it
happens; anything else is an error in Alongside, and `unexpected()` writes
it with its traceback here, so the person is shown one calm sentence and the
file to send, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from alongside.paths import log_file

LOGGER = logging.getLogger("alongside")
MAX_BYTES = 1024 * 1024
KEEP = 3
_started: Path | None = None


def start(path: Path | None = None) -> Path | None:
    """Send Alongside's log records to `path` (default: the platform's log folder).

    Returns the file, or None when it cannot be written (then records go to
    standard error only, and the app runs on).
    """
    import logging.handlers  # sockets, pickle, queues: not worth a slower first window

    global _started
    file = path or log_file()
    handler: logging.Handler
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(file, maxBytes=MAX_BYTES,
                                                       backupCount=KEEP, encoding="utf-8")
        _started = file
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        _started = None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    return _started


def where() -> Path | None:
    """The log file in use, if `start()` opened one."""
    return _started


def unexpected(what: str, error: BaseException) -> None:
    """Log an error nobody planned for, with its traceback (opening the log if need be)."""
    if _started is None and not LOGGER.handlers:
        start()
    LOGGER.error("unexpected error while %s", what,
                 exc_info=(type(error), error, error.__traceback__))


def stop() -> None:
    """Flush and close the log (the app's last act, and a test's tidy-up)."""
    global _started
    for handler in list(LOGGER.handlers):
        handler.close()
        LOGGER.removeHandler(handler)
    _started = None
