package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.backend.testmains.PrintEnvMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker backend's container policy, as the engine receives it. */
class CreateRequestTest {
  @TempDir Path scratch;

  @Test
  void limitsGoThroughHostConfigWithSwapEqualToMemory() {
    ContainerSpec spec =
        spec()
            .withLimits(
                ResourceLimits.none()
                    .withMemoryBytes(256L << 20)
                    .withCpus(1.5)
                    .withPids(64)
                    .withNofile(128)
                    .withCpuset("0"));

    JsonNode host = CreateRequest.of(spec, "img", Map.of(), "run-1").get("HostConfig");

    assertThat(host.get("Memory").asLong()).isEqualTo(256L << 20);
    assertThat(host.get("MemorySwap").asLong()).isEqualTo(256L << 20);
    assertThat(host.get("NanoCpus").asLong()).isEqualTo(1_500_000_000L);
    assertThat(host.get("PidsLimit").asLong()).isEqualTo(64);
    assertThat(host.get("Ulimits").get(0).toString())
        .isEqualTo("{\"Name\":\"nofile\",\"Soft\":128,\"Hard\":128}");
    assertThat(host.get("CpusetCpus").asText()).isEqualTo("0");
  }

  @Test
  void aContainerGetsLoopbackOnlyNoCapabilitiesAReadOnlyRootAndItsOwnNameOnLoopback() {
    JsonNode config = CreateRequest.of(spec().withHostname("v1"), "img", Map.of(), "run-1");
    JsonNode host = config.get("HostConfig");

    assertThat(host.get("NetworkMode").asText()).isEqualTo("none");
    assertThat(host.get("CapDrop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(host.get("SecurityOpt").toString()).contains("no-new-privileges");
    assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
    assertThat(host.get("Tmpfs").get("/tmp").asText()).contains("rw");
    assertThat(host.get("CgroupnsMode").asText()).isEqualTo("private");
    assertThat(host.get("ExtraHosts").toString()).isEqualTo("[\"v1:127.0.0.1\"]");
    assertThat(config.get("Hostname").asText()).isEqualTo("v1");
    assertThat(config.has("NetworkDisabled"))
        .as("the engine writes no /etc/hosts for a container with networking disabled")
        .isFalse();
  }

  @Test
  void theWorkingDirectoryAndGivenPathsAreBoundReadOnlyAndTheChannelOnlyWhenItExists()
      throws Exception {
    ContainerSpec spec = spec();
    Path config = scratch.resolve("app.yaml");
    Files.writeString(config, "x: 1\n");

    List<String> without = binds(CreateRequest.of(spec, "img", Map.of(), "run-1"));
    Files.createDirectories(spec.channelSocket().getParent());
    Files.createFile(spec.channelSocket());
    List<String> with =
        binds(CreateRequest.of(spec, "img", Map.of(Path.of("/etc/app/app.yaml"), config), "run-1"));

    assertThat(without)
        .contains(spec.workingDirectory() + ":" + spec.workingDirectory() + ":ro")
        .noneMatch(b -> b.contains(ContainerLayout.CHANNEL));
    assertThat(with)
        .contains(config + ":/etc/app/app.yaml:ro")
        .contains(spec.channelSocket() + ":" + ContainerLayout.CHANNEL);
  }

  @Test
  void itsLabelsNameTheRunTheContainerAndThisJvmAsOwner() {
    JsonNode labels = CreateRequest.of(spec(), "img", Map.of(), "run-1").get("Labels");

    assertThat(labels.get(ContainerLayout.RUN_LABEL).asText()).isEqualTo("run-1");
    assertThat(labels.get(ContainerLayout.CONTAINER_LABEL).asText()).isEqualTo("policy");
    assertThat(labels.get(ContainerLayout.OWNER_LABEL).asText())
        .isEqualTo(DockerReaper.ownerOfThisJvm());
  }

  @Test
  void withFilesCopiedNothingIsBoundTheStreamsAreAttachedAndTheArgumentsTravelInTheEnvironment()
      throws Exception {
    ContainerSpec spec =
        at(spec().withHostname("v1"), Path.of("/work/module"), Path.of("/work/module/classes"));
    Files.createDirectories(spec.channelSocket().getParent());
    Files.createFile(spec.channelSocket());

    JsonNode config = CreateRequest.copied(spec, "img", "run-1", List.of("-cp /a", " /b"), true);

    assertThat(config.get("HostConfig").has("Binds")).isFalse();
    assertThat(config.get("HostConfig").get("NetworkMode").asText()).isEqualTo("none");
    assertThat(config.get("HostConfig").get("CapDrop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(config.get("HostConfig").get("ReadonlyRootfs").asBoolean()).isTrue();
    for (String flag : List.of("AttachStdin", "AttachStdout", "AttachStderr", "OpenStdin")) {
      assertThat(config.get(flag).asBoolean()).as(flag).isTrue();
    }
    assertThat(config.get("StdinOnce").asBoolean())
        .as("the host's end of the attachment ends the container's stdin")
        .isTrue();
    List<String> env = new ArrayList<>();
    config.get("Env").forEach(e -> env.add(e.asText()));
    assertThat(env)
        .contains(
            "CONTAINERMATRIX_CHANNEL=fd:3",
            "CONTAINERMATRIX_JAVA_ARGS_0=-cp /a",
            "CONTAINERMATRIX_JAVA_ARGS_1= /b");
    List<String> cmd = new ArrayList<>();
    config.get("Cmd").forEach(c -> cmd.add(c.asText()));
    assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
    assertThat(cmd.get(2)).contains("3>&1 1>&2");
    assertThat(cmd.subList(4, 6))
        .containsExactly(spec.command().javaLauncher().toString(), "@" + CopiedStart.ARGFILE);
  }

  @Test
  void withFilesCopiedAModuleUnderTmpKeepsTheImagesTmpInsteadOfHidingItUnderATmpfs() {
    ContainerSpec elsewhere =
        at(spec(), Path.of("/work/module"), Path.of("/work/module/target/classes"));
    ContainerSpec checkedOutUnderTmp =
        at(spec(), Path.of("/tmp/ci/module"), Path.of("/tmp/ci/module/target/classes"));
    ContainerSpec classesUnderTmp =
        at(spec(), Path.of("/work/module"), Path.of("/tmp/build/classes"));

    JsonNode outside = CreateRequest.copied(elsewhere, "img", "run-1", List.of("x"), false);
    assertThat(outside.get("HostConfig").get("Tmpfs").has("/tmp")).isTrue();
    assertThat(outside.get("HostConfig").get("ReadonlyRootfs").asBoolean()).isTrue();
    for (ContainerSpec underTmp : List.of(checkedOutUnderTmp, classesUnderTmp)) {
      JsonNode config = CreateRequest.copied(underTmp, "img", "run-1", List.of("x"), false);
      assertThat(config.get("HostConfig").has("Tmpfs"))
          .as("a tmpfs on /tmp would hide the image's files at " + underTmp.workingDirectory())
          .isFalse();
      assertThat(config.get("HostConfig").get("ReadonlyRootfs").asBoolean())
          .as("/tmp stays writable, through the container's own layer")
          .isFalse();
    }
  }

  /** {@code spec} with the working directory {@code work} and the classpath {@code classes}. */
  private static ContainerSpec at(ContainerSpec spec, Path work, Path classes) {
    return new ContainerSpec(
        spec.id(),
        spec.hostname(),
        spec.baseImage(),
        spec.layers(),
        spec.command().withClasspathAndOptions(List.of(classes), spec.command().jvmOptions()),
        spec.environment(),
        work,
        spec.limits(),
        spec.files(),
        spec.channelSocket(),
        spec.outputDirectory(),
        spec.timeout(),
        spec.writableDirectories());
  }

  private ContainerSpec spec() {
    return TestSpecs.hostSpec(scratch, "policy", PrintEnvMain.class, List.of());
  }

  private static List<String> binds(JsonNode config) {
    List<String> binds = new ArrayList<>();
    config.get("HostConfig").get("Binds").forEach(b -> binds.add(b.asText()));
    return binds;
  }
}
