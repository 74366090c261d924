package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.assertClassFailedAndNothingStarted;
import static dev.containermatrix.junit.engine.EngineRuns.variantNode;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.image.TestImages;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.junit.engine.fixtures.JdkImageFixture;
import dev.containermatrix.junit.engine.fixtures.JdkImageWithBaseFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * JDK axis values that name an image, on the backends that cannot run them and with a base they
 * cannot have; {@link NativeEngineTest} runs them.
 */
class JdkImageEngineTest {
  @TempDir Path reports;

  /**
   * The image {@link JdkImageFixture} names, written once per build: Temurin 25 of this host at
   * /opt/java/openjdk, {@code JAVA_HOME} set. The calling test is skipped where Temurin 25 is not.
   */
  static Path temurinJdkImage() throws Exception {
    return temurinJdkImage("temurin-jdk", java.util.Map.of());
  }

  /**
   * As {@link #temurinJdkImage()}, at target/test-images/{@code name}, with host programs at {@code
   * /bin/<name>} ({@code tools}).
   */
  static Path temurinJdkImage(String name, java.util.Map<String, Path> tools) throws Exception {
    Path temurin = TestImages.requireTemurin();
    Path layout = Path.of("target", "test-images", name).toAbsolutePath();
    if (!Files.isRegularFile(layout.resolve("index.json"))) {
      dev.containermatrix.backend.rundir.RunDirectory.deleteRecursively(layout);
      TestImages.writeImageWithJdk(
          layout, temurin, "/opt/java/openjdk", List.of("JAVA_HOME=/opt/java/openjdk"), tools);
    }
    return layout;
  }

  @Test
  void theProcessBackendRunsTheHostJdkAndRefusesTheJdksInsideTheImage() throws Exception {
    temurinJdkImage();

    EngineExecutionResults results =
        EngineRuns.engine(reports, "process")
            .selectors(selectClass(JdkImageFixture.class))
            .execute();

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            event(
                variantNode(),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                "the process backend cannot run JDK /opt/java/openjdk of image"
                                    + " oci-layout:target/test-images/temurin-jdk: it runs host"
                                    + " JVMs, and that JDK exists only inside the image")))));
  }

  @Test
  void aJdkImageWithABaseImageFailsTheClassNamingBoth() {
    EngineExecutionResults results =
        EngineRuns.engine(reports, "process")
            .selectors(selectClass(JdkImageWithBaseFixture.class))
            .execute();

    assertClassFailedAndNothingStarted(
        results,
        JdkImageWithBaseFixture.class,
        instanceOf(MatrixDefinitionException.class),
        message(
            "@JdkAxis.value on "
                + JdkImageWithBaseFixture.class.getName()
                + ": variant jdk=oci-layout:target/test-images/temurin-jdk,"
                + " base=oci-layout:target/test-images/alpha has JDK image"
                + " oci-layout:target/test-images/temurin-jdk and base"
                + " oci-layout:target/test-images/alpha, but a JDK image is the variant's base:"
                + " drop the base (or use base 'host') for this JDK, or exclude the combination,"
                + " or name a host JDK instead of the image"));
  }

  @Test
  void aRunWithJdkImagesIsArchivedAndItsReplayRunsOnTheArchivedImageJdk() throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(),
        "archive and replay run variants on the native backend, as root");
    temurinJdkImage();
    Path archive = reports.resolve("archive");

    EngineExecutionResults first =
        EngineRuns.engine(reports.resolve("first"), "native")
            .configurationParameter("containermatrix.archive.dir", archive.toString())
            .selectors(selectClass(JdkImageFixture.class))
            .execute();
    first.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
    String runId = EngineRuns.report(reports.resolve("first")).get("runId").asText();

    EngineExecutionResults replay =
        EngineRuns.engine(reports.resolve("replay"), "native")
            .configurationParameter("containermatrix.archive.dir", archive.toString())
            .configurationParameter("containermatrix.replay", runId)
            .selectors(selectClass(JdkImageFixture.class))
            .execute();

    replay.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
  }
}
