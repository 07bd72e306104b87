#!/usr/bin/env bash
# Idempotent: builds the local HAPI FHIR JPA server (servers/fhir-server) with Maven, from Maven Central, into the
# git-ignored .cache/fhir-server/ and prints the jar's path. Rebuilt only when the server's sources change (their
# hash is kept next to the jar). The first build downloads about 300 MB of dependencies into ~/.m2.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/servers/fhir-server"
out="$root/.cache/fhir-server"
jar="$out/fhir-server.jar"
stamp="$out/fhir-server.sha256"
want="$(cd "$src" && find . -type f ! -name '*.md' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"

if [ ! -s "$jar" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup-fhir-server: building servers/fhir-server with Maven (the first build takes a minute or two)" >&2
  start=$(date +%s)
  mkdir -p "$out"
  mvn -q -B -f "$src/pom.xml" package >&2
  mv "$out/build/fhir-server.jar" "$jar.tmp"
  mv "$jar.tmp" "$jar"
  echo "$want" > "$stamp"
  echo "setup-fhir-server: built $jar in $(($(date +%s) - start)) s" >&2
fi
echo "$jar"
