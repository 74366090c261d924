/**
 * The junit-extension jar's command line ({@code java -jar junit-extension.jar <command>}): the
 * archive commands and {@code merge-reports}.
 */
@NullMarked
package dev.containermatrix.junit.command;

import org.jspecify.annotations.NullMarked;
