"""FHIRPath collections as Spark columns: every expression is a collection (a Spark array) plus the Spark type of
its elements, so navigation over repeating elements is transform/flatten/filter on the executors."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, BooleanType, DataType, DoubleType, LongType, StringType, StructType


class FhirPathError(ValueError):
    """An expression this runner cannot compile (unknown function, bad arguments, unknown constant)."""


@dataclass(frozen=True)
class Coll:
    """A FHIRPath collection: an array Column and the Spark type of its elements."""

    col: Column
    dtype: DataType


@dataclass(frozen=True)
class Scope:
    """What an expression is evaluated against: the focus, the resource root, the view's constants, and
    %rowIndex: the 0-based position of the focus in the innermost forEach, forEachOrNull or repeat (0 outside)."""

    focus: Coll
    root: Coll
    constants: dict
    row_index: Column | None = None


def empty(dtype: DataType | None = None) -> Coll:
    dtype = dtype or StringType()
    return Coll(F.array().cast(ArrayType(dtype)), dtype)


def singleton(value: Column, dtype: DataType) -> Coll:
    """A collection of one value, or empty when the value is null."""
    return Coll(F.filter(F.array(value), lambda x: x.isNotNull()), dtype)


def first(c: Coll) -> Column:
    return F.element_at(c.col, 1)


def literal(value: object) -> Coll:
    if isinstance(value, bool):
        dtype: DataType = BooleanType()
    elif isinstance(value, int):
        dtype = LongType()
    elif isinstance(value, float):
        dtype = DoubleType()
    else:
        dtype = StringType()
    return singleton(F.lit(value).cast(dtype), dtype)


def member(c: Coll, name: str) -> Coll:
    """`c.name`: the field of every element, flattened when it repeats; empty when the data has no such field."""
    if not isinstance(c.dtype, StructType) or name not in c.dtype.fieldNames():
        return empty()
    child = c.dtype[name].dataType
    values = F.transform(c.col, lambda x: x[name])
    if isinstance(child, ArrayType):
        return Coll(
            F.filter(F.flatten(F.filter(values, lambda x: x.isNotNull())), lambda x: x.isNotNull()), child.elementType
        )
    return Coll(F.filter(values, lambda x: x.isNotNull()), child)


def truthy(c: Coll) -> Column:
    """A collection as a condition: true only when it is the single value true."""
    return F.coalesce(first(c).cast("boolean"), F.lit(False))


def sub_scope(scope: Scope, item: Column, dtype: DataType, row_index: Column | None = None) -> Scope:
    """The scope inside where()/exists()/forEach: the focus is one element; forEach also sets %rowIndex."""
    return Scope(
        Coll(F.array(item), dtype), scope.root, scope.constants, scope.row_index if row_index is None else row_index
    )
