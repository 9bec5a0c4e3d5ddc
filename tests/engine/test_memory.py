import gc
import weakref

from alongside.engine.generate import scenario_yaml
from alongside.engine.load import load_text
from alongside.engine.memory import gc_paused
from alongside.engine.session import build_machine


def test_pause_restores_the_collector_and_freezes_nothing():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_discarded_machines_are_still_collected():
    scenario = load_text(scenario_yaml(60), "generated.yaml", stem="generated").scenario
    machine = build_machine(scenario)
    gone = weakref.ref(machine)
    del machine
    load_text(scenario_yaml(60), "generated.yaml", stem="generated")
    gc.collect()
    assert gone() is None
