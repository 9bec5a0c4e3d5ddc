"""Writing a file the person asked for: whole or not at all, and theirs alone.

Bundles, reports and statements all hold trainees' names and results. Each
is written to a temporary file beside the target, flushed to disk, then
renamed over it, so a crash or a full disk never leaves half a file where a
good one was; the file is private (0600 on POSIX), as `mkstemp` makes it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from alongside.store.errors import Refused


class WriteError(Refused):
    """The file could not be written; the message names it and why."""


def write_atomically(out: Path, data: bytes) -> None:
    if out.is_dir():
        raise WriteError(f"cannot write {out}: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part",
                                             dir=out.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(f"cannot write {out}: {exc.strerror or exc}") from None
