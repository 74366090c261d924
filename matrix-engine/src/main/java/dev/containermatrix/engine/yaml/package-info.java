/**
 * Reading matrix files written in YAML into the matrix model, with errors that name file, line and
 * key.
 */
@NullMarked
package dev.containermatrix.engine.yaml;

import org.jspecify.annotations.NullMarked;
