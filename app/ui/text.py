"""The interface's one translation seam: Qt's `translate`, behind a short name.

Every word the interface shows passes through `tr()` (lupdate reads these
calls), so translating Alongside later means adding `.qm` catalogues, not
rewriting screens. Stored ids (a mode, a band) become words here or through
`alongside.i18n`, never by showing the id.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from alongside.engine.policy import Policy

CONTEXT = "Alongside"


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
