package dev.containermatrix.backend.hostprocess;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a process and all its descendants with {@code SIGKILL}, and waits until they are gone.
 *
 * <p>The descendants are listed before the root dies (afterwards they would be re-parented and
 * could no longer be found), and each is asked for descendants of its own just before it is killed,
 * which catches processes forked in between. A process that forks faster than that, or a child left
 * behind by a JVM that already exited, escapes: only a pid namespace or cgroup (the native backend)
 * closes that gap.
 */
final class ProcessTree {

  private static final Duration WAIT_FOR_EXIT = Duration.ofSeconds(20);

  private ProcessTree() {}

  /**
   * Kills {@code root} and its descendants and waits (at most 20 s) for all of them to exit.
   *
   * @return how many descendants were alive and killed
   */
  static int kill(ProcessHandle root) throws InterruptedException {
    Deque<ProcessHandle> queue = new ArrayDeque<>(root.descendants().toList());
    root.destroyForcibly();
    List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
    exits.add(root.onExit());
    Set<Long> seen = new HashSet<>();
    int killed = 0;
    while (!queue.isEmpty()) {
      ProcessHandle process = queue.poll();
      if (!seen.add(process.pid()) || !process.isAlive()) {
        continue;
      }
      queue.addAll(process.descendants().toList());
      process.destroyForcibly();
      exits.add(process.onExit());
      killed++;
    }
    try {
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
          .get(WAIT_FOR_EXIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // SIGKILL cannot be refused; a process still present after 20 s is stuck in the kernel, which
      // waiting longer here would not change.
    }
    return killed;
  }
}
