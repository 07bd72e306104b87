"""The silver layer: the latest version of each resource, flattened by SQL-on-FHIR ViewDefinitions."""
