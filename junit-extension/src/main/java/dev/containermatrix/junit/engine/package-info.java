/**
 * The {@code container-matrix} TestEngine: its tree of classes, variants and mirrored tests, and
 * their execution.
 */
@NullMarked
package dev.containermatrix.junit.engine;

import org.jspecify.annotations.NullMarked;
