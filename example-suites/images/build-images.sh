#!/usr/bin/env bash
# Builds the example base images, Debian bullseye and bookworm (minbase + zlib1g), from Debian's
# archive with debootstrap, as OCI image layouts in OUT, and writes the matrix file that uses them.
# Where debootstrap or root is missing it writes a matrix whose one variant says why, and the
# example's tests are skipped with that reason (under CI=true it fails instead).
# Usage: build-images.sh OUT MATRIX_FILE
set -euo pipefail
out="$1"
matrix="$2"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$out" "$(dirname "$matrix")"

why=""
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || why="debootstrap is not installed (apt-get install debootstrap)"
[ -z "$why" ] && [ "$(id -u)" != 0 ] && why="debootstrap needs root to build the Debian base images"
if [ -n "$why" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "[example images] cannot build the Debian base images: $why" >&2
    exit 1
  fi
  echo "[example images] skipping the Debian base images: $why"
  cat > "$matrix" <<YAML
axes:
  - jdk: ["25"]
include:
  - {jdk: "25", skipped: "$why"}
YAML
  exit 0
fi

for suite in bullseye bookworm; do
  layout="$out/$suite"
  if [ -f "$layout/index.json" ]; then
    echo "[example images] $suite: $layout is there"
    continue
  fi
  work=$(mktemp -d "$out/.build-$suite-XXXXXX")
  echo "[example images] debootstrap $suite (minbase + zlib1g) from $mirror"
  if ! PATH="$PATH:/usr/sbin:/sbin" debootstrap --variant=minbase --include=zlib1g "$suite" "$work/rootfs" "$mirror" \
      > "$work/debootstrap.log" 2>&1; then
    echo "[example images] debootstrap $suite failed; the end of $work/debootstrap.log:" >&2
    tail -20 "$work/debootstrap.log" >&2
    exit 1
  fi
  # one reproducible layer: sorted, fixed mtime, root-owned, no device nodes (the runtime gives /dev)
  tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner --exclude='./dev/*' --exclude='./proc/*' \
      --exclude='./sys/*' --exclude='./var/cache/apt/*' -C "$work/rootfs" -cf "$work/layer.tar" .
  diffid=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  gzip -n -1 "$work/layer.tar"
  mkdir -p "$work/layout/blobs/sha256"
  blob() { local hex; hex=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$work/layout/blobs/sha256/$hex"; echo "$hex"; }
  layer=$(blob "$work/layer.tar.gz"); layer_size=$(stat -c %s "$work/layer.tar.gz")
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
      "$diffid" > "$work/config.json"
  config=$(blob "$work/config.json"); config_size=$(stat -c %s "$work/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
      "$config" "$config_size" "$layer" "$layer_size" > "$work/manifest.json"
  manifest=$(blob "$work/manifest.json"); manifest_size=$(stat -c %s "$work/manifest.json")
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
      "$manifest" "$manifest_size" "$suite" > "$work/layout/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$work/layout/oci-layout"
  rm -rf "$layout"
  mv "$work/layout" "$layout"
  rm -rf "$work"
  echo "[example images] $suite: $layout (layer sha256:$diffid)"
done

cat > "$matrix" <<YAML
# Written by images/build-images.sh: the same tests on two Debian releases. The JDK is bound in from
# the host and runs on each image's own C library; the includes carry what each release ships.
axes:
  - jdk: ["25"]
  - base: ["oci-layout:target/images/bullseye", "oci-layout:target/images/bookworm"]
include:
  - {base: "oci-layout:target/images/bullseye", zlib: "1.2.11", glibc: "2.31"}
  - {base: "oci-layout:target/images/bookworm", zlib: "1.2.13", glibc: "2.36"}
YAML
