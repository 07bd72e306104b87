#!/usr/bin/env bash
# Prints the path of ../shared/data, or fails loudly: the acceptance suites need the shared test data beside the clone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${SHARED_DATA:-$root/../shared/data}"
if [ ! -d "$data/synthea-r4" ] || [ ! -d "$data/sql-on-fhir-v2-tests" ]; then
  echo "acceptance: shared test data not found at $data (expected synthea-r4/ and sql-on-fhir-v2-tests/)." >&2
  echo "acceptance: CI places ../shared beside the clone; set SHARED_DATA to run elsewhere." >&2
  exit 2
fi
cd "$data" && pwd
