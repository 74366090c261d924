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
    assertAll(
        () -> assertEquals(List.of(1, 2), values.get("a")),
        () -> assertTrue(values.containsKey("a")));
  }

  @Test
  void catchesAnException() {
    assertThrows(IllegalArgumentException.class, () -> Integer.parseInt("not a number"));
  }

  /**
   * AssertJ is the assertion library most test classpaths have: when the shared jars hold it, its
   * common entry points are archived too (called reflectively, as this module does not depend on
   * it). Best effort: a version whose methods differ archives what it got that far.
   */
  @Test
  void usesAssertjWhenPresent() {
    try {
      useAssertj(Class.forName("org.assertj.core.api.Assertions"));
    } catch (ReflectiveOperationException | LinkageError e) {
      // no AssertJ, or one with other signatures: nothing (more) to archive
    }
  }

  private static void useAssertj(Class<?> assertions) throws ReflectiveOperationException {
    Object object = assertions.getMethod("assertThat", Object.class).invoke(null, "text");
    object.getClass().getMethod("isEqualTo", Object.class).invoke(object, "text");
    Object string = assertions.getMethod("assertThat", String.class).invoke(null, "text");
    string.getClass().getMethod("startsWith", CharSequence.class).invoke(string, "te");
    Object number = assertions.getMethod("assertThat", int.class).invoke(null, 4);
    number.getClass().getMethod("isEqualTo", int.class).invoke(number, 4);
    Object list = assertions.getMethod("assertThat", List.class).invoke(null, List.of(1, 2));
    list.getClass()
        .getMethod("containsExactly", Object[].class)
        .invoke(list, (Object) new Object[] {1, 2});
    Object map = assertions.getMethod("assertThat", Map.class).invoke(null, Map.of("a", 1));
    map.getClass().getMethod("containsEntry", Object.class, Object.class).invoke(map, "a", 1);
    Object failing = assertions.getMethod("assertThat", int.class).invoke(null, 1);
    try {
      failing.getClass().getMethod("isEqualTo", int.class).invoke(failing, 2);
    } catch (java.lang.reflect.InvocationTargetException expected) {
      assertTrue(
          expected.getCause() instanceof AssertionError,
          "AssertJ reports a mismatch as an AssertionError");
    }
  }

  @TestFactory
  Stream<DynamicTest> generatesTests() {
    return Stream.of("x", "yy")
        .map(s -> dynamicTest("length of " + s, () -> assertTrue(s.length() > 0)));
  }
}
