"""`repeat` (SQL-on-FHIR v2): every element reached by applying the paths again and again, depth first.

Spark arrays need one element type, but each level of a recursive element (QuestionnaireResponse.item.item...)
has its own inferred struct type. Each element is therefore carried as JSON text while the tree is walked, then
read back with the union of all the levels' types. The walk is unrolled when the plan is built: it follows the
inferred schema, which is finite, so it stops where the data stops.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, DataType, StringType, StructField, StructType

from lakehouse.viewdef.collection import Coll, Scope, sub_scope

CompilePath = Callable[[str, Scope], Coll]


def merge_types(a: DataType, b: DataType) -> DataType:
    """The type that can hold values of both: structs merge field by field, arrays by element, else string."""
    if a == b:
        return a
    if isinstance(a, StructType) and isinstance(b, StructType):
        fields = {f.name: f.dataType for f in a.fields}
        for f in b.fields:
            fields[f.name] = merge_types(fields[f.name], f.dataType) if f.name in fields else f.dataType
        return StructType([StructField(name, dtype) for name, dtype in fields.items()])
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        return ArrayType(merge_types(a.elementType, b.elementType))
    return StringType()


def _bind(fn: Callable[[Column, StructType], Column], dtype: StructType) -> Callable[[Column], Column]:
    # A one-argument lambda: pyspark reads a second parameter (even a defaulted one) as the element index.
    return lambda item: fn(item, dtype)


def repeat_items(paths: list[str], scope: Scope, compile_path: CompilePath) -> Coll:
    """The collection `repeat: paths` yields for the scope's focus (the focus itself not included)."""
    seen: list[DataType] = []

    def children(item: Column, dtype: DataType) -> Column:
        """JSON of every element below `item`, each followed by its own descendants (pre-order)."""
        parts = []
        for path in paths:
            kids = compile_path(path, sub_scope(scope, item, dtype))
            if isinstance(kids.dtype, StructType):
                parts.append(F.flatten(F.transform(kids.col, _bind(subtree, kids.dtype))))
        return F.concat(*parts) if parts else F.array().cast(ArrayType(StringType()))

    def subtree(item: Column, dtype: StructType) -> Column:
        seen.append(dtype)
        return F.concat(F.array(F.to_json(item)), children(item, dtype))

    texts = F.flatten(F.transform(scope.focus.col, lambda x: children(x, scope.focus.dtype)))
    if not seen:
        return Coll(F.array().cast(ArrayType(StringType())), StringType())
    merged = reduce(merge_types, seen)
    return Coll(F.transform(texts, lambda t: F.from_json(t, merged)), merged)
