"""Draw every character portrait from its spec: one small SVG per mood.

    python scripts/portraits.py           write assets/portraits/<id>/<mood>.svg
    python scripts/portraits.py --check   exit 1 if a spec is invalid or a file is out of date

A spec is `assets/portraits/specs/<id>.yaml`; its first line is a comment
`# <Name>, <age>, <who they are>, scenario <scenario-id>` and the name becomes
each file's <title>. Folders of portraits that no longer have a spec are
removed. The drawings keep to SVG Tiny 1.2 (what Qt's QSvgRenderer reads): no
CSS, filters, masks or clip paths, so the body's lower edge follows the
background circle instead of being clipped to it.
"""

from __future__ import annotations

import argparse
import difflib
import math
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

ROOT = Path(__file__).resolve().parents[1]
PORTRAITS = ROOT / "assets" / "portraits"
SPECS = PORTRAITS / "specs"

sys.path.insert(0, str(ROOT))
from alongside.engine.vocabulary import MOODS  # noqa: E402

AGES = ("young", "adult", "older")
HAIRS = ("short", "long", "curly", "coily", "locs", "braids", "bun", "ponytail", "shaved",
         "bald", "covered")
FACIAL_HAIRS = ("none", "stubble", "beard", "moustache")

# Skin tones, lightest to deepest: (face, shadow for ears, neck and nose).
SKINS = {
    1: ("#f6d9c6", "#e3bca5"),
    2: ("#ebc09f", "#d6a482"),
    3: ("#d5a079", "#bd8660"),
    4: ("#b37a53", "#9a6443"),
    5: ("#8c5a3b", "#764a2f"),
    6: ("#633f2a", "#523322"),
}
# Hair colours: (hair, texture strokes, eyebrows; light hair gets darker brows to stay readable).
HAIR_COLOURS = {
    "black": ("#231d1a", "#3d3430", "#231d1a"),
    "dark-brown": ("#3e2b21", "#2a1c15", "#34241b"),
    "brown": ("#6e4a32", "#533622", "#553823"),
    "auburn": ("#8f4424", "#6e3119", "#6e3119"),
    "blonde": ("#d9b574", "#b8904e", "#a57e48"),
    "grey": ("#a3a19d", "#84817d", "#77736f"),
    "white": ("#e9e6e0", "#c9c4bb", "#9c968e"),
}
KEYS = {
    "age": AGES,
    "skin": "a whole number from 1 (lightest) to 6 (deepest)",
    "hair": HAIRS,
    "hair_colour": tuple(HAIR_COLOURS),
    "facial_hair": FACIAL_HAIRS,
    "glasses": "true or false",
    "top": 'a quoted colour such as "#3b6e8f" (unquoted, # starts a comment)',
}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEX = re.compile(r"#[0-9a-fA-F]{6}")
INK = "#2b201b"
CX = 128


class SpecError(Exception):
    """A spec that cannot be drawn; the message names the file and the key."""


@dataclass(frozen=True)
class Spec:
    id: str
    name: str
    age: str
    skin: int
    hair: str
    hair_colour: str
    facial_hair: str
    glasses: bool
    top: str


@dataclass(frozen=True)
class Face:
    """How a mood shows: brows, eyes and mouth, with a few extras.

    brows: (inner, outer) height offsets, negative is up; lift raises the
    viewer's left brow and lowers the right (a puzzled look).
    lid/lower: how much of each eye the upper and lower lids cover (0..1).
    gaze: where the irises look (dx, dy). eyes: "open", or "rest" for closed
    relaxed eyes. mouth: a shape name and its curve (positive smiles).
    """

    brows: tuple[float, float]
    lid: float
    mouth: tuple[str, float]
    lower: float = 0
    gaze: tuple[float, float] = (0, 0)
    eyes: str = "open"
    lift: float = 0
    blush: bool = False
    weary: bool = False


