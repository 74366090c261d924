package dev.containermatrix.backend.testmains;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The medians and percentiles the by-hand benchmarks print, from nanosecond samples. */
public final class BenchStats {
  private BenchStats() {}

  public static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** {@code {"medianMs":…,"p95Ms":…,"minMs":…}}. */
  public static String json(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    double p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    return String.format(
        Locale.ROOT,
        "{\"medianMs\":%.2f,\"p95Ms\":%.2f,\"minMs\":%.2f}",
        median(nanos) / 1e6,
        p95 / 1e6,
        sorted.get(0) / 1e6);
  }

  /** Runs {@code command} to its end and returns its nanoseconds; fails on a non-zero exit. */
  public static long run(List<String> command) throws Exception {
    long start = System.nanoTime();
    int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException(command + " exited " + exit);
    }
    return System.nanoTime() - start;
  }
}
