"""The interface's one translation seam: Qt's `translate`, behind a short name.

Every word the interface shows passes through `tr()`, so translating
Alongside later means adding `.qm` catalogues, not rewriting screens. Stored
ids (a mode, a band) become words here or through `alongside.i18n`, never by
showing the id.

Counts use Qt's plural forms: `tr("%n attempt(s)", n)`. Even English needs a
catalogue for those (Qt itself only puts the number in), so
`locale/alongside_en.ts` holds the English forms, compiled to `.qm` with
`pyside6-lrelease`; `install()` loads the person's language if there is a
catalogue for it, else English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from alongside.engine.policy import Policy
from alongside.paths import LOCALE

CONTEXT = "Alongside"
CATALOGUE = "alongside"  # locale/alongside_<language>.qm
_installed: dict[int, QTranslator] = {}


def install() -> None:
    """Load the interface's catalogue into the application, once."""
    app = QCoreApplication.instance()
    if app is None or id(app) in _installed:
        return
    translator = QTranslator(app)
    if translator.load(QLocale(), CATALOGUE, "_", str(LOCALE)) or \
            translator.load(f"{CATALOGUE}_en", str(LOCALE)):
        app.installTranslator(translator)
    _installed[id(app)] = translator


def tr(text: str, count: int = -1) -> str:
    """`text` in the person's language; `count` picks a plural form where it has %n."""
    return QCoreApplication.translate(CONTEXT, text, None, count)


def mode_name(mode: str) -> str:
    return {"practice": tr("Practice"), "assessment": tr("Assessment"),
            "group": tr("Group")}.get(mode, mode)


def mode_rules(policy: Policy) -> str:
    """What a mode allows, in words read from its policy."""
    feedback = tr("feedback after each choice") if policy.live_feedback \
        else tr("feedback comes at the debrief")
    back = tr("; you may go back") if policy.may_go_back else ""
    return f"{mode_name(policy.id)}: {feedback}{back}"


def mode_note(policy: Policy) -> str:
    """The reminder beside the conversation when feedback waits for the debrief."""
    if policy.may_go_back:
        return tr("{0} mode: feedback on each choice comes later.").format(mode_name(policy.id))
    return tr("{0} mode: feedback on each choice comes in the debrief, and choices cannot be "
              "taken back.").format(mode_name(policy.id))


SETTING_NAMES = {"inpatient": "Inpatient unit", "emergency": "Emergency department",
                 "community": "Community", "forensic": "Justice settings",
                 "telehealth": "Telehealth", "recovery-housing": "Recovery housing",
                 "crisis-line": "Crisis line", "youth-family": "Youth and family",
                 "workplace": "Workplace"}  # each shown through tr()
SKILL_NAMES = {"person-first-language": "Person-first language",
               "supported-decision-making": "Supported decision-making",
               "role-clarity": "Role clarity", "boundaries": "Boundaries",
               "confidentiality": "Confidentiality", "safety-planning": "Safety planning",
               "trauma-informed": "Trauma-informed practice",
               "self-disclosure": "Purposeful self-disclosure",
               "mutuality": "Mutuality", "hope": "Hope",
               "wellness-planning": "Wellness planning",
               "supervision": "Using supervision"}  # each shown through tr()


def setting_name(setting: str) -> str:
    """A setting's id as people name the place: "youth-family" is "Youth and family".

    Only the one name asked for is translated: the library's filter asks for
    every card's names on each keystroke."""
    name = SETTING_NAMES.get(setting)
    return tr(name) if name else _as_words(setting)


def skill_name(skill: str) -> str:
    """A skill's id as the rubric and the core competencies spell it."""
    name = SKILL_NAMES.get(skill)
    return tr(name) if name else _as_words(skill)


def _as_words(vocabulary_id: str) -> str:
    """An id nobody named yet, readable: "recovery-housing" is "Recovery housing"."""
    text = vocabulary_id.replace("-", " ")
    return text[:1].upper() + text[1:]
