package dev.containermatrix.engine.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How long a variant's JVM is expected to run, which decides its JIT and collector flags (see
 * {@link ShortRunFlags}).
 */
@API(status = INTERNAL, since = "0.1")
public enum RunLength {
  /**
   * One test class: seconds of work, where C1 alone, the serial collector and a higher compile
   * threshold save more CPU than they cost.
   */
  SHORT,
  /**
   * A whole suite: minutes of work, where C2 and the JVM's own ergonomics pay off, as in the forked
   * JVM of a plain Surefire run.
   */
  LONG
}
