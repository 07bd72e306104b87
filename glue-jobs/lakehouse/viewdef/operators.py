"""FHIRPath binary operators on singleton collections (empty in, empty out), and union."""

from __future__ import annotations

from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, BooleanType, DoubleType, StringType

from lakehouse.viewdef.collection import Coll, FhirPathError, first, singleton

_COMPARE = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
_ARITHMETIC = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}


def binary(op: str, left: Coll, right: Coll) -> Coll:
    a, b = first(left), first(right)
    if op in _COMPARE:
        return singleton(_COMPARE[op](a, b), BooleanType())
    if op in ("and", "or", "xor", "implies"):
        a, b = a.cast("boolean"), b.cast("boolean")
        # Spark's three-valued logic is FHIRPath's: empty behaves as unknown.
        value = {"and": a & b, "or": a | b, "xor": a != b, "implies": (~a) | b}[op]
        return singleton(value, BooleanType())
    if op == "+" and isinstance(left.dtype, StringType):
        return singleton(F.concat(a, b), StringType())
    if op == "&":
        return singleton(F.concat(F.coalesce(a, F.lit("")), F.coalesce(b, F.lit(""))), StringType())
    if op in _ARITHMETIC:
        dtype = (
            DoubleType()
            if op == "/" or isinstance(left.dtype, DoubleType) or isinstance(right.dtype, DoubleType)
            else left.dtype
        )
        return singleton(_ARITHMETIC[op](a, b).cast(dtype), dtype)
    if op == "|":
        return Coll(F.array_distinct(F.concat(left.col, right.col.cast(ArrayType(left.dtype)))), left.dtype)
    raise FhirPathError(f"unsupported operator {op!r}")
