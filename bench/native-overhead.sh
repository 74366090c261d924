#!/usr/bin/env bash
# Per-container overhead of the native backend vs `unshare … /bin/true`; prints JSON. Needs root.
# Usage: bench/native-overhead.sh [N] [BASELINE_REF]
#   N             containers measured (default 100)
#   BASELINE_REF  a git commit to compare with, in the same run: its benchmark and this tree's run in
#                 alternating rounds of N/5 containers each, and the JSON gives both and their ratio
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
baseline=${2:-}

classpath_of() { # a checkout's container-backend test classpath, built offline
  (cd "$1" && mvn -B -q -o test-compile -pl container-backend -am >/dev/null)
  echo "$1/container-backend/target/test-classes:$1/container-backend/target/classes:$(cd "$1/container-backend" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
}
run_bench() { # classpath, count
  (cd container-backend && java ${JAVA_OPTS:-} -cp "$1" dev.containermatrix.backend.nativeruntime.ContainerOverheadBenchmark "$2")
}

current=$(classpath_of "$PWD")
if [ -z "$baseline" ]; then
  run_bench "$current" "$n"
  exit 0
fi

tree=$(mktemp -d /tmp/cm-bench-baseline.XXXXXX)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git worktree add --detach "$tree" "$baseline" >/dev/null 2>&1
old=$(classpath_of "$tree")
rounds=5
results=$(mktemp)
for round in $(seq "$rounds"); do
  echo "baseline $(run_bench "$old" $((n / rounds)))" >>"$results"
  echo "current $(run_bench "$current" $((n / rounds)))" >>"$results"
done
python3 - "$results" "$baseline" "$(git rev-parse --short HEAD)" "$n" <<'PY'
import json, statistics, sys
rows = {"baseline": [], "current": []}
for line in open(sys.argv[1]):
    which, text = line.split(" ", 1)
    rows[which].append(json.loads(text))
def summary(runs):
    native = statistics.median(r["native"]["medianMs"] for r in runs)
    unshare = statistics.median(r["unshareBaseline"]["medianMs"] for r in runs)
    return {"nativeMedianMs": round(native, 2), "unshareMedianMs": round(unshare, 2),
            "nativeOverUnshare": round(native / unshare, 2),
            "roundNativeMediansMs": [r["native"]["medianMs"] for r in runs]}
before, after = summary(rows["baseline"]), summary(rows["current"])
print(json.dumps({"benchmark": "native-container-overhead-before-after", "n": int(sys.argv[4]),
                  "rounds": len(rows["current"]), "before": dict(ref=sys.argv[2], **before),
                  "after": dict(ref=sys.argv[3], **after),
                  "afterOverBefore": round(after["nativeMedianMs"] / before["nativeMedianMs"], 2)}))
PY
