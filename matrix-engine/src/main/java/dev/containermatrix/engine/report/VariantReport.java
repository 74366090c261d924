package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One variant's entry in report.json.
 *
 * @param reason why it did not pass, in plain words; empty when it passed
 * @param notEnforced the limits the backend could not enforce on this host, one sentence each
 */
@API(status = INTERNAL, since = "0.1")
public record VariantReport(
    String id,
    String testClass,
    String name,
    Map<String, String> values,
    Limits limits,
    List<LayerEntry> layers,
    VariantStatus status,
    Optional<String> reason,
    TestCounts tests,
    long durationMillis,
    Optional<String> archive,
    List<String> notEnforced) {

  public VariantReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    layers = List.copyOf(layers);
    notEnforced = List.copyOf(notEnforced);
  }

  /** The limits a variant ran with; absent ones were not set. */
  public record Limits(Optional<Double> cpus, OptionalLong memoryBytes, OptionalLong pids, OptionalLong nofile) {
    public static Limits none() {
      return new Limits(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }
  }

  /**
   * A filesystem layer of the variant's stack.
   *
   * @param built whether this run built it; else it was already in the store
   */
  public record LayerEntry(String digest, long sizeBytes, String role, boolean built) {}

  /** How many of the variant's tests passed, failed and were skipped (aborted counts as skipped). */
  public record TestCounts(int passed, int failed, int skipped) {}
}
