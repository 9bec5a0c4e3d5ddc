"""The branch condition language, parsed once at load time and never `eval`ed.

Grammar (lowest precedence first):

    expr   := and ("or" and)*
    and    := unary ("and" unary)*
    unary  := "not" unary | atom
    atom   := "(" expr ")" | value (OP value)?
    value  := NAME | INTEGER
    OP     := == != < <= > >=

A condition compiles to a plain closure over the variables mapping, which is
what `transitions` calls when it weighs a branch.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Test = Callable[[Mapping[str, int]], bool]

MAX_LENGTH = 500
MAX_NESTING = 16

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|<=|>=|<|>|\(|\)))"
)
_OPS: dict[str, Callable[[int, int], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
KEYWORDS = frozenset(("and", "or", "not"))


class ConditionError(ValueError):
    """A condition that does not parse; `offset` is 0-based into its text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition: its source, the variables it reads, and its test."""

    source: str
    names: frozenset[str]
    test: Test
    uses: tuple[tuple[str, int], ...] = ()

    def __call__(self, variables: Mapping[str, int]) -> bool:
        return self.test(variables)


def parse_condition(source: str) -> Condition:
    """Parse `source`, raising ConditionError with the offset of the trouble."""
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"condition longer than {MAX_LENGTH} characters", 0)
    parser = _Parser(source)
    test = parser.expr(0)
    if parser.pos < len(parser.tokens):
        kind, text, offset = parser.tokens[parser.pos]
        raise ConditionError(f"unexpected '{text}'", offset)
    return Condition(source, frozenset(n for n, _ in parser.uses), test, tuple(parser.uses))


def _tokenize(source: str) -> list[tuple[str, str, int]]:
    tokens = []
    pos = 0
    end = len(source.rstrip())
    while pos < end:
        match = _TOKEN.match(source, pos)
        if match is None or match.end() == pos:
            offset = pos + len(source[pos:]) - len(source[pos:].lstrip())
            raise ConditionError(f"unexpected '{source[offset]}'", offset)
        kind = match.lastgroup or ""
        text = match.group(kind)
        tokens.append((kind, text, match.start(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.pos = 0
        self.uses: list[tuple[str, int]] = []

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _end_offset(self) -> int:
        return len(self.source.rstrip())

    def expr(self, depth: int) -> Test:
        if depth > MAX_NESTING:
            raise ConditionError(f"more than {MAX_NESTING} nested parentheses", 0)
        parts = [self._and(depth)]
        while (tok := self._peek()) and tok[:2] == ("name", "or"):
            self.pos += 1
            parts.append(self._and(depth))
        if len(parts) == 1:
            return parts[0]
        return lambda v: any(part(v) for part in parts)

    def _and(self, depth: int) -> Test:
        parts = [self._unary(depth)]
        while (tok := self._peek()) and tok[:2] == ("name", "and"):
            self.pos += 1
            parts.append(self._unary(depth))
        if len(parts) == 1:
            return parts[0]
        return lambda v: all(part(v) for part in parts)

    def _unary(self, depth: int) -> Test:
        tok = self._peek()
        if tok and tok[:2] == ("name", "not"):
            self.pos += 1
            inner = self._unary(depth + 1)
            return lambda v: not inner(v)
        return self._atom(depth)

    def _atom(self, depth: int) -> Test:
        tok = self._peek()
        if tok is None:
            raise ConditionError("the condition ends too early", self._end_offset())
        if tok[:2] == ("op", "("):
            self.pos += 1
            inner = self.expr(depth + 1)
            close = self._peek()
            if close is None or close[:2] != ("op", ")"):
                offset = close[2] if close else self._end_offset()
                raise ConditionError("missing ')'", offset)
            self.pos += 1
            return inner
        left = self._value()
        op_tok = self._peek()
        if op_tok is None or op_tok[0] != "op" or op_tok[1] not in _OPS:
            offset = op_tok[2] if op_tok else self._end_offset()
            raise ConditionError("expected a comparison such as 'trust >= 3'", offset)
        self.pos += 1
        right = self._value()
        compare = _OPS[op_tok[1]]
        return lambda v: compare(left(v), right(v))

    def _value(self) -> Callable[[Mapping[str, int]], int]:
        tok = self._peek()
        if tok is None:
            raise ConditionError("expected a variable or a number", self._end_offset())
        kind, text, offset = tok
        self.pos += 1
        if kind == "num":
            number = int(text)
            return lambda v: number
        if kind == "name" and text not in KEYWORDS:
            self.uses.append((text, offset))
            return lambda v: v[text]
        raise ConditionError(f"expected a variable or a number, found '{text}'", offset)
