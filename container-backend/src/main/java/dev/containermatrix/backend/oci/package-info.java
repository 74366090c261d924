/**
 * The OCI image format: its content addressing (the sha256 {@link
 * dev.containermatrix.backend.oci.Digest}, and streams that hash or verify what passes through
 * them) and its documents, one set of Jackson-bound records that image sources and the archive
 * share.
 */
@NullMarked
package dev.containermatrix.backend.oci;

import org.jspecify.annotations.NullMarked;
