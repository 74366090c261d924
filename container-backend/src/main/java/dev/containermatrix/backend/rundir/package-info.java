/**
 * Short-lived run directories owned by one host process, and the reaper that removes what dead
 * owners left behind.
 */
@NullMarked
package dev.containermatrix.backend.rundir;

import org.jspecify.annotations.NullMarked;
