/**
 * The user-facing API of ContainerMatrix: {@link dev.containermatrix.junit.ContainerMatrix} and its
 * axis annotations, and {@link dev.containermatrix.junit.Variant}, which a test method takes as a
 * parameter.
 */
@NullMarked
package dev.containermatrix.junit;

import org.jspecify.annotations.NullMarked;
