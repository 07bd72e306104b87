"""Compiles a parsed FHIRPath expression to a collection (lakehouse.viewdef.collection) of Spark columns."""

from __future__ import annotations

from pyspark.sql import functions as F
from pyspark.sql.types import LongType

from lakehouse.viewdef.ast import Binary, Call, Constant, Index, Literal, Member, This
from lakehouse.viewdef.collection import Coll, FhirPathError, Scope, first, literal, member, singleton
from lakehouse.viewdef.functions import call
from lakehouse.viewdef.operators import binary


def compile_expr(node, scope: Scope) -> Coll:
    """The collection an expression evaluates to in a scope."""
    if isinstance(node, Literal):
        return literal(node.value)
    if isinstance(node, This):
        return scope.focus
    if isinstance(node, Constant):
        if node.name == "rowIndex":
            index = F.lit(0) if scope.row_index is None else scope.row_index
            return singleton(index.cast(LongType()), LongType())
        if node.name not in scope.constants:
            raise FhirPathError(f"unknown constant %{node.name}")
        return literal(scope.constants[node.name])
    if isinstance(node, Member):
        base = scope.focus if node.base is None else compile_expr(node.base, scope)
        return member(base, node.name)
    if isinstance(node, Index):
        base, index = compile_expr(node.base, scope), compile_expr(node.index, scope)
        return singleton(F.element_at(base.col, (first(index) + 1).cast("int")), base.dtype)
    if isinstance(node, Binary):
        return binary(node.op, compile_expr(node.left, scope), compile_expr(node.right, scope))
    if isinstance(node, Call):
        return call(node, scope, compile_expr)
    raise FhirPathError(f"unsupported expression {node!r}")
