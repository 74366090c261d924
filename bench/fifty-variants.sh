#!/usr/bin/env bash
# Disk cost of 50 variants that differ in one library (slf4j-api), on the native backend, with a fresh
# layer store: the physical bytes of the store against the shared layers plus every variant's own top
# layer. Prints JSON. Needs root (or user namespaces) and network for the 50 slf4j-api versions once.
# Usage: bench/fifty-variants.sh
set -euo pipefail
cd "$(dirname "$0")/.."
store=$(mktemp -d /var/tmp/cm-bench-store-XXXXXX)
trap 'rm -rf "$store"' EXIT
mvn -B -q install -DskipTests >/dev/null
if ! mvn -B test -pl example-suites -Dtest=FiftyVariantsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcontainermatrix.store="$store" > "$store.log" 2>&1; then
  echo "the benchmark run failed; the end of its log:" >&2
  tail -40 "$store.log" >&2
  exit 1
fi
rm -f "$store.log"
report=example-suites/target/containermatrix/report.json
physical=$(du -sb "$store/layers" | cut -f1)
python3 - "$report" "$physical" <<'PY'
import json, sys
report = json.load(open(sys.argv[1])); physical = int(sys.argv[2])
variants = [v for v in report["variants"] if v["class"].endswith("FiftyVariantsBenchmark")]
shared, tops = {}, 0
for v in variants:
    for layer in v["layers"]:
        if layer["role"] == "variant-jars":
            tops += layer["sizeBytes"]
        else:
            shared[layer["digest"]] = layer["sizeBytes"]
shared_bytes = sum(shared.values())
bound = shared_bytes + tops + physical // 100
print(json.dumps({"benchmark": "fifty-variants-one-library", "variants": len(variants),
    "passed": sum(1 for v in variants if v["status"] == "PASSED"),
    "sharedLayersBytes": shared_bytes, "topLayersBytes": tops, "storePhysicalBytes": physical,
    "logicalBytes": report["disk"]["logicalBytes"], "boundBytes": bound, "withinBound": physical <= bound}))
PY
