#!/usr/bin/env bash
# Runs every benchmark under bench/ (or those whose file name contains $1) and prints their figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-python.sh
filter="${1:-}"
shopt -s nullglob
for f in bench/*.bench.ts bench/*_bench.py; do
  [[ -n "$filter" && "$f" != *"$filter"* ]] && continue
  echo "== $f"
  case "$f" in
    *.ts) npx ts-node --transpile-only "$f" ;;
    *.py) .venv/bin/python "$f" ;;
  esac
done
