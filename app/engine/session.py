"""Playing a scenario: one `transitions` machine per scenario, one model per player.

The machine's states are node ids and it has one trigger, `take`: each choice
of a decision node is a transition guarded by "this choice was taken", so the
machine is the scenario's map of decisions. Nodes that move on by themselves
(speech, narration, branches) are followed with `alongside.engine.walk`, the
one definition of where they lead, which the scoring analysis and the screens
use too. One trigger and `auto_transitions=False` keep building it linear.

What the session allows is its `Policy` (practice, assessment, group): going
back in an assessment is refused here, whoever asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from transitions import Machine

from alongside.engine.begin import checked_node, checked_variables
from alongside.engine.events import (
    AttemptEnded,
    ChoiceScored,
    Event,
    ReplyChecked,
    StepShown,
    WentBack,
)
from alongside.engine.memory import gc_paused
from alongside.engine.model import DECISION, ENDING, Choice, Node, Scenario
from alongside.engine.policy import PRACTICE, Policy
from alongside.engine.walk import follow

Listener = Callable[[Event], None]
Checker = Callable[[str], Sequence[object]]


class ChoiceNotOffered(ValueError):
    """A choice id that is not among those offered at the current node."""

    def __init__(self, node: str, choice: str, offered: tuple[str, ...]) -> None:
        shown = ", ".join(offered) if offered else "none: the scenario has ended"
        super().__init__(f"choice '{choice}' is not offered at node '{node}' (offered: {shown})")
        self.node = node
        self.choice = choice
        self.offered = offered


class NothingToTakeBack(ValueError):
    """Going back before any decision was taken."""

    def __init__(self) -> None:
        super().__init__("there is no decision to take back yet")


class BackNotAllowed(ValueError):
    """Going back where the mode's policy keeps every choice as it was made."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(f"going back is not allowed in {policy.id} mode: every choice "
                         "stands as it was made")
        self.policy = policy


class VotesNotKept(ValueError):
    """A tally given where the mode's policy keeps no votes (only group play does)."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(f"{policy.id} mode keeps no votes; only a class playing together "
                         "does")
        self.policy = policy


class BadTally(ValueError):
    """A tally that does not count the choices offered, each a whole number from zero."""

    def __init__(self, node: str, tally: Mapping[str, int]) -> None:
        super().__init__(f"the votes {dict(tally)!r} at node '{node}' must count each choice "
                         "offered there, with whole numbers from zero")
        self.node = node


class NoFreeText(ValueError):
    """A reply in the trainee's own words where the node does not invite one."""

    def __init__(self, node: str) -> None:
        super().__init__(f"node '{node}' does not invite a reply in your own words")
        self.node = node


@dataclass(frozen=True, slots=True)
class Reply:
    """What the trainee wrote at `node` before choosing, and the checker's findings."""

    node: str
    text: str
    findings: tuple


def build_machine(scenario: Scenario) -> Machine:
    """Build the scenario's state machine once; sessions attach as models."""
    with gc_paused():
        return Machine(model=None, states=list(scenario.nodes),
                       transitions=_transitions(scenario), initial=scenario.start,
                       auto_transitions=False, send_event=True)


def _transitions(scenario: Scenario) -> list[dict]:
    return [{"trigger": "take", "source": nid, "dest": choice.next,
             "conditions": _chosen(choice.id)}
            for nid, node in scenario.nodes.items() if node.kind == DECISION
            for choice in node.choices]


def _chosen(choice_id: str) -> Callable:
    return lambda event: event.kwargs.get("choice") == choice_id


