"""What every command shares: exit codes, the `--db` option, and the JSON edge.

Values cross the layers as frozen dataclasses; this is where they become
JSON, for `--json` output only.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any

OK, FOUND, USAGE = 0, 1, 2


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL|PATH",
                        help="the progress database: a file path or a SQLAlchemy URL "
                        "(default: a file in your user data folder)")


def plain(value: Any) -> Any:
    """Dataclasses, tuples, mappings and times as JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
