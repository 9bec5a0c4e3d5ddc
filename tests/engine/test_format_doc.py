"""The author's guide stays in step with the loader."""

import re

import pytest

from alongside.engine import vocabulary
from alongside.engine.load import load_text
from alongside.engine.rules import RULES
from alongside.paths import DIALOGUES

GUIDE = (DIALOGUES / "FORMAT.md").read_text(encoding="utf-8")


def test_guide_lists_every_rule_id():
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", GUIDE, flags=re.M))
    assert set(RULES) <= listed


@pytest.mark.parametrize(
    "words",
    [vocabulary.SETTINGS, vocabulary.COMPETENCIES, vocabulary.ENDINGS, vocabulary.DIMENSIONS,
     vocabulary.MOODS],
)
def test_guide_lists_every_vocabulary_word(words):
    for word in words:
        assert f"`{word}`" in GUIDE


def test_guide_example_is_valid():
    example = re.search(r"## A complete example\n\n```yaml\n(.*?)```", GUIDE, re.S).group(1)
    result = load_text(example, "sleep-question.yaml", stem="sleep-question")
    assert result.ok, [str(p) for p in result.problems]
