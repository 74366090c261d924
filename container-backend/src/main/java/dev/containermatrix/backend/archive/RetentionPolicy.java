package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which runs {@link ArchiveAccounts#retain} keeps.
 *
 * <ul>
 *   <li>{@code keepLast} and {@code keepFor}: a run is removed by these only if every one of them
 *       that is set says so: it is not among the newest {@code keepLast} runs, and it is older than
 *       {@code keepFor}.
 *   <li>{@code keepBytes} bounds the archive's size on top of that: going from the newest run to
 *       the oldest, runs are kept while the blobs they reference (each blob counted once, however
 *       many runs share it) fit in {@code keepBytes}; the first run that does not fit and every
 *       older run are removed.
 *   <li>{@code protectedRuns} are never removed, whatever the rules say (the run just archived);
 *       their blobs count first toward {@code keepBytes}, so one protected run larger than the
 *       bound is kept alone.
 * </ul>
 *
 * With no rule set, every run is kept (and only unreferenced blobs are removed).
 *
 * @param keepLast how many of the newest runs to keep; at least 0
 * @param keepFor how long to keep a run after it was committed; not negative
 * @param keepBytes the most bytes the kept runs may reference together; positive
 * @param protectedRuns ids of runs never to remove
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RetentionPolicy(
    OptionalInt keepLast,
    Optional<Duration> keepFor,
    OptionalLong keepBytes,
    Set<String> protectedRuns) {

  public RetentionPolicy {
    Objects.requireNonNull(keepLast, "keepLast (use OptionalInt.empty())");
    Objects.requireNonNull(keepFor, "keepFor (use Optional.empty())");
    Objects.requireNonNull(keepBytes, "keepBytes (use OptionalLong.empty())");
    protectedRuns = Set.copyOf(protectedRuns);
    if (keepLast.isPresent() && keepLast.getAsInt() < 0) {
      throw new IllegalArgumentException("keepLast must be 0 or more, was " + keepLast.getAsInt());
    }
    if (keepFor.isPresent() && keepFor.get().isNegative()) {
      throw new IllegalArgumentException("keepFor must not be negative, was " + keepFor.get());
    }
    if (keepBytes.isPresent() && keepBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "keepBytes must be positive, was " + keepBytes.getAsLong());
    }
  }

  /** No size bound and no protected run. */
  public RetentionPolicy(OptionalInt keepLast, Optional<Duration> keepFor) {
    this(keepLast, keepFor, OptionalLong.empty(), Set.of());
  }

  /** Keeps the newest {@code n} runs. */
  public static RetentionPolicy keepLast(int n) {
    return new RetentionPolicy(OptionalInt.of(n), Optional.empty());
  }

  /** Keeps the runs committed within {@code duration}. */
  public static RetentionPolicy keepFor(Duration duration) {
    return new RetentionPolicy(OptionalInt.empty(), Optional.of(duration));
  }

  /** Keeps the newest runs whose blobs fit in {@code bytes}. */
  public static RetentionPolicy keepBytes(long bytes) {
    return new RetentionPolicy(
        OptionalInt.empty(), Optional.empty(), OptionalLong.of(bytes), Set.of());
  }

  /** This policy with the size bound {@code bytes}, or none when empty. */
  public RetentionPolicy withKeepBytes(OptionalLong bytes) {
    return new RetentionPolicy(keepLast, keepFor, bytes, protectedRuns);
  }

  /** This policy, never removing run {@code runId}. */
  public RetentionPolicy withProtectedRun(String runId) {
    Set<String> runs = new LinkedHashSet<>(protectedRuns);
    runs.add(Objects.requireNonNull(runId, "runId"));
    return new RetentionPolicy(keepLast, keepFor, keepBytes, runs);
  }
}
