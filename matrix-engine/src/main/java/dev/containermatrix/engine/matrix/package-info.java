/**
 * The matrix model: axes, their values, include/exclude rules and strategy, as immutable records.
 */
@NullMarked
package dev.containermatrix.engine.matrix;

import org.jspecify.annotations.NullMarked;
