/**
 * report.html: one self-contained page rendered from a report.json tree (a run's, or one merged
 * from several runs or shards), with a heatmap of each class's or suite's variants.
 */
@NullMarked
package dev.containermatrix.engine.html;

import org.jspecify.annotations.NullMarked;