FACES = {
    "neutral": Face(brows=(0, 0), lid=0.12, mouth=("line", 1)),
    "calm": Face(brows=(1, 1), lid=0.3, mouth=("line", 3.5), lower=0.08),
    "warm": Face(brows=(-2, -1), lid=0.12, lower=0.3, mouth=("open", 0), blush=True),
    "hopeful": Face(brows=(-4, -1), lid=0.05, gaze=(0, -2), mouth=("line", 4.5)),
    "relieved": Face(brows=(-2, 1), lid=0, eyes="rest", mouth=("line", 5)),
    "worried": Face(brows=(-5, 1), lid=0.1, mouth=("line", -2.5)),
    "anxious": Face(brows=(-7, 0), lid=0, gaze=(-2.5, 0), mouth=("wavy", 0)),
    "distressed": Face(brows=(-8, 2), lid=0, lower=0.12, mouth=("oval", 0)),
    "sad": Face(brows=(-6, 2), lid=0.5, gaze=(0, 2), mouth=("line", -4.5)),
    "tired": Face(brows=(1, 3), lid=0.54, gaze=(0, 2), mouth=("line", 0), weary=True),
    "guarded": Face(brows=(3, 0), lid=0.34, lower=0.1, gaze=(2.5, 0), mouth=("short", -2)),
    "angry": Face(brows=(6, -2), lid=0.3, lower=0.14, mouth=("line", -5)),
    "ashamed": Face(brows=(-4, 1), lid=0.52, gaze=(-2.5, 2), mouth=("short", -1), blush=True),
    "confused": Face(brows=(0, 0), lift=4, lid=0.12, gaze=(2, -1.5), mouth=("slant", 0)),
}


def n(value: float) -> str:
    """A coordinate as short text: one decimal at most, no trailing '.0'."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def mix(colour: str, other: str, t: float) -> str:
    """`colour` moved a fraction `t` of the way towards `other`."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def path(d: str, fill: str = "none", stroke: str = "", width: float = 0, extra: str = "") -> str:
    attrs = f' fill="{fill}"'
    if stroke:
        attrs += f' stroke="{stroke}" stroke-width="{n(width)}"'
    return f'<path d="{d}"{attrs}{extra}/>'


def scallop(cy: float, rx: float, ry: float, start: int, stop: int, bumps: int,
            bump: float) -> str:
    """Path data for a cloud-like edge over the head: `bumps` arcs along an ellipse.

    The edge runs clockwise from angle `start` to `stop` (degrees, 90 is the top)
    and closes with a straight line behind the head.
    """
    points = [(CX + rx * math.cos(math.radians(start + (stop - start) * i / bumps)),
               cy - ry * math.sin(math.radians(start + (stop - start) * i / bumps)))
              for i in range(bumps + 1)]
    d = f"M{n(points[0][0])} {n(points[0][1])}"
    d += "".join(f"A{n(bump)} {n(bump)} 0 0 1 {n(x)} {n(y)}" for x, y in points[1:])
    return d + "Z"


def circles(points: list[tuple[float, float, float]]) -> str:
    """Path data for several circles (x, y, r), so one element can hold them all."""
    return "".join(f"M{n(x - r)} {n(y)}a{n(r)} {n(r)} 0 1 1 {n(2 * r)} 0"
                   f"a{n(r)} {n(r)} 0 1 1 {n(-2 * r)} 0" for x, y, r in points)


# ---------------------------------------------------------------- reading specs

