package dev.containermatrix.engine.archive;

import dev.containermatrix.backend.nativeruntime.probe.ProbeCommand;
import dev.containermatrix.backend.nativeruntime.probe.ProbeResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The commit a project directory is at, read with {@code git}, with {@code -dirty} when it has
 * changes.
 */
final class GitCommit {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private GitCommit() {}

  /** Empty when the directory is not in a git work tree or git is not installed. */
  static Optional<String> of(Path directory) {
    Optional<String> head = git(directory, "rev-parse", "HEAD");
    if (head.isEmpty() || !head.get().matches("[0-9a-f]{40}")) {
      return Optional.empty();
    }
    boolean dirty =
        git(directory, "status", "--porcelain", "--untracked-files=no")
            .map(s -> !s.isEmpty())
            .orElse(false);
    return Optional.of(head.get() + (dirty ? "-dirty" : ""));
  }

  /** The output of a git command that exited 0 within the time limit. */
  private static Optional<String> git(Path directory, String... arguments) {
    String[] argv = new String[arguments.length + 3];
    argv[0] = "git";
    argv[1] = "-C";
    argv[2] = directory.toString();
    System.arraycopy(arguments, 0, argv, 3, arguments.length);
    try {
      ProbeResult result = ProbeCommand.of(argv).run(TIMEOUT);
      return result.succeeded() ? Optional.of(result.output()) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
