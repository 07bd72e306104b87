"""The SQL-on-FHIR v2 runner under the name the interface fixes (`lakehouse.sof.run_view_definition`).

The implementation lives in `lakehouse.viewdef` (lexer/parser in parser.py and ast.py, FHIRPath-to-Spark
compiler in compiler.py, functions.py and operators.py, the ViewDefinition runner in runner.py); this package
is the stable import path for jobs and users, so the modules behind it can move without breaking callers.
Everything compiles to Spark Column expressions: no Python UDFs, so it scales on AWS Glue.
"""

from lakehouse.viewdef import ViewDefinitionError, run_view_definition, view_columns

__all__ = ["ViewDefinitionError", "run_view_definition", "view_columns"]
