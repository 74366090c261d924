#!/usr/bin/env bash
# Per-container overhead of the native backend vs `unshare … /bin/true`; prints JSON. Needs root.
# Usage: bench/native-overhead.sh [N]   (default N=100)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile -pl container-backend -am >/dev/null
cp="$PWD/container-backend/target/test-classes:$PWD/container-backend/target/classes:$(cd container-backend && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
cd container-backend
exec java ${JAVA_OPTS:-} -cp "$cp" dev.containermatrix.backend.nativeruntime.ContainerOverheadBenchmark "${1:-100}"
