"""FHIR lakehouse transforms: pure DataFrame functions shared by the Glue jobs and the local runner."""
