package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * What Surefire's XML says of a test that fails once and then passes. Surefire writes {@code
 * <flakyFailure>} only when it reran the test itself ({@code rerunFailingTestsCount} above 0) and
 * saw a failure and then a success for the same class and method name: its own rerun selects the
 * failed (variant, test) by unique id, which runs it again in a fresh container. With {@code
 * containermatrix.retries} the engine retries inside and reports the final outcome once: the
 * testcase passes, and report.json lists the test as flaky.
 */
class SurefireFlakyIT {
  private static final String XML = "target/surefire-reports/TEST-fixture.FlakyMatrixTest.xml";

  @Test
  void surefiresOwnRerunOfAVariantsTestShowsItAsAFlakyFailureAndTheBuildPasses() throws Exception {
    FixtureResult build =
        FixtureWorkspace.prepare().fixture("flaky").withProperty("rerun", "1").run();

    build.assertSucceeded();
    String xml = Files.readString(build.copy().resolve(XML));
    assertThat(xml)
        .as("%s: %s", build, XML)
        .containsPattern(
            "(?s)<testcase name=\"failsOnce\\(\\)\\[side=left\\]\""
                + " classname=\"fixture.FlakyMatrixTest\"[^>]*>\\s*<flakyFailure"
                + " message=\"\\[side=left\\] first run fails\"");
  }

  @Test
  void theEnginesRetryPassesTheTestcaseAndReportJsonListsItAsFlaky() throws Exception {
    FixtureResult build =
        FixtureWorkspace.prepare().fixture("flaky").withProperty("matrix.retries", "1").run();

    build.assertSucceeded();
    String xml = Files.readString(build.copy().resolve(XML));
    assertThat(xml).as("%s: %s", build, XML).doesNotContain("<failure").doesNotContain("<flaky");
    JsonNode variant =
        new ObjectMapper()
            .readTree(build.copy().resolve("target/containermatrix/report.json").toFile())
            .get("variants")
            .get(0);
    assertThat(variant.get("status").asText()).isEqualTo("PASSED");
    assertThat(variant.get("attempts").asInt()).isEqualTo(2);
    assertThat(variant.get("flaky").get(0).get("test").asText())
        .isEqualTo("fixture.FlakyMatrixTest#failsOnce()");
  }
}
