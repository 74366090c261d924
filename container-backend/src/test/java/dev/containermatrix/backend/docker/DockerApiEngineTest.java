package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.HostCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real engine: containers from an imported shell image (network mode {@code
 * none}), archives in and out, {@code docker save} tars loaded, commits with labels, and lists by
 * label. Everything made here carries the test label and this run's label, and is removed at the
 * end.
 */
@Tag("docker")
class DockerApiEngineTest {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String SHELL = "cmtest-docker/shell:" + RUN;

  @TempDir static Path work;
  private static DockerApi docker;

  @BeforeAll
  static void importImage() throws Exception {
    docker = DockerTestImages.requireEngine();
    DockerTestImages.importShellImage(work, SHELL, RUN);
  }

  @AfterAll
  static void removeEverythingOfThisRun() throws Exception {
    if (docker != null) {
      DockerTestImages.removeRun(docker, RUN);
      assertThat(docker.listContainers(List.of(DockerTestImages.LABEL + ".run=" + RUN))).isEmpty();
      assertThat(docker.listImages(List.of(DockerTestImages.LABEL + ".run=" + RUN))).isEmpty();
    }
  }

  private static ObjectNode config(String... command) {
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("Image", SHELL);
    command(config, command);
    config
        .putObject("Labels")
        .put(DockerTestImages.LABEL, "true")
        .put(DockerTestImages.LABEL + ".run", RUN);
    config.putObject("HostConfig").put("NetworkMode", "none");
    return config;
  }

  private static void command(ObjectNode config, String... command) {
    var cmd = config.putArray("Cmd");
    for (String arg : command) {
      cmd.add(arg);
    }
  }

  @Test
  void runsAContainerToItsExitCodeAndSplitsItsStdoutFromItsStderr() throws Exception {
    String id =
        docker.createContainer(null, config("/bin/sh", "-c", "echo out; echo err >&2; exit 3"));
    assertThat(docker.inspectContainer(id).status()).isEqualTo("created");

    docker.startContainer(id);
    int exit = docker.waitContainer(id);
    ContainerState state = docker.inspectContainer(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    docker.logs(id, false, false, out, err);

    assertThat(exit).isEqualTo(3);
    assertThat(state.id()).startsWith(id);
    assertThat(state.status()).isEqualTo("exited");
    assertThat(state.running()).isFalse();
    assertThat(state.oomKilled()).isFalse();
    assertThat(state.exitCode()).isEqualTo(3);
    assertThat(state.pid()).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
    assertThat(docker.removeContainer(id)).isTrue();
    assertThat(docker.removeContainer(id)).isFalse();
  }

  @Test
  void aRunningContainerHasAPidAndIsKilledBySignal() throws Exception {
    String id = docker.createContainer("cmtest-kill-" + RUN, config("/bin/sleep", "600"));
    docker.startContainer(id);
    ContainerState running = docker.inspectContainer(id);

    assertThat(running.running()).isTrue();
    assertThat(running.pid()).isPresent();
    assertThat(docker.killContainer(id, "KILL")).isTrue();
    assertThat(docker.waitContainer(id)).isEqualTo(137);
    assertThat(docker.killContainer(id, "KILL")).isFalse();
    docker.removeContainer(id);
  }

  @Test
  void aBlockedWaitEndsWithAnExceptionWhenItsThreadIsInterrupted() throws Exception {
    String id = docker.createContainer(null, config("/bin/sleep", "600"));
    docker.startContainer(id);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                docker.waitContainer(id);
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    waiter.start();
    // blocked reading the engine's answer, which comes only when the container stops
    Awaitility.await()
        .until(
            () ->
                java.util.Arrays.stream(waiter.getStackTrace())
                    .anyMatch(
                        frame ->
                            frame.getClassName().endsWith("SocketChannelImpl")
                                && frame.getMethodName().equals("read")));
    waiter.interrupt();
    waiter.join(10_000);

    assertThat(waiter.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
    assertThat(docker.inspectContainer(id).running()).isTrue();
    docker.removeContainer(id);
  }

  @Test
  void oneClientServesManyThreadsAtOnce() throws Exception {
    String id = docker.createContainer(null, config("/bin/true"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        answers.add(pool.submit(() -> docker.inspectContainer(id).status()));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get()).isEqualTo("created");
      }
    } finally {
      pool.shutdownNow();
      docker.removeContainer(id);
    }
  }

  @Test
  void aTtyContainersLogIsOneRawStream() throws Exception {
    ObjectNode config = config("/bin/sh", "-c", "echo out; echo err >&2");
    config.put("Tty", true);
    String id = docker.createContainer(null, config);
    docker.startContainer(id);
    docker.waitContainer(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    docker.logs(id, true, true, out, err);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out\r\nerr\r\n");
    assertThat(err.size()).isZero();
    docker.removeContainer(id);
  }

  @Test
  void putsATarIntoAContainerAndReadsTheFileBack() throws Exception {
    String id = docker.createContainer(null, config("/bin/cat", "/work/greeting.txt"));
    byte[] text = "hello from the host\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry entry = new TarArchiveEntry("greeting.txt");
      entry.setSize(text.length);
      out.putArchiveEntry(entry);
      out.write(text);
      out.closeArchiveEntry();
    }

    docker.putArchive(id, "/work", new ByteArrayInputStream(tar.toByteArray()));
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    docker.getArchive(id, "/work/greeting.txt", back);
    docker.startContainer(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(docker.waitContainer(id)).isZero();
    docker.logs(id, false, false, out, OutputStreamSink.INSTANCE);

    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(back.toByteArray()))) {
      assertThat(in.getNextEntry().getName()).isEqualTo("greeting.txt");
      assertThat(in.readAllBytes()).isEqualTo(text);
    }
    assertThat(out.toByteArray()).isEqualTo(text);
    docker.removeContainer(id);
  }