class PlaySession:
    """One person's (or one class's) walk through a scenario.

    Attach with `start()`, then call `choose()` at each decision (and `say()`
    first where the node invites a reply in the trainee's own words); speech
    and branch nodes are followed by themselves. Listeners receive
    `StepShown`, `ReplyChecked`, `ChoiceScored` and `AttemptEnded` in the
    order things happen. Call `close()` to detach from the shared machine.
    """

    state: str
    trigger: Callable[..., bool]  # added by the machine when the session attaches

    def __init__(self, scenario: Scenario, machine: Machine | None = None,
                 listener: Listener | None = None, checker: Checker | None = None,
                 policy: Policy = PRACTICE, at: str | None = None,
                 variables: Mapping[str, int] | None = None) -> None:
        self.scenario = scenario
        self.policy = policy
        self.machine = machine or build_machine(scenario)
        self.listeners: list[Listener] = [listener] if listener else []
        self.checker = checker
        self.replies: list[Reply] = []
        # A trial may begin at any node `at` with chosen `variables` (an author's "play
        # from here"); what it scores is then only what is played from there.
        self.at = checked_node(scenario, at) if at is not None else scenario.start
        self.variables: dict[str, int] = checked_variables(scenario, variables or {})
        self.path: list[str] = []
        self.decisions: list[tuple[str, str]] = []
        # The room's tally of each decision that stands (None where no votes were kept).
        self.tallies: list[Mapping[str, int] | None] = []
        self._before: list[dict[str, int]] = []
        self._attached = False

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state]

    @property
    def ended(self) -> bool:
        return self._attached and self.node.kind == ENDING

    @property
    def ending(self) -> str | None:
        return self.state if self.ended else None

    def offered(self) -> tuple[Choice, ...]:
        """The choices open to the trainee now (none once the scenario has ended)."""
        return self.node.choices if self._attached and self.node.kind == DECISION else ()

    def start(self) -> PlaySession:
        self.machine.add_model(self, initial=self.at)
        self._attached = True
        self._entered()
        return self

    def choose(self, choice_id: str, votes: Mapping[str, int] | None = None) -> Choice:
        """Take `choice_id` at the current decision, apply its effects, move on.

        `votes` is the room's count for each choice offered, in group play only.
        """
        node = self.node
        choice = node.choice(choice_id) if node.kind == DECISION else None
        if choice is None:
            raise ChoiceNotOffered(node.id, choice_id, tuple(c.id for c in self.offered()))
        if votes is not None:
            votes = self._checked_tally(node, votes)
        # Listeners (the store) hear of the choice before anything changes, so a
        # failed commit leaves the session exactly where it was.
        self._emit(ChoiceScored(node.id, choice.id, choice.scores, choice.feedback,
                                choice.critical, choice.effects, len(self.decisions) + 1,
                                votes))
        self._before.append(dict(self.variables))
        for name, delta in choice.effects.items():
            self.variables[name] = self.scenario.variables[name].clamp(self.variables[name] + delta)
        self.decisions.append((node.id, choice.id))
        self.tallies.append(votes)
        self.trigger("take", choice=choice_id)
        self._entered()
        return choice

    def _checked_tally(self, node: Node, votes: Mapping[str, int]) -> dict[str, int]:
        if not self.policy.records_votes:
            raise VotesNotKept(self.policy)
        offered = [c.id for c in node.choices]
        if sorted(votes) != sorted(offered) or any(
                isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in votes.values()):
            raise BadTally(node.id, votes)
        return {choice_id: votes[choice_id] for choice_id in offered}

    def back(self) -> str:
        """Take back the last decision where the policy allows it: return to its
        node and state.

        Listeners hear `WentBack` first; the decision leaves `decisions` (it no
        longer counts towards scores) while the record of it stays with them.
        """
        if not self.policy.may_go_back:
            raise BackNotAllowed(self.policy)
        if not self.decisions:
            raise NothingToTakeBack()
        node_id, choice_id = self.decisions[-1]
        self._emit(WentBack(node_id, choice_id))
        self.decisions.pop()
        self.tallies.pop()
        self.variables = self._before.pop()
        self.machine.set_state(node_id, model=self)
        self._entered()
        return node_id

    def say(self, text: str) -> Reply:
        """Record a reply in the trainee's own words at a `free_text` decision.

        The reply and its findings are kept for the debrief; they never change
        the scripted scores.
        """
        node = self.node if self._attached else None
        if node is None or node.kind != DECISION or node.free_text is None:
            raise NoFreeText(self.state if self._attached else self.at)
        findings = tuple(self.checker(text)) if self.checker else ()
        reply = Reply(node.id, text, findings)
        self.replies.append(reply)
        self._emit(ReplyChecked(node.id, text, findings))
        return reply

    def replay(self, choice_ids: Iterable[str]) -> PlaySession:
        """Take each choice in turn; the same list always gives the same walk."""
        if not self._attached:
            self.start()
        for choice_id in choice_ids:
            self.choose(choice_id)
        return self

    def close(self) -> None:
        if self._attached:
            self.machine.remove_model(self)
            self._attached = False

    def _entered(self) -> None:
        """Announce the node entered and each one it moves on to by itself.

        Speech nodes stop here only for the listeners to see them; the walk
        goes on until a decision or an ending needs the trainee.
        """
        variables = MappingProxyType(dict(self.variables))
        for node_id in follow(self.scenario, self.state, self.variables):
            if node_id != self.state:
                self.machine.set_state(node_id, model=self)
            node = self.node
            self.path.append(node_id)
            self._emit(StepShown(node_id, node.kind, node.speaker, node.mood, node.text,
                                 tuple((c.id, c.text) for c in node.choices), variables))
        node = self.node
        if node.kind == ENDING:
            self._emit(AttemptEnded(node.id, node.ending or "", node.debrief))

    def _emit(self, event: Event) -> None:
        for listener in self.listeners:
            listener(event)
