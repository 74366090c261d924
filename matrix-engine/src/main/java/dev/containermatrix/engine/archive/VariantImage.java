package dev.containermatrix.engine.archive;

import dev.containermatrix.backend.archive.OciRuntimeConfig;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.engine.plan.VariantPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How an archived variant runs by hand: its JVM command (the agent in standalone mode, so {@code
 * docker run} prints its results without a host), its environment, and its OCI runtime config.
 */
final class VariantImage {
  private final ContainerSpec spec;
  private final VariantPlan plan;
  private final String standaloneArgument;

  /**
   * @param standaloneArgument the agent's first argument that makes it run without a host
   */
  VariantImage(ContainerSpec spec, VariantPlan plan, String standaloneArgument) {
    this.spec = spec;
    this.plan = plan;
    this.standaloneArgument = standaloneArgument;
  }

  List<String> command() {
    JvmCommand jvm = spec.command();
    List<String> command = new ArrayList<>();
    command.add(jvm.javaHome().resolve("bin").resolve("java").toString());
    command.addAll(jvm.jvmOptions());
    command.add("-cp");
    command.add(jvm.classpath().stream().map(Path::toString).collect(Collectors.joining(":")));
    command.add(jvm.mainClass());
    command.add(standaloneArgument);
    command.addAll(jvm.arguments());
    return command;
  }

  List<String> environment() {
    List<String> env = new ArrayList<>();
    spec.environment().forEach((k, v) -> env.add(k + "=" + v));
    return env;
  }

  byte[] runtimeConfig() {
    ResourceLimits limits = plan.limits();
    return OciRuntimeConfig.json(
        command(),
        environment(),
        spec.workingDirectory().toString(),
        plan.variant().id(),
        limits.memoryBytes(),
        limits.cpus(),
        limits.pids(),
        limits.nofile(),
        limits.cpuset());
  }
}
