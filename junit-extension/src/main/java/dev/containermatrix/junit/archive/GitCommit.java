package dev.containermatrix.junit.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The commit a project directory is at, read with {@code git}, with {@code -dirty} when it has changes. */
final class GitCommit {
  private GitCommit() {}

  /** Empty when the directory is not in a git work tree or git is not installed. */
  static Optional<String> of(Path directory) {
    Optional<String> head = git(directory, "rev-parse", "HEAD");
    if (head.isEmpty() || !head.get().matches("[0-9a-f]{40}")) {
      return Optional.empty();
    }
    boolean dirty = git(directory, "status", "--porcelain", "--untracked-files=no").map(s -> !s.isEmpty()).orElse(false);
    return Optional.of(head.get() + (dirty ? "-dirty" : ""));
  }

  private static Optional<String> git(Path directory, String... arguments) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(arguments));
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(true)
          .start();
      byte[] out = git.getInputStream().readAllBytes();
      if (!git.waitFor(10, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return git.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
