package dev.containermatrix.junit.compat;

import java.util.List;

/** Ends a child process the tests started, with every process it started in turn. */
final class ProcessTree {
  private ProcessTree() {}

  /** Kills {@code process} and its descendants, and waits until it has ended. */
  static void destroy(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.onExit().join();
  }
}
