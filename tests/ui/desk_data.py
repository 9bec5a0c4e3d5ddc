"""A desk with a cohort for the desk's GUI tests: four trainees of the desk against four
scenarios of the real library, one in each state a grid cell can be in.

- Ana Ruiz passed all four (ready).
- Ben Okafor passed dose-question, failed art-show with a critical choice, has
  ride-home in progress and confidentiality-up-front finished in practice only.
- Cy Adams passed three and had ride-home waived (ready).
- `=HYPERLINK("http://x.test")` has not started anything (a name a spreadsheet would run).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from alongside.engine.curriculum import load_curriculum_text
from alongside.store.cohorts import add_trainees, create_cohort
from alongside.store.instructors import set_passphrase
from alongside.store.models import Cohort, Decision, Trainee, Waiver
from alongside.ui.operations import Operation
from tests.store.desk_rows import attempt, trainee, version
from tests.ui.conftest import settle

SCENARIOS = ("dose-question", "art-show", "ride-home", "confidentiality-up-front")
COHORT = "Spring"
FORMULA = '=HYPERLINK("http://x.test")'
NAMES = ("Ana Ruiz", "Ben Okafor", "Cy Adams", FORMULA)
INSTRUCTOR, PASSPHRASE = "Dr. Lee", "correct horse battery"
CURRICULUM = ("format: 1\nid: spring\ntitle: Spring readiness\nrule: each-passed-in-assessment\n"
              "scenarios:\n" + "".join(f"  - {s}\n" for s in SCENARIOS))


def build_desk(store) -> dict[str, str]:
    """The cohort above in `store`; each trainee's uuid by name."""
    with store.session() as db:
        people = {name: trainee(db, name) for name in NAMES}
        on = {s: version(db, s) for s in SCENARIOS}
        ana, ben, cy = people["Ana Ruiz"], people["Ben Okafor"], people["Cy Adams"]
        for s in SCENARIOS:
            attempt(db, ana, on[s], (0.9, 0.8, 0.75))
        attempt(db, ana, on["dose-question"], (0.6, 0.5, 0.4), minutes=20)
        attempt(db, ben, on["dose-question"], (0.9, 0.9, 0.9))
        attempt(db, ben, on["art-show"], (0.6, 0.4, 0.2), critical=1)
        attempt(db, ben, on["ride-home"], (None, None, None), status="in-progress")
        attempt(db, ben, on["confidentiality-up-front"], (0.9, 0.9, 0.9), mode="practice")
        for s in ("dose-question", "art-show", "confidentiality-up-front"):
            attempt(db, cy, on[s], (0.8, 0.8, 0.8))
        db.commit()
        uuids = {name: person.uuid for name, person in people.items()}
    curriculum = load_curriculum_text(CURRICULUM, "spring.yaml", stem="spring").curriculum
    create_cohort(store, COHORT, curriculum, CURRICULUM, INSTRUCTOR)
    add_trainees(store, COHORT, list(uuids.values()))
    with store.session() as db:
        cohort = db.query(Cohort).filter_by(name=COHORT).one()
        cy_id = db.query(Trainee).filter_by(uuid=uuids["Cy Adams"]).one().id
        decision = Decision(trainee_id=cy_id, cohort_id=cohort.id, curriculum_id="spring",
                            instructor=INSTRUCTOR, rating="pass", certified=False, comment="")
        db.add(decision)
        db.flush()
        db.add(Waiver(decision_id=decision.id, trainee_id=cy_id, cohort_id=cohort.id,
                      scenario_id="ride-home", reason="equivalent-activity",
                      comment="did the same visit in placement"))
        db.commit()
    return uuids


def with_instructor(store) -> None:
    with store.session() as db:
        set_passphrase(db, INSTRUCTOR, PASSPHRASE)
        db.commit()


def in_window(qtbot, window, build=build_desk):
    """Run `build(store)` on the window's own worker, as the desk's operations do."""
    made = []
    window.ops.run(Operation("building a test desk", build), made.append)
    settle(qtbot, window)
    return made[0]


def unlock(qtbot, window, name: str = INSTRUCTOR, passphrase: str = PASSPHRASE,
           first_use: bool = True) -> None:
    """Type the name and passphrase on the unlock page on screen and wait for the desk."""
    page = window.pages["desk-unlock"]
    settle(qtbot, window)
    assert page.repeat.isVisible() == first_use
    page.name.setText(name)
    page.passphrase.setText(passphrase)
    if first_use:
        page.repeat.setText(passphrase)
    qtbot.mouseClick(page.unlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.instructor == name, timeout=10_000)
    settle(qtbot, window)

