#!/usr/bin/env bash
# CPU time of each variant's container (report.json cpuMillis, read from its cgroup) for a 3-test class
# on JDK 17 and JDK 25, with containermatrix.classData=off and auto, alternating, after a warm-up
# run of each (the first auto run trains the archives). One variant at a time, so the two JDKs'
# variants do not share the 2 cores. Prints JSON. Needs root (the native backend and its cgroups).
# Usage: bench/class-data.sh [REPEATS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-5}"
store=$(mktemp -d /var/tmp/cm-bench-class-data-XXXXXX)
results=$(mktemp /var/tmp/cm-bench-class-data-XXXXXX.txt)
trap 'rm -rf "$store" "$results"' EXIT
report=example-suites/target/containermatrix/report.json
# Built and installed once, then each run is surefire:test of example-suites alone: junit-extension is
# then a jar from the local repository (as in a user's project), and the variants' layers are the same
# in every run, as they are for the variants of one build. (Rebuilding the reactor between runs, as an
# earlier version did, repackaged the jars every time: new layers, a new archive and cold page cache in
# every run, which is not what a variant of a build pays.)
mvn -B -q -o install -DskipTests >/dev/null
run() { # mode -> appends "mode jdk cpuMillis" lines
  if ! mvn -B -q -o surefire:test -pl example-suites -Dtest=ClassDataBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
      -Dcontainermatrix.store="$store" -Dcontainermatrix.classData="$1" -Dcontainermatrix.parallelism=1 \
      -Dcontainermatrix.archive=off > "$store/run.log" 2>&1; then
    echo "the $1 run failed; the end of its log:" >&2
    tail -40 "$store/run.log" >&2
    exit 1
  fi
  python3 - "$report" "$1" >> "$results" <<'PY'
import json, sys
for v in json.load(open(sys.argv[1]))["variants"]:
    if v["class"].endswith("ClassDataBenchmark") and v["status"] == "PASSED" and v.get("cpuMillis") is not None:
        print(sys.argv[2], v["values"]["jdk"], v["cpuMillis"])
PY
}
run auto; run off; : > "$results"   # warm-up: trains the archives, fills the page cache
load_before=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq 1 "$repeats"); do run off; run auto; done
load_after=$(cut -d' ' -f1 /proc/loadavg)
python3 - "$results" "$repeats" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
out = {"benchmark": "class-data-archive-cpu-per-variant", "workload": "ClassDataBenchmark (3 tests)",
       "repeats": int(sys.argv[2]), "unit": "CPU ms of the variant's container (user+sys, as its pid 1's times reports)",
       "hostLoadAverage": [float(sys.argv[3]), float(sys.argv[4])]}
targets = {"17": 550, "25": 300}
for jdk in ("17", "25"):
    off = [int(c) for m, j, c in rows if m == "off" and j == jdk]
    on = [int(c) for m, j, c in rows if m == "auto" and j == jdk]
    med_off, med_on = statistics.median(off), statistics.median(on)
    out["jdk" + jdk] = {"off": off, "on": on, "medianOffMs": med_off, "medianOnMs": med_on,
                        "onOverOff": round(med_on / med_off, 2), "targetMs": targets[jdk],
                        "targetMet": med_on <= targets[jdk]}
print(json.dumps(out))
PY
