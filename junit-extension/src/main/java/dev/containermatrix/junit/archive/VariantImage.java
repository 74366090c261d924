package dev.containermatrix.junit.archive;

import dev.containermatrix.backend.archive.OciRuntimeConfig;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.JvmCommand;
import dev.containermatrix.engine.plan.VariantPlan;
import dev.containermatrix.junit.agent.AgentMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * How an archived variant runs by hand: its JVM command (the agent in standalone mode, so {@code
 * docker run} prints its results without a host), its environment, and its OCI runtime config.
 */
final class VariantImage {
  private final ContainerSpec spec;
  private final VariantPlan plan;

  VariantImage(ContainerSpec spec, VariantPlan plan) {
    this.spec = spec;
    this.plan = plan;
  }

  List<String> command() {
    JvmCommand jvm = spec.command();
    List<String> command = new ArrayList<>();
    command.add(jvm.javaHome().resolve("bin").resolve("java").toString());
    command.addAll(jvm.jvmOptions());
    command.add("-cp");
    command.add(jvm.classpath().stream().map(Path::toString).collect(Collectors.joining(":")));
    command.add(jvm.mainClass());
    command.add(AgentMain.STANDALONE);
    command.addAll(jvm.arguments());
    return command;
  }

  List<String> environment() {
    List<String> env = new ArrayList<>();
    spec.environment().forEach((k, v) -> env.add(k + "=" + v));
    return env;
  }

  byte[] runtimeConfig() {
    var limits = plan.resources();
    return OciRuntimeConfig.json(
        command(),
        environment(),
        spec.workingDirectory().toString(),
        plan.variant().id(),
        limits.map(r -> r.memoryBytes()).orElse(OptionalLong.empty()),
        limits.flatMap(r -> r.cpus()),
        limits.map(r -> r.pids()).orElse(OptionalLong.empty()),
        limits.map(r -> r.nofile()).orElse(OptionalLong.empty()),
        limits.flatMap(r -> r.cpuset()));
  }
}
