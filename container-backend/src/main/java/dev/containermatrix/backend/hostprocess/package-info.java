/**
 * Containers whose root process is a process of this host (the process and native backends):
 * starting it, its timeout and cancel, killing its whole process tree, and the shutdown hook that
 * ends what still runs.
 */
@NullMarked
package dev.containermatrix.backend.hostprocess;

import org.jspecify.annotations.NullMarked;
