/**
 * The native backend: each container is a set of Linux namespaces (mount, pid, uts, ipc, net, and
 * user when rootless) over an overlay of read-only layers with a private upper directory, made by
 * util-linux {@code unshare} and {@code mount}, with limits from cgroups and rlimits.
 */
@NullMarked
package dev.containermatrix.backend.nativeruntime;

import org.jspecify.annotations.NullMarked;
