package dev.containermatrix.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.layers.LayerRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {
  @TempDir Path dir;

  static RunRecord sample() {
    var variant =
        new RunRecord.Variant(
            "JsonCodecTest.0123456789ab",
            "0123456789ab",
            "com.example.JsonCodecTest",
            "jdk=17, tz=kolkata",
            Map.of("jdk", "17", "tz", "kolkata"),
            "host",
            "/usr/lib/jvm/java-17",
            17,
            List.of("/m2/a.jar", "/p/target/test-classes"),
            List.of("/p/target/test-classes"),
            List.of("-XX:+UseSerialGC"),
            Map.of("TZ", "Asia/Kolkata"),
            Map.of("user.timezone", "Asia/Kolkata"),
            new RunRecord.Limits(1.0, 256L << 20, null, 256L, null),
            List.of(
                new RunRecord.ConfigFile(
                    "/etc/app/app.yaml", "conf/kolkata.yaml", "ab".repeat(32))),
            List.of(
                new RunRecord.ArchivedLayer(
                    LayerRole.JDK, "sha256:" + "1".repeat(64), "sha256:" + "1".repeat(64), 1000)),
            "sha256:" + "2".repeat(64),
            600_000,
            new RunRecord.Result("PASSED", null, 5, 0, 0, 1234));
    return new RunRecord(
        RunRecord.FORMAT,
        "20261127-010203-abcdef",
        "2026-11-27T01:02:03Z",
        "2026-11-27T01:03:00Z",
        "native",
        new RunRecord.Host("6.1.0", "amd64", 2, 4L << 30),
        "/p",
        "0a1b2c",
        null,
        List.of(
            new RunRecord.Matrix(
                "com.example.JsonCodecTest", "@ContainerMatrix on JsonCodecTest", "ALL", 0, 1, 1)),
        List.of(variant));
  }

  @Test
  void aRecordReadsBackEqualToWhatWasWritten() throws IOException {
    RunRecord record = sample();

    RunRecord back = RunRecordJson.read(RunRecordJson.write(record), "test");

    assertThat(back).isEqualTo(record);
    assertThat(back.variantsOf("com.example.JsonCodecTest")).hasSize(1);
    assertThat(back.variant("JsonCodecTest.0123456789ab")).isPresent();
    assertThat(RunRecordJson.text(record))
        .doesNotContain("replayOf")
        .contains("\"gitCommit\" : \"0a1b2c\"");
    assertThat(RunRecordJson.text(record)).contains("\"role\" : \"jdk\"");
  }

  @Test
  void aVariantsValuesKeepTheirMatrixOrderThroughTheRecordAndItsJson() throws IOException {
    // matrix order: neither sorted (cfg < jdk < os < zone) nor what a hash map of these keys yields
    Map<String, String> matrixOrder = new java.util.LinkedHashMap<>();
    matrixOrder.put("zone", "utc");
    matrixOrder.put("jdk", "17");
    matrixOrder.put("os", "debian");
    matrixOrder.put("cfg", "rel");
    RunRecord.Variant original = sample().variants().get(0);
    RunRecord.Variant variant =
        new RunRecord.Variant(
            original.key(),
            original.id(),
            original.testClass(),
            "zone=utc, jdk=17, os=debian, cfg=rel",
            matrixOrder,
            original.base(),
            original.jdkHome(),
            original.jdkFeature(),
            original.classpath(),
            original.classDirectories(),
            original.jvmOptions(),
            original.env(),
            original.systemProperties(),
            original.limits(),
            original.files(),
            original.layers(),
            original.manifestDigest(),
            original.timeoutMillis(),
            original.result());
    RunRecord record = withVariants(sample(), List.of(variant));

    RunRecord back = RunRecordJson.read(RunRecordJson.write(record), "test");

    assertThat(variant.values().keySet()).containsExactly("zone", "jdk", "os", "cfg");
    assertThat(back.variants().get(0).values().keySet())
        .containsExactly("zone", "jdk", "os", "cfg");
    assertThat(RunRecordJson.text(record))
        .containsSubsequence("\"zone\"", "\"jdk\"", "\"os\"", "\"cfg\"");
  }

  private static RunRecord withVariants(RunRecord r, List<RunRecord.Variant> variants) {
    return new RunRecord(
        r.format(),
        r.runId(),
        r.startedAt(),
        r.finishedAt(),
        r.backend(),
        r.host(),
        r.projectDirectory(),
        r.gitCommit(),
        r.replayOf(),
        r.matrices(),
        variants);
  }

  @Test
  void aRecordOfALaterFormatIsRefusedNamingWhereItCameFrom() {
    byte[] later =
        RunRecordJson.text(sample())
            .replace("\"format\" : 1", "\"format\" : 2")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> RunRecordJson.read(later, "blob sha256:abc"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "run record blob sha256:abc has format 2, newer than the 1 this ContainerMatrix reads");
  }

  @Test
  void malformedJsonIsRefusedNamingWhereItCameFrom() {
    assertThatThrownBy(
            () ->
                RunRecordJson.read(
                    "{\"runId\": ".getBytes(StandardCharsets.UTF_8), "blob sha256:abc"))
        .hasMessageStartingWith("run record blob sha256:abc is not a valid run record");
  }

  @Test
  void archiveModeParsesItsThreeValuesAndNamesTheKeyOtherwise() {
    assertThat(ArchiveMode.parse("k", " Failed ")).isEqualTo(ArchiveMode.FAILED);
    assertThat(ArchiveMode.FAILED.archives(true)).isFalse();
    assertThat(ArchiveMode.FAILED.archives(false)).isTrue();
    assertThat(ArchiveMode.OFF.archives(false)).isFalse();
    assertThatThrownBy(() -> ArchiveMode.parse("containermatrix.archive", "always"))
        .hasMessageStartingWith(
            "Configuration parameter containermatrix.archive='always' is not one of on, failed,"
                + " off");
  }

  @Test
  void replayOfARunIdLooksInTheDefaultArchiveAndKeepsItsFilter() {
    ReplayRequest request =
        ReplayRequest.parse(
            "20261127-010203-abcdef#jdk=17",
            dir,
            dir.resolve("archive"),
            ReplayRequest.CodeMode.CURRENT);

    assertThat(request.runId()).contains("20261127-010203-abcdef");
    assertThat(request.archiveDirectory()).isEqualTo(dir.resolve("archive"));
    assertThat(request.filter()).isPresent();
    assertThat(request.describe())
        .isEqualTo("run 20261127-010203-abcdef of " + dir.resolve("archive"));
  }

  @Test
  void replayOfAnExistingDirectoryMeansItsLatestRun() {
    ReplayRequest request =
        ReplayRequest.parse(".", dir, dir.resolve("elsewhere"), ReplayRequest.CodeMode.ARCHIVED);

    assertThat(request.runId()).isEmpty();
    assertThat(request.archiveDirectory()).isEqualTo(dir);
    assertThat(request.filter()).isEmpty();
  }

  @Test
  void replayWithoutARunOrWithABadFilterSaysWhatToGive() {
    assertThatThrownBy(
            () -> ReplayRequest.parse("#jdk=17", dir, dir, ReplayRequest.CodeMode.CURRENT))
        .hasMessageStartingWith(
            "Configuration parameter containermatrix.replay='#jdk=17' names no run");
    assertThatThrownBy(
            () -> ReplayRequest.parse("run1#jdk", dir, dir, ReplayRequest.CodeMode.CURRENT))
        .hasMessageStartingWith(
            "Configuration parameter containermatrix.replay='run1#jdk' has a malformed variant"
                + " filter");
    assertThatThrownBy(
            () -> ReplayRequest.parse("no/such/dir", dir, dir, ReplayRequest.CodeMode.CURRENT))
        .hasMessageContaining("is neither an archive directory");
    assertThatThrownBy(() -> ReplayRequest.CodeMode.parse("old"))
        .hasMessageStartingWith(
            "Configuration parameter containermatrix.replay.code='old' is not current or archived");
  }
}
