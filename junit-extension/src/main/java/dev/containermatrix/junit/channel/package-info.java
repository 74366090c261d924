/**
 * The host's end of the event channel: reads the agent's JSON lines and rebuilds remote failures.
 */
@NullMarked
package dev.containermatrix.junit.channel;

import org.jspecify.annotations.NullMarked;
