package dev.containermatrix.junit.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The report entries that carry a variant's values to reports that read report entries: one on the
 * variant's node, keyed by axis name (Open Test Reporting lists it under the variant), and, where
 * Allure's JUnit Platform listener is on the classpath, one {@code allure.parameter} entry per
 * value on each of the variant's tests as it starts, which Allure turns into the test's parameters.
 *
 * <p>JUnit refuses a blank report entry value, so a blank value is published as {@code ""}.
 */
final class VariantEntries {
  /** The listener of {@code io.qameta.allure:allure-junit-platform}. */
  static final String ALLURE_LISTENER = "io.qameta.allure.junitplatform.AllureJunitPlatform";

  /** The key Allure's listener reads a parameter's name from; its value is under {@code value}. */
  static final String ALLURE_PARAMETER = "allure.parameter";

  private static final boolean ALLURE = present(ALLURE_LISTENER);

  private VariantEntries() {}

  /** Publishes {@code values} as one report entry on the variant's node; nothing if empty. */
  static void publishValues(
      EngineExecutionListener listener, TestDescriptor variant, Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    Map<String, String> entry = new LinkedHashMap<>();
    values.forEach((axis, value) -> entry.put(axis, nonBlank(value)));
    listener.reportingEntryPublished(variant, ReportEntry.from(entry));
  }

  /**
   * Publishes the variant's {@code values} as Allure parameters of {@code test}, which has just
   * started on this thread (Allure adds them to the test it is recording on this thread); nothing
   * where Allure's listener is absent or {@code test} is a container.
   */
  static void testStarted(
      EngineExecutionListener listener, TestDescriptor test, Map<String, String> values) {
    if (!ALLURE || !test.isTest()) {
      return;
    }
    values.forEach(
        (axis, value) ->
            listener.reportingEntryPublished(
                test, ReportEntry.from(Map.of(ALLURE_PARAMETER, axis, "value", nonBlank(value)))));
  }

  /** Whether Allure's listener is on this engine's classpath. */
  static boolean allurePresent() {
    return ALLURE;
  }

  private static String nonBlank(String value) {
    return value.isBlank() ? "\"\"" : value;
  }

  private static boolean present(String className) {
    for (ClassLoader loader :
        new ClassLoader[] {
          VariantEntries.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
      if (loader == null) {
        continue;
      }
      try {
        Class.forName(className, false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        // not on this loader
      }
    }
    return false;
  }
}
