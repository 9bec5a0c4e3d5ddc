"""Where a trial may begin and with which values: checked before a session starts.

An author trying a decision deep in a scenario names a node and may set the
variables by hand (`play --from NODE --set trust=4`, the studio's "Play from
here"). Every name and value is checked here, once, so the command line, the
window and the saved-path replay refuse the same things with the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches

from alongside.engine.model import Scenario, Variable


class UnknownNode(ValueError):
    """A node id the scenario does not have; the closest ids are suggested."""

    def __init__(self, scenario: Scenario, node_id: str) -> None:
        near = get_close_matches(node_id, list(scenario.nodes), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
        super().__init__(f"scenario '{scenario.id}' has no node '{node_id}'{hint}")
        self.node = node_id
        self.near = tuple(near)


class UnknownVariable(ValueError):
    """A variable the scenario does not declare."""

    def __init__(self, scenario: Scenario, name: str) -> None:
        declared = ", ".join(scenario.variables) or "none"
        super().__init__(f"scenario '{scenario.id}' declares no variable '{name}' "
                         f"(declared: {declared})")
        self.name = name


class BadValue(ValueError):
    """A value that is not a whole number within the variable's range."""

    def __init__(self, variable: Variable, value: object) -> None:
        super().__init__(f"variable '{variable.name}' takes a whole number from "
                         f"{variable.min} to {variable.max}, not {value!r}")
        self.name = variable.name
        self.value = value


def checked_node(scenario: Scenario, node_id: str) -> str:
    if node_id not in scenario.nodes:
        raise UnknownNode(scenario, node_id)
    return node_id


def checked_variables(scenario: Scenario, values: Mapping[str, object]) -> dict[str, int]:
    """Every declared variable: its start value, or the one given (checked)."""
    variables = {name: v.start for name, v in scenario.variables.items()}
    for name, value in values.items():
        variable = scenario.variables.get(name)
        if variable is None:
            raise UnknownVariable(scenario, name)
        if isinstance(value, bool) or not isinstance(value, int) \
                or not variable.min <= value <= variable.max:
            raise BadValue(variable, value)
        variables[name] = value
    return variables


def parse_setting(scenario: Scenario, text: str) -> tuple[str, int]:
    """`VAR=VALUE` as typed on the command line, checked against the scenario.

    Raises ValueError (one of the classes above, or a plain one for text
    without `=`) whose message names what is wrong.
    """
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or not name:
        raise ValueError(f"'{text}' is not VAR=VALUE")
    variable = scenario.variables.get(name)
    if variable is None:
        raise UnknownVariable(scenario, name)
    try:
        value = int(raw)
    except ValueError:
        raise BadValue(variable, raw) from None
    checked_variables(scenario, {name: value})
    return name, value