  @Test
  void puttingATarIntoAMissingDirectoryNamesTheEnginesMessage() throws Exception {
    String id = docker.createContainer(null, config("/bin/true"));
    try {
      assertThatThrownBy(
              () -> docker.putArchive(id, "/no/such/dir", new ByteArrayInputStream(new byte[1024])))
          .isInstanceOf(DockerEngineException.class)
          .hasMessageStartingWith(
              "The Docker engine at unix:///var/run/docker.sock refused PUT /v1.41/containers/"
                  + id
                  + "/archive?path=%2Fno%2Fsuch%2Fdir with status 404: ")
          .hasMessageContaining("Could not find the file /no/such/dir in container " + id)
          .hasMessageEndingWith(
              "; check that the container exists and that /no/such/dir is a directory in it");
    } finally {
      docker.removeContainer(id);
    }
  }

  @Test
  void anAnswerTheEngineGivesBeforeReadingALargeUploadIsStillRead() throws Exception {
    String id = docker.createContainer(null, config("/bin/true"));
    try {
      InputStream large = new ResponseParserTest.RepeatingInputStream(256L << 20);
      assertThatThrownBy(() -> docker.putArchive(id, "/no/such/dir", large))
          .isInstanceOf(DockerEngineException.class)
          .hasMessageContaining("with status 404: Could not find the file /no/such/dir");
    } finally {
      docker.removeContainer(id);
    }
  }

  @Test
  void loadsADockerSaveArchive() throws Exception {
    String name = "cmtest-docker/load:" + RUN;
    DockerTestImages.importFileImage(work, name, RUN, "loaded");
    Path saved = work.resolve("load.tar");
    HostCommand.run(work, Map.of(), "docker", "save", "-o", saved.toString(), name);
    String id = docker.inspectImage(name).id();
    assertThat(docker.removeImage(name, false)).isTrue();
    assertThatThrownBy(() -> docker.inspectImage(name))
        .isInstanceOf(DockerEngineException.class)
        .matches(e -> ((DockerEngineException) e).isNotFound());

    List<String> loaded;
    try (InputStream tar = Files.newInputStream(saved)) {
      loaded = docker.loadImage(tar);
    }

    assertThat(loaded).containsExactly(name);
    ImageDetails image = docker.inspectImage(name);
    assertThat(image.id()).isEqualTo(id);
    assertThat(image.labels()).containsEntry(DockerTestImages.LABEL + ".run", RUN);
  }

  @Test
  void loadingATarThatIsNoImageNamesTheEnginesError() {
    assertThatThrownBy(() -> docker.loadImage(new ByteArrayInputStream(new byte[10240])))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith("The Docker engine ")
        .hasMessageContaining("/v1.41/images/load?quiet=true");
  }

  @Test
  void commitsAContainerWithLabelsAndFindsItsImageByLabel() throws Exception {
    String id = docker.createContainer(null, config("/bin/sh", "-c", "echo state > /work/made"));
    docker.startContainer(id);
    assertThat(docker.waitContainer(id)).isZero();

    String image =
        docker.commitContainer(
            id, "cmtest-docker/committed", RUN, Map.of("dev.containermatrix.variant", "v1"));
    docker.tagImage(image, "cmtest-docker/committed", RUN + "-again");

    assertThat(docker.inspectImage("cmtest-docker/committed:" + RUN).id()).isEqualTo(image);
    assertThat(
            docker.listImages(
                List.of(DockerTestImages.LABEL + ".run=" + RUN, "dev.containermatrix.variant=v1")))
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.id()).isEqualTo(image);
              assertThat(found.repoTags())
                  .containsExactlyInAnyOrder(
                      "cmtest-docker/committed:" + RUN,
                      "cmtest-docker/committed:" + RUN + "-again");
              assertThat(found.labels())
                  .containsEntry("dev.containermatrix.variant", "v1")
                  .containsEntry(DockerTestImages.LABEL, "true");
            });
    assertThat(docker.listContainers(List.of(DockerTestImages.LABEL + ".run=" + RUN)))
        .extracting(ContainerSummary::id)
        .contains(docker.inspectContainer(id).id());
    docker.removeContainer(id);
    assertThat(docker.removeImage(image, true)).isTrue();
    assertThat(docker.removeImage(image, true)).isFalse();
  }

  @Test
  void aContainerFromAMissingImageIsRefusedWithTheEnginesMessage() {
    ObjectNode config = config("/bin/true");
    config.put("Image", "cmtest-docker/missing:" + RUN);
    assertThatThrownBy(() -> docker.createContainer(null, config))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine at unix:///var/run/docker.sock refused POST"
                + " /v1.41/containers/create with status 404: No such image: cmtest-docker/missing:"
                + RUN
                + "; check the container's config: is its image in the engine (docker image ls)?"
                + " is its name free (docker ps -a)?");
  }

  @Test
  void speaksApi141AndAnswersPing() throws Exception {
    docker.ping();
    assertThat(docker.version().speaksMinimum()).isTrue();
    assertThat(docker.version().apiVersion()).isGreaterThanOrEqualTo(ApiVersion.MINIMUM);
  }

  /** Discards what is written. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}
  }
}