class _StrictLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """A safe loader that refuses a key written twice (YAML would keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise SpecError(f"key '{key}' appears twice (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def shown(file: Path) -> Path:
    """A path as messages show it: relative to the project when it is inside."""
    return file.relative_to(ROOT) if file.is_relative_to(ROOT) else file


def read_spec(file: Path) -> Spec:
    where = shown(file)
    try:
        return _read_spec(file)
    except SpecError as exc:
        raise SpecError(f"{where}: {exc}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SpecError(f"{where}: cannot be read: {exc}") from None


def _read_spec(file: Path) -> Spec:
    pid = file.stem
    if not ID.fullmatch(pid) or pid == "specs":
        raise SpecError(f"portrait id '{pid}' should be lower-case letters, digits and single "
                        "hyphens (and not 'specs')")
    text = file.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    name = first[1:].split(",", 1)[0].strip() if first.startswith("#") else ""
    if not name:
        raise SpecError("line 1 should be a comment '# <Name>, <age>, <who they are>, "
                        "scenario <scenario-id>'")
    data = yaml.load(text, Loader=_StrictLoader)
    if not isinstance(data, dict):
        raise SpecError("should be a mapping of keys: " + ", ".join(KEYS))
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), list(KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise SpecError(f"unknown key '{key}'{hint}")
    for key, allowed in KEYS.items():
        if key not in data:
            raise SpecError(f"key '{key}' is missing")
        value = data[key]
        if key == "skin":
            good = type(value) is int and value in SKINS
        elif key == "glasses":
            good = type(value) is bool
        elif key == "top":
            good = type(value) is str and HEX.fullmatch(value) is not None
        else:
            good = value in allowed
        if not good:
            wanted = allowed if isinstance(allowed, str) else "one of " + ", ".join(allowed)
            raise SpecError(f"key '{key}' is {value!r}; it should be {wanted}")
    fields = {key: data[key] for key in KEYS}
    fields["top"] = fields["top"].lower()
    return Spec(id=pid, name=name, **fields)


# ---------------------------------------------------------------- drawing

@dataclass(frozen=True)
class Palette:
    skin: str
    shadow: str
    hair: str
    texture: str
    brow: str
    top: str
    top_shade: str
    background: str
    lip: str
    scarf: str


def palette(spec: Spec) -> Palette:
    skin, shadow = SKINS[spec.skin]
    hair, texture, brow = HAIR_COLOURS[spec.hair_colour]
    return Palette(
        skin=skin, shadow=shadow, hair=hair, texture=texture, brow=brow, top=spec.top,
        top_shade=mix(spec.top, "#000000", 0.22), background=mix(spec.top, "#ffffff", 0.8),
        lip=mix(skin, "#2a0f0c", 0.5 + 0.08 * spec.skin), scarf=mix(spec.top, "#ffffff", 0.3),
    )


def head_shape(spec: Spec) -> tuple[float, float]:
    """Half-width and chin height: a little variety that stays put for each person."""
    width = 45 + zlib.crc32(spec.id.encode()) % 4
    chin = {"young": 162, "adult": 166, "older": 167}[spec.age]
    return width, chin


def face_outline(w: float, chin: float) -> str:
    left, right = CX - w, CX + w
    return (f"M{n(left)} 106C{n(left)} 72 {n(CX - 26)} 56 {CX} 56C{n(CX + 26)} 56 {n(right)} 72 "
            f"{n(right)} 106C{n(right)} 140 {n(CX + 24)} {n(chin)} {CX} {n(chin)}"
            f"C{n(CX - 24)} {n(chin)} {n(left)} 140 {n(left)} 106Z")


def cap(w: float, top: float = 46, line: float = 78, side: float = 112, part: float = 0,
        puff: float = 4) -> str:
    """Hair over the crown, down the temples to `side`; the hairline dips to `line`.

    `part` shifts the highest point of the hairline sideways (a side parting);
    `puff` is how far the hair stands out from the head at the sides.
    """
    lo, ro = CX - w - puff, CX + w + puff
    li, ri = CX - w + 3, CX + w - 3
    return (f"M{n(lo)} {n(side)}C{n(lo - 3)} {n(top + 18)} {n(CX - 30)} {n(top)} {CX} {n(top)}"
            f"C{n(CX + 30)} {n(top)} {n(ro + 3)} {n(top + 18)} {n(ro)} {n(side)}"
            f"L{n(ri)} {n(side)}C{n(ri)} {n(line + 6)} {n(CX + 20 + part)} {n(line - 4)} "
            f"{n(CX + part)} {n(line - 2)}C{n(CX - 22 + part)} {n(line)} {n(li)} {n(line + 8)} "
            f"{n(li)} {n(side)}Z")


def _hair_short(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                front: list[str]) -> None:
    h, t = p.hair, p.texture
    front.append(path(cap(w, top=50, line=76, side=100, part=-14, puff=2), h))
    front.append(path(f"M{CX - 14} 74Q{CX + 6} 60 {CX + 30} 64", stroke=t, width=2))


def _hair_long(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
               front: list[str]) -> None:
    h, t = p.hair, p.texture
    back.append(path(f"M{n(CX - w - 8)} 112C{n(CX - w - 12)} 52 {n(CX + w + 12)} 52 "
                     f"{n(CX + w + 8)} 112L{n(CX + w + 12)} 196Q{CX} 208 {n(CX - w - 12)} 196Z",
                     h))
    front.append(path(cap(w, top=46, line=78, side=128, part=10, puff=6), h))
    front.append(path(f"M{CX + 10} 74Q{CX + 6} 60 {CX - 4} 50", stroke=t, width=2))


def _hair_curly(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                front: list[str]) -> None:
    h, t = p.hair, p.texture
    back.append(path(scallop(100, w + 16, 58, 212, -32, 11, 12), h))
    front.append(path(cap(w, top=50, line=80, side=112), h))
    fringe = [(CX + x, 78 + abs(x) * 0.3 - 2, 9) for x in (-30, -15, 0, 15, 30)]
    front.append(path(circles(fringe), h))
    front.append(path("".join(f"M{n(x - 4)} {n(y)}q4 -5 8 0" for x, y, _ in fringe),
                      stroke=t, width=1.6))


def _hair_coily(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                front: list[str]) -> None:
    h, t = p.hair, p.texture
    rx = w + 19
    back.append(path(scallop(96, rx + 4, 62, 222, -42, 20, 9), h))
    front.append(path(cap(w, top=50, line=76, side=110, puff=0), h))
    front.append(path("".join(f"M{n(x)} {n(y)}q3 -4 6 0" for x, y in
                              ((CX - 36, 62), (CX - 14, 52), (CX + 10, 50), (CX + 30, 60),
                               (CX - 56, 84), (CX + 50, 84), (CX - 24, 40), (CX + 18, 36),
                               (CX - 52, 58), (CX + 44, 60))),
                      stroke=t, width=1.6))


def _hair_strands(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                  front: list[str]) -> None:
    h, t = p.hair, p.texture
    style = spec.hair
    if style == "locs":
        xs = [CX - w - 7, CX - w + 3, CX - w + 13, CX + w - 13, CX + w - 3, CX + w + 7]
    else:
        xs = [CX + side * (w + d) for side in (-1, 1) for d in (8, 1, -6, -13)]
    strands = "".join(f"M{n(x)} 100L{n(x + (x - CX) * 0.08)} {200 + abs(x - CX) % 3 * 5}"
                      for x in xs)
    back.append(path(f"M{n(CX - w - 6)} 110C{n(CX - w - 10)} 52 {n(CX + w + 10)} 52 "
                     f"{n(CX + w + 6)} 110Z", h))
    thick = 9 if style == "locs" else 6
    middle.append(path(strands, stroke=h, width=thick))
    middle.append(path(strands, stroke=t, width=thick,
                       extra=f' stroke-dasharray="{"2 3" if style == "braids" else "1 9"}"'))
    if style == "braids":
        front.append(path(cap(w, top=48, line=76, side=112), h))
        front.append(path("".join(f"M{CX + x} {n(76 + abs(x) * 0.1)}Q{n(CX + x * 1.2)} 60 "
                                  f"{n(CX + x * 1.5)} 54" for x in (-20, -7, 7, 20)),
                          stroke=t, width=1.8))
    else:
        front.append(path(cap(w, top=46, line=78, side=118, part=4), h))
        front.append(path("".join(f"M{CX + x} 80Q{n(CX + x * 1.2)} 66 {n(CX + x * 1.4)} 56"
                                  for x in (-22, -8, 8, 22)), stroke=t, width=2))


def _hair_bun(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
              front: list[str]) -> None:
    h, t = p.hair, p.texture
    back.append(path(circles([(CX, 42, 19)]), h))
    front.append(path(cap(w, top=52, line=72, side=108), h))
    front.append(path(f"M{CX - 14} 52Q{CX} 46 {CX + 14} 52", stroke=t, width=3))
    front.append(path(f"M{CX - 24} 70Q{CX - 10} 60 {CX - 2} 56M{CX + 24} 70Q{CX + 10} 60 "
                      f"{CX + 2} 56", stroke=t, width=1.6))


def _hair_ponytail(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                   front: list[str]) -> None:
    h, t = p.hair, p.texture
    back.append(path(f"M{n(CX + w - 6)} 72C{n(CX + w + 30)} 80 {n(CX + w + 22)} 150 "
                     f"{n(CX + w + 6)} 182C{n(CX + w + 2)} 150 {n(CX + w + 6)} 110 "
                     f"{n(CX + w - 12)} 92Z", h))
    front.append(path(cap(w, top=48, line=74, side=108, part=6), h))
    front.append(path(f"M{n(CX + w - 6)} 76l8 10", stroke=t, width=4))


def _hair_shaved(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                 front: list[str]) -> None:
    h = p.hair
    left, right = CX - w, CX + w
    front.append(path(f"M{n(left + 1)} 104C{n(left + 1)} 70 {CX - 26} 57 {CX} 57"
                      f"C{CX + 26} 57 {n(right - 1)} 70 {n(right - 1)} 104L{n(right - 5)} 100"
                      f"C{n(right - 8)} 84 {CX + 20} 74 {CX} 74C{CX - 20} 74 {n(left + 8)} 84 "
                      f"{n(left + 5)} 100Z", h, extra=' fill-opacity=".5"'))


def _hair_bald(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
               front: list[str]) -> None:
    front.append(path(f"M{CX - 22} 66Q{CX} 58 {CX + 20} 64", stroke="#ffffff", width=5,
                      extra=' stroke-opacity=".16"'))


def _hair_covered(spec: Spec, p: Palette, w: float, back: list[str], middle: list[str],
                  front: list[str]) -> None:
    s, fold = p.scarf, mix(p.scarf, "#000000", 0.16)
    middle.append(path(f"M{CX} 42C{n(CX - w - 12)} 42 {n(CX - w - 10)} 96 {n(CX - w - 6)} 130"
                       f"C{n(CX - w - 2)} 170 {CX - 54} 192 {CX - 68} 214"
                       f"Q{CX} 234 {CX + 68} 214"
                       f"C{CX + 54} 192 {n(CX + w + 2)} 170 {n(CX + w + 6)} 130"
                       f"C{n(CX + w + 10)} 96 {n(CX + w + 12)} 42 {CX} 42Z", s))
    front.append(path(f"M{CX} 44C{n(CX - w - 10)} 44 {n(CX - w - 6)} 96 {n(CX - w - 4)} 122"
                      f"C{n(CX - w)} 156 {CX - 24} 180 {CX} 180C{CX + 24} 180 {n(CX + w)} 156 "
                      f"{n(CX + w + 4)} 122C{n(CX + w + 6)} 96 {n(CX + w + 10)} 44 {CX} 44Z"
                      f"M{CX} 74C{CX - 26} 74 {CX - 37} 90 {CX - 37} 110C{CX - 37} 140 "
                      f"{CX - 20} 163 {CX} 163C{CX + 20} 163 {CX + 37} 140 {CX + 37} 110"
                      f"C{CX + 37} 90 {CX + 26} 74 {CX} 74Z", s,
                      extra=' fill-rule="evenodd"'))
    front.append(path(f"M{CX - 40} 150Q{CX - 26} 176 {CX + 2} 182", stroke=fold, width=2.5))


_HAIR_STYLES = {
    "short": _hair_short,
    "long": _hair_long,
    "curly": _hair_curly,
    "coily": _hair_coily,
    "locs": _hair_strands,
    "braids": _hair_strands,
    "bun": _hair_bun,
    "ponytail": _hair_ponytail,
    "shaved": _hair_shaved,
    "bald": _hair_bald,
    "covered": _hair_covered,
}


def hair(spec: Spec, p: Palette, w: float) -> tuple[list[str], list[str], list[str]]:
    """Hair in three layers: behind the body, behind the head, and over the face."""
    back: list[str] = []
    middle: list[str] = []
    front: list[str] = []
    draw = _HAIR_STYLES.get(spec.hair)
    if draw is not None:
        draw(spec, p, w, back, middle, front)
    return back, middle, front


def eyes(face: Face, young: bool, skin: str) -> list[str]:
    """Both eyes: whites, irises looking along `face.gaze`, then the lids.

    A lid is a skin-coloured cap over part of the white, from above (and from
    below for a smile or a narrowed look), with a lash line along its edge.
    """
    xs, y = (CX - 20, CX + 20), 116
    if face.eyes == "rest":
        return [path("".join(f"M{x - 8} {y}Q{x} {y + 6} {x + 8} {y}" for x in xs), stroke=INK,
                     width=2.6)]
    wx, wy = (9.5, 7.5) if young else (9, 7)
    gx, gy = face.gaze
    out = [f'<ellipse cx="{x}" cy="{y}" rx="{n(wx)}" ry="{n(wy)}" fill="#fbf8f3"/>' for x in xs]
    out.append(path(circles([(x + gx, y + gy, 5.2) for x in xs]), "#3a2a22"))
    if face.lid < 0.5:
        out.append(path(circles([(x + gx + 1.8, y + gy - 1.8, 1.5) for x in xs]), "#ffffff"))
    rx, ry = wx + 0.7, wy + 0.7
    caps = lashes = ""
    for x in xs:
        if face.lid > 0:
            top = y - ry + face.lid * 2 * ry
            half = rx * math.sqrt(max(0.0, 1 - ((top - y) / ry) ** 2))
            edge = f"M{n(x - half)} {n(top)}Q{x} {n(top + 2)} {n(x + half)} {n(top)}"
            caps += f"{edge}A{n(rx)} {n(ry)} 0 {1 if top > y else 0} 0 {n(x - half)} {n(top)}Z"
            lashes += edge
        else:
            lashes += f"M{n(x - wx)} {y}A{n(wx)} {n(wy)} 0 0 1 {n(x + wx)} {y}"
        if face.lower > 0:
            bottom = y + ry - face.lower * 2 * ry
            half = rx * math.sqrt(max(0.0, 1 - ((bottom - y) / ry) ** 2))
            caps += (f"M{n(x + half)} {n(bottom)}A{n(rx)} {n(ry)} 0 0 1 {n(x - half)} {n(bottom)}"
                     f"Q{x} {n(bottom - 2.5)} {n(x + half)} {n(bottom)}Z")
    if caps:
        out.append(path(caps, skin))
    out.append(path(lashes, stroke=INK, width=2.4))
    return out


def brows(face: Face, colour: str) -> str:
    inner, outer = face.brows
    d = ""
    for side, lift in ((-1, face.lift), (1, -face.lift)):
        y_in, y_out = 98 + inner - lift, 99 + outer - lift
        x_in, x_out = CX + side * 11, CX + side * 31
        d += (f"M{n(x_in)} {n(y_in)}Q{n((x_in + x_out) / 2)} {n(min(y_in, y_out) - 4 - lift * 0.4)}"
              f" {n(x_out)} {n(y_out)}")
    return path(d, stroke=colour, width=4.4)


def mouth(face: Face, lip: str) -> str:
    shape, curve = face.mouth
    y = 148
    if shape == "line":
        return path(f"M{CX - 12} {n(y - curve / 2)}Q{CX} {n(y + curve * 1.5)} {CX + 12} "
                    f"{n(y - curve / 2)}", stroke=lip, width=3)
    if shape == "short":
        return path(f"M{CX - 8} {n(y - curve / 2)}Q{CX} {n(y + curve)} {CX + 8} {n(y - curve / 2)}",
                    stroke=lip, width=3)
    if shape == "open":
        return path(f"M{CX - 14} 144Q{CX} 149 {CX + 14} 144Q{CX} 160 {CX - 14} 144Z", lip,
                    stroke=lip, width=2)
    if shape == "oval":
        return path(f"M{CX - 10} 152Q{CX - 8} 142 {CX} 142Q{CX + 8} 142 {CX + 10} 152"
                    f"Q{CX} 148 {CX - 10} 152Z", lip, stroke=lip, width=2.4)
    if shape == "wavy":
        return path(f"M{CX - 13} 148q3.25 -3 6.5 0t6.5 0t6.5 0t6.5 0", stroke=lip, width=2.8)
    return path(f"M{CX - 11} 149Q{CX + 2} 149 {CX + 11} 144", stroke=lip, width=3)  # slant


def facial_hair(spec: Spec, p: Palette, w: float, chin: float) -> list[str]:
    left, right = CX - w, CX + w
    if spec.facial_hair == "stubble":
        return [path(f"M{n(left + 1)} 122C{n(left + 2)} 146 {CX - 22} {n(chin)} {CX} {n(chin)}"
                     f"C{CX + 22} {n(chin)} {n(right - 2)} 146 {n(right - 1)} 122"
                     f"C{n(right - 6)} 134 {CX + 20} 138 {CX} 137"
                     f"C{CX - 20} 138 {n(left + 6)} 134 {n(left + 1)} 122Z", p.hair,
                     extra=' fill-opacity=".2"')]
    if spec.facial_hair == "beard":
        return [path(f"M{n(left)} 116C{n(left)} 150 {CX - 26} {n(chin + 12)} {CX} {n(chin + 12)}"
                     f"C{CX + 26} {n(chin + 12)} {n(right)} 150 {n(right)} 116L{n(right - 4)} 118"
                     f"C{n(right - 6)} 132 {CX + 30} 142 {CX + 16} 144C{CX + 12} 137 {CX + 6} 136 "
                     f"{CX} 137C{CX - 6} 136 {CX - 12} 137 {CX - 16} 144C{CX - 30} 142 "
                     f"{n(left + 6)} 132 {n(left + 4)} 118Z"
                     f"M{CX - 14} 148Q{CX} 140 {CX + 14} 148Q{CX} 156 {CX - 14} 148Z", p.hair,
                     extra=' fill-rule="evenodd"')]
    if spec.facial_hair == "moustache":
        return [path(f"M{CX - 18} 146C{CX - 15} 134 {CX - 4} 133 {CX} 137"
                     f"C{CX + 4} 133 {CX + 15} 134 {CX + 18} 146"
                     f"C{CX + 10} 141 {CX - 10} 141 {CX - 18} 146Z", p.hair)]
    return []


def glasses() -> str:
    """Two rounded frames, a bridge and the arms, as one path."""
    frames = "".join(f"M{CX + x + 7} 104h14a7 7 0 0 1 7 7v7a7 7 0 0 1 -7 7h-14a7 7 0 0 1 -7 -7"
                     f"v-7a7 7 0 0 1 7 -7Z" for x in (-34, 6))
    return path(frames + f"M{CX - 6} 112Q{CX} 108 {CX + 6} 112M{CX - 34} 110L{CX - 44} 108"
                f"M{CX + 34} 110L{CX + 44} 108", "#ffffff", stroke=INK, width=2.4,
                extra=' fill-opacity=".12"')


def portrait(spec: Spec, mood: str) -> str:
    face = FACES[mood]
    p = palette(spec)
    w, chin = head_shape(spec)
    young = spec.age == "young"
    back, middle, front = hair(spec, p, w)
    out = [f'<circle cx="128" cy="128" r="124" fill="{p.background}"/>', *back,
           path("M33 208C42 190 56 186 74 182C94 178 108 176 128 176C148 176 162 178 182 182"
                "C200 186 214 190 223 208A124 124 0 0 1 33 208Z", p.top),
           path(f"M{CX - 17} 140V178Q{CX} 194 {CX + 17} 178V140Z", p.shadow),
           path(f"M{CX - 20} 180Q{CX} 198 {CX + 20} 180", stroke=p.top_shade, width=3),
           *middle]
    if spec.hair not in ("covered", "long", "coily"):
        out.append(path(circles([(CX - w + 1, 116, 9), (CX + w - 1, 116, 9)]), p.shadow))
    out.append(path(face_outline(w, chin), p.skin))
    if spec.age == "older":
        out.append(path(f"M{CX - 16} 86Q{CX} 82 {CX + 16} 86M{CX - 22} 132Q{CX - 27} 142 "
                        f"{CX - 22} 152M{CX + 22} 132Q{CX + 27} 142 {CX + 22} 152",
                        stroke=p.shadow, width=2))
    out += eyes(face, young, p.skin)
    if face.weary or spec.age == "older":
        out.append(path(f"M{CX - 27} 127Q{CX - 20} 130 {CX - 13} 127M{CX + 13} 127Q{CX + 20} 130 "
                        f"{CX + 27} 127", stroke=p.shadow, width=1.8))
    if face.blush:
        out.append(path(f"M{CX - 38} 136a9 5 0 1 0 18 0a9 5 0 1 0 -18 0"
                        f"M{CX + 20} 136a9 5 0 1 0 18 0a9 5 0 1 0 -18 0", "#e0735f",
                        extra=' fill-opacity=".28"'))
    out.append(path(f"M{CX - 2} 122Q{CX - 7} 133 {CX - 1} 135Q{CX + 3} 136 {CX + 6} 134",
                    stroke=p.shadow, width=2.4))
    out += facial_hair(spec, p, w, chin)
    out.append(mouth(face, p.lip))
    out += front
    out.append(brows(face, p.brow))
    if spec.glasses:
        out.append(glasses())
    title = escape(f"{spec.name}, {mood}")
    return ('<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="256" height="256" viewBox="0 0 256 256">\n<title>{title}</title>\n'
            '<g stroke-linecap="round" stroke-linejoin="round">\n'
            + "\n".join(out) + "\n</g>\n</svg>\n")


# ---------------------------------------------------------------- the folder

def plan() -> tuple[dict[Path, bytes], list[str]]:
    """Every file the specs call for, with its bytes, and the problems found."""
    files: dict[Path, bytes] = {}
    problems: list[str] = []
    for file in sorted(SPECS.glob("*.yaml")):
        try:
            spec = read_spec(file)
        except SpecError as exc:
            problems.append(str(exc))
            continue
        for mood in MOODS:
            files[PORTRAITS / spec.id / f"{mood}.svg"] = portrait(spec, mood).encode()
    return files, problems


def stale(files: dict[Path, bytes]) -> list[Path]:
    """Portrait folders with no spec file, and SVGs no mood calls for.

    A folder whose spec is there but invalid is kept: a typo should not take
    the portraits away.
    """
    specced = {file.stem for file in SPECS.glob("*.yaml")}
    found = []
    for entry in sorted(PORTRAITS.iterdir()) if PORTRAITS.is_dir() else []:
        if not entry.is_dir() or entry == SPECS or entry.name.startswith(("_", ".")):
            continue
        if entry.name not in specced:
            found.append(entry)
        elif any(f.parent == entry for f in files):
            found += [svg for svg in sorted(entry.glob("*.svg")) if svg not in files]
    return found


def remove(entry: Path) -> str | None:
    """Remove a stale SVG, or a stale folder of SVGs; a problem if other files are in it."""
    for svg in [entry] if entry.is_file() else sorted(entry.glob("*.svg")):
        svg.unlink()
    if entry.is_dir():
        if any(entry.iterdir()):
            return f"{shown(entry)}: has no spec but holds files other than portraits; kept"
        entry.rmdir()
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a spec is invalid or a file is out of date")
    args = parser.parse_args(argv)
    files, problems = plan()
    old = stale(files)
    changed = [f for f, data in files.items() if not f.is_file() or f.read_bytes() != data]
    if args.check:
        problems += [f"{shown(f)}: out of date; run scripts/portraits.py" for f in changed]
        problems += [f"{shown(f)}: has no spec; run scripts/portraits.py" for f in old]
    else:
        for file in changed:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(files[file])
        problems += [p for p in map(remove, old) if p]
        print(f"{len(files)} portraits, {len(changed)} written, {len(old)} stale removed")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
