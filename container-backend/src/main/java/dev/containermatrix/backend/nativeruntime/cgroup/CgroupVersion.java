package dev.containermatrix.backend.nativeruntime.cgroup;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Which cgroup hierarchy a controller is mounted in. */
@API(status = INTERNAL, since = "0.1")
public enum CgroupVersion {
  /** cgroup v1: one hierarchy per controller (or per group of co-mounted controllers). */
  LEGACY,
  /** cgroup v2: one hierarchy for all controllers. */
  UNIFIED
}
