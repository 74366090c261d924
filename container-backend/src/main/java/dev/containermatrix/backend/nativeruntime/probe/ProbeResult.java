package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a {@link ProbeCommand} ended.
 *
 * @param command what was run
 * @param exitCode its exit code; empty when it did not start or was killed for taking too long
 * @param output its stdout and stderr, stripped and cut to 2000 characters
 * @param failure why it has no exit code: "could not start: …" or "did not finish within 5 s …";
 *     empty when it has one
 */
@API(status = INTERNAL, since = "0.1")
public record ProbeResult(
    ProbeCommand command, Optional<Integer> exitCode, String output, Optional<String> failure) {

  static ProbeResult exited(ProbeCommand command, int exitCode, String output) {
    return new ProbeResult(command, Optional.of(exitCode), output, Optional.empty());
  }

  static ProbeResult notStarted(ProbeCommand command, String why) {
    return new ProbeResult(command, Optional.empty(), "", Optional.of("could not start: " + why));
  }

  static ProbeResult timedOut(ProbeCommand command, Duration timeout, String output) {
    return new ProbeResult(
        command,
        Optional.empty(),
        output,
        Optional.of("did not finish within " + seconds(timeout) + " and was killed"));
  }

  /** Whether it exited with status 0. */
  public boolean succeeded() {
    return exitCode.filter(code -> code == 0).isPresent();
  }

  /**
   * What went wrong, for messages: "`unshare --user /bin/true` exited with status 1: unshare:
   * unshare failed: Operation not permitted".
   */
  String describe() {
    String how = failure.orElseGet(() -> "exited with status " + exitCode.orElseThrow());
    return "`" + command + "` " + how + (output.isEmpty() ? "" : ": " + output.replace('\n', ' '));
  }

  private static String seconds(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }
}
