"""The FHIRPath functions ViewDefinitions use, compiled to Spark higher-order functions."""

from __future__ import annotations

from collections.abc import Callable

from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, LongType, StringType, StructType

from lakehouse.viewdef.ast import Call, Constant, Literal, Member
from lakehouse.viewdef.collection import (
    Coll,
    FhirPathError,
    Scope,
    first,
    member,
    singleton,
    sub_scope,
    truthy,
)

# compile_expr, passed in by the compiler: function arguments are expressions compiled in their own scope.
Evaluate = Callable[[object, Scope], Coll]


def _arity(node: Call, *allowed: int) -> None:
    if len(node.args) not in allowed:
        raise FhirPathError(f"{node.name}() takes {' or '.join(map(str, allowed))} argument(s), got {len(node.args)}")


def _type_name(node: Call) -> str:
    arg = node.args[0]
    if isinstance(arg, Member) and arg.base is None:
        return arg.name
    if isinstance(arg, Literal) and isinstance(arg.value, str):
        return arg.value
    raise FhirPathError(f"{node.name}() needs a type name")


def _of_type(node: Call, scope: Scope, evaluate: Evaluate) -> Coll:
    """`x.ofType(T)` on a choice element reads the JSON key x + T (value.ofType(Quantity) -> valueQuantity)."""
    type_name = _type_name(node)
    if isinstance(node.base, Member):
        base = scope.focus if node.base.base is None else evaluate(node.base.base, scope)
        return member(base, node.base.name + type_name[0].upper() + type_name[1:])
    raise FhirPathError("ofType() is supported on choice elements (e.g. value.ofType(Quantity))")


def _reference_key(refs: Coll, type_name: str | None) -> Coll:
    """The id in each reference: Type/id, an absolute URL ending in Type/id (history dropped), or urn:uuid:id."""
    texts = member(refs, "reference")
    plain = F.transform(texts.col, lambda r: F.regexp_replace(r, r"/_history/[^/]+$", ""))
    if type_name:
        # A urn:uuid bronze could not resolve (it names no entry of its Bundle) carries no type: it is kept, and
        # resolves to the uuid itself (docs/kpis.md).
        plain = F.filter(plain, lambda r: r.rlike(rf"(^|/){type_name}/[^/]+$") | r.startswith("urn:uuid:"))
    return Coll(F.transform(plain, lambda r: F.regexp_extract(r, r"([^/:]+)$", 1)), StringType())


def _string_argument(node: Call, scope: Scope) -> str:
    """A literal or constant string argument (Spark needs some arguments, e.g. join's separator, as values)."""
    arg = node.args[0]
    if isinstance(arg, Literal) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, Constant) and isinstance(scope.constants.get(arg.name), str):
        return scope.constants[arg.name]
    raise FhirPathError(f"{node.name}() needs a string literal or constant argument")


def call(node: Call, scope: Scope, evaluate: Evaluate) -> Coll:
    """A function call; the base (or the focus) is the input collection."""
    name = node.name
    if name == "ofType":
        _arity(node, 1)
        return _of_type(node, scope, evaluate)
    if name == "getResourceKey":
        _arity(node, 0)
        return member(scope.root, "id")
    base = scope.focus if node.base is None else evaluate(node.base, scope)
    if name == "getReferenceKey":
        _arity(node, 0, 1)
        return _reference_key(base, _type_name(node) if node.args else None)
    if name in ("first", "last", "exists", "empty", "count", "not", "join", "where", "extension", "toString"):
        return _collection_function(node, base, scope, evaluate)
    raise FhirPathError(f"unsupported function {name}()")


def _collection_function(node: Call, base: Coll, scope: Scope, evaluate: Evaluate) -> Coll:
    name = node.name
    if name == "first":
        return Coll(F.slice(base.col, 1, 1), base.dtype)
    if name == "last":
        return Coll(F.slice(base.col, -1, 1), base.dtype)
    if name == "count":
        return singleton(F.size(base.col).cast("long"), LongType())
    if name == "empty":
        return singleton(F.size(base.col) == 0, BooleanType())
    if name == "not":
        return singleton(~first(base).cast("boolean"), BooleanType())
    if name == "toString":
        return Coll(F.transform(base.col, lambda x: x.cast("string")), StringType())
    if name == "join":
        _arity(node, 0, 1)
        sep = _string_argument(node, scope) if node.args else ""
        return singleton(F.array_join(F.transform(base.col, lambda x: x.cast("string")), sep), StringType())
    if name == "exists" and not node.args:
        return singleton(F.size(base.col) > 0, BooleanType())
    if name in ("where", "exists"):
        _arity(node, 1)
        kept = Coll(
            F.filter(base.col, lambda x: truthy(evaluate(node.args[0], sub_scope(scope, x, base.dtype)))),
            base.dtype,
        )
        return kept if name == "where" else singleton(F.size(kept.col) > 0, BooleanType())
    # extension(url): the extensions of the input with that url
    _arity(node, 1)
    url = first(evaluate(node.args[0], scope))
    extensions = member(base, "extension")
    if not isinstance(extensions.dtype, StructType) or "url" not in extensions.dtype.fieldNames():
        return extensions
    return Coll(F.filter(extensions.col, lambda e: e["url"] == url), extensions.dtype)
