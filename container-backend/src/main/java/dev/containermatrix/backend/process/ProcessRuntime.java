package dev.containermatrix.backend.process;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.hostprocess.HostProcesses;
import dev.containermatrix.backend.hostprocess.JvmCommandLine;
import dev.containermatrix.backend.hostprocess.Teardown;
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

  private final HostProcesses processes = new HostProcesses("process");
  private final ProcessLimitations limitations =
      new ProcessLimitations(ProcessRuntime::hostHostname);

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
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot run on the process backend: "
              + String.join("; ", unsupported));
    }
    Path java = spec.command().javaLauncher();
    if (!Files.isExecutable(java)) {
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot start: there is no executable "
              + java
              + ": point javaHome at a JDK or JRE");
    }
    if (!Files.isDirectory(spec.workingDirectory())) {
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot start: its working directory "
              + spec.workingDirectory()
              + " does not exist: create it before launching");
    }
    Path argFile = spec.outputDirectory().resolve("java.args");
    JvmCommandLine commandLine = new JvmCommandLine(spec.command(), argFile);
    try {
      Files.createDirectories(spec.outputDirectory());
      Files.writeString(argFile, commandLine.argFileContent(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot write its argument file "
              + argFile
              + ": "
              + e.getMessage()
              + ": check that the output directory is writable",
          e);
    }
    return processes.start(
        spec,
        commandLine.command(),
        ContainerEnvironment.of(spec, spec.channelSocket().toString()),
        spec.workingDirectory(),
        Teardown.NONE);
  }

  /** The containers of this runtime that have not ended yet. */
  int runningCount() {
    return processes.runningCount();
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
}
