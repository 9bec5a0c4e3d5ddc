"""The fixed vocabularies of scenario format 1 (documented in dialogues/FORMAT.md)."""

FORMAT_VERSION = 1

SETTINGS = (
    "inpatient",
    "emergency",
    "community",
    "forensic",
    "telehealth",
    "recovery-housing",
    "crisis-line",
    "youth-family",
    "workplace",
)

COMPETENCIES = (
    "person-first-language",
    "supported-decision-making",
    "role-clarity",
    "boundaries",
    "confidentiality",
    "safety-planning",
    "trauma-informed",
    "self-disclosure",
    "mutuality",
    "hope",
    "wellness-planning",
    "supervision",
)

ENDINGS = ("strong", "mixed", "harmful")

DIMENSIONS = ("language", "decision", "role")

MOODS = (
    "neutral",
    "calm",
    "warm",
    "hopeful",
    "relieved",
    "worried",
    "anxious",
    "distressed",
    "sad",
    "tired",
    "guarded",
    "angry",
    "ashamed",
    "confused",
)

SCORE_MIN, SCORE_MAX = -2, 2

# A decision offers 2 to 4 choices: the play page's number keys 1-4 and the
# presenter's options A-D are sized to the format, and the validator holds it.
MIN_CHOICES, MAX_CHOICES = 2, 4

# Lengths an author's file may use, in characters. The validator holds them and
# the store and results bundles are sized to them, so whatever validates can be
# kept, exported and imported.
SCENARIO_ID_MAX = 100
NODE_ID_MAX = 200
CHOICE_ID_MAX = 200
TITLE_MAX = 300
