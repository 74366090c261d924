/**
 * The run archive: finished runs kept as one shared OCI image layout (a manifest per variant, each
 * blob once) with their run records, verified when read, exportable for {@code docker load}, pruned
 * by retention.
 */
@NullMarked
package dev.containermatrix.backend.archive;

import org.jspecify.annotations.NullMarked;
