/**
 * The OCI image format's content addressing: the sha256 {@link
 * dev.containermatrix.backend.oci.Digest}, and streams that hash or verify what passes through
 * them.
 */
@NullMarked
package dev.containermatrix.backend.oci;

import org.jspecify.annotations.NullMarked;
