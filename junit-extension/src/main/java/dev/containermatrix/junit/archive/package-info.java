/** Writes a finished run into the run archive, and brings an archived run back for a replay. */
@NullMarked
package dev.containermatrix.junit.archive;

import org.jspecify.annotations.NullMarked;
