/**
 * What an archived run records, when a run is archived, and what a replay asks for; writing a
 * finished run into the run archive ({@link dev.containermatrix.engine.archive.RunArchiver}), and
 * bringing an archived run back for a replay ({@link
 * dev.containermatrix.engine.archive.ReplaySource}).
 */
@NullMarked
package dev.containermatrix.engine.archive;

import org.jspecify.annotations.NullMarked;
