"""The person-first language checker: labelled corpus, every entry, context traps, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from alongside.cli import main
from alongside.scoring.language import (
    CATEGORIES,
    LexiconError,
    check,
    default_lexicon,
    load_lexicon,
)

CORPUS = yaml.safe_load((Path(__file__).with_name("language_corpus.yaml")).read_text())
LEXICON = default_lexicon()


def _expected_spans(item: dict) -> set[tuple[int, int]]:
    spans, cursor = set(), 0
    for flag in item["flags"]:
        start = item["text"].index(flag, cursor)
        spans.add((start, start + len(flag)))
        cursor = start + len(flag)
    return spans


def _precision_recall() -> tuple[float, float, list[str]]:
    true_pos = false_pos = false_neg = 0
    misses = []
    for item in CORPUS:
        expected = _expected_spans(item)
        found = {(f.start, f.end) for f in check(item["text"])}
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        if found != expected:
            misses.append(f"{item['text']!r}: expected {sorted(expected)}, found {sorted(found)}")
    return true_pos / (true_pos + false_pos), true_pos / (true_pos + false_neg), misses


def test_corpus_is_large_and_balanced():
    flagged = [item for item in CORPUS if item["flags"]]
    assert len(CORPUS) >= 250
    assert len(flagged) >= 100 and len(CORPUS) - len(flagged) >= 100


def test_precision_and_recall_on_the_labelled_corpus():
    precision, recall, misses = _precision_recall()
    print(f"\nlanguage checker: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95, misses
    assert recall >= 0.90, misses


def test_lexicon_size_and_categories():
    assert len(LEXICON.entries) >= 80
    assert {e.category for e in LEXICON.entries} == set(CATEGORIES)
    for entry in LEXICON.entries:
        assert entry.suggestions and entry.why and entry.source.url.startswith("http")
        assert entry.severity == ("caution" if entry.category == "directive" else entry.severity)


@pytest.mark.parametrize("entry", LEXICON.entries, ids=lambda e: e.id)
def test_every_entry_is_flagged_by_some_corpus_sentence(entry):
    hits = [item["text"] for item in CORPUS
            if any(f.entry.id == entry.id for f in check(item["text"]))]
    assert hits, f"no corpus sentence flags '{entry.id}'"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("She's been clean for two years.", ["clean"]),
        ("The kitchen is clean now.", []),
        ("He has a history of substance abuse.", ["substance abuse"]),
        ("That was an abuse of power.", []),
        ("Her brother committed suicide last year.", ["committed suicide"]),
        ("I committed to the plan.", []),
        ("Schizophrenia is treatable.", []),
        ("She has bipolar disorder.", []),
        ("He's a schizophrenic.", ["schizophrenic"]),
        ("We should not forget the mentally ill.", ["the mentally ill"]),
        ("Addicts, addict's, ADDICTS'", ["Addicts", "addict's", "ADDICTS'"]),
        ("She suffers from depression.", ["suffers from"]),
    ],
)
def test_context_traps(text, flagged):
    found = [f.text for f in check(text)]
    for phrase in flagged:
        assert any(phrase.lower() in f.lower() for f in found), (text, found)
    if not flagged:
        assert found == []


def test_offsets_point_into_the_text():
    text = "Honestly, the addicts on my block deserve better."
    [finding] = check(text)
    assert text[finding.start:finding.end] == finding.text == "addicts"


def test_check_language_json(capsys):
    assert main(["check-language", "He is an addict.", "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    [finding] = payload["findings"]
    assert {k: finding[k] for k in ("text", "start", "end", "category", "severity")} == {
        "text": "addict", "start": 9, "end": 15, "category": "substance-use",
        "severity": "stigmatizing"}
    assert finding["suggestions"] and finding["why"]


def test_check_language_human_output_underlines(capsys, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("You need to stop.\nShe's an addict.\n")
    assert main(["check-language", "--file", str(reply)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "You need to stop." and out[1] == "^^^^^^^^^^^"
    assert "She's an addict." in out and "         ^^^^^^" in out
    assert out[-1] == "2 findings"


def test_check_language_clean_text(capsys):
    assert main(["check-language", "What would help right now?"]) == 0
    assert "No stigmatizing" in capsys.readouterr().out


def test_check_language_usage_errors(tmp_path, capsys):
    assert main(["check-language", "x", "--file", str(tmp_path / "f")]) == 2
    assert main(["check-language", "--file", str(tmp_path / "missing.txt")]) == 2


def test_malformed_lexicon_is_refused_with_a_located_message(tmp_path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("version: 1\nsources: {s: {title: T, url: 'https://x'}}\n"
                   "entries:\n  - {id: x, category: nope, severity: caution, phrases: [a],"
                   " suggestions: [b], why: c, source: s}\n")
    with pytest.raises(LexiconError, match="entry 'x': unknown category 'nope'"):
        load_lexicon(bad)
