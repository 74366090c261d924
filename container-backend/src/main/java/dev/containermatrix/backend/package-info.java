/** Choosing the container runtime that the {@code containermatrix.backend} key asks for. */
@NullMarked
package dev.containermatrix.backend;

import org.jspecify.annotations.NullMarked;
