#!/usr/bin/env bash
# The dashboard of two real lakes, drawn in headless Chromium and saved as screenshots: the shared Synthea sample
# ($1, a folder of bundles: ninety years of history) and a generated population (three years). Each run of
# `npm run lakehouse` builds its lake's dashboard.html; dashboard/screenshot.ts fails on any console error,
# network request or blank chart. Called by scripts/acceptance.sh; the lakes and the PNGs go to .cache/screenshots/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
synthea="$1"
out="$root/.cache/screenshots"
mkdir -p "$out"
cd "$root"
npm run --silent lakehouse -- --input "$synthea" --out "$out/synthea-lake" --fresh
npx ts-node --transpile-only dashboard/screenshot.ts --html "$out/synthea-lake/dashboard.html" --png "$out/synthea.png"
npm run --silent lakehouse -- --patients 1000 --out "$out/generated-lake" --fresh
npx ts-node --transpile-only dashboard/screenshot.ts --html "$out/generated-lake/dashboard.html" \
  --png "$out/generated.png"
