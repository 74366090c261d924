package dev.containermatrix.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestFailureTest {

  @Test
  void aShortMessageIsKeptWhole() {
    assertThat(TestFailure.excerpt("expected: 0 but was: 1800000\n"))
        .isEqualTo("expected: 0 but was: 1800000");
  }

  @Test
  void aMessageIsCutToItsFirstFiveLinesSayingItWasCut() {
    String message =
        IntStream.rangeClosed(1, 8).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));

    assertThat(TestFailure.excerpt(message))
        .isEqualTo("line 1\nline 2\nline 3\nline 4\nline 5 […]");
  }

  @Test
  void aLongLineIsCutToAThousandCharacters() {
    String excerpt = TestFailure.excerpt("x".repeat(5000));

    assertThat(excerpt).hasSize(1000 + " […]".length()).endsWith("x […]");
  }

  @Test
  void aMessageThatWasNotCutIsRefusedNamingTheLimitAndTheFactory() {
    assertThatThrownBy(
            () ->
                new TestFailure("demo.A#m()", "x".repeat(1200), "variants/r/demo.A/a-000000000000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a failure's message in report.json is at most 5 lines and 1000 characters, was 1 lines"
                + " and 1200 characters; pass it through TestFailure.excerpt");
  }
}
