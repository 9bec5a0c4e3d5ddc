"""The portrait generator and the SVGs in assets/: up to date, readable by Qt, titled."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from PySide6.QtSvg import QSvgRenderer

from alongside.engine.vocabulary import MOODS
from alongside.paths import scenario_files

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
SVG = "{http://www.w3.org/2000/svg}"


def _load_generator():
    """scripts/ is not a package; load the generator from its file."""
    name = "alongside_portraits_script"
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "portraits.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


portraits = _load_generator()


def _title(file: Path) -> str | None:
    node = ET.parse(file).getroot().find(f"{SVG}title")
    return None if node is None else (node.text or "").strip()


def test_generated_portraits_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/portraits.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_every_svg_in_assets_loads_in_qt(qapp):
    files = sorted(ASSETS.rglob("*.svg"))
    assert ASSETS / "icon.svg" in files
    assert ASSETS / "portraits" / "_standin.svg" in files
    invalid = [str(f.relative_to(ROOT)) for f in files if not QSvgRenderer(str(f)).isValid()]
    assert invalid == []


def test_every_svg_has_a_title():
    untitled = [str(f.relative_to(ROOT)) for f in sorted(ASSETS.rglob("*.svg")) if not _title(f)]
    assert untitled == []


def test_portrait_titles_name_the_person_and_mood():
    for spec_file in sorted(portraits.SPECS.glob("*.yaml")):
        spec = portraits.read_spec(spec_file)
        for mood in MOODS:
            file = portraits.PORTRAITS / spec.id / f"{mood}.svg"
            assert _title(file) == f"{spec.name}, {mood}", file
            assert file.stat().st_size < 4096, file


def test_every_portrait_in_the_dialogues_has_a_spec():
    missing = []
    for scenario in sorted(scenario_files([ROOT / "dialogues"])):
        data = yaml.load(scenario.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for cid, character in (data.get("characters") or {}).items():
            portrait = character.get("portrait", cid)
            if not (portraits.SPECS / f"{portrait}.yaml").is_file():
                missing.append(f"{scenario.name}: {cid} -> {portrait}")
    assert not missing, "no spec in assets/portraits/specs for: " + "; ".join(missing)


GOOD = """\
# Ana Lima, 40, a tenant organiser, scenario test
age: adult
skin: 3
hair: covered
hair_colour: black
facial_hair: none
glasses: true
top: "#3B6E8F"
"""


@pytest.mark.parametrize(("change", "message"), [
    (("skin: 3", "skin: 7"), "key 'skin' is 7"),
    (("skin: 3", "skin: true"), "key 'skin' is True"),
    (("hair: covered", "hair: mohawk"), "key 'hair' is 'mohawk'; it should be one of short"),
    (("glasses: true", "glasses: yes please"), "key 'glasses'"),
    (('top: "#3B6E8F"', "top: blue"), "key 'top' is 'blue'"),
    (('top: "#3B6E8F"', "top: #3b6e8f"), "key 'top' is None; it should be a quoted colour"),
    (("age: adult\n", ""), "key 'age' is missing"),
    (("hair_colour", "hair_color"), "unknown key 'hair_color' (did you mean 'hair_colour'?)"),
    (("age: adult", "age: adult\nage: older"), "key 'age' appears twice"),
    (("# Ana Lima, 40", "Ana Lima, 40"), "line 1 should be a comment"),
    (("age: adult", "age: [adult"), "cannot be read"),
])
def test_a_bad_spec_is_refused_with_file_and_key(tmp_path, change, message):
    file = tmp_path / "ana-lima.yaml"
    file.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(portraits.SpecError) as caught:
        portraits.read_spec(file)
    assert str(caught.value).startswith(f"{file}: ")
    assert message in str(caught.value)


def test_every_mood_has_a_face():
    assert set(portraits.FACES) == set(MOODS)


def test_a_good_spec_draws_the_same_bytes_every_time(tmp_path):
    file = tmp_path / "ana-lima.yaml"
    file.write_text(GOOD, encoding="utf-8")
    spec = portraits.read_spec(file)
    assert (spec.name, spec.top) == ("Ana Lima", "#3b6e8f")
    first = [portraits.portrait(spec, mood) for mood in MOODS]
    assert first == [portraits.portrait(spec, mood) for mood in MOODS]
    assert len(set(first)) == len(MOODS)


def test_write_check_and_stale_folders(tmp_path, monkeypatch, capsys):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "ana-lima.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(portraits, "PORTRAITS", tmp_path)
    monkeypatch.setattr(portraits, "SPECS", specs)
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / "calm.svg").write_text("<svg/>", encoding="utf-8")

    assert portraits.main(["--check"]) == 1
    assert portraits.main([]) == 0
    assert sorted(p.name for p in (tmp_path / "ana-lima").iterdir()) == sorted(
        f"{mood}.svg" for mood in MOODS)
    assert not (tmp_path / "gone").exists()
    assert portraits.main(["--check"]) == 0

    (tmp_path / "ana-lima" / "calm.svg").write_text("<svg/>", encoding="utf-8")
    (specs / "ana-lima.yaml").write_text(GOOD.replace("skin: 3", "skin: 0"), encoding="utf-8")
    capsys.readouterr()
    assert portraits.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "ana-lima.yaml: key 'skin' is 0" in err
    assert portraits.main([]) == 1
    assert (tmp_path / "ana-lima" / "calm.svg").exists(), "an invalid spec keeps its portraits"
