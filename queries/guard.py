"""Ad-hoc Cypher is accepted only when it is known to be a read (an allow-list, not a list of bad words).

The query is cut into tokens the way the engines' lexers cut it: strings
(with backslash escapes), `//` and non-nesting `/* */` comments, backquoted
names (with ``` `` ```), parameters, and numbers that end where the digits
end, so `LIMIT 1CREATE` is `1` followed by `CREATE`, as the engine reads it.
Then every bare word is placed: where an expression may start (after an
operator, `(`, `AS`, a clause keyword ...) a word is a name (a variable,
alias, function, `load` or `copy` included); everywhere else (at the start
of a statement or subquery, after a complete expression) it must be one of
the keywords of a read query: MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND,
RETURN, ORDER BY, SKIP/OFFSET, LIMIT, UNION, the operators spelled as words,
and CALL of a procedure on the engine's short list of read-only procedures
(`READ_ONLY_PROCEDURES`). A function with a namespace (`apoc.x.y(...)`) must
be on `READ_ONLY_FUNCTIONS`. One statement per query: a trailing `;` is
dropped, a second statement is refused.

This is the first layer. The second is the engine's own: the embedded store
is opened read-only, and Neo4j runs ad-hoc queries in read transactions after
`EXPLAIN` has planned them as reads. Each layer alone is tested against the
same corpus of attempts (tests/queries/adhoc_corpus.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casegraph.graph.store import WriteRefused

__all__ = ["check_read_only", "single_statement", "READ_ONLY_PROCEDURES", "READ_ONLY_FUNCTIONS", "Token",
           "tokenize"]

READ_ONLY_PROCEDURES = {
    "neo4j": {"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
              "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components"},
    "ladybug": {"show_tables", "table_info", "show_connection", "db_version"},
}
"""Procedures that only describe the database (names compared in lower case)."""

READ_ONLY_FUNCTIONS = {
    "neo4j": {"point.distance", "point.withinbbox", "vector.similarity.cosine", "vector.similarity.euclidean"},
    "ladybug": set(),
}
"""Namespaced functions accepted (built-in functions without a namespace are all reads)."""

MAX_NESTING = 200
"""Most brackets a query may nest (no written query needs a tenth of it): LadybugDB's process crashed
on 3,000 nested parentheses (2,000 ran), a segmentation fault no caller can catch."""

_CLAUSES = {"MATCH": "operand", "OPTIONAL": "clause", "UNWIND": "operand", "WITH": "operand",
            "RETURN": "operand", "CALL": "call"}
"""Keywords that may start a clause, and what follows each."""

_AFTER_EXPRESSION = {
    **_CLAUSES, "UNION": "clause",
    **dict.fromkeys(["WHERE", "ORDER", "SKIP", "OFFSET", "LIMIT", "YIELD", "AND", "OR", "XOR", "NOT", "IS", "IN",
                     "STARTS", "ENDS", "CONTAINS", "WHEN", "THEN", "ELSE", "ALL", "ANY", "SHORTEST",
                     "WSHORTEST", "TRAIL", "ACYCLIC"], "operand"),
    "AS": "naming",  # an alias follows, whatever word it is
    **dict.fromkeys(["ASC", "DESC", "ASCENDING", "DESCENDING", "END"], "complete"),
}
"""Keywords that may follow a complete expression, and what follows each."""

_PREFIX = {"NOT": None, "CASE": None, "DISTINCT": {"RETURN", "WITH", "("}, "WHEN": {"CASE"}, "BY": {"ORDER"},
           "WITH": {"STARTS", "ENDS"}, "WHERE": {"|"}, "ALL": {"MATCH"}, "ANY": {"MATCH"}, "SHORTEST": {"MATCH", "ALL", "ANY"}}
"""Words that, where an expression may start, still expect one after them: always (None), or only
right after one of the given tokens (elsewhere they are names: `WITH by` is a variable `by`).
`| WHERE` is LadybugDB's filter of a recursive pattern: `-[* 1..5 (r, n | WHERE ...)]-`."""

