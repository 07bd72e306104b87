"""Runs parliament over IAM policy documents offline: reads a JSON list of {"id", "document"} from a file and prints
{"<id>": [{"issue", "severity", "detail"}]} with every finding, for the caller to judge (tests/iam)."""

import json
import sys

import parliament


def findings(document: dict) -> list[dict]:
    """parliament's findings on one document, community auditors included, as plain dicts."""
    policy = parliament.analyze_policy_string(json.dumps(document), include_community_auditors=True)
    return [
        {"issue": f.issue, "severity": f.severity, "detail": str(f.detail), "location": str(f.location)}
        for f in policy.findings
    ]


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        policies = json.load(f)
    json.dump({p["id"]: findings(p["document"]) for p in policies}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
