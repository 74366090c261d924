#!/usr/bin/env bash
# The example matrix end to end (27 variants, 96 testcases: `mvn test` of example-suites),
# native vs process backend, alternating, in the same run. Prints JSON. Native needs root or user namespaces.
# Usage: bench/example-matrix.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
mvn -B -q -o install -DskipTests >/dev/null
run() { # backend -> "wall_ms cpu_ms"
  local start end
  start=$(date +%s%N)
  local cpu
  cpu=$( { /usr/bin/time -f "%U %S" mvn -B -q -o test -pl example-suites -Dcontainermatrix.backend="$1" >/dev/null; } 2>&1 | tail -1)
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(echo "$cpu" | awk '{printf "%d", ($1 + $2) * 1000}')"
}
native=(); process=()
for i in $(seq 1 "$rounds"); do
  native+=("$(run native)")
  process+=("$(run process)")
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
nw=$(printf '%s\n' "${native[@]}" | awk '{print $1}' | median); nc=$(printf '%s\n' "${native[@]}" | awk '{print $2}' | median)
pw=$(printf '%s\n' "${process[@]}" | awk '{print $1}' | median); pc=$(printf '%s\n' "${process[@]}" | awk '{print $2}' | median)
printf '{"benchmark":"example-matrix-end-to-end","variants":27,"testcases":96,"rounds":%d,"native":{"medianWallMs":%d,"medianCpuMs":%d},"process":{"medianWallMs":%d,"medianCpuMs":%d},"nativeOverProcessWall":%.2f}\n' \
  "$rounds" "$nw" "$nc" "$pw" "$pc" "$(echo "$nw $pw" | awk '{print $1/$2}')"
