package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.spi.ResourceLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One variant's entry in report.json, in its order (with the run's {@code runId} after {@code id},
 * see {@code RunPart}); an empty optional is {@code null} there.
 *
 * @param limits the limits the variant ran with; report.json lists cpus, memoryBytes, pids and
 *     nofile ({@code null} where not set)
 * @param reason why it did not pass, in plain words; empty when it passed
 * @param notEnforced the limits the backend could not enforce on this host, one sentence each
 * @param cpuMillis the CPU time (user + system) of the variant's container in milliseconds; empty
 *     when the backend could not measure it
 * @param classpathEntries how many entries the variant's JVM had on its classpath; empty where no
 *     JVM was planned (a variant that failed before it had a plan)
 * @param failures each test that failed inside the variant, in the order they finished; tests left
 *     unfinished by an infrastructure failure are not failures (the variant's {@code reason} says
 *     why)
 * @param logs the variant's log directory (stdout, stderr) relative to the report directory; empty
 *     when the variant never got one (skipped, or refused before it was launched)
 * @param classes a suite's counts per test class; empty, and left out of report.json, for a class
 *     matrix
 * @param jdk the JDK the variant ran on; empty, and left out of report.json, where no JDK was
 *     planned
 * @param peakMemoryBytes the most memory the variant's container used at once, in bytes; empty, and
 *     left out of report.json, where the backend did not measure it
 * @param flaky the tests that failed and then passed on a retry; left out of report.json when empty
 * @param attempts how many containers the variant used (its first run and its retries); left out of
 *     report.json unless it is more than 1
 * @param runningTest on a variant killed at its timeout, the test(s) that were running then (names
 *     as in {@code failures[].test}, joined by {@code ; }); else empty and left out
 */
