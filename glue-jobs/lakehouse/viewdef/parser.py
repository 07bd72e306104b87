"""A recursive-descent parser for the FHIRPath subset that SQL-on-FHIR ViewDefinitions use."""

from __future__ import annotations

import re

from lakehouse.viewdef.ast import Binary, Call, Constant, Index, Literal, Member, This

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>'(?:[^'\\]|\\.)*')|(?P<ident>[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)"
    r"|(?P<const>%[A-Za-z_][A-Za-z0-9_]*)|(?P<this>\$this)|(?P<op><=|>=|!=|[.()\[\],=<>+\-*/|&]))"
)
_KEYWORD_OPS = {"and", "or", "xor", "implies", "div", "mod"}
# Lowest to highest precedence.
_LEVELS = [
    ("implies",),
    ("or", "xor"),
    ("and",),
    ("=", "!="),
    ("<", ">", "<=", ">="),
    ("|",),
    ("+", "-", "&"),
    ("*", "/", "div", "mod"),
]


class FhirPathSyntaxError(ValueError):
    """The expression is not valid FHIRPath (or uses syntax this runner does not support)."""


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise FhirPathSyntaxError(f"unexpected character at position {pos} in {text!r}")
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "ident" and value in _KEYWORD_OPS:
            kind = "op"
        tokens.append((kind, value))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text, self.tokens, self.pos = text, tokenize(text), 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise FhirPathSyntaxError(f"expected {value or 'more input'} in {self.text!r}")
        self.pos += 1
        return token

    def parse(self):
        node = self.binary(0)
        if self.peek() is not None:
            raise FhirPathSyntaxError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return node

    def binary(self, level: int):
        if level == len(_LEVELS):
            return self.postfix()
        node = self.binary(level + 1)
        while (token := self.peek()) and token[0] == "op" and token[1] in _LEVELS[level]:
            self.take()
            node = Binary(token[1], node, self.binary(level + 1))
        return node

    def postfix(self):
        node = self.primary()
        while (token := self.peek()) and token[1] in (".", "["):
            self.take()
            if token[1] == "[":
                node = Index(node, self.binary(0))
                self.take("]")
            else:
                node = self.member_or_call(node)
        return node

    def primary(self):
        token = self.take()
        kind, value = token
        if kind == "num":
            return Literal(float(value) if "." in value else int(value))
        if kind == "str":
            return Literal(re.sub(r"\\(.)", r"\1", value[1:-1]))
        if kind == "const":
            return Constant(value[1:])
        if kind == "this":
            return This()
        if value == "(":
            node = self.binary(0)
            self.take(")")
            return node
        if value == "-" and (nxt := self.peek()) and nxt[0] == "num":
            return Literal(-self.primary().value)
        if kind == "ident":
            if value in ("true", "false"):
                return Literal(value == "true")
            self.pos -= 1
            return self.member_or_call(None)
        raise FhirPathSyntaxError(f"unexpected {value!r} in {self.text!r}")

    def member_or_call(self, base):
        kind, name = self.take()
        if kind != "ident":
            raise FhirPathSyntaxError(f"expected a name after '.', got {name!r} in {self.text!r}")
        name = name.strip("`")
        if (token := self.peek()) and token[1] == "(":
            self.take("(")
            args = []
            while (token := self.peek()) and token[1] != ")":
                args.append(self.binary(0))
                if self.peek() and self.peek()[1] == ",":
                    self.take(",")
            self.take(")")
            return Call(base, name, tuple(args))
        return Member(base, name)


def parse(text: str):
    """The syntax tree of a FHIRPath expression."""
    return _Parser(text).parse()
