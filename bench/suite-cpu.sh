#!/usr/bin/env bash
# CPU of a suite of real size in a variant against the same selection in a plain JUnit JVM, the JVM a
# Surefire fork is: commons-text 1.15.0's published tests (about 1,800) against commons-lang3 3.22.0,
# on JDK 17 and on JDK 25. The variant's CPU is report.json's cpuMillis (its container's processes);
# the plain JVM's is the user+system time of the `java` that runs JUnit's ConsoleLauncher with the
# suite's selectors and filters, on the same test classpath (without ContainerMatrix), in the same
# working directory (the unpacked fixtures). One variant at a time; the two sides alternate, REPEATS
# times after a warm-up each. Native backend, archive off, classData auto. Prints JSON.
# Needs root (the native backend) and the example-suites build (it runs `mvn install` first).
# Usage: bench/suite-cpu.sh [REPEATS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-3}"
lang3=3.22.0
jdk17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
jdk25=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)
work=$(mktemp -d /var/tmp/cm-bench-suite-cpu-XXXXXX)
trap 'rm -rf "$work"' EXIT
results="$work/results.txt"

mvn -B -q install -DskipTests >/dev/null
# the fixtures (the tests' working directory) and the test classpath, as the example builds them
mvn -B -q -o generate-test-resources -pl example-suites >/dev/null
mvn -B -q -o dependency:build-classpath -pl example-suites -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
mvn -B -q -o dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:6.1.3 >/dev/null 2>&1 || \
  mvn -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:6.1.3 >/dev/null
console=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/6.1.3/junit-platform-console-standalone-6.1.3.jar
workdir=$(pwd)/example-suites/target/commons-text
# the plain JVM's classpath: the module's test classpath without ContainerMatrix (and the JNA it
# brings), with the host's commons-lang3 replaced by the variant's version
plain_cp=$(tr ':' '\n' < "$work/classpath.txt" | grep -v -e '/dev/containermatrix/' -e '/net/java/dev/jna/' \
  | sed "s#/commons-lang3/[^/]*/commons-lang3-[^/]*\.jar#/commons-lang3/$lang3/commons-lang3-$lang3.jar#" | paste -sd:)
plain_cp="$(pwd)/example-suites/target/test-classes:$(pwd)/example-suites/target/classes:$plain_cp"

plain() { # jdk home -> appends "plain <feature> <cpu ms> <tests>"
  local home="$1" feature out
  feature=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}')
  out="$work/plain-$feature.log"
  ( cd "$workdir"
    "$home/bin/java" -jar "$console" execute --disable-banner --details=summary --class-path "$plain_cp" \
      --select-package org.apache.commons.text --include-classname '.*Test' \
      --exclude-classname '.*\.lookup\.UrlStringLookupTest' \
      --exclude-classname '.*\.lookup\.ScriptStringLookupTest' \
      --exclude-classname '.*\.StringSubstitutorWithInterpolatorStringLookupTest' > "$out" 2>&1 || true
    times > "$out.times" )
  # the second line of `times` is the children's user and system time, e.g. 1m2.500s 0m3.250s
  local cpu tests
  cpu=$(sed -n 2p "$out.times" | python3 -c 'import re,sys; print(round(sum(int(m)*60000+float(s)*1000 for m,s in re.findall(r"(\d+)m([\d.]+)s", sys.stdin.read()))))')
  tests=$(grep -E '^\[ +[0-9]+ tests successful' "$out" | grep -oE '[0-9]+' | head -1)
  echo "plain $feature $cpu ${tests:-?}" >> "$results"
}
variant() { # jdk feature -> appends "variant <feature> <cpu ms> <tests passed>"
  local feature="$1"
  if ! mvn -B -q -o surefire:test@published-suite -pl example-suites \
      -Dcontainermatrix.variants="commons-lang3=$lang3,jdk=$feature" -Dcontainermatrix.parallelism=1 \
      -Dcontainermatrix.archive=off -Dcontainermatrix.backend=native > "$work/variant-$feature.log" 2>&1; then
    echo "the variant run failed; the end of its log:" >&2
    tail -30 "$work/variant-$feature.log" >&2
    exit 1
  fi
  python3 - example-suites/target/containermatrix/report.json "$feature" >> "$results" <<'PY'
import json, sys
for v in json.load(open(sys.argv[1]))["variants"]:
    if v["class"].endswith("CommonsTextCompatibilityTest") and v["values"]["jdk"] == sys.argv[2]:
        print("variant", sys.argv[2], v.get("cpuMillis"), v["tests"]["passed"])
PY
}

for home in "$jdk17" "$jdk25"; do plain "$home"; done
variant 17; variant 25
: > "$results"
load_before=$(cut -d' ' -f1 /proc/loadavg)
for _ in $(seq 1 "$repeats"); do
  plain "$jdk17"; variant 17; plain "$jdk25"; variant 25
done
load_after=$(cut -d' ' -f1 /proc/loadavg)
cat "$results" >&2
python3 - "$results" "$repeats" "$load_before" "$load_after" "$lang3" <<'PY'
import json, statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
out = {"benchmark": "suite-cpu-variant-vs-plain-jvm",
       "workload": f"commons-text 1.15.0 tests jar (its suite's selection), commons-lang3 {sys.argv[5]}",
       "repeats": int(sys.argv[2]), "hostLoadAverage": [float(sys.argv[3]), float(sys.argv[4])],
       "unit": "median CPU ms: the variant's container (report.json cpuMillis) and the plain JVM (user+sys)",
       "target": "variant <= 1.05 x plain"}
for jdk in ("17", "25"):
    plain = [int(r[2]) for r in rows if r[0] == "plain" and r[1] == jdk]
    variant = [int(r[2]) for r in rows if r[0] == "variant" and r[1] == jdk]
    out["jdk" + jdk] = {"plainMs": plain, "variantMs": variant,
        "plainTests": sorted({r[3] for r in rows if r[0] == "plain" and r[1] == jdk}),
        "variantTestsPassed": sorted({r[3] for r in rows if r[0] == "variant" and r[1] == jdk}),
        "medianPlainMs": statistics.median(plain), "medianVariantMs": statistics.median(variant),
        "variantOverPlain": round(statistics.median(variant) / statistics.median(plain), 3)}
    out["jdk" + jdk]["targetMet"] = out["jdk" + jdk]["variantOverPlain"] <= 1.05
print(json.dumps(out))
PY
