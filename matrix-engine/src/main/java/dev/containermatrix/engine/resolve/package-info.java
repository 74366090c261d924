/**
 * Resolution of what a variant needs from the host: Maven artifacts, the variant's classpath and
 * JDKs.
 */
@NullMarked
package dev.containermatrix.engine.resolve;

import org.jspecify.annotations.NullMarked;
