/**
 * What this host can do for the native runtime: root or rootless, user namespaces, overlayfs and
 * the util-linux and iproute2 tools it needs.
 */
@NullMarked
package dev.containermatrix.backend.nativeruntime.probe;

import org.jspecify.annotations.NullMarked;
