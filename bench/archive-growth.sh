#!/usr/bin/env bash
# Archive growth: the example matrix run N times (default 20) into one fresh archive, with one test
# class changing between runs (a class compiled into example-suites' test classes, different each run).
# Prints JSON: the archive's blob bytes after the first run and after the last, the bytes of the layers
# that changed, and whether last <= 1.1 x first + changed (issue 5's bound). Native backend; needs root.
# Usage: bench/archive-growth.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
work=$(mktemp -d /var/tmp/cm-archive-growth.XXXXXX)
trap 'rm -rf "$work"; rm -f example-suites/target/test-classes/dev/containermatrix/examples/bench/RunStamp.class' EXIT
mvn -B -q -o install -DskipTests >/dev/null
mvn -B -q -o test-compile -pl example-suites >/dev/null
archive="$work/archive"
stamp() { # a class that differs in every run
  mkdir -p "$work/src/dev/containermatrix/examples/bench"
  printf 'package dev.containermatrix.examples.bench;\npublic final class RunStamp { public static final int RUN = %d; }\n' "$1" \
    > "$work/src/dev/containermatrix/examples/bench/RunStamp.java"
  javac -d example-suites/target/test-classes "$work/src/dev/containermatrix/examples/bench/RunStamp.java"
}
blob_bytes() { du -sb "$archive/blobs" | cut -f1; }
for i in $(seq 1 "$runs"); do
  stamp "$i"
  mvn -B -q -o surefire:test -pl example-suites -Dcontainermatrix.backend=native \
    -Dcontainermatrix.archive.dir="$archive" -Dcontainermatrix.report.dir="$work/report-$i" >/dev/null 2>&1 || true
  [ "$i" -eq 1 ] && first=$(blob_bytes)
done
last=$(blob_bytes)
python3 - "$work" "$runs" "$first" "$last" <<'PY'
import json, sys, pathlib
work, runs, first, last = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def classes_layers(i):
    report = json.loads((work / f"report-{i}" / "report.json").read_text())
    return {l["digest"]: l["sizeBytes"] for v in report["variants"] for l in v["layers"] if l["role"] == "classes"}
seen = classes_layers(1)
changed = 0
for i in range(2, runs + 1):
    for digest, size in classes_layers(i).items():
        if digest not in seen:
            seen[digest] = size
            changed += size
bound = 1.1 * first + changed
print(json.dumps({"benchmark": "archive-growth", "runs": runs, "firstRunBlobBytes": first, "lastRunBlobBytes": last,
                  "changedLayerBytes": changed, "boundBytes": int(bound), "ratioToBound": round(last / bound, 3),
                  "withinBound": last <= bound}))
PY
