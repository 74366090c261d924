#!/usr/bin/env bash
# The Docker backend's client choice, measured: N cycles of create+start+wait+remove of /bin/true
# (network mode none) through backend.docker's client, the docker CLI (docker run --rm, and
# create/start/wait/rm as four commands) and, given its classpath, docker-java; prints JSON lines.
# Needs a Docker engine at DOCKER_HOST or /var/run/docker.sock.
# Usage: bench/docker-client.sh [N] [DOCKER_JAVA_DIR]
#   N                cycles measured per client (default 20)
#   DOCKER_JAVA_DIR  a built Maven project whose bench.DockerJavaCycle main runs the same cycle with
#                    docker-java (not part of this repository: it would add docker-java to no module)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
docker_java=${2:-}
image=cmbench/true:$$

rootfs=$(mktemp -d /tmp/cm-docker-bench.XXXXXX)
trap 'docker rmi -f "$image" >/dev/null 2>&1 || true; rm -rf "$rootfs"' EXIT
# /bin/true and the libraries ldd finds for it: an image of a few MiB, made here (no registry)
mkdir -p "$rootfs/bin"
cp "$(readlink -f /bin/true)" "$rootfs/bin/true"
for lib in $(ldd /bin/true | grep -o '/[^ ]*'); do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp "$(readlink -f "$lib")" "$rootfs$lib"
done
tar -C "$rootfs" -cf - . | docker import --change 'LABEL dev.containermatrix.test=true' - "$image" >/dev/null

dependencies() { # a Maven project's runtime classpath, built offline
  (cd "$1" && mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$rootfs/cp" >/dev/null)
  cat "$rootfs/cp"
}
(mvn -B -q -o -Dstyle.color=never test-compile -pl container-backend -am >/dev/null)
classpath="container-backend/target/test-classes:container-backend/target/classes:$(dependencies container-backend)"
java ${JAVA_OPTS:-} -cp "$classpath" dev.containermatrix.backend.docker.DockerClientBenchmark "$image" "$n"
if [ -n "$docker_java" ]; then
  (cd "$docker_java" && mvn -B -q -o -Dstyle.color=never compile >/dev/null)
  djcp="$docker_java/target/classes:$(dependencies "$docker_java")"
  java ${JAVA_OPTS:-} -cp "$djcp" bench.DockerJavaCycle "$image" "$n"
fi
