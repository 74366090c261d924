package dev.containermatrix.junit.engine;

import org.junit.platform.engine.TestDescriptor;

/** How the nodes inside a variant are named for Surefire's legacy reporting. */
final class VariantTestNames {
  private VariantTestNames() {}

  /**
   * A test's legacy name carries its variant's name, {@code works()[jdk=25, tz=utc]}, so that
   * Surefire writes one testcase per (variant, test); a container keeps its own.
   */
  static String legacy(TestDescriptor.Type type, String innerLegacyName, String variantName) {
    return type == TestDescriptor.Type.CONTAINER
        ? innerLegacyName
        : innerLegacyName + "[" + variantName + "]";
  }
}
