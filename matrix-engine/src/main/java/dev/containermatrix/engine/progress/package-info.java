/**
 * Console progress while variants run: the line of each finished variant, the periodic summary with
 * its estimate of the time left, the {@code containermatrix.progress} setting, and whether the
 * build asked to be quiet.
 */
@NullMarked
package dev.containermatrix.engine.progress;

import org.jspecify.annotations.NullMarked;
