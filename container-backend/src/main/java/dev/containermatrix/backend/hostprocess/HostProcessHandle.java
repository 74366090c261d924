package dev.containermatrix.backend.hostprocess;

import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One running host JVM. Whichever comes first decides its status: the JVM exiting by itself, the
 * timeout, or a cancel; the other two then do nothing.
 */
final class HostProcessHandle implements ContainerHandle {

  private final ContainerSpec spec;
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Consumer<HostProcessHandle> onFinished;
  private final Teardown teardown;
  private final AtomicReference<@Nullable String> ending = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private final ScheduledFuture<?> deadline;
  private volatile java.util.Optional<java.time.Duration> cpuTime = java.util.Optional.empty();
  private volatile java.util.OptionalLong peakMemory = java.util.OptionalLong.empty();

  HostProcessHandle(
      ContainerSpec spec,
      Process process,
      Path stdout,
      Path stderr,
      ScheduledExecutorService timer,
      Executor killer,
      Consumer<HostProcessHandle> onFinished,
      Teardown teardown) {
    this.spec = spec;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.onFinished = onFinished;
    this.teardown = teardown;
    this.deadline =
        timer.schedule(
            () -> killer.execute(this::timeOut), spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
    process
        .onExit()
        .thenAccept(
            p -> {
              if (ending.compareAndSet(null, "exited")) {
                finish(ExitStatus.fromExitCode(p.exitValue()));
              }
            });
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public ExitStatus awaitExit() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "waiting for container " + spec.id() + " failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void cancel(String reason) {
    if (!ending.compareAndSet(null, "cancelled")) {
      return;
    }
    int children = killTree();
    finish(ExitStatus.cancelled(reason, exitCode(), pid(), children));
  }

  @Override
  public Path stdout() {
    return stdout;
  }

  @Override
  public Path stderr() {
    return stderr;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      cancel("its handle was closed");
    }
  }

  /** Whether the container has not ended yet. */
  boolean isRunning() {
    return !finished.get();
  }

  /**
   * Kills the container at its timeout, after its JVMs printed a thread dump to its stdout (see
   * {@link ThreadDumps}); the JVM may exit by itself meanwhile, which then decides the status.
   */
  private void timeOut() {
    if (finished.get()) {
      return;
    }
    ThreadDumps.dump(process.toHandle(), stdout);
    if (!ending.compareAndSet(null, "timed out")) {
      return;
    }
    int children = killTree();
    finish(ExitStatus.timedOut(spec.timeout(), exitCode(), pid(), children));
  }

  private int killTree() {
    try {
      return ProcessTree.kill(process.toHandle()) + teardown.killRemaining();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private int exitCode() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return process.isAlive() ? -1 : process.exitValue();
    }
  }

  /**
   * Marks the end before the status is published, so a runtime no longer counts a handle whose
   * status is out.
   */
  private void finish(ExitStatus status) {
    finished.set(true);
    deadline.cancel(false);
    ExitStatus interpreted = status;
    try {
      interpreted = teardown.interpret(status);
      cpuTime = teardown.cpuTime();
      peakMemory = teardown.peakMemory();
    } finally {
      teardown.release();
      onFinished.accept(this);
      exit.complete(interpreted);
    }
  }

  @Override
  public List<String> notEnforced() {
    return teardown.notEnforced();
  }

  @Override
  public java.util.Optional<java.time.Duration> cpuTime() {
    return cpuTime;
  }

  @Override
  public java.util.OptionalLong peakMemory() {
    return peakMemory;
  }
}
