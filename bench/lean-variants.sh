#!/usr/bin/env bash
# CPU time per variant of the 3-test ClassDataBenchmark class, as shipped (containermatrix.classData=auto),
# on JDK 17 and JDK 25, for a baseline commit and HEAD side by side: each is checked out into a worktree
# with a local repository of its own, built and installed once, warmed up once (the first run trains
# the class-data archives), then the two alternate run by run. One variant at a time (parallelism 1).
# Also reads each variant's classpath length from report.json where the side writes it. Prints JSON.
# Needs root (the native backend and its cgroups).
# Usage: bench/lean-variants.sh BASELINE_COMMIT [REPEATS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
baseline="${1:?usage: bench/lean-variants.sh BASELINE_COMMIT [REPEATS]}"
repeats="${2:-5}"
repo_root=$(pwd)
work=$(mktemp -d /var/tmp/cm-bench-lean-XXXXXX)
results="$work/results.txt"
cleanup() {
  for side in baseline head; do
    git -C "$repo_root" worktree remove --force "$work/$side" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

for side in baseline head; do
  commit=$([ "$side" = baseline ] && echo "$baseline" || echo HEAD)
  git worktree add -q --detach "$work/$side" "$commit"
  # Both sides install 0.1.0-SNAPSHOT: each gets a copy of the local repository without our artifacts.
  mkdir -p "$work/repo-$side"
  (cd "$HOME/.m2/repository" && tar --exclude=./dev/containermatrix -cf - .) | tar -C "$work/repo-$side" -xf -
  mkdir -p "$work/store-$side"
  if ! (cd "$work/$side" && mvn -B -q install -DskipTests -Dmaven.repo.local="$work/repo-$side" > "$work/build-$side.log" 2>&1); then
    echo "building $side ($commit) failed; the end of its log:" >&2
    tail -40 "$work/build-$side.log" >&2
    exit 1
  fi
done

run() { # side -> appends "side jdk cpuMillis classpathEntries" lines
  local side="$1"
  if ! (cd "$work/$side" && mvn -B -q -o surefire:test -pl example-suites -Dtest=ClassDataBenchmark \
      -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.repo.local="$work/repo-$side" \
      -Dcontainermatrix.store="$work/store-$side" -Dcontainermatrix.classData=auto -Dcontainermatrix.parallelism=1 \
      -Dcontainermatrix.archive=off > "$work/run-$side.log" 2>&1); then
    echo "a $side run failed; the end of its log:" >&2
    tail -40 "$work/run-$side.log" >&2
    exit 1
  fi
  python3 - "$work/$side/example-suites/target/containermatrix/report.json" "$side" >> "$results" <<'PY'
import json, sys
for v in json.load(open(sys.argv[1]))["variants"]:
    if v["class"].endswith("ClassDataBenchmark") and v["status"] == "PASSED" and v.get("cpuMillis") is not None:
        print(sys.argv[2], v["values"]["jdk"], v["cpuMillis"], v.get("classpathEntries", "-"))
PY
}

run baseline; run head; : > "$results"   # warm-up: trains the archives, fills the page cache
load_before=$(cut -d' ' -f1 /proc/loadavg)
for _ in $(seq 1 "$repeats"); do run baseline; run head; done
load_after=$(cut -d' ' -f1 /proc/loadavg)
python3 - "$results" "$repeats" "$load_before" "$load_after" "$(git -C "$work/baseline" rev-parse --short HEAD)" \
    "$(git -C "$work/head" rev-parse --short HEAD)" <<'PY'
import json, statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
out = {"benchmark": "lean-variants-cpu-per-variant", "workload": "ClassDataBenchmark (3 tests), classData=auto",
       "repeats": int(sys.argv[2]), "unit": "CPU ms of the variant's container (user+sys, as its pid 1's times reports)",
       "hostLoadAverage": [float(sys.argv[3]), float(sys.argv[4])], "baseline": sys.argv[5], "head": sys.argv[6]}
targets = {"17": 350, "25": 220}
for jdk in ("17", "25"):
    base = [int(c) for s, j, c, _ in rows if s == "baseline" and j == jdk]
    head = [int(c) for s, j, c, _ in rows if s == "head" and j == jdk]
    entries = sorted({e for s, j, _, e in rows if s == "head" and j == jdk})
    med_base, med_head = statistics.median(base), statistics.median(head)
    out["jdk" + jdk] = {"baseline": base, "head": head, "medianBaselineMs": med_base, "medianHeadMs": med_head,
                        "headOverBaseline": round(med_head / med_base, 2), "headClasspathEntries": entries,
                        "targetMs": targets[jdk], "targetMet": med_head <= targets[jdk]}
print(json.dumps(out))
PY
