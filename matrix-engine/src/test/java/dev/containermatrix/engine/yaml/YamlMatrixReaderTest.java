package dev.containermatrix.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.engine.expand.MatrixExpander;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigFile;
import dev.containermatrix.engine.matrix.ConfigProfile;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.Origin;
import dev.containermatrix.engine.matrix.ResourceProfile;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.matrix.ValueSelector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class YamlMatrixReaderTest {
  private final YamlMatrixReader reader = new YamlMatrixReader();

  static MatrixDefinition read(String yaml) {
    return new YamlMatrixReader()
        .read("m.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheDesignExampleFromAFile() throws IOException {
    MatrixDefinition matrix;
    try (InputStream in = getClass().getResourceAsStream("/matrix/json.yaml")) {
      matrix = reader.read("matrix/json.yaml", in);
    }

    assertThat(matrix.source()).isEqualTo("matrix/json.yaml");
    assertThat(matrix.base()).isEqualTo("host");
    assertThat(matrix.axes()).hasSize(5);
    assertThat(matrix.axes().get(0))
        .isEqualTo(
            new Axis.Library(
                "jackson",
                "com.fasterxml.jackson.core",
                "jackson-databind",
                List.of("2.21.3", "2.22.0", "2.23.0"),
                Origin.yaml("matrix/json.yaml", 3, "library")));
    assertThat(matrix.axes().get(1))
        .isEqualTo(new Axis.Jdk(List.of("17", "25"), Origin.yaml("matrix/json.yaml", 6, "jdk")));
    Axis.Resource resources = (Axis.Resource) matrix.axes().get(2);
    assertThat(resources.origin()).isEqualTo(Origin.yaml("matrix/json.yaml", 7, "resources"));
    assertThat(resources.profiles())
        .containsExactly(
            ResourceProfile.of(
                "small",
                Optional.of(1.0),
                OptionalLong.of(256L << 20),
                OptionalLong.of(256),
                OptionalLong.of(256),
                Optional.empty(),
                Origin.yaml("matrix/json.yaml", 8, "resources")),
            ResourceProfile.of(
                "large",
                Optional.of(2.0),
                OptionalLong.of(1L << 30),
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Origin.yaml("matrix/json.yaml", 9, "resources")));
    Axis.Config tz = (Axis.Config) matrix.axes().get(3);
    assertThat(tz.name()).isEqualTo("tz");
    assertThat(tz.profiles())
        .containsExactly(
            new ConfigProfile(
                "utc",
                Map.of("TZ", "UTC"),
                Map.of(),
                List.of(),
                Origin.yaml("matrix/json.yaml", 12, "values")),
            new ConfigProfile(
                "kolkata",
                Map.of("TZ", "Asia/Kolkata"),
                Map.of("user.timezone", "Asia/Kolkata"),
                List.of(
                    new ConfigFile(
                        "conf/kolkata.yaml",
                        "/etc/app/app.yaml",
                        Origin.yaml("matrix/json.yaml", 14, "/etc/app/app.yaml"))),
                Origin.yaml("matrix/json.yaml", 13, "values")));
    assertThat(matrix.axes().get(4))
        .isEqualTo(
            new Axis.Base(
                List.of("oci-archive:images/bullseye.tar", "oci-archive:images/bookworm.tar"),
                Origin.yaml("matrix/json.yaml", 15, "base")));
    assertThat(matrix.excludes())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.values())
                    .containsExactly(Map.entry("jackson", "2.21.3"), Map.entry("jdk", "25")));
    assertThat(matrix.includes())
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.values())
                    .containsExactly(
                        Map.entry("jackson", "2.23.0"),
                        Map.entry("jdk", "25"),
                        Map.entry("resources", "large"),
                        Map.entry("tz", "kolkata")));
    assertThat(matrix.strategy()).isEqualTo(Strategy.defaults());

    // 3*2*2*2*2 = 48, minus the 2*2*2 with jackson 2.21.3 on jdk 25; the include extends existing
    // rows
    assertThat(new MatrixExpander().expand(matrix).variants()).hasSize(40);
  }

  @Test
  void leavesTheStreamOpenForTheCallerToClose() {
    boolean[] closed = {false};
    InputStream in =
        new ByteArrayInputStream("axes: [{jdk: [17]}]\n".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    reader.read("m.yaml", in);

    assertThat(closed[0]).isFalse();
  }

  @Test
  void takesNumericVersionsAsWritten() {
    MatrixDefinition matrix =
        read(
            """
            axes:
              - jdk: [17, 25]
              - library: g:a
                versions: [2.20, 2.3.0, 1e3, 010]
            exclude: [{jdk: 25, a: 2.20}]
            """);

    assertThat(matrix.axes().get(0).labels()).containsExactly("17", "25");
    assertThat(matrix.axes().get(1).labels()).containsExactly("2.20", "2.3.0", "1e3", "010");
    assertThat(matrix.excludes().get(0).values())
        .containsExactly(Map.entry("jdk", "25"), Map.entry("a", "2.20"));
  }

  @Test
  void readsStrategy() {
    MatrixDefinition matrix =
        read(
            """
            axes: [{jdk: [17]}]
            strategy:
              combinations: PairWise
              fail-fast: true
              max-parallel: 3
              timeout: 1h30m
            """);

    assertThat(matrix.strategy())
        .isEqualTo(new Strategy(Strategy.Combinations.PAIRWISE, true, 3, Duration.ofMinutes(90)));
  }

  @Test
  void readsAllowFailuresAsSelectorsThatMayNameAnIncludedValue() {
    MatrixDefinition matrix =
        read(
            """
            axes: [{jdk: ["17", "25"]}, {library: "g:a", name: jackson, versions: ["2.21.3"]}]
            include: [{jdk: "26", jackson: "2.21.3"}]
            strategy:
              allow-failures: [{jdk: "26"}, {jdk: "25", jackson: "2.21.3"}]
            """);

    assertThat(matrix.strategy().allowFailures())
        .extracting(ValueSelector::text)
        .containsExactly("jdk=26", "jdk=25,jackson=2.21.3");
  }

  @Test
  void defaultsEverythingButAxes() {
    MatrixDefinition matrix = read("axes: [{jdk: [17]}]\n");

    assertThat(matrix.base()).isEqualTo("host");
    assertThat(matrix.excludes()).isEmpty();
    assertThat(matrix.includes()).isEmpty();
    assertThat(matrix.strategy()).isEqualTo(Strategy.defaults());
  }

  @Test
  void readsAnIncludeOnlyMatrixWithExtraKeysAndNewValues() {
    MatrixDefinition matrix =
        read(
            """
            axes:
              - jdk: ["17"]
            include:
              - {jdk: 25, site: production}
              - site: staging
                datacenter: site-b
            """);

    assertThat(new MatrixExpander().expand(matrix).variants())
        .extracting(v -> v.values())
        .containsExactly(
            Map.of("jdk", "17", "site", "staging", "datacenter", "site-b"),
            Map.of("jdk", "25", "site", "production"));
  }

  @Test
  void readsResourceCpusetAndLibraryDefaultName() {
    MatrixDefinition matrix =
        read(
            """
            base: oci-archive:images/bookworm.tar
            axes:
              - library: org.slf4j:slf4j-api
                versions: ["2.0.17"]
              - resources: [{name: pinned, cpuset: "0-1"}]
            """);

    assertThat(matrix.base()).isEqualTo("oci-archive:images/bookworm.tar");
    assertThat(matrix.axes().get(0).name()).isEqualTo("slf4j-api");
    assertThat(((Axis.Resource) matrix.axes().get(1)).profile("pinned").limits().cpuset())
        .contains("0-1");
  }
}
