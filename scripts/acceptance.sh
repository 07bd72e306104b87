#!/usr/bin/env bash
# The suites over ../shared/data (Synthea bundles with independent KPI totals, SQL-on-FHIR v2 conformance tests).
# Not part of `npm test`: a user's clone has no ../shared. Fails loudly when the folder is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$(bash "$root/scripts/require-shared-data.sh")"
bash "$root/scripts/setup-python.sh"
export SHARED_DATA="$data"
bash "$root/scripts/pytest.sh" acceptance -p no:cacheprovider "$@"
bash "$root/scripts/dashboard-screenshots.sh" "$data/synthea-r4"
