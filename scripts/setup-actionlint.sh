#!/usr/bin/env bash
# Idempotent: builds actionlint (the GitHub Actions workflow linter) at a pinned version into .cache/bin with Go,
# from the Go module proxy, and prints its path. The workflow test runs it; nothing skips when it is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="v1.7.7"
bin="$root/.cache/bin/actionlint-$version"
if [ ! -x "$bin" ]; then
  echo "setup-actionlint: building github.com/rhysd/actionlint $version" >&2
  mkdir -p "$root/.cache/bin" "$root/.cache/go-build"
  tmp="$(mktemp -d)"
  GOBIN="$tmp" GOTOOLCHAIN=local GOCACHE="$root/.cache/go-build" \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
  mv "$tmp/actionlint" "$bin"
  rmdir "$tmp"
fi
echo "$bin"
