package dev.containermatrix.junit.agent;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of tests by outcome, safe to update from Jupiter's parallel worker threads. */
final class AgentTally {
  private final AtomicLong found = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong aborted = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong containersFailed = new AtomicLong();

  void countFound(long tests) {
    found.addAndGet(tests);
  }

  void countSucceeded() {
    succeeded.incrementAndGet();
  }

  void countFailed() {
    failed.incrementAndGet();
  }

  void countAborted() {
    aborted.incrementAndGet();
  }

  void countSkipped(long tests) {
    skipped.addAndGet(tests);
  }

  /** A container (a class, a test factory, the engine) failed; its tests may never have run. */
  void countContainerFailed() {
    containersFailed.incrementAndGet();
  }

  long found() {
    return found.get();
  }

  long succeeded() {
    return succeeded.get();
  }

  long failed() {
    return failed.get();
  }

  long aborted() {
    return aborted.get();
  }

  long skipped() {
    return skipped.get();
  }

  long containersFailed() {
    return containersFailed.get();
  }

  /** The agent's exit code: {@code 1} when a test or container failed, else {@code 0}. */
  int exitCode() {
    return failed() > 0 || containersFailed() > 0 ? 1 : 0;
  }

  /** E.g. {@code 5 tests: 4 passed, 1 failed, 0 aborted, 0 skipped}. */
  String summary() {
    return found()
        + " tests: "
        + succeeded()
        + " passed, "
        + failed()
        + " failed, "
        + aborted()
        + " aborted, "
        + skipped()
        + " skipped"
        + (containersFailed() > 0 ? ", " + containersFailed() + " containers failed" : "");
  }
}
