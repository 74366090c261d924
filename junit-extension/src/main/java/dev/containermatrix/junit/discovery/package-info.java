/**
 * Reads {@code @ContainerMatrix} classes into the matrix model and resolves JUnit selectors to the
 * engine's tree.
 */
@NullMarked
package dev.containermatrix.junit.discovery;

import org.jspecify.annotations.NullMarked;
