/**
 * The process backend: a plain host JVM per container, without isolation, for hosts that have
 * neither the native runtime nor Docker.
 */
@NullMarked
package dev.containermatrix.backend.process;

import org.jspecify.annotations.NullMarked;
