#!/usr/bin/env bash
# Idempotent set-up of the Python side: a .venv with glue-jobs/requirements-dev.txt, and the
# Hudi Spark bundle in a git-ignored cache. Re-runs are no-ops unless the requirements change.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
req="glue-jobs/requirements-dev.txt"
stamp=".venv/.requirements.sha256"
want="$(cat "$req" glue-jobs/pyproject.toml | sha256sum | cut -d' ' -f1)"
python="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup-python: creating .venv from $req" >&2
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip >&2
  .venv/bin/python -m pip install --quiet -r "$req" >&2
  .venv/bin/python -m pip install --quiet -e glue-jobs >&2
  echo "$want" > "$stamp"
fi

# The Hudi bundle matching Glue 5.0's Spark 3.5, fetched by Maven from Maven Central.
hudi_gav="org.apache.hudi:hudi-spark3.5-bundle_2.12:0.15.0"
jar=".cache/jars/hudi-spark3.5-bundle_2.12-0.15.0.jar"
if [ ! -s "$jar" ]; then
  echo "setup-python: fetching $hudi_gav" >&2
  mkdir -p .cache/jars
  mvn -q -B dependency:copy -Dartifact="$hudi_gav" -DoutputDirectory=.cache/jars >&2
fi
test -s "$jar"

# actionlint for the workflow test (tests/deploy), built by Go at a pinned version; not a Python tool, but this is the
# set-up every npm test and npm run lint runs.
bash "$root/scripts/setup-actionlint.sh" >/dev/null
