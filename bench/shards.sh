#!/usr/bin/env bash
# The cost and balance of shards (containermatrix.shard=k/n): the 64 variants of ShardsBenchmark
# (each sleeps its own 0.2–3.35 s) on the process backend, 2 at a time, run whole, then as 2 and as
# 4 shards one after the other, first without timings, then with the whole run's report.json as
# containermatrix.shard.timings. Each run is one JUnit console launcher JVM (no Maven in the timed
# part); its wall time is measured around it. The runs use a store of their own, so that their
# admission slots are not shared with other builds on the host. Prints JSON:
#   sumOverOne      the shards' wall times added up / the whole run's (target <= 1.15)
#   slowestOverMean the slowest shard's wall time / the mean shard's (target with timings <= 1.15)
# Usage: bench/shards.sh   (about 7 minutes on 2 cores; packages through the reactor, installs nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /var/tmp/cm-bench-shards-XXXXXX)
trap 'rm -rf "$work"' EXIT
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml | head -1)
launcher=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit/junit-platform-console-standalone-$junit.jar
[[ -f $launcher ]] || mvn -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:"$junit" >/dev/null
# package (not install): example-suites' classpath then has junit-extension's shaded jar from its target/
mvn -B -o -q package dependency:build-classpath -DskipTests -Dexec.skip=true \
  -pl container-backend,matrix-engine,junit-extension,example-suites \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; exit 1; }
cp=$PWD/example-suites/target/test-classes:$PWD/example-suites/target/classes:$(cat "$work/cp.txt")

# run <name> [--config key=value]...: one launcher JVM; prints its wall time in ms
run() {
  local name=$1; shift
  local start end
  start=$(date +%s%N)
  if ! (cd example-suites && java -Dbasedir="$PWD" -jar "$launcher" execute --class-path "$cp" \
      --select-class dev.containermatrix.examples.bench.ShardsBenchmark --disable-banner \
      --details=none --config containermatrix.backend=process --config containermatrix.parallelism=2 \
      --config containermatrix.archive=off --config containermatrix.report.dir="$work/$name" \
      --config containermatrix.store="$work/store" "$@" \
      >"$work/$name.log" 2>&1); then
    echo "run $name failed; the end of its log:" >&2
    tail -40 "$work/$name.log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

one=$(run one)
declare -A wall
for timed in no yes; do
  for n in 2 4; do
    for ((k = 1; k <= n; k++)); do
      extra=()
      [[ $timed == yes ]] && extra=(--config containermatrix.shard.timings="$work/one/report.json")
      wall[$timed-$n-$k]=$(run "$timed-$n" --config containermatrix.shard="$k/$n" "${extra[@]}")
    done
  done
done

python3 - "$one" "$work" "$(for key in "${!wall[@]}"; do echo "$key=${wall[$key]}"; done)" <<'PY'
import json, sys, glob, os
one = int(sys.argv[1]); work = sys.argv[2]
walls = dict(line.split("=") for line in sys.argv[3].split())
whole = json.load(open(os.path.join(work, "one", "report.json")))
out = {"benchmark": "shards", "variants": 64, "backend": "process", "parallelism": 2, "oneRunMs": one,
       "oneRunVariantMs": sum(v["durationMillis"] for v in whole["variants"])}
for timed in ("no", "yes"):
    for n in (2, 4):
        ms = [int(walls[f"{timed}-{n}-{k}"]) for k in range(1, n + 1)]
        ran, busy = [], []
        for k in range(1, n + 1):
            report = json.load(open(os.path.join(work, f"{timed}-{n}", f"report-{k}-of-{n}.json")))
            ran.append(len(report["variants"]))
            busy.append(sum(v["durationMillis"] for v in report["variants"]))
        mean = sum(ms) / n
        out[f"{n}shards{'Timed' if timed == 'yes' else ''}"] = {
            "shardMs": ms, "variantsPerShard": ran, "variantMsPerShard": busy,
            "sumOverOne": round(sum(ms) / one, 3), "slowestOverMean": round(max(ms) / mean, 3)}
print(json.dumps(out))
PY
