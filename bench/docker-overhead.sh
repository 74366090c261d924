#!/usr/bin/env bash
# Per-container overhead of the docker backend: create + start + wait + remove of /bin/true on the
# host base, against the native backend and `docker run --rm --network none` in the same run,
# interleaved; prints JSON. Needs root and a Docker engine at /var/run/docker.sock.
# Usage: bench/docker-overhead.sh [N]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
root=$(pwd)
deps=$(mktemp)
trap 'rm -f "$deps"' EXIT
mvn -B -q -o test-compile -pl container-backend -am >/dev/null
(cd container-backend && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps" >/dev/null)
cp="$root/container-backend/target/test-classes:$root/container-backend/target/classes:$(cat "$deps")"
(cd container-backend && java -cp "$cp" dev.containermatrix.backend.docker.DockerOverheadBenchmark "$n")
