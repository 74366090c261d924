package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.progress.RunProgress;
import dev.containermatrix.engine.report.VariantReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A run's progress on the console (what it says is {@link RunProgress}'s): each variant's line as
 * it finishes, and the summary every period on a daemon thread while variants are left, then once
 * when the run ends. Off, it prints nothing and starts no thread.
 */
final class ConsoleProgress implements AutoCloseable {
  private final @Nullable RunProgress progress;
  private final PrintStream out;
  private final @Nullable ScheduledExecutorService timer;

  private ConsoleProgress(
      @Nullable RunProgress progress, PrintStream out, @Nullable ScheduledExecutorService timer) {
    this.progress = progress;
    this.out = out;
    this.timer = timer;
  }

  /** Prints nothing. */
  static ConsoleProgress off() {
    return new ConsoleProgress(null, System.err, null);
  }

  /**
   * Progress of {@code total} variants, {@code parallelism} at a time, printed to {@code out}, with
   * the summary every {@code period} when there is one; off when {@code period} is empty or nothing
   * is to run.
   */
  static ConsoleProgress start(
      Optional<Duration> period, int total, int parallelism, PrintStream out) {
    if (period.isEmpty() || total == 0) {
      return off();
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "containermatrix-progress");
              t.setDaemon(true);
              return t;
            });
    ConsoleProgress progress = new ConsoleProgress(new RunProgress(total, parallelism), out, timer);
    long millis = period.get().toMillis();
    timer.scheduleAtFixedRate(progress::tick, millis, millis, TimeUnit.MILLISECONDS);
    return progress;
  }

  /** A variant started running. */
  void started() {
    if (progress != null) {
      progress.started();
    }
  }

  /** Prints {@code variant}'s line; {@code wasRunning} as {@link RunProgress#finished} takes it. */
  void finished(VariantReport variant, boolean wasRunning) {
    if (progress != null) {
      out.println(progress.finished(variant, wasRunning));
    }
  }

  /** Prints the summary while variants are left: what the timer runs every period. */
  void tick() {
    if (progress != null && !progress.done()) {
      out.println(progress.summary());
    }
  }

  /** Stops the timer and prints the last summary. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (progress != null) {
      out.println(progress.endSummary());
    }
  }
}
