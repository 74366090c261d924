package dev.containermatrix.examples.vintage;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** A JUnit 4 test that reads its variant from the environment the host set. */
public class LegacyRuntimeCheck {
  @Test
  public void runsOnTheJdkOfItsVariant() {
    String values = System.getenv("CONTAINERMATRIX_VARIANT_VALUES");

    assertEquals("jdk=" + Runtime.version().feature(), values);
  }
}
