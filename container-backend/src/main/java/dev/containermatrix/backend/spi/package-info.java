/**
 * The container runtime SPI: what a backend is given (a {@link
 * dev.containermatrix.backend.spi.ContainerSpec}) and what it hands back (a {@link
 * dev.containermatrix.backend.spi.ContainerHandle}).
 */
@NullMarked
package dev.containermatrix.backend.spi;

import org.jspecify.annotations.NullMarked;
