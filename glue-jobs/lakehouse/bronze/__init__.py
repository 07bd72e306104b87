"""The bronze layer: raw FHIR files split into one lossless row per resource version, or quarantined."""
