package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.rundir.ProcessIdentity;
import dev.containermatrix.backend.rundir.Reaped;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker reaper removes the containers a dead JVM left, and nothing a live JVM owns or that is
 * not ours.
 */
class DockerReaperTest {
  @TempDir Path work;
  private DockerApi docker;
  private final String run = "reaper-" + UUID.randomUUID().toString().substring(0, 8);
  private final String image = "cmtest/reaper:" + run;

  @BeforeEach
  void engine() throws Exception {
    docker = DockerTestImages.requireEngine();
    DockerTestImages.importShellImage(work, image, run);
  }

  @AfterEach
  void clean() throws Exception {
    if (docker != null) {
      DockerTestImages.removeRun(docker, run);
    }
  }

  @Test
  void removesTheContainersOfADeadOwnerAndKeepsALiveOnesAndOthers() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    String dead = create("dead", finished.pid() + ":proc:1");
    String live = create("live", DockerReaper.ownerOfThisJvm());
    String notOurs = create("not-ours", null);

    List<Reaped> reaped = new DockerReaper(docker, ProcessIdentity.PROC).reap();

    assertThat(reaped)
        .singleElement()
        .satisfies(r -> assertThat(r.why()).contains("owner pid " + finished.pid() + " is gone"));
    assertThat(docker.listContainers(List.of(DockerTestImages.LABEL + ".run=" + run)))
        .extracting(ContainerSummary::id)
        .containsExactlyInAnyOrder(live, notOurs)
        .doesNotContain(dead);
  }

  private String create(String what, String owner) throws Exception {
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("Image", image);
    config.putArray("Cmd").add("/bin/true");
    ObjectNode labels = config.putObject("Labels");
    labels.put(DockerTestImages.LABEL, "true");
    labels.put(DockerTestImages.LABEL + ".run", run);
    if (owner != null) {
      labels.put(ContainerLayout.OWNER_LABEL, owner);
    }
    config.putObject("HostConfig").put("NetworkMode", "none");
    return docker.createContainer("cm-test-" + run + "-" + what, config);
  }
}
