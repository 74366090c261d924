#!/usr/bin/env bash
# The same N-class suite over 2 commons-lang3 versions x JDK 17 and 25 (4 cells), run three ways:
#   suite   - one suite matrix (@SelectPackages + @ContainerMatrix): one container per cell;
#   classes - N class matrices (every class annotated): N containers per cell;
#   percell - plain `mvn test` once per cell with the version and JAVA_HOME switched, what users do
#             without ContainerMatrix.
# Each way runs in a cgroup of its own, so its CPU time is that of everything it started (Maven, the
# forked JVMs, the containers). Each way is warmed up once (layer store, class-data archives), then the
# three alternate, REPEATS times. Native backend, archive off. Prints JSON.
# Needs root (the native backend and the benchmark's cgroups) and network once for commons-lang3.
# Usage: bench/suite-three-ways.sh [CLASSES] [REPEATS]   (defaults 20 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
classes="${1:-20}"
repeats="${2:-3}"
tests_per_class=5
versions=(3.17.0 3.18.0)
jdk17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
jdk25=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)
if [ -z "$jdk25" ] || [ ! -x "$jdk25/bin/java" ]; then
  echo "no JDK 25 under /usr/lib/jvm; the benchmark's JDK axis needs it" >&2
  exit 1
fi
# Each way's CPU time: cgroup v2's cpu.stat, or cgroup v1's cpuacct.usage.
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  cg_root=/sys/fs/cgroup
  cpu_usec() { awk '$1 == "usage_usec" {print $2}' "$1/cpu.stat"; }
