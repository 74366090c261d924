package dev.containermatrix.junit.engine;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestTag;

/**
 * A variant's tags: {@code <axis>=<value>} for each of its values, with each character JUnit
 * forbids in a tag (whitespace, ISO control characters and {@code , ( ) & | !}) replaced by {@code
 * _}.
 */
final class VariantTags {
  /** The characters {@link TestTag} reserves for tag expressions. */
  private static final String RESERVED = ",()&|!";

  private VariantTags() {}

  static Set<TestTag> of(Map<String, String> values) {
    Set<TestTag> tags = new LinkedHashSet<>();
    values.forEach((axis, value) -> tags.add(TestTag.create(sanitized(axis + "=" + value))));
    return java.util.Collections.unmodifiableSet(tags);
  }

  static String sanitized(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                out.append(
                    Character.isWhitespace(c)
                            || Character.isISOControl(c)
                            || RESERVED.indexOf(c) >= 0
                        ? "_"
                        : new String(Character.toChars(c))));
    return out.toString();
  }
}
