package dev.containermatrix.junit.agent;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Jupiter class {@link TrainingMain} runs, so that a class-data archive holds what a variant's
 * agent loads for a small test class: discovery, lifecycle, assertions, a dynamic test. Its name
 * matches no build tool's test pattern, so it only runs when selected.
 */
class TrainingSample {

  @Test
  void addsNumbers() {
    assertEquals(4, 2 + 2, "arithmetic");
  }

  @Test
  @DisplayName("maps and lists")
  void comparesCollections() {
    Map<String, List<Integer>> values = Map.of("a", List.of(1, 2));
    assertAll(() -> assertEquals(List.of(1, 2), values.get("a")), () -> assertTrue(values.containsKey("a")));
  }

  @Test
  void catchesAnException() {
    assertThrows(IllegalArgumentException.class, () -> Integer.parseInt("not a number"));
  }

  @TestFactory
  Stream<DynamicTest> generatesTests() {
    return Stream.of("x", "yy").map(s -> dynamicTest("length of " + s, () -> assertTrue(s.length() > 0)));
  }
}
