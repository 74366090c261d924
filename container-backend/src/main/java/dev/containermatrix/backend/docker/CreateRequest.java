package dev.containermatrix.backend.docker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.spi.ContainerEnvironment;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's container config for one spec (the body of {@code POST /containers/create}): the
 * policy of the docker backend in one place.
 *
 * <ul>
 *   <li>Isolation: network mode {@code none} (loopback only), every capability dropped, {@code
 *       no-new-privileges}, a read-only root with a private {@code /tmp} (tmpfs); the host's system
 *       directories (for the {@code host} base), the working directory, the config files and the
 *       JVM's argument file bound read-only.
 *   <li>Limits: memory with swap equal to memory (so no swap), NanoCPUs, PidsLimit, a {@code
 *       nofile} ulimit and CpusetCpus.
 *   <li>The agent's channel: the host's Unix socket bound at {@value ContainerLayout#CHANNEL}.
 *   <li>Labels: the run and the container, so the reaper finds what a killed run left.
 * </ul>
 */
final class CreateRequest {
  private CreateRequest() {}

  /**
   * @param image the image holding the spec's layers
   * @param readOnly host paths bound read-only, by their path inside: the {@code host} base's
   *     system directories, the config layer's files, the JVM's argument file
   * @param runId the run the container belongs to, for its label
   */
  static ObjectNode of(ContainerSpec spec, String image, Map<Path, Path> readOnly, String runId) {
    ObjectNode config = common(spec, image, runId);
    ArrayNode cmd = config.putArray("Cmd");
    javaCommand(spec, ContainerLayout.ARGFILE).forEach(cmd::add);
    environment(config, ContainerEnvironment.of(spec, ContainerLayout.CHANNEL));
    config.put("AttachStdout", false);
    config.put("AttachStderr", false);
    ObjectNode host = (ObjectNode) config.get("HostConfig");
    ArrayNode binds = host.putArray("Binds");
    readOnly.forEach((inside, onHost) -> binds.add(onHost + ":" + inside + ":ro"));
    binds.add(spec.workingDirectory() + ":" + spec.workingDirectory() + ":ro");
    if (java.nio.file.Files.exists(spec.channelSocket())) {
      // only a socket that exists: for a missing source the engine makes a directory on the host
      binds.add(spec.channelSocket() + ":" + ContainerLayout.CHANNEL);
    }
    for (Path writable : spec.writableDirectories()) {
      binds.add(writable + ":" + writable + ":rw");
    }
    return config;
  }

  /**
   * The config when files are copied ({@link FileTransfer#COPY}): no binds; the image holds the
   * working directory and the config files, the JVM's arguments travel in {@code pieces} of its
   * environment ({@link CopiedStart}), and the container's stdin, stdout and stderr are attached:
   * its stdout carries the events where {@code channel}, and its stdin ending (the host gone) ends
   * the agent.
   */
  static ObjectNode copied(
      ContainerSpec spec, String image, String runId, List<String> pieces, boolean channel) {
    ObjectNode config = common(spec, image, runId);
    ArrayNode cmd = config.putArray("Cmd");
    CopiedStart.command(pieces.size(), channel, javaCommand(spec, CopiedStart.ARGFILE))
        .forEach(cmd::add);
    Map<String, String> environment =
        new LinkedHashMap<>(ContainerEnvironment.of(spec, CopiedStart.CHANNEL_VALUE));
    CopiedStart.putPieces(pieces, environment);
    environment(config, environment);
    config.put("AttachStdin", true);
    config.put("AttachStdout", true);
    config.put("AttachStderr", true);
    config.put("OpenStdin", true);
    config.put("StdinOnce", true);
    if (needsImageTmp(spec)) {
      // The image holds files under /tmp (a module checked out there): a tmpfs would hide them, so
      // /tmp stays the image's, writable through the container's own layer, removed with it.
      ObjectNode host = (ObjectNode) config.get("HostConfig");
      host.remove("Tmpfs");
      host.put("ReadonlyRootfs", false);
    }
    return config;
  }

  /**
   * Whether files the variant needs from its image lie under {@code /tmp}: its working directory, a
   * classpath entry, or the host JDK it copies in. With copied files they are in the image at the
   * host's paths, where a tmpfs on {@code /tmp} would cover them.
   */
  static boolean needsImageTmp(ContainerSpec spec) {
    Path tmp = Path.of("/tmp");
    return spec.workingDirectory().startsWith(tmp)
        || spec.command().classpath().stream().anyMatch(entry -> entry.startsWith(tmp))
        || (!spec.command().javaHomeInImage() && spec.command().javaHome().startsWith(tmp));
  }

  private static List<String> javaCommand(ContainerSpec spec, String argFile) {
    List<String> java = new ArrayList<>();
    java.add(spec.command().javaLauncher().toString());
    java.add("@" + argFile);
    java.add(spec.command().mainClass());
    java.addAll(spec.command().arguments());
    return java;
  }

  private static void environment(ObjectNode config, Map<String, String> environment) {
    ArrayNode env = config.putArray("Env");
    environment.forEach((name, value) -> env.add(name + "=" + value));
  }

  /** What both ways share: the image, name, working directory, labels, isolation and limits. */
  private static ObjectNode common(ContainerSpec spec, String image, String runId) {
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("Image", image);
    if (!ContainerSpec.HOST.equals(spec.hostname())) {
      config.put("Hostname", spec.hostname());
    }
    config.putArray("Entrypoint");
    config.put("WorkingDir", spec.workingDirectory().toString());
    ObjectNode labels = config.putObject("Labels");
    labels.put(ContainerLayout.RUN_LABEL, runId);
    labels.put(ContainerLayout.CONTAINER_LABEL, spec.id());
    labels.put(ContainerLayout.OWNER_LABEL, DockerReaper.ownerOfThisJvm());

    ObjectNode host = config.putObject("HostConfig");
    host.put("NetworkMode", "none");
    if (!ContainerSpec.HOST.equals(spec.hostname())) {
      // its own name resolves, to loopback, as on the native backend
      host.putArray("ExtraHosts").add(spec.hostname() + ":127.0.0.1");
    }
    host.put("ReadonlyRootfs", true);
    host.putArray("CapDrop").add("ALL");
    host.putArray("SecurityOpt").add("no-new-privileges");
    // exec: the JVM and JNA map native libraries they unpack into /tmp
    host.putObject("Tmpfs").put("/tmp", "rw,exec,nosuid,nodev,mode=1777");
    // the container sees its own cgroups as the root, not the host's tree
    host.put("CgroupnsMode", "private");
    limits(host, spec.limits());
    return config;
  }

  private static void limits(ObjectNode host, ResourceLimits limits) {
    limits
        .memoryBytes()
        .ifPresent(
            m -> {
              host.put("Memory", m);
              host.put("MemorySwap", m);
            });
    limits.cpus().ifPresent(c -> host.put("NanoCpus", Math.round(c * 1_000_000_000d)));
    limits.pids().ifPresent(p -> host.put("PidsLimit", p));
    limits
        .nofile()
        .ifPresent(
            n ->
                host.putArray("Ulimits")
                    .addObject()
                    .put("Name", "nofile")
                    .put("Soft", n)
                    .put("Hard", n));
    limits.cpuset().ifPresent(c -> host.put("CpusetCpus", c));
  }
}
