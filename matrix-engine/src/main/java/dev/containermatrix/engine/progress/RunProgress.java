package dev.containermatrix.engine.progress;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.report.VariantReport;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the console says while a run's variants run (the policy; the engine prints the lines and
 * keeps the time): one line per finished variant, such as
 *
 * <pre>
 * [container-matrix] PASSED  jdk=25, lib=2.1 (MyTest) 3.2s
 * [container-matrix] FAILED  jdk=17, lib=2.1 (MyTest) 2.9s: 1 test(s) failed
 * </pre>
 *
 * and a summary, such as {@code [container-matrix] 12/64 variants, 2 failed, 4 running, ~1m20s
 * left}. The time left is estimated from the finished variants' durations (their mean, the variants
 * cancelled before they ran left out) and the parallelism: the variants left, a parallelism at a
 * time, each taking the mean; there is no estimate until one has finished. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunProgress {
  public static final String PREFIX = "[container-matrix] ";

  /** The longest reason a line carries; the report has the whole of it. */
  static final int REASON_LIMIT = 200;

  private final int total;
  private final int parallelism;
  private int finished;
  private int failed;
  private int running;
  private int timed;
  private long timedMillis;

  /**
   * @param total how many variants the run will run
   * @param parallelism how many run at once at most
   */
  public RunProgress(int total, int parallelism) {
    if (total < 0) {
      throw new IllegalArgumentException(
          "a run's variant count must not be negative, was " + total);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "a run's parallelism must be positive, was " + parallelism);
    }
    this.total = total;
    this.parallelism = parallelism;
  }

  /** A variant started running. */
  public synchronized void started() {
    running++;
  }

  /**
   * Counts {@code variant} as finished and returns its line.
   *
   * @param wasRunning whether {@link #started()} counted it (a variant cancelled before it started
   *     was not)
   */
  public synchronized String finished(VariantReport variant, boolean wasRunning) {
    finished++;
    if (wasRunning && running > 0) {
      running--;
    }
    String status = variant.status().name();
    if (status.equals("FAILED") || status.equals("INFRA_ERROR")) {
      failed++;
    }
    if (!status.equals("ABORTED") && variant.durationMillis() > 0) {
      timed++;
      timedMillis += variant.durationMillis();
    }
    String testClass = variant.testClass().substring(variant.testClass().lastIndexOf('.') + 1);
    StringBuilder line =
        new StringBuilder(PREFIX)
            .append(String.format(Locale.ROOT, "%-7s ", status))
            .append(variant.name().isEmpty() ? variant.id() : variant.name())
            .append(" (")
            .append(testClass)
            .append(") ")
            .append(seconds(variant.durationMillis()));
    if (!status.equals("PASSED")) {
      variant.reason().map(RunProgress::firstLine).ifPresent(r -> line.append(": ").append(r));
    }
    return line.toString();
  }

  /** The summary line: finished of all, failed, running, and the estimate of the time left. */
  public synchronized String summary() {
    return summary(true);
  }

  /**
   * The summary line when the run has ended, without an estimate: a variant the run never got to
   * (its class failed) leaves the count short, and nothing is left to wait for.
   */
  public synchronized String endSummary() {
    return summary(false);
  }

  private String summary(boolean estimate) {
    StringBuilder line =
        new StringBuilder(PREFIX)
            .append(finished)
            .append('/')
            .append(total)
            .append(" variants, ")
            .append(failed)
            .append(" failed, ")
            .append(running)
            .append(" running");
    if (estimate) {
      estimateMillis().ifPresent(left -> line.append(", ~").append(whole(left)).append(" left"));
    }
    return line.toString();
  }

  /** Whether every variant has finished. */
  public synchronized boolean done() {
    return finished >= total;
  }

  /**
   * The time left: the variants left, {@code parallelism} at a time, each taking the mean of the
   * finished ones; empty until a variant finished after running, and when none is left.
   */
  synchronized Optional<Long> estimateMillis() {
    int left = total - finished;
    if (timed == 0 || left <= 0) {
      return Optional.empty();
    }
    double mean = (double) timedMillis / timed;
    int atOnce = Math.min(parallelism, left);
    return Optional.of(Math.round(left * mean / atOnce));
  }

  private static String firstLine(String reason) {
    String first = reason.strip().lines().findFirst().orElse("");
    return first.length() > REASON_LIMIT ? first.substring(0, REASON_LIMIT) + " […]" : first;
  }

  /** {@code 3200} as {@code 3.2s}, {@code 80000} as {@code 1m20s}. */
  static String seconds(long millis) {
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", Math.max(0, millis) / 1000.0);
    }
    return whole(millis);
  }

  /**
   * {@code 80400} as {@code 1m20s}, {@code 4000} as {@code 4s}, {@code 3_720_000} as {@code 1h2m}.
   */
  static String whole(long millis) {
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + seconds % 60 + "s";
    }
    return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
  }
}
