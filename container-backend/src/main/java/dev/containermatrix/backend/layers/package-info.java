/**
 * Content-addressed filesystem layers: reproducible layer tars, and the store that unpacks each
 * layer once into a read-only directory for overlayfs.
 */
@NullMarked
package dev.containermatrix.backend.layers;

import org.jspecify.annotations.NullMarked;
