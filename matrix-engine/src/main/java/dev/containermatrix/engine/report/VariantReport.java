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
 * @param cpuMillis the CPU time (user + system) of the variant's container in milliseconds; empty when
 *     the backend could not measure it
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
    List<String> notEnforced,
    OptionalLong cpuMillis) {

  public VariantReport {
    Objects.requireNonNull(cpuMillis, "cpuMillis");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    layers = List.copyOf(layers);
    notEnforced = List.copyOf(notEnforced);
  }

  /** An entry whose CPU time is unknown. */
  public VariantReport(String id, String testClass, String name, Map<String, String> values, Limits limits,
      List<LayerEntry> layers, VariantStatus status, Optional<String> reason, TestCounts tests, long durationMillis,
      Optional<String> archive, List<String> notEnforced) {
    this(id, testClass, name, values, limits, layers, status, reason, tests, durationMillis, archive, notEnforced,
        OptionalLong.empty());
  }

  public VariantReport withCpuMillis(OptionalLong value) {
    return new VariantReport(id, testClass, name, values, limits, layers, status, reason, tests, durationMillis, archive,
        notEnforced, value);
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
