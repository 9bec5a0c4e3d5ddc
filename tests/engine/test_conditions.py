import pytest

from alongside.engine.conditions import ConditionError, parse_condition


@pytest.mark.parametrize(
    ("source", "variables", "expected"),
    [
        ("trust >= 3", {"trust": 3}, True),
        ("trust >= 3", {"trust": 2}, False),
        ("trust == 2 and hope != 0", {"trust": 2, "hope": 1}, True),
        ("trust < 1 or hope > 4", {"trust": 2, "hope": 5}, True),
        ("not trust <= 2", {"trust": 3}, True),
        ("not (trust > 1 and hope > 1)", {"trust": 2, "hope": 1}, True),
        ("(trust > 1 or hope > 1) and not hope == 0", {"trust": 0, "hope": 2}, True),
        ("3 < trust", {"trust": 4}, True),
        ("trust > -1", {"trust": 0}, True),
        ("trust>=3", {"trust": 3}, True),
    ],
)
def test_conditions_evaluate(source, variables, expected):
    assert parse_condition(source)(variables) is expected


def test_and_binds_tighter_than_or():
    condition = parse_condition("a == 1 or a == 2 and b == 3")
    assert condition({"a": 1, "b": 0}) is True
    assert condition({"a": 2, "b": 0}) is False


def test_names_are_collected():
    assert parse_condition("trust > 1 and (hope < 2 or 3 == readiness)").names == {
        "trust", "hope", "readiness"}


@pytest.mark.parametrize(
    ("source", "offset"),
    [
        ("trust >=", 8),
        ("trust > 3 and", 13),
        ("(trust > 3", 10),
        ("trust = 3", 6),
        ("trust.__class__ > 1", 5),
        ("len(trust) > 1", 3),
        ("trust > 3 trust", 10),
        ("and > 1", 0),
        ("trust", 5),
        ("", 0),
    ],
)
def test_syntax_errors_point_at_the_trouble(source, offset):
    with pytest.raises(ConditionError) as caught:
        parse_condition(source)
    assert caught.value.offset == offset


@pytest.mark.parametrize("depth", [40, 200, 5000])
def test_deep_nesting_is_refused_without_recursion_error(depth):
    with pytest.raises(ConditionError):
        parse_condition("(" * depth + "trust > 1" + ")" * depth)


def test_many_nots_stay_within_bounds():
    assert parse_condition("not " * 120 + "trust > 1")({"trust": 2}) is True
