#!/usr/bin/env bash
# 16 trivial variants (SixteenVariantsBenchmark: JDK 17 and 25 × eight values of SLOT) three ways, interleaved
# round by round: the native backend, the docker backend, and the Testcontainers anchor (a GenericContainer
# per variant from a warm Debian bookworm image, the JDK and the test classes bind-mounted, JUnit's console
# launcher as its command, two at a time as our default parallelism on 2 cores). Then the layer bytes the
# docker backend sends after a change to the classes only. Prints JSON.
#
# Times: the whole `mvn test` of the class (Maven and the Surefire fork included) for our two backends, the
# anchor program's wall time (its JVM start excluded, Testcontainers' client start included), and per
# variant the time from create to removal of its container (report.json durationMillis; the anchor's own
# clock around GenericContainer start and close).
# Needs root (native), a Docker engine at /var/run/docker.sock, skopeo, and Maven Central for the anchor's
# dependencies once.
# Usage: bench/docker-sixteen.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rounds="${1:-3}"
fixture=dev.containermatrix.examples.bench.SixteenVariantsBenchmark
image=containermatrix-bench/anchor:bookworm
work=$(mktemp -d /var/tmp/cm-bench-sixteen-XXXXXX)
marker="$root/example-suites/target/test-classes/bench-classes-change.txt"
trap 'rm -rf "$work" "$marker"' EXIT

mvn -B -q install -DskipTests >/dev/null
(cd bench/testcontainers-anchor && mvn -B -q compile dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime >/dev/null)
launcher=$(ls ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/6.1.3/*.jar)
anchor_cp="$root/bench/testcontainers-anchor/target/classes:$(cat bench/testcontainers-anchor/target/cp.txt)"
# The anchor's image: the Debian bookworm base the examples build, loaded once into the engine.
if ! docker image inspect "$image" >/dev/null 2>&1; then
  skopeo copy -q "oci:$root/example-suites/target/images/bookworm" "docker-daemon:$image" >/dev/null
fi
jdk17=/usr/lib/jvm/java-17-openjdk-amd64
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64

ours() { # backend -> "wall_ms bytes_sent variants passed median_variant_ms"
  local start end log="$work/$1.log"
  start=$(date +%s%N)
  if ! mvn -B -o test -pl example-suites -Dtest="$fixture" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dcontainermatrix.backend="$1" -Dcontainermatrix.archive=off > "$log" 2>&1; then
    echo "the $1 run failed; the end of its log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  local bytes
  bytes=$(grep -o 'the docker backend sent [0-9]* bytes' "$log" | grep -o '[0-9]*' | paste -sd+ | bc)
  echo "$(( (end - start) / 1000000 )) ${bytes:-0} $(python3 -c '
import json, statistics, sys
v = json.load(open(sys.argv[1]))["variants"]
print(len(v), sum(1 for x in v if x["status"] == "PASSED"), statistics.median(x["durationMillis"] for x in v))' \
  example-suites/target/containermatrix/report.json)"
}

anchor() { # -> "wall_ms median_container_ms"
  local out
  # Ryuk, Testcontainers' reaper, is an image from Docker Hub, which these machines cannot reach; each
  # container is removed by close() instead. The engine has no bridge network (--bridge=none), from which
  # Testcontainers would read the host's address: it is given instead. Its check that files can be mounted
  # runs in a small image from Docker Hub (alpine): the anchor's own image serves instead.
  out=$(TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE="$image" TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 java -cp "$anchor_cp" bench.TestcontainersAnchor "$image" 2 "$launcher" "$fixture" \
    "$root/example-suites/target/test-classes" 8 "$jdk17" "$jdk25" 2>"$work/anchor.err") || {
    echo "the anchor failed:" >&2; tail -30 "$work/anchor.err" >&2; exit 1; }
  python3 -c '
import json, statistics, sys
a = json.loads(sys.argv[1]); print(a["wallMs"], statistics.median(a["containerMs"]))' "$out"
}

# A first docker run puts the layers into the engine; it is not timed against the others.
ours docker >/dev/null
native=(); docker=(); tc=()
for _ in $(seq 1 "$rounds"); do
  native+=("$(ours native)")
  docker+=("$(ours docker)")
  tc+=("$(anchor)")
done
# Only the classes change: a resource added to the test classes, then one more docker run.
head -c 4096 /dev/urandom | base64 > "$marker"
changed=$(ours docker)
rm -f "$marker"

python3 - "$(printf '%s;' "${native[@]}")" "$(printf '%s;' "${docker[@]}")" "$(printf '%s;' "${tc[@]}")" \
  "$changed" "$rounds" <<'PY'
import json, statistics, sys
rows = lambda s: [r.split() for r in s.split(";") if r]
native, docker, tc = rows(sys.argv[1]), rows(sys.argv[2]), rows(sys.argv[3])
changed = sys.argv[4].split()
med = lambda rs, i: statistics.median(float(r[i]) for r in rs)
nw, dw, tw = med(native, 0), med(docker, 0), med(tc, 0)
nv, dv, tv = med(native, 4), med(docker, 4), med(tc, 1)
print(json.dumps({"benchmark": "docker-sixteen-trivial-variants", "rounds": int(sys.argv[5]),
  "variants": int(docker[-1][2]), "passedNative": int(native[-1][3]), "passedDocker": int(docker[-1][3]),
  "nativeMvnWallMs": [int(r[0]) for r in native], "dockerMvnWallMs": [int(r[0]) for r in docker],
  "anchorWallMs": [int(r[0]) for r in tc],
  "medianVariantMs": {"native": nv, "docker": dv, "testcontainersAnchor": tv},
  "dockerOverNativeMvnWall": round(dw / nw, 2), "dockerOverNativeVariant": round(dv / nv, 2),
  "anchorOverDockerVariant": round(tv / dv, 2),
  "bytesSentUnchanged": [int(r[1]) for r in docker], "bytesSentAfterClassesChange": int(changed[1])}))
PY
