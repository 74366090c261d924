/**
 * Expansion of a matrix into variants: product, include/exclude as GitHub Actions does it,
 * pairwise.
 */
@NullMarked
package dev.containermatrix.engine.expand;

import org.jspecify.annotations.NullMarked;
