package dev.containermatrix.junit.engine;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A node of the engine inside a variant, re-rooted under the variant's node: listed at discovery
 * from the inner engine's discovery on the host, or registered as the agent reports it. Its source
 * and tags are kept, so IDEs jump to the method and tag filters see it; its tags also carry the
 * variant's values; its legacy reporting name carries the variant's name, so Surefire writes one
 * distinct testcase per (variant, method).
 */
final class MirroredDescriptor extends AbstractTestDescriptor {
  private final String innerId;
  private final Type type;
  private final String legacyReportingName;
  private final Set<TestTag> tags;
  private final boolean mayRegisterTests;

  /**
   * @param innerId the node's unique id inside the variant, as the agent names it
   */
  MirroredDescriptor(
      UniqueId uniqueId,
      String innerId,
      String displayName,
      @Nullable TestSource source,
      Type type,
      String legacyReportingName,
      Set<TestTag> tags,
      boolean mayRegisterTests) {
    super(uniqueId, displayName, source);
    this.innerId = innerId;
    this.type = type;
    this.legacyReportingName = legacyReportingName;
    this.tags = Set.copyOf(tags);
    this.mayRegisterTests = mayRegisterTests;
  }

  /** A node the agent registered while its variant ran: no tags known, nothing more to come. */
  static MirroredDescriptor registered(
      UniqueId uniqueId,
      String innerId,
      String displayName,
      @Nullable TestSource source,
      Type type,
      String legacyReportingName) {
    return new MirroredDescriptor(
        uniqueId, innerId, displayName, source, type, legacyReportingName, Set.of(), false);
  }

  /** The node's unique id inside the variant, e.g. {@code [engine:junit-jupiter]/[class:X]/…}. */
  String innerId() {
    return innerId;
  }

  @Override
  public Type getType() {
    return type;
  }

  @Override
  public String getLegacyReportingName() {
    return legacyReportingName;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  @Override
  public boolean mayRegisterTests() {
    return mayRegisterTests;
  }
}
