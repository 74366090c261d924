package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.hostprocess.ThreadDumps;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ExitStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A started container of the docker backend. A daemon thread waits for it in the engine and another
 * copies its log to {@code stdout.log} and {@code stderr.log}; {@link #awaitExit} turns the
 * engine's answer into an {@link ExitStatus}: its exit code, or the engine's {@code OOMKilled}
 * state as the memory limit's words, or the timeout or cancellation that killed it.
 */
final class DockerContainer implements ContainerHandle {
  private final DockerApi api;
  private final String id;
  private final ContainerSpec spec;
  private final long pid;
  private final long startedNanos = System.nanoTime();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final Thread logCopier;
  private final Runnable release;
  private final java.util.List<String> notEnforced;
  private volatile @Nullable String cancelledBecause;
  private @Nullable ExitStatus status;
  private boolean closed;

  /** Where a container's output comes from: its followed log, or its attached streams. */
  @FunctionalInterface
  interface Output {
    /** Copies the container's output to the two files until it ends. */
    void copy(Path stdout, Path stderr) throws IOException;
  }

  /** The engine's followed log of container {@code id}, as the two files. */
  static Output followedLog(DockerApi api, String id) {
    return (stdout, stderr) -> {
      try (OutputStream out = Files.newOutputStream(stdout);
          OutputStream err = Files.newOutputStream(stderr)) {
        api.logs(id, true, false, out, err);
      }
    };
  }

  /**
   * @param notEnforced the spec's limits the engine said it cannot enforce, one sentence each
   * @param output where its output comes from
   * @param release what to release once the container is removed (its argument file, say)
   */
  DockerContainer(
      DockerApi api,
      String id,
      ContainerSpec spec,
      long pid,
      java.util.List<String> notEnforced,
      Output output,
      Runnable release)
      throws IOException {
    this.notEnforced = java.util.List.copyOf(notEnforced);
    this.api = api;
    this.id = id;
    this.spec = spec;
    this.pid = pid;
    this.release = release;
    Files.createDirectories(spec.outputDirectory());
    Thread waiter =
        new Thread(
            () -> {
              try {
                exit.complete(api.waitContainer(id));
              } catch (IOException | RuntimeException e) {
                exit.completeExceptionally(e);
              }
            },
            "containermatrix-docker-wait-" + spec.id());
    waiter.setDaemon(true);
    waiter.start();
    logCopier =
        new Thread(
            () -> {
              try {
                output.copy(stdout(), stderr());
              } catch (IOException | RuntimeException e) {
                // the log ends with the container; a broken copy loses output, not results
              }
            },
            "containermatrix-docker-output-" + spec.id());
    logCopier.setDaemon(true);
    logCopier.start();
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public synchronized ExitStatus awaitExit() throws InterruptedException {
    if (status != null) {
      return status;
    }
    long left = spec.timeout().toNanos() - (System.nanoTime() - startedNanos);
    int code;
    try {
      code = exit.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      dumpThreads();
      kill();
      code = exitCodeAfterKill();
      status = ExitStatus.timedOut(spec.timeout(), code, pid, 0);
      return finish();
    } catch (ExecutionException e) {
      status =
          ExitStatus.failedToStart("the Docker engine lost container " + id + ": " + e.getCause());
      return finish();
    }
    String why = cancelledBecause;
    if (why != null) {
      status = ExitStatus.cancelled(why, code, pid, 0);
      return finish();
    }
    status = interpret(code);
    return finish();
  }

  private ExitStatus finish() throws InterruptedException {
    logCopier.join(TimeUnit.SECONDS.toMillis(10));
    return status;
  }

  private ExitStatus interpret(int code) {
    try {
      ContainerState state = api.inspectContainer(id);
      if (state.oomKilled() && spec.limits().memoryBytes().isPresent()) {
        return ExitStatus.outOfMemory(code, spec.limits().memoryBytes().getAsLong());
      }
      if (!state.error().isEmpty()) {
        return ExitStatus.failedToStart(state.error());
      }
    } catch (IOException e) {
      // the exit code alone still says how it ended
    }
    return ExitStatus.fromExitCode(code);
  }

  private int exitCodeAfterKill() throws InterruptedException {
    try {
      return exit.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return 128 + 9;
    }
  }

  @Override
  public void cancel(String reason) {
    if (exit.isDone()) {
      return;
    }
    cancelledBecause = reason;
    kill();
  }

  /**
   * Asks the container's JVM for a thread dump before the timeout's kill: {@code SIGQUIT} to its
   * main process, which is the JVM (the copied start's shell execs it), and waits a little for the
   * dump to reach its logs: stdout, or stderr where the copied start sends stdout (see {@link
   * ThreadDumps}).
   */
  private void dumpThreads() {
    long before = ThreadDumps.finishedDumps(stdout(), stderr());
    try {
      if (api.killContainer(id, "QUIT")) {
        ThreadDumps.awaitDumps(before + 1, stdout(), stderr());
      }
    } catch (IOException e) {
      // it may have ended on its own meanwhile: there is nothing to dump
    }
  }

  private void kill() {
    try {
      api.killContainer(id, "KILL");
    } catch (IOException e) {
      // it may have ended on its own meanwhile; close() removes it either way
    }
  }

  @Override
  public java.util.List<String> notEnforced() {
    return notEnforced;
  }

  @Override
  public Path stdout() {
    return spec.outputDirectory().resolve("stdout.log");
  }

  @Override
  public Path stderr() {
    return spec.outputDirectory().resolve("stderr.log");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!exit.isDone() && cancelledBecause == null) {
      cancelledBecause = "its handle was closed";
    }
    try {
      api.removeContainer(id);
    } catch (IOException e) {
      // the next run's reaper removes a container of a run that is gone
    } finally {
      release.run();
    }
  }

  /** How long it has run. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
