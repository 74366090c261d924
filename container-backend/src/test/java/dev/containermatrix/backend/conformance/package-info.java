/**
 * The conformance suite every container runtime passes, and its run for each backend of this
 * module.
 */
@NullMarked
package dev.containermatrix.backend.conformance;

import org.jspecify.annotations.NullMarked;