@API(status = INTERNAL, since = "0.1")
@JsonPropertyOrder({
  "id",
  "class",
  "name",
  "values",
  "jdk",
  "limits",
  "layers",
  "status",
  "reason",
  "tests",
  "classes",
  "runningTest",
  "failures",
  "flaky",
  "logs",
  "durationMillis",
  "attempts",
  "cpuMillis",
  "peakMemoryBytes",
  "classpathEntries",
  "archive",
  "notEnforced"
})
public record VariantReport(
    String id,
    @JsonProperty("class") String testClass,
    String name,
    Map<String, String> values,
    // report.json lists the four limits a variant can report; the cpuset is the archive's
    @JsonIgnoreProperties({"cpuset", "empty"}) ResourceLimits limits,
    List<ReportedLayer> layers,
    VariantStatus status,
    Optional<String> reason,
    TestCounts tests,
    long durationMillis,
    Optional<String> archive,
    List<String> notEnforced,
    OptionalLong cpuMillis,
    OptionalInt classpathEntries,
    List<TestFailure> failures,
    Optional<String> logs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClassCounts> classes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Optional<ReportedJdk> jdk,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) OptionalLong peakMemoryBytes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FlakyTest> flaky,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) OptionalInt attempts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Optional<String> runningTest) {

  public VariantReport {
    Objects.requireNonNull(cpuMillis, "cpuMillis");
    Objects.requireNonNull(classpathEntries, "classpathEntries");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    layers = List.copyOf(layers);
    notEnforced = List.copyOf(notEnforced);
    failures = List.copyOf(failures);
    Objects.requireNonNull(logs, "logs");
    // absent from a class matrix's entry, so absent when its report part is read back
    classes = classes == null ? List.of() : List.copyOf(classes);
    // absent where it was not known (and from reports written before it was), so absent when read
    jdk = jdk == null ? Optional.empty() : jdk;
    peakMemoryBytes = peakMemoryBytes == null ? OptionalLong.empty() : peakMemoryBytes;
    if (peakMemoryBytes.isPresent() && peakMemoryBytes.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "peakMemoryBytes must not be negative: " + peakMemoryBytes.getAsLong());
    }
    // the three below are absent unless retries or a timeout made them, so absent when read
    flaky = flaky == null ? List.of() : List.copyOf(flaky);
    attempts = attempts == null ? OptionalInt.empty() : attempts;
    if (attempts.isPresent() && attempts.getAsInt() < 2) {
      throw new IllegalArgumentException(
          "attempts is only reported when a variant used more than one container, was "
              + attempts.getAsInt());
    }
    runningTest = runningTest == null ? Optional.empty() : runningTest;
  }

  /** An entry whose CPU time and classpath are unknown. */
  public VariantReport(
      String id,
      String testClass,
      String name,
      Map<String, String> values,
      ResourceLimits limits,
      List<ReportedLayer> layers,
      VariantStatus status,
      Optional<String> reason,
      TestCounts tests,
      long durationMillis,
      Optional<String> archive,
      List<String> notEnforced) {
    this(
        id,
        testClass,
        name,
        values,
        limits,
        layers,
        status,
        reason,
        tests,
        durationMillis,
        archive,
        notEnforced,
        OptionalLong.empty(),
        OptionalInt.empty(),
        List.of(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        OptionalLong.empty(),
        List.of(),
        OptionalInt.empty(),
        Optional.empty());
  }

  public VariantReport withCpuMillis(OptionalLong value) {
    return withMeasured(value, classpathEntries, failures, logs, classes, jdk);
  }

  /** This entry with its container's peak memory use, where the backend measured it. */
  public VariantReport withPeakMemoryBytes(OptionalLong value) {
    return withLate(
        cpuMillis,
        classpathEntries,
        failures,
        logs,
        classes,
        jdk,
        value,
        flaky,
        attempts,
        runningTest);
  }

  public VariantReport withClasspathEntries(int entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("classpathEntries must not be negative: " + entries);
    }
    return withMeasured(cpuMillis, OptionalInt.of(entries), failures, logs, classes, jdk);
  }

  public VariantReport withFailures(List<TestFailure> value) {
    return withMeasured(cpuMillis, classpathEntries, value, logs, classes, jdk);
  }

  /**
   * @param directory the variant's log directory relative to the report directory
   */
  public VariantReport withLogs(String directory) {
    if (directory.isBlank()) {
      throw new IllegalArgumentException("a variant's log directory must be named, was blank");
    }
    return withMeasured(
        cpuMillis, classpathEntries, failures, Optional.of(directory), classes, jdk);
  }

  /** This entry with the JDK the variant ran on. */
  public VariantReport withJdk(ReportedJdk value) {
    return withMeasured(cpuMillis, classpathEntries, failures, logs, classes, Optional.of(value));
  }

  /** This entry with a suite's counts per test class. */
  public VariantReport withClasses(List<ClassCounts> value) {
    return withMeasured(cpuMillis, classpathEntries, failures, logs, value, jdk);
  }

  /** This entry with the six components most withers set, which are known only after it ran. */
  private VariantReport withMeasured(
      OptionalLong cpuMillis,
      OptionalInt classpathEntries,
      List<TestFailure> failures,
      Optional<String> logs,
      List<ClassCounts> classes,
      Optional<ReportedJdk> jdk) {
    return withLate(
        cpuMillis,
        classpathEntries,
        failures,
        logs,
        classes,
        jdk,
        peakMemoryBytes,
        flaky,
        attempts,
        runningTest);
  }

  /**
   * This entry with every component known only after it ran: the one copy all withers go through.
   */
  private VariantReport withLate(
      OptionalLong cpuMillis,
      OptionalInt classpathEntries,
      List<TestFailure> failures,
      Optional<String> logs,
      List<ClassCounts> classes,
      Optional<ReportedJdk> jdk,
      OptionalLong peakMemoryBytes,
      List<FlakyTest> flaky,
      OptionalInt attempts,
      Optional<String> runningTest) {
    return new VariantReport(
        id,
        testClass,
        name,
        values,
        limits,
        layers,
        status,
        reason,
        tests,
        durationMillis,
        archive,
        notEnforced,
        cpuMillis,
        classpathEntries,
        failures,
        logs,
        classes,
        jdk,
        peakMemoryBytes,
        flaky,
        attempts,
        runningTest);
  }

  /**
   * This entry after retries: the tests that passed only on a retry, and how many containers the
   * variant used in all (1 leaves {@code attempts} out).
   */
  public VariantReport withRetries(List<FlakyTest> flakyTests, int containers) {
    if (containers < 1) {
      throw new IllegalArgumentException(
          "a variant that ran used at least 1 container, was " + containers);
    }
    return withLate(
        cpuMillis,
        classpathEntries,
        failures,
        logs,
        classes,
        jdk,
        peakMemoryBytes,
        flakyTests,
        containers > 1 ? OptionalInt.of(containers) : OptionalInt.empty(),
        runningTest);
  }

  /** This entry with the test(s) that were running when the variant was killed at its timeout. */
  public VariantReport withRunningTest(String running) {
    if (running.isBlank()) {
      throw new IllegalArgumentException("the running test must be named, was blank");
    }
    return withLate(
        cpuMillis,
        classpathEntries,
        failures,
        logs,
        classes,
        jdk,
        peakMemoryBytes,
        flaky,
        attempts,
        Optional.of(running));
  }

  /**
   * The JDK a variant ran on, as report.json lists it: a JDK axis value names a version, a path or
   * an image, and this says which JDK that was.
   *
   * @param feature its feature version, e.g. 25
   * @param home its home: on the host, or inside the base image when {@code inImage}
   * @param inImage whether the JDK is the one inside the variant's base image
   */
  public record ReportedJdk(int feature, String home, boolean inImage) {
    public ReportedJdk {
      Objects.requireNonNull(home, "home");
    }
  }

  /**
   * A filesystem layer of the variant's stack, as {@code report.json} lists it.
   *
   * @param built whether this run built it; else it was already in the store
   */
  public record ReportedLayer(String digest, long sizeBytes, LayerRole role, boolean built) {
    public ReportedLayer {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * How many of the variant's tests passed, failed and were skipped (aborted counts as skipped).
   */
  public record TestCounts(int passed, int failed, int skipped) {}

  /**
   * A test that failed and then passed when its variant retried it.
   *
   * @param test named as {@code failures[].test} names a test
   * @param attempts the attempt it passed on (2 when it passed on the first retry)
   * @param message the first failure's message
   */
  public record FlakyTest(String test, int attempts, String message) {
    public FlakyTest {
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(message, "message");
      if (attempts < 2) {
        throw new IllegalArgumentException(
            "a flaky test passed on a retry, so on attempt 2 or later, was " + attempts);
      }
    }
  }

  /**
   * A suite's counts for one test class inside the variant (report.json {@code classes[]}).
   *
   * @param name the class's fully qualified name
   */
  @JsonPropertyOrder({"name", "passed", "failed", "skipped"})
  public record ClassCounts(String name, int passed, int failed, int skipped) {
    public ClassCounts {
      Objects.requireNonNull(name, "name");
      if (passed < 0 || failed < 0 || skipped < 0) {
        throw new IllegalArgumentException(
            "counts of "
                + name
                + " must not be negative: "
                + passed
                + "/"
                + failed
                + "/"
                + skipped);
      }
    }
  }
}
