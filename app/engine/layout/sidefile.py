"""The map's positions kept beside the scenario, in `<file>.map.json`.

Reopening a map then costs a small read instead of a layout, and an edit
keeps every node that stays where the author last saw it. The file is small
and sorted (one node a line, so it reads well in a diff), written whole or
not at all (a temporary file renamed over it), and carries the fingerprint of
the graph it was made for: when that still matches nothing is laid out or
written. A damaged or foreign file is ignored and the map laid out afresh; a
scenario in a folder that cannot be written (an installed package's bundled
scenarios) keeps its positions in the cache folder the caller names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from alongside.engine.layout.added import Boxes
from alongside.engine.layout.layered import BOX, Pair, Point, Size

FORMAT = 1
SUFFIX = ".map.json"
MAX_BYTES = 8 * 2**20  # far above any real map (2,000 nodes take about 80 kB)
LOG = logging.getLogger(__name__)


def side_file(scenario: str | Path) -> Path:
    """The side file beside `scenario`: `dose-question.yaml.map.json`."""
    path = Path(scenario)
    return path.with_name(path.name + SUFFIX)


def cached_file(scenario: str | Path, cache_dir: Path) -> Path:
    """Where `scenario`'s positions go when its folder cannot be written: named by
    its file and a hash of its full path, so two folders' `intro.yaml` differ."""
    path = Path(scenario).resolve()
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{path.name}.{digest}{SUFFIX}"


def fingerprint(nodes: Iterable[str], pairs: Iterable[Pair], sizes: Mapping[str, Size]) -> str:
    """What the positions were made for: the nodes, their links and their sizes."""
    ids = sorted(set(nodes))
    links = sorted({(a, b) for a, b in pairs})
    shape = [ids, links, [list(sizes.get(n, BOX)) for n in ids]]
    return hashlib.sha256(json.dumps(shape).encode("utf-8")).hexdigest()


def read(file: Path) -> tuple[str, dict[str, Point]] | None:
    """The fingerprint and positions in `file`, or None when it is missing, damaged
    or not one of ours (any of which means: lay the map out again)."""
    try:
        if file.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    stamp, positions = data.get("fingerprint"), data.get("positions")
    if not isinstance(stamp, str) or not isinstance(positions, dict):
        return None
    kept: dict[str, Point] = {}
    for node, at in positions.items():
        if not (isinstance(at, list) and len(at) == 2 and all(_number(v) for v in at)):
            return None
        kept[node] = (float(at[0]), float(at[1]))
    return stamp, kept


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(
        value)


def text_of(stamp: str, positions: Mapping[str, Point]) -> str:
    lines = [f"  {json.dumps(n)}: [{x!r}, {y!r}]" for n, (x, y) in sorted(positions.items())]
    body = ",\n".join(lines)
    return (f'{{\n "format": {FORMAT},\n "fingerprint": "{stamp}",\n "positions": {{\n'
            f"{body}\n }}\n}}\n")


def write(file: Path, text: str) -> None:
    """`text` into `file` whole or not at all; OSError when the folder cannot be written."""
    handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".part",
                                         dir=file.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _candidates(scenario: str | Path, cache_dir: Path | None) -> list[Path]:
    files = [side_file(scenario)]
    if cache_dir is not None:
        files.append(cached_file(scenario, cache_dir))
    return files


def kept_positions(scenario: str | Path, stamp: str, cache_dir: Path | None
                   ) -> tuple[bool, dict[str, Point]]:
    """Whether a side file was made for exactly this graph, and the positions kept:
    from the file made for it, else from the newest readable one."""
    found: list[tuple[bool, float, dict[str, Point]]] = []
    for file in _candidates(scenario, cache_dir):
        got = read(file)
        if got is not None:
            found.append((got[0] == stamp, _modified(file), got[1]))
    if not found:
        return False, {}
    exact, _, positions = max(found, key=lambda f: (f[0], f[1]))
    return exact, positions


def _modified(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0


def reopened(scenario: str | Path, nodes: Sequence[str], pairs: Sequence[Pair],
             sizes: Mapping[str, Size], cache_dir: Path | None) -> dict[str, Point] | None:
    """The kept positions when a side file was made for exactly this graph, else None:
    cheap enough to ask on the interface's thread before starting a layout."""
    exact, positions = kept_positions(scenario, fingerprint(nodes, pairs, sizes), cache_dir)
    if not exact or any(n not in positions for n in nodes):
        return None
    return {n: positions[n] for n in nodes}


def positions_for(scenario_path: str | Path, nodes: Sequence[str], edges: Iterable[Pair],
                  sizes: Mapping[str, Size] | None = None, cache_dir: Path | None = None
                  ) -> dict[str, Point]:
    """Every node's centre: kept ones from the side file, the rest placed around them;
    the side file written back if anything changed (beside the scenario, else in
    `cache_dir`, else not at all: the positions are still returned)."""
    from alongside.engine.layout import place

    order = list(dict.fromkeys(nodes))
    pairs = list(edges)
    boxes = {n: (sizes or {}).get(n, BOX) for n in order}
    stamp = fingerprint(order, pairs, boxes)
    exact, kept = kept_positions(scenario_path, stamp, cache_dir)
    kept = {n: kept[n] for n in order if n in kept}
    if kept and _overlapping(kept, boxes):
        kept = {}  # the boxes grew since: keeping would pile them up
    if exact and len(kept) == len(order):
        return kept
    centres = place(order, pairs, boxes, kept)
    _save(scenario_path, cache_dir, text_of(stamp, centres))
    return centres


def _overlapping(centres: Mapping[str, Point], sizes: Mapping[str, Size]) -> bool:
    boxes = Boxes((max(w for w, _ in sizes.values()), max(h for _, h in sizes.values())))
    for node, centre in centres.items():
        if not boxes.free(centre, sizes[node], margin=-0.1):
            return True
        boxes.add(centre, sizes[node])
    return False


def _save(scenario: str | Path, cache_dir: Path | None, text: str) -> None:
    for file in _candidates(scenario, cache_dir):
        try:
            if file.parent == cache_dir:
                file.parent.mkdir(parents=True, exist_ok=True)
            write(file, text)
            return
        except OSError as exc:
            LOG.info("map positions not kept in %s: %s", file, exc)
