"""The FHIRPath syntax tree the parser builds and the compiler walks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Literal:
    value: object  # str, int, float, bool


@dataclass(frozen=True)
class Constant:
    name: str  # %name: a ViewDefinition constant


@dataclass(frozen=True)
class This:
    pass


@dataclass(frozen=True)
class Member:
    base: object | None  # None: a member of the focus
    name: str


@dataclass(frozen=True)
class Call:
    base: object | None
    name: str
    args: tuple


@dataclass(frozen=True)
class Index:
    base: object
    index: object


@dataclass(frozen=True)
class Binary:
    op: str
    left: object
    right: object


@dataclass(frozen=True)
class TypeName:
    name: str  # the argument of ofType(...) / getReferenceKey(...)
