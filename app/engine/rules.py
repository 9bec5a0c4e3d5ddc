"""Every validation rule id, with what it means; ids are stable across versions.

Authors see the id in brackets after each message and can look it up in
dialogues/FORMAT.md; tests check that every id here has a malformed example.
"""

RULES: dict[str, str] = {
    "unreadable": "the file cannot be read",
    "file-too-large": "the file is over the size limit and is refused before parsing",
    "not-utf8": "the file is not UTF-8 text",
    "empty-file": "the file is empty",
    "yaml-syntax": "the YAML is malformed",
    "yaml-tag": "a YAML tag (!!python/..., !custom) was used",
    "yaml-anchor": "a YAML anchor (&name) was used",
    "yaml-alias": "a YAML alias (*name) was used",
    "too-deep": "mappings and lists are nested too deeply",
    "many-documents": "the file holds more than one YAML document",
    "bad-key": "a mapping key is a list or mapping instead of a word",
    "duplicate-key": "the same key appears twice in one mapping",
    "not-a-mapping": "the file is not a mapping of keys",
    "unknown-key": "a key the format does not know (often a typo)",
    "missing-key": "a required key is missing",
    "wrong-type": "a value has the wrong type",
    "empty-text": "a text value is empty",
    "control-character": "a text holds a control character (NUL, escape...) that cannot be shown",
    "too-long": "a title or id is longer than results can carry (300 and 100-200 characters)",
    "empty-list": "a list or mapping that must have entries is empty",
    "format-version": "the format version is not 1",
    "bad-id": "an id uses characters it may not",
    "bad-name": "a variable name is not a lower-case word",
    "id-mismatch": "the scenario's (or curriculum's) id differs from the file name",
    "duplicate-id": "two files in the library use the same scenario id",
    "unknown-setting": "the setting is not in the vocabulary",
    "unknown-competency": "a competency is not in the vocabulary",
    "out-of-range": "a number is outside its allowed range",
    "node-kind": "a node is not exactly one of speech, decision, branch, ending",
    "unknown-speaker": "a speaker is not among the characters",
    "unknown-mood": "warning: a mood has no portrait expression; the neutral one stands in",
    "unknown-ending": "an ending kind is not strong, mixed or harmful",
    "too-few-choices": "a decision node offers fewer than two choices",
    "too-many-choices": "a decision node offers more than four choices",
    "duplicate-choice-id": "two choices of one node share an id",
    "unknown-dimension": "a score names a dimension other than language, decision, role",
    "score-out-of-range": "a score is outside -2..+2",
    "inconsistent-scoring": "a dimension is scored on some choices of a node but not others",
    "unknown-variable": "a condition or effect names a variable that is not declared",
    "condition-syntax": "a branch condition does not parse",
    "branch-no-default": "a branch's last entry has an 'if', so no path may be taken",
    "branch-after-default": "a branch entry follows the unconditional one and is never used",
    "dangling-next": "a next names a node that does not exist",
    "unknown-start": "start names a node that does not exist",
    "unreachable-node": "a node cannot be reached from the start",
    "no-ending": "the scenario has no ending node",
    "no-way-to-end": "from some node no path leads to an ending",
    "endless-loop": "nodes lead back to themselves with no decision between",
    "missing-portrait": "warning: a speaker's portrait for a mood is not in assets",
    "no-passing-path": "no path through the scenario passes (scoring analysis)",
    "lint-language": "warning: a choice scored as good language uses a term the checker flags",
    "cue-longest": "warning: the best answer is the longest in most decisions",
    "cue-position": "warning: the best answer is always in the same position",
    "cue-punctuation": "warning: best answers end with a mark ('?', '.'...) far more or less "
                       "often than the other choices",
    "cue-signal-word": "warning: a word or phrase is far more or less common in best answers",
    "cue-length-rank": "warning: the best answer is among the two longest, or the shortest, far "
                       "more or less often than chance",
    "cue-best-position": "warning: the best answer sits in one position far more or less often "
                         "than chance",
    "cue-critical-position": "warning: critical choices sit in one position far more or less "
                             "often than chance",
    "cue-library-punctuation": "warning: cue-punctuation across the scenarios checked together",
    "cue-library-signal-word": "warning: cue-signal-word across the scenarios checked together",
    "cue-library-length-rank": "warning: cue-length-rank across the scenarios checked together",
    "cue-library-best-position": "warning: cue-best-position across the scenarios checked "
                                 "together",
    "cue-library-critical-position": "warning: cue-critical-position across the scenarios "
                                     "checked together",
    "unknown-readiness-rule": "a curriculum's rule is not one the app knows",
    "duplicate-scenario": "a curriculum lists the same scenario twice (also: as both required "
                          "and optional)",
    "unknown-scenario": "a curriculum names a scenario that is not in the library",
    "saved-path-file": "the scenario's saved paths (<file>.paths.yaml) cannot be read",
    "saved-path-blocked": "a saved path's choice is no longer offered at its step, or the node "
                          "it began at is gone",
    "saved-path-ending": "a saved path no longer ends at the ending it was saved with",
    "saved-path-pass": "a saved path now passes where it did not, or the other way round",
}

# Rules checked by `alongside.scoring.analysis` after loading, not by the loader itself.
ANALYSIS_RULES = frozenset(("no-passing-path", "lint-language", "cue-longest", "cue-position",
                            "cue-punctuation", "cue-signal-word", "cue-length-rank",
                            "cue-best-position", "cue-critical-position",
                            "cue-library-punctuation", "cue-library-signal-word",
                            "cue-library-length-rank", "cue-library-best-position",
                            "cue-library-critical-position"))

# Rules only curricula (`alongside.engine.curriculum`) can break; their examples live in
# tests/engine/test_curriculum.py rather than the scenario corpus.
CURRICULUM_RULES = frozenset(("unknown-readiness-rule", "duplicate-scenario", "unknown-scenario"))

# Rules of a scenario's saved paths (`alongside.scoring.replay`); their examples live in
# tests/scoring/test_replay.py rather than the scenario corpus.
SAVED_PATH_RULES = frozenset(("saved-path-file", "saved-path-blocked", "saved-path-ending",
                              "saved-path-pass"))
