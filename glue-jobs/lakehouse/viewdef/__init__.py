"""A SQL-on-FHIR v2 ViewDefinition runner that compiles FHIRPath to Spark expressions."""

from lakehouse.viewdef.runner import ViewDefinitionError, infer_schema, run_view_definition, view_columns

__all__ = ["ViewDefinitionError", "infer_schema", "run_view_definition", "view_columns"]
