package dev.containermatrix.junit.engine;

import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A Jupiter node that ran inside a variant, re-rooted under the variant's node. Its source is kept,
 * so IDEs jump to the method; its legacy reporting name carries the variant's name, so Surefire
 * writes one distinct testcase per (variant, method).
 */
final class MirroredDescriptor extends AbstractTestDescriptor {
  private final Type type;
  private final String legacyReportingName;

  MirroredDescriptor(
      UniqueId uniqueId,
      String displayName,
      @Nullable TestSource source,
      Type type,
      String legacyReportingName) {
    super(uniqueId, displayName, source);
    this.type = type;
    this.legacyReportingName = legacyReportingName;
  }

  @Override
  public Type getType() {
    return type;
  }

  @Override
  public String getLegacyReportingName() {
    return legacyReportingName;
  }
}
