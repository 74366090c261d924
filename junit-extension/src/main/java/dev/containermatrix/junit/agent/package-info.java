/** The agent that runs Jupiter inside a variant's JVM and streams its events to the host as JSON lines. */
@NullMarked
package dev.containermatrix.junit.agent;

import org.jspecify.annotations.NullMarked;
