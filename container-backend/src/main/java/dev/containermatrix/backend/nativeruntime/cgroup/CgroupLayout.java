package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The cgroup file systems a host mounts. */
@API(status = INTERNAL, since = "0.1")
public enum CgroupLayout {
  /** No cgroup file system is mounted (or the mount table could not be read). */
  NONE,
  /** Only cgroup v1 hierarchies. */
  V1,
  /** Only the cgroup v2 hierarchy. */
  V2,
  /** cgroup v1 hierarchies plus a cgroup2 mount, usually {@code /sys/fs/cgroup/unified}. */
  HYBRID
}
