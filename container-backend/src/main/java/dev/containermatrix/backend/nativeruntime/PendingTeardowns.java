package dev.containermatrix.backend.nativeruntime;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Removes ended containers' remains (cgroups, directories) off the critical path: a variant's exit
 * is reported at once, and the runtime waits for these only when it closes.
 */
final class PendingTeardowns {
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "containermatrix-native-teardown");
            thread.setDaemon(true);
            return thread;
          });
  private final Phaser pending = new Phaser(1);

  void submit(Runnable teardown) {
    pending.register();
    executor.execute(
        () -> {
          try {
            teardown.run();
          } finally {
            pending.arriveAndDeregister();
          }
        });
  }

  /**
   * Waits up to {@code limit} for every submitted teardown; what is still running is left to the
   * reaper.
   */
  void awaitAll(Duration limit) {
    try {
      pending.awaitAdvanceInterruptibly(pending.arrive(), limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException e) {
      // the next run's reaper removes what is left
    }
  }
}