_SUBQUERY_WORDS = {"EXISTS", "COUNT", "COLLECT"}

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>`(?:[^`]|``)*`)
  | (?P<number>0[xX][0-9a-fA-F]+|0o[0-7]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>\.\.|<>|<=|>=|=~|->|<-|\+=|::|[-+*/%^=<>(){}\[\]:;,.|!?&])
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # word, name, string, number, param, punct
    text: str
    offset: int


def tokenize(cypher: str) -> list[Token]:
    """Tokens of `cypher` without spaces and comments; WriteRefused on text no engine would lex."""
    tokens, offset = [], 0
    while offset < len(cypher):
        match = _TOKEN.match(cypher, offset)
        if match is None:
            raise WriteRefused(f"refused: cannot read the query at {_where(cypher, offset)} "
                               f"({cypher[offset:offset + 12]!r}: an unclosed string, comment or name?)")
        if match.lastgroup not in ("space", "comment"):
            tokens.append(Token(match.lastgroup, match.group(), offset))
        offset = match.end()
    return tokens


def single_statement(cypher: str, tokens: list[Token]) -> list[Token]:
    """The tokens of the one statement; a trailing `;` is dropped, a second statement refused."""
    ends = [i for i, t in enumerate(tokens) if t.text == ";"]
    if not ends:
        return tokens
    rest = [t for t in tokens[ends[0] + 1:] if t.text != ";"]
    if rest:
        raise WriteRefused(f"refused: one statement per query, and this one has more after the `;` at "
                           f"{_where(cypher, tokens[ends[0]].offset)}: run them one at a time")
    return tokens[:ends[0]]


def check_read_only(cypher: str, engine: str) -> None:
    """Raise WriteRefused unless `cypher` is one read-only statement for `engine` ("ladybug" or "neo4j").

    The message names the word (with line and column) or the procedure that
    is not accepted, and what is.
    """
    tokens = single_statement(cypher, tokenize(cypher))
    if not tokens:
        raise WriteRefused("refused: the query is empty")
    depth = deepest = 0
    for token in tokens:
        if token.kind == "punct" and token.text in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind == "punct" and token.text in ")]}":
            depth -= 1
    if deepest > MAX_NESTING:
        raise WriteRefused(f"refused: brackets nested {deepest} deep (at most {MAX_NESTING}): the engines' "
                           "parsers recurse once a level, and LadybugDB's process crashes past some thousands")
    _Checker(cypher, tokens, engine).run()


@dataclass
class _Frame:
    kind: str  # query, call-block (a CALL subquery), paren, bracket, map
    state: str  # clause, operand, complete, naming, call
    key_expected: bool = False  # in a map: a key comes next
    then_block: bool = False  # a CALL (scope) list: a `{` must follow


class _Checker:
    def __init__(self, cypher: str, tokens: list[Token], engine: str):
        self.cypher, self.tokens, self.engine = cypher, tokens, engine
        self.stack = [_Frame("query", "clause")]

    def run(self) -> None:
        index = 0
        while index < len(self.tokens):
            index = self._step(index)
        if len(self.stack) != 1:
            raise WriteRefused(f"refused: unbalanced brackets (a `{self._opener()}` is never closed)")

    def _opener(self) -> str:
        return {"paren": "(", "bracket": "[", "map": "{"}.get(self.stack[-1].kind, "{")

    def _step(self, index: int) -> int:
        token, frame = self.tokens[index], self.stack[-1]
        following = self.tokens[index + 1].text if index + 1 < len(self.tokens) else ""
        if frame.state == "call":
            return self._call(index)
        if token.kind == "word":
            return self._word(index, token, frame, following)
        if token.kind == "punct":
            return self._punct(index, token, frame)
        if frame.state == "clause":  # a literal where a clause keyword must be
            self._refuse_word(token)
        if token.kind == "name" and following == "(":
            self._check_function(index)
        frame.state = "complete"  # a string, number, parameter or backquoted name
        frame.key_expected = False
        return index + 1

    def _word(self, index: int, token: Token, frame: _Frame, following: str) -> int:
        upper = token.text.upper()
        if frame.state == "naming" or (frame.kind == "map" and frame.key_expected):
            if following == "(":  # `ns.name(`: a function with a namespace
                self._check_function(index)
            frame.state, frame.key_expected = "complete", False  # a label, type, property or map key
            return index + 1
        if frame.state == "clause":
            if upper not in _CLAUSES and not (upper == "ALL" and self._after("UNION", index)):
                self._refuse_word(token)
            frame.state = _CLAUSES.get(upper, "clause")
            return index + 1
        if frame.state == "complete":
            if upper not in _AFTER_EXPRESSION:
                self._refuse_word(token)
            frame.state = _AFTER_EXPRESSION[upper]
            return index + 1
        # where an expression may start: a name, unless it opens a subquery or is a prefix keyword
        if upper in _SUBQUERY_WORDS and following == "{":
            self.stack.append(_Frame("query", "clause"))
            frame.state = "complete"
            return index + 2
        if following == "(":
            self._check_function(index)
        previous = self.tokens[index - 1].text.upper() if index else ""
        prefix = upper in _PREFIX and (_PREFIX[upper] is None or previous in _PREFIX[upper])
        frame.state = "operand" if prefix else "complete"
        return index + 1

    def _punct(self, index: int, token: Token, frame: _Frame) -> int:
        text = token.text
        if text in "([{":
            return self._open(index, text, frame)
        if text in ")]}":
            return self._close(index, token)
        if text == "*":  # `RETURN *`, `count(*)`, `-[*]-`, `n.*` are complete; `a * b` is not
            frame.state = "complete" if frame.state in ("operand", "clause", "naming") else "operand"
        elif text == ".":
            frame.state = "naming"
        elif text in (":", "::"):
            frame.state = "operand" if frame.kind == "map" and text == ":" else "naming"
        else:
            frame.state = "operand"
            frame.key_expected = frame.kind == "map" and text == ","
        return index + 1

    def _open(self, index: int, text: str, frame: _Frame) -> int:
        previous = self.tokens[index - 1].text.upper() if index else ""
        if text == "{" and (frame.then_block or previous == "CALL"):
            frame.then_block = False
            self.stack.append(_Frame("call-block", "clause"))
            return index + 1
        if frame.then_block:
            raise WriteRefused("refused: `CALL (...)` must be followed by a `{ ... }` subquery")
        kind = {"(": "paren", "[": "bracket", "{": "map"}[text]
        self.stack.append(_Frame(kind, "operand", key_expected=kind == "map"))
        return index + 1

    def _close(self, index: int, token: Token) -> int:
        closed = self.stack.pop() if len(self.stack) > 1 else None
        expected = {"paren": ")", "bracket": "]", "map": "}", "query": "}", "call-block": "}"}
        if closed is None or expected[closed.kind] != token.text:
            raise WriteRefused(f"refused: unbalanced `{token.text}` at {_where(self.cypher, token.offset)}")
        parent = self.stack[-1]
        parent.state = "clause" if closed.kind == "call-block" else "complete"
        parent.key_expected = False
        if closed.kind == "paren" and closed.then_block:
            parent.then_block = True
        return index + 1

    def _call(self, index: int) -> int:
        """After CALL: a `{ subquery }`, a `(scope) { subquery }`, or a procedure on the engine's list."""
        frame, token = self.stack[-1], self.tokens[index]
        if token.text == "{":
            frame.state = "clause"
            return self._open(index, "{", frame)
        if token.text == "(":
            frame.state = "operand"
            self.stack.append(_Frame("paren", "operand", then_block=True))
            return index + 1
        name, end = self._dotted(index)
        allowed = READ_ONLY_PROCEDURES.get(self.engine, set())
        if name.lower() not in allowed:
            raise WriteRefused(f"refused: procedure `{name}` is not on casegraph's list of read-only procedures "
                               f"for {self.engine} ({', '.join(sorted(allowed))})")
        frame.state = "complete"
        return end

    def _dotted(self, index: int) -> tuple[str, int]:
        """`a.b.c` starting at `index` (words or backquoted names); its text and the index after it."""
        parts, end = [], index
        while end < len(self.tokens) and self.tokens[end].kind in ("word", "name"):
            parts.append(self.tokens[end].text.strip("`"))
            if end + 1 < len(self.tokens) and self.tokens[end + 1].text == ".":
                end += 2
            else:
                end += 1
                break
        if not parts:
            self._refuse_word(self.tokens[index])
        return ".".join(parts), end

    def _check_function(self, index: int) -> None:
        """A call `name(`: a namespaced one (`a.b(`) must be on READ_ONLY_FUNCTIONS."""
        start = index
        while start >= 2 and self.tokens[start - 1].text == "." and self.tokens[start - 2].kind in ("word", "name"):
            start -= 2
        name = ".".join(t.text.strip("`") for t in self.tokens[start:index + 1:2])
        if "." not in name:  # a built-in function (`\`a.b\`(` is a namespaced name too)
            return
        if name.lower() not in READ_ONLY_FUNCTIONS.get(self.engine, set()):
            raise WriteRefused(f"refused: function `{name}` is not on casegraph's list of read-only functions "
                               f"for {self.engine}")

    def _after(self, word: str, index: int) -> bool:
        return index > 0 and self.tokens[index - 1].text.upper() == word

    def _refuse_word(self, token: Token) -> None:
        raise WriteRefused(
            f"refused: `{token.text}` at {_where(self.cypher, token.offset)} is not part of a read query; "
            "casegraph runs ad-hoc queries read-only and accepts MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, "
            "RETURN, ORDER BY, SKIP, LIMIT, UNION and CALL of a read-only procedure "
            f"({', '.join(sorted(READ_ONLY_PROCEDURES.get(self.engine, set())))}); "
            "rebuild with `casegraph build` to change data")


def _where(cypher: str, offset: int) -> str:
    line = cypher.count("\n", 0, offset) + 1
    column = offset - (cypher.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
