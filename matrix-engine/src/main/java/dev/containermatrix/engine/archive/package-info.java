/** What an archived run records, when a run is archived, and what a replay asks for. */
@NullMarked
package dev.containermatrix.engine.archive;

import org.jspecify.annotations.NullMarked;
