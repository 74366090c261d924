package dev.containermatrix.backend.hostprocess;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Starts containers whose root is a process of this host, and keeps track of them: each gets the
 * spec's timeout, output files {@code stdout.log} and {@code stderr.log} in the spec's output
 * directory, and an empty standard input; a shutdown hook kills every one still running when the
 * host JVM exits (Ctrl-C).
 */
@API(status = INTERNAL, since = "0.1")
public final class HostProcesses {
  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final ExecutorService KILLERS =
      Executors.newCachedThreadPool(daemon("containermatrix-kill"));

  private final String backend;
  private final Set<HostProcessHandle> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookRegistered = new AtomicBoolean();

  /**
   * @param backend the backend's name, for messages
   */
  public HostProcesses(String backend) {
    this.backend = backend;
  }

  /**
   * Starts {@code argv} for {@code spec}.
   *
   * @throws ContainerException naming the command and the output directory when it cannot start
   */
  public ContainerHandle start(
      ContainerSpec spec,
      List<String> argv,
      Map<String, String> environment,
      Path workingDirectory,
      Teardown teardown)
      throws ContainerException {
    Path out = spec.outputDirectory();
    Path stdout = out.resolve("stdout.log");
    Path stderr = out.resolve("stderr.log");
    Process process;
    try {
      Files.createDirectories(out);
      ProcessBuilder builder =
          new ProcessBuilder(argv)
              .directory(workingDirectory.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      registerShutdownHook();
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      teardown.release();
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot start "
              + argv.get(0)
              + " on the "
              + backend
              + " backend, with output in "
              + out
              + ": "
              + e.getMessage()
              + ": check that the program runs and the output directory is writable",
          e);
    }
    HostProcessHandle handle =
        new HostProcessHandle(
            spec, process, stdout, stderr, TIMER, KILLERS, running::remove, teardown);
    running.add(handle);
    if (!handle.isRunning()) {
      running.remove(handle);
    }
    return handle;
  }

  /** The containers started here that have not ended yet. */
  public int runningCount() {
    return running.size();
  }

  private void registerShutdownHook() {
    if (hookRegistered.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::cancelAll, "containermatrix-" + backend + "-shutdown"));
    }
  }

  private void cancelAll() {
    List.copyOf(running).parallelStream()
        .forEach(handle -> handle.cancel("the host JVM is shutting down"));
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemon("containermatrix-timeouts"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
