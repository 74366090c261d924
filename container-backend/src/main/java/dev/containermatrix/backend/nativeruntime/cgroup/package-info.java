/**
 * Cgroup limits and memory accounting for native containers: a probe of what this host's cgroup v1,
 * v2 or hybrid layout can enforce, one interface per controller with a {@code Legacy*} (v1) and a
 * {@code Unified*} (v2) class picked by {@code CgroupHierarchy}, and the reaper of cgroups that
 * dead runs left behind.
 */
@NullMarked
package dev.containermatrix.backend.nativeruntime.cgroup;

import org.jspecify.annotations.NullMarked;
