package dev.containermatrix.backend.process;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.ContainerEnvironment;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.Layer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * The process backend: each container is a plain JVM on the host, started with {@code
 * <javaHome>/bin/java @<outputDirectory>/java.args <mainClass> <arguments>}, in the spec's working
 * directory, with the environment {@link ContainerEnvironment} describes, standard output and error
 * in {@code stdout.log} and {@code stderr.log} of the output directory, and standard input empty.
 *
 * <p>It isolates nothing, so it declares as unsupported: a base image other than {@code host}, any
 * layer that is not a {@link Layer#CLASSPATH} layer (classpath layers are skipped, since the
 * command's classpath reaches their content on the host), files at fixed paths, every resource
 * limit, and a hostname other than {@code host} or the host's own. The channel socket keeps its
 * host path, since the JVM shares the host's filesystem.
 *
 * <p>A timeout or cancel kills the JVM and its descendants (see {@link ProcessTree}). A shutdown
 * hook kills every container of this runtime that still runs when the host JVM exits (Ctrl-C).
 */
@API(status = INTERNAL, since = "0.1")
public final class ProcessRuntime implements ContainerRuntime {

  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final ExecutorService KILLERS = Executors.newCachedThreadPool(daemon("containermatrix-process-kill"));

  private final Set<ProcessContainerHandle> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookRegistered = new AtomicBoolean();
  private final ProcessLimitations limitations = new ProcessLimitations(ProcessRuntime::hostHostname);

  /** Variants share the host's hostname: the process backend has no UTS namespace. */
  @Override
  public boolean hasOwnHostname() {
    return false;
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public List<String> unsupported(ContainerSpec spec) {
    return limitations.of(spec);
  }

  @Override
  public ContainerHandle launch(ContainerSpec spec) throws ContainerException {
    List<String> unsupported = unsupported(spec);
    if (!unsupported.isEmpty()) {
      throw new ContainerException("container " + spec.id() + " cannot run on the process backend: "
          + String.join("; ", unsupported));
    }
    Path java = spec.command().javaLauncher();
    if (!Files.isExecutable(java)) {
      throw new ContainerException("container " + spec.id() + " cannot start: there is no executable " + java
          + ": point javaHome at a JDK or JRE");
    }
    if (!Files.isDirectory(spec.workingDirectory())) {
      throw new ContainerException("container " + spec.id() + " cannot start: its working directory "
          + spec.workingDirectory() + " does not exist: create it before launching");
    }
    Path out = spec.outputDirectory();
    Path stdout = out.resolve("stdout.log");
    Path stderr = out.resolve("stderr.log");
    Path argFile = out.resolve("java.args");
    ProcessCommandLine commandLine = new ProcessCommandLine(spec.command(), argFile);
    Process process;
    try {
      Files.createDirectories(out);
      Files.writeString(argFile, commandLine.argFileContent(), StandardCharsets.UTF_8);
      ProcessBuilder builder = new ProcessBuilder(commandLine.command())
          .directory(spec.workingDirectory().toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(ContainerEnvironment.of(spec, spec.channelSocket().toString()));
      registerShutdownHook();
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new ContainerException("container " + spec.id() + " cannot start " + java + " with output in " + out
          + ": " + e.getMessage() + ": check that the JDK runs and the output directory is writable", e);
    }
    ProcessContainerHandle handle =
        new ProcessContainerHandle(spec, process, stdout, stderr, TIMER, KILLERS, running::remove);
    running.add(handle);
    if (!handle.isRunning()) {
      running.remove(handle);
    }
    return handle;
  }

  /** The containers of this runtime that have not ended yet. */
  int runningCount() {
    return running.size();
  }

  private void registerShutdownHook() {
    if (hookRegistered.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::cancelAll, "containermatrix-process-shutdown"));
    }
  }

  private void cancelAll() {
    List.copyOf(running).parallelStream().forEach(handle -> handle.cancel("the host JVM is shutting down"));
  }

  private static String hostHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("containermatrix-process-timeouts"));
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
