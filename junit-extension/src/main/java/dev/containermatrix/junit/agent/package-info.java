/** The agent that runs Jupiter inside a variant JVM and streams its events to the host as JSON. */
@NullMarked
package dev.containermatrix.junit.agent;

import org.jspecify.annotations.NullMarked;
