"""The person-first language checker: labelled corpora, every entry, context rules, CLI.

Three corpora: `language_corpus.yaml` (the first one, exact spans), the dev
corpus the context rules were tuned on, and a held-out corpus written before
any tuning and never tuned against; per-category precision and recall are
printed for both (`python -m alongside.scoring.language_report` shows misses).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from alongside.cli import main
from alongside.scoring import language_report
from alongside.scoring.language import (
    CATEGORIES,
    LexiconError,
    check,
    default_lexicon,
    load_lexicon,
)

HERE = Path(__file__).parent
CORPUS = yaml.safe_load((HERE / "language_corpus.yaml").read_text())
DEV = language_report.load(HERE / "language_dev.yaml")
HELD_OUT = language_report.load(HERE / "language_heldout.yaml")
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


def test_new_corpora_are_large_balanced_and_one_third_traps():
    both = DEV + HELD_OUT
    assert len(both) >= 600
    assert sum(1 for i in both if i.get("trap")) * 3 >= len(both)
    for corpus in (DEV, HELD_OUT):
        for category in CATEGORIES:
            mine = [i for i in corpus if i["category"] == category]
            assert sum(1 for i in mine if i["flags"]) >= 10, category
            assert sum(1 for i in mine if i.get("trap")) >= 8, category


@pytest.mark.parametrize(("name", "corpus"), [("dev", DEV), ("held-out", HELD_OUT)])
def test_precision_and_recall_per_category(name, corpus):
    tallies = language_report.evaluate(corpus)
    print(f"\n{name}: {language_report.shape(corpus)}\n{language_report.table(tallies)}")
    assert set(tallies) == set(CATEGORIES)
    for category, tally in tallies.items():
        assert tally.precision >= 0.95, (category, tally.false_alarms)
        assert tally.recall >= 0.90, (category, tally.misses)


def test_lexicon_size_and_categories():
    assert len(LEXICON.entries) >= 150
    assert {e.category for e in LEXICON.entries} == set(CATEGORIES)
    for entry in LEXICON.entries:
        assert entry.suggestions and entry.why and entry.source.url.startswith("http")
        assert entry.severity == ("caution" if entry.category == "directive" else entry.severity)


def test_clinical_but_not_stigmatising_jargon_is_caution():
    severity = {e.id: e.severity for e in LEXICON.entries}
    assert severity["symptom-exacerbation"] == severity["having-behaviors"] == "caution"
    assert severity["presented-as"] == severity["mental-status-terms"] == "caution"
    assert severity["chart-denies"] == severity["noncompliant"] == "stigmatizing"


@pytest.mark.parametrize("entry", LEXICON.entries, ids=lambda e: e.id)
def test_every_entry_is_flagged_by_some_corpus_sentence(entry):
    hits = [item["text"] for item in CORPUS + DEV
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
        # mention, not use
        ('They kept saying the word "junkie" about him.', []),
        ("Terms like addict or crackhead came up in training.", []),
        ('I wrote "Presented as stable" in the chart.', ["Presented as"]),
        # proper nouns
        ("She starts at the Clean Slate Program on Monday.", []),
        ("Crazy Horse Memorial is on the way.", []),
        ("ADDICTS, the sign said.", ["ADDICTS"]),
        # referent: an animal or a thing
        ("The kitten cries for attention at night.", []),
        ("The pipes suffer from rust.", []),
        # chart register: a person or no subject
        ("Denies any drug use.", ["Denies"]),
        ("The court denied the appeal.", []),
        ("She reports poor sleep.", ["reports"]),
        ("He reports to the depot at six.", []),
        # directive phrasing that directs nobody
        ("It's up to you whether you need to tell her.", []),
        ("Your landlord says you have to leave by May.", []),
        ("I think you should tell her.", ["you should"]),
        ("You should have heard him laugh.", []),
        ("You shouldn't have to ask twice.", []),
        ("You should be hearing from them soon.", []),
        ("It's your call, but you need to decide today.", ["you need to"]),
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
