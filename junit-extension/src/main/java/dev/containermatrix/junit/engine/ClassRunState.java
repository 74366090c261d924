package dev.containermatrix.junit.engine;

import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.engine.plan.LayerStacks;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the variants of one class share while they run: their parallelism bound and failFast state.
 */
final class ClassRunState {
  private final Semaphore permits;
  private final boolean failFast;
  private final AtomicReference<String> cancelCause = new AtomicReference<>();
  private final Set<ContainerHandle> running = ConcurrentHashMap.newKeySet();
  private volatile LayerStacks stacks = LayerStacks.NONE;

  ClassRunState(int maxParallel, boolean failFast) {
    this.permits = new Semaphore(maxParallel > 0 ? maxParallel : Integer.MAX_VALUE, true);
    this.failFast = failFast;
  }

  /** The variants' whole layer stacks; none where the variants need no layers. */
  LayerStacks stacks() {
    return stacks;
  }

  void stacks(LayerStacks stacks) {
    this.stacks = stacks;
  }

  Semaphore permits() {
    return permits;
  }

  /**
   * Why the remaining variants are cancelled, once failFast has tripped: "failFast is set and
   * variant n=first failed" (a cause, to follow "cancelled because" or to go in "was cancelled
   * (…)").
   */
  Optional<String> cancelCause() {
    return Optional.ofNullable(cancelCause.get());
  }

  void started(ContainerHandle handle) {
    running.add(handle);
    cancelCause().ifPresent(handle::cancel);
  }

  void stopped(ContainerHandle handle) {
    running.remove(handle);
  }

  /** Records a failed variant; with failFast, cancels every other running variant of the class. */
  void variantFailed(String variantName) {
    if (!failFast) {
      return;
    }
    String cause = "failFast is set and variant " + variantName + " failed";
    if (cancelCause.compareAndSet(null, cause)) {
      running.forEach(h -> h.cancel(cause));
    }
  }
}