elif [ -f /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then
  cg_root=/sys/fs/cgroup/cpuacct
  cpu_usec() { echo $(( $(cat "$1/cpuacct.usage") / 1000 )); }
else
  echo "needs cgroup v2 at /sys/fs/cgroup or v1's cpuacct at /sys/fs/cgroup/cpuacct to measure CPU" >&2
  exit 1
fi
work=$(mktemp -d /var/tmp/cm-bench-suites-XXXXXX)
results="$work/results.txt"
cleanup() {
  for way in suite classes percell; do rmdir "$cg_root/cm-bench-$way-$$" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A local repository of the benchmark's own, so installing HEAD here touches no other build's.
repo="$work/repo"
mkdir -p "$repo"
(cd "$HOME/.m2/repository" && tar --exclude=./dev/containermatrix -cf - .) | tar -C "$repo" -xf -
if ! mvn -B -q install -DskipTests -Dmaven.repo.local="$repo" > "$work/install.log" 2>&1; then
  echo "installing HEAD failed; the end of its log:" >&2
  tail -30 "$work/install.log" >&2
  exit 1
fi
version=$(python3 -c 'import re,sys; print(re.search(r"<version>([^<]+)</version>", open("pom.xml").read().split("</parent>")[-1]).group(1))')
for v in "${versions[@]}"; do
  mvn -B -q dependency:get -Dartifact="org.apache.commons:commons-lang3:$v" -Dmaven.repo.local="$repo" >/dev/null
done

# --- the three projects -------------------------------------------------------------------------
pom() { # dir, extra dependencies
  mkdir -p "$1"
  cat > "$1/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$(basename "$1")</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <lang3.version>${versions[-1]}</lang3.version>
  </properties>
  <dependencyManagement><dependencies><dependency>
    <groupId>org.junit</groupId><artifactId>junit-bom</artifactId><version>6.1.3</version>
    <type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId><version>\${lang3.version}</version></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
    $2
  </dependencies>
  <build><plugins>
    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
  </plugins></build>
</project>
EOF
}
matrix_dependency="<dependency><groupId>dev.containermatrix</groupId><artifactId>junit-extension</artifactId><version>$version</version><scope>test</scope></dependency>"
axes="@dev.containermatrix.junit.ContainerMatrix(timeout = \"10m\")
@dev.containermatrix.junit.LibraryAxis(artifact = \"org.apache.commons:commons-lang3\", versions = {\"${versions[0]}\", \"${versions[1]}\"})
@dev.containermatrix.junit.JdkAxis({\"17\", \"25\"})"
member() { # dir, class name, annotations
  local file="$1/src/test/java/bench/members/$2.java"
  mkdir -p "$(dirname "$file")"
  {
    echo "package bench.members;"
    echo "import static org.junit.jupiter.api.Assertions.assertEquals;"
    echo "import org.apache.commons.lang3.StringUtils;"
    echo "import org.junit.jupiter.api.Test;"
    echo "$3"
    echo "public class $2 {"
    for t in $(seq 1 "$tests_per_class"); do
      echo "  @Test void case$t() {"
      echo "    StringBuilder text = new StringBuilder();"
      echo "    for (int i = 0; i < 2000; i++) { text.append(StringUtils.capitalize(\"word\" + (i % 97))).append(' '); }"
      echo "    assertEquals(2000, StringUtils.countMatches(text, ' '));"
      echo "    assertEquals(\"drow\", StringUtils.reverse(\"word\"));"
      echo "  }"
    done
    echo "}"
  } > "$file"
}
pom "$work/suite" "$matrix_dependency
    <dependency><groupId>org.junit.platform</groupId><artifactId>junit-platform-suite-api</artifactId><scope>test</scope></dependency>"
pom "$work/classes" "$matrix_dependency"
pom "$work/percell" ""
for i in $(seq 1 "$classes"); do
  member "$work/suite" "Member${i}Check" ""
  member "$work/classes" "Member${i}Test" "$axes"
  member "$work/percell" "Member${i}Test" ""
done
mkdir -p "$work/suite/src/test/java/bench"
cat > "$work/suite/src/test/java/bench/MembersSuiteTest.java" <<EOF
package bench;
@org.junit.platform.suite.api.SelectPackages("bench.members")
@org.junit.platform.suite.api.IncludeClassNamePatterns(".*Check")
$axes
class MembersSuiteTest {}
EOF

store="$work/store"
matrix_flags=("-Dmaven.repo.local=$repo" -Dcontainermatrix.backend=native -Dcontainermatrix.archive=off "-Dcontainermatrix.store=$store")

# --- running a way in a cgroup of its own ---------------------------------------------------------
in_cgroup() { # way, command... -> prints "usage_usec wall_ms"
  local cg="$cg_root/cm-bench-$1-$$"; shift
  mkdir -p "$cg"
  local start end
  start=$(date +%s%N)
  ( echo $BASHPID > "$cg/cgroup.procs"; "$@" )
  end=$(date +%s%N)
  echo "$(cpu_usec "$cg") $(( (end - start) / 1000000 ))"
}
way_suite() { (cd "$work/suite" && mvn -B -q -o test "${matrix_flags[@]}" > "$work/suite.log" 2>&1); }
way_classes() { (cd "$work/classes" && mvn -B -q -o test "${matrix_flags[@]}" > "$work/classes.log" 2>&1); }
way_percell() {
  local status=0
  for v in "${versions[@]}"; do
    for home in "$jdk17" "$jdk25"; do
      (cd "$work/percell" && JAVA_HOME="$home" mvn -B -q -o test -Dlang3.version="$v" -Dmaven.repo.local="$repo" \
          > "$work/percell-$v-$(basename "$home").log" 2>&1) || status=1
    done
  done
  return $status
}
tests_of() { # a report.json -> "containers tests"
  python3 - "$1" <<'PY'
import json, sys
variants = json.load(open(sys.argv[1]))["variants"]
print(len(variants), sum(v["tests"]["passed"] + v["tests"]["failed"] + v["tests"]["skipped"] for v in variants))
PY
}
run_way() { # way -> appends "way cpu_usec wall_ms containers tests"
  local way="$1" measured
  rmdir "$cg_root/cm-bench-$way-$$" 2>/dev/null || true
  if ! measured=$(in_cgroup "$way" "way_$way"); then
    echo "the $way way failed; see the logs in $work" >&2
    tail -30 "$work/$way"*.log >&2
    trap - EXIT
    exit 1
  fi
  if [ "$way" = percell ]; then
    local tests
    tests=$(cat "$work"/percell/target/surefire-reports/TEST-*.xml | grep -o 'tests="[0-9]*"' | cut -d'"' -f2 | paste -sd+ | bc)
    # the last cell's reports are on disk; every cell runs the same tests
    echo "$way $measured 0 $(( tests * 4 ))" >> "$results"
  else
    echo "$way $measured $(tests_of "$work/$way/target/containermatrix/report.json")" >> "$results"
  fi
}

for way in suite classes percell; do run_way "$way"; done   # warm-up
cat "$results" >&2
: > "$results"
load_before=$(cut -d' ' -f1 /proc/loadavg)
for _ in $(seq 1 "$repeats"); do
  for way in suite classes percell; do run_way "$way"; done
done
load_after=$(cut -d' ' -f1 /proc/loadavg)
echo "raw (way cpu_usec wall_ms containers tests):" >&2
cat "$results" >&2
python3 - "$results" "$classes" "$tests_per_class" "$repeats" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
classes, per_class, repeats = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
out = {"benchmark": "suite-three-ways",
       "workload": f"{classes} classes x {per_class} tests, commons-lang3 2 versions x JDK 17/25 (4 cells)",
       "repeats": repeats, "hostLoadAverage": [float(sys.argv[5]), float(sys.argv[6])],
       "unit": "median CPU seconds of the way's cgroup (Maven, forked JVMs, containers) and median wall seconds"}
for way in ("suite", "classes", "percell"):
    mine = [r for r in rows if r[0] == way]
    out[way] = {"cpuSeconds": round(statistics.median(int(r[1]) for r in mine) / 1e6, 1),
                "wallSeconds": round(statistics.median(int(r[2]) for r in mine) / 1e3, 1),
                "containersStarted": int(mine[0][3]), "testsRun": int(mine[0][4]),
                "cpuRuns": [round(int(r[1]) / 1e6, 1) for r in mine]}
for way in ("classes", "percell"):
    out[way]["cpuOverSuite"] = round(out[way]["cpuSeconds"] / out["suite"]["cpuSeconds"], 2)
    out[way]["wallOverSuite"] = round(out[way]["wallSeconds"] / out["suite"]["wallSeconds"], 2)
print(json.dumps(out))
PY
