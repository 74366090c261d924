package dev.containermatrix.junit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.Node.ExecutionMode;
import org.junit.platform.engine.support.hierarchical.ResourceLock;

/**
 * Runs the engine's nodes: every concurrent child on a thread of its own, same-thread children on
 * the caller's thread, and the caller waits for all of them.
 *
 * <p>Variants spend their time waiting for containers, so a thread here mostly waits; what bounds
 * how many containers run at once is admission ({@link ClassRunState} and {@link
 * MatrixExecutionContext}), not the number of threads. A bounded pool would starve: a class's
 * thread waits for its variants' threads. JUnit's own worker-thread pool does this too, but only
 * from JUnit 6.1 on; its fork-join pool (every version) needs managed blockers to stay within its
 * parallelism. This service works on every JUnit Platform from 1.10 on, because it uses only what
 * 1.10 has.
 */
final class ContainerWaitExecutorService implements HierarchicalTestExecutorService {
  private final ExecutorService threads;

  ContainerWaitExecutorService() {
    this.threads = Executors.newCachedThreadPool(new NamedDaemonThreads());
  }

  @Override
  public Future<Void> submit(TestTask task) {
    return threads.submit(
        () -> {
          run(task);
          return null;
        });
  }

  @Override
  public void invokeAll(List<? extends TestTask> tasks) {
    List<Future<Void>> concurrent = new ArrayList<>();
    for (TestTask task : tasks) {
      if (task.getExecutionMode() == ExecutionMode.CONCURRENT) {
        concurrent.add(submit(task));
      }
    }
    for (TestTask task : tasks) {
      if (task.getExecutionMode() != ExecutionMode.CONCURRENT) {
        run(task);
      }
    }
    awaitAll(concurrent);
  }

  private static void run(TestTask task) {
    try (ResourceLock lock = task.getResourceLock().acquire()) {
      task.execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while waiting for the lock on "
              + task.getResourceLock()
              + "; the test run is being stopped",
          e);
    }
  }

  /** Waits for every task; an interrupt cancels those still running and fails the waiting node. */
  private static void awaitAll(List<Future<Void>> futures) {
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get();
      } catch (InterruptedException e) {
        futures.subList(i, futures.size()).forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while waiting for "
                + (futures.size() - i)
                + " child node(s) to finish; they were cancelled",
            e);
      } catch (CancellationException e) {
        // cancelled by an interrupted parent, which reports it
      } catch (ExecutionException e) {
        // a node task reports its own failures to the listener; what escapes is fatal (an Error)
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
          throw error;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class NamedDaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "containermatrix-node-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
