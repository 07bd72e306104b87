#!/usr/bin/env bash
# Runs pytest from the project's .venv; pytest's "no tests collected" (exit 5) is a failure here, never a pass.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/glue-jobs"
set +e
"$root/.venv/bin/python" -m pytest "${@/#glue-jobs\//}"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
exit "$rc"
