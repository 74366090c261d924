package dev.containermatrix.engine.shard;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One shard of a run split over {@code total} CI runners: {@code containermatrix.shard=k/n},
 * 1-based as GitLab's {@code $CI_NODE_INDEX/$CI_NODE_TOTAL}.
 *
 * @param index this shard, from 1 to {@code total}
 * @param total how many shards the run is split into, at least 1
 */
@API(status = INTERNAL, since = "0.1")
public record Shard(int index, int total) {
  /** The configuration parameter a shard is read from. */
  public static final String KEY = "containermatrix.shard";

  /** The most shards a run may be split into. */
  public static final int MAX_TOTAL = 10_000;

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
  private static final String EXPECTED =
      "as in 2/3 (GitLab: $CI_NODE_INDEX/$CI_NODE_TOTAL; GitHub Actions: ${{ matrix.shard }}/4)";

  public Shard {
    if (total < 1 || total > MAX_TOTAL) {
      throw new IllegalArgumentException(
          KEY
              + "="
              + index
              + "/"
              + total
              + ": n must be between 1 and "
              + MAX_TOTAL
              + ", "
              + EXPECTED);
    }
    if (index < 1 || index > total) {
      throw new IllegalArgumentException(
          KEY + "=" + index + "/" + total + ": k must be between 1 and n, " + EXPECTED);
    }
  }

  /**
   * Parses {@code k/n}; surrounding spaces are ignored.
   *
   * @throws IllegalArgumentException naming {@value #KEY}, the value and the expected form
   */
  public static Shard parse(String text) {
    String trimmed = text.trim();
    Matcher m = FORM.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          KEY + "=" + trimmed + ": expected k/n, two whole numbers with 1 <= k <= n, " + EXPECTED);
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** {@code report-<k>-of-<n>.json}: the report file this shard writes. */
  public String reportFileName() {
    return "report-" + index + "-of-" + total + ".json";
  }

  @Override
  public String toString() {
    return index + "/" + total;
  }
}
