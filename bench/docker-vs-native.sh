#!/usr/bin/env bash
# The example matrix's class matrices and the Vintage suite (`mvn test` of example-suites, without the
# published suite and the benchmark classes) on the docker backend against the native backend.
# First the layer bytes sent to the engine on a first run (our layer images removed before it) and
# on a second run; then ROUNDS rounds of the two backends alternating, wall time each. CPU is not
# compared: a docker variant's processes run in the engine's cgroups, outside Maven's. Prints JSON.
# Needs root (native), a Docker engine at /var/run/docker.sock, and the docker CLI.
# Usage: bench/docker-vs-native.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
tests='dev.containermatrix.examples.json.*Test,dev.containermatrix.examples.nativelibs.*Test,dev.containermatrix.examples.classdata.*Test,dev.containermatrix.examples.vintage.*Test'
work=$(mktemp -d /var/tmp/cm-bench-docker-XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -q install -DskipTests >/dev/null

run() { # backend -> "wall_ms bytes_sent variants passed"
  local start end log="$work/$1.log"
  start=$(date +%s%N)
  if ! mvn -B -o test -pl example-suites -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dcontainermatrix.backend="$1" -Dcontainermatrix.archive=off > "$log" 2>&1; then
    echo "the $1 run failed; the end of its log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  local bytes
  bytes=$(grep -o 'the docker backend sent [0-9]* bytes' "$log" | grep -o '[0-9]*' | paste -sd+ | bc)
  echo "$(( (end - start) / 1000000 )) ${bytes:-0} $(python3 -c '
import json,sys; v=json.load(open(sys.argv[1]))["variants"]
print(len(v), sum(1 for x in v if x["status"]=="PASSED"))' example-suites/target/containermatrix/report.json)"
}

docker image ls --filter label=dev.containermatrix.layers -q | sort -u | xargs -r docker image rm -f >/dev/null 2>&1 || true
first=$(run docker)
second=$(run docker)
native=(); docker=()
for _ in $(seq 1 "$rounds"); do
  native+=("$(run native)")
  docker+=("$(run docker)")
done
python3 - "$first" "$second" "$(printf '%s;' "${native[@]}")" "$(printf '%s;' "${docker[@]}")" "$rounds" <<'PY'
import json, statistics, sys
first, second = sys.argv[1].split(), sys.argv[2].split()
native = [r.split() for r in sys.argv[3].split(";") if r]
docker = [r.split() for r in sys.argv[4].split(";") if r]
nw = statistics.median(int(r[0]) for r in native); dw = statistics.median(int(r[0]) for r in docker)
print(json.dumps({"benchmark": "docker-vs-native-example-matrix", "rounds": int(sys.argv[5]),
  "variants": int(first[2]), "passedDocker": int(docker[-1][3]), "passedNative": int(native[-1][3]),
  "bytesSentFirstRun": int(first[1]), "bytesSentSecondRun": int(second[1]),
  "bytesSentLaterRuns": [int(r[1]) for r in docker],
  "wallMsFirstDockerRun": int(first[0]), "nativeWallMs": [int(r[0]) for r in native],
  "dockerWallMs": [int(r[0]) for r in docker], "medianNativeWallMs": nw, "medianDockerWallMs": dw,
  "dockerOverNativeWall": round(dw / nw, 2)}))
PY
