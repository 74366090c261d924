package dev.containermatrix.backend.spi;

import static dev.containermatrix.backend.spi.Checks.check;
import static dev.containermatrix.backend.spi.Checks.notNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How a container ended.
 *
 * @param exitCode the JVM's exit code as the host saw it; {@code 128+n} when it died of signal n;
 *     {@value #NOT_STARTED} when it never started
 * @param reason why it ended
 * @param description a plain sentence for the user, completing "the variant …": "exited with status
 *     3", "was killed by signal 9 (SIGKILL)"
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExitStatus(int exitCode, Reason reason, String description) {

  /**
   * The exit code reported for {@link Reason#FAILED_TO_START}, as shells do for "command not
   * found".
   */
  public static final int NOT_STARTED = 127;

  private static final String[] SIGNALS = {
    null,
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS"
  };

  /** Why a container ended. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Reason {
    /** Its JVM exited by itself, with any status. */
    EXITED,
    /** It ran past its spec's timeout and was killed. */
    TIMED_OUT,
    /** {@link ContainerHandle#cancel(String)} or {@link ContainerHandle#close()} killed it. */
    CANCELLED,
    /** It exceeded its memory limit and the kernel killed it. */
    OUT_OF_MEMORY,
    /** A signal it did not send itself killed it. */
    KILLED_BY_SIGNAL,
    /** A backend that learns only after {@code launch} that its JVM could not be started. */
    FAILED_TO_START
  }

  public ExitStatus {
    notNull(reason, "reason");
    notNull(description, "description");
    check(!description.isBlank(), "an exit status needs a description");
  }

  /** Whether the JVM exited by itself with status 0. */
  public boolean isSuccess() {
    return reason == Reason.EXITED && exitCode == 0;
  }

  /**
   * The status of a JVM that ended by itself with {@code exitCode}: {@link Reason#EXITED}, or
   * {@link Reason#KILLED_BY_SIGNAL} for {@code 129..192} (signal {@code exitCode - 128}).
   */
  public static ExitStatus fromExitCode(int exitCode) {
    if (exitCode > 128 && exitCode <= 128 + 64) {
      return killedBySignal(exitCode - 128);
    }
    return new ExitStatus(exitCode, Reason.EXITED, "exited with status " + exitCode);
  }

  /** Killed by signal {@code signal}: "was killed by signal 9 (SIGKILL)". */
  public static ExitStatus killedBySignal(int signal) {
    check(signal > 0 && signal <= 64, "signal must be 1 to 64, was %s", signal);
    String name = signal < SIGNALS.length ? " (" + SIGNALS[signal] + ")" : "";
    return new ExitStatus(
        128 + signal, Reason.KILLED_BY_SIGNAL, "was killed by signal " + signal + name);
  }

  /** "timed out after 2s; its JVM (pid 1234) and 2 child processes were killed". */
  public static ExitStatus timedOut(Duration timeout, int exitCode, long pid, int killedChildren) {
    return new ExitStatus(
        exitCode,
        Reason.TIMED_OUT,
        "timed out after " + Units.duration(timeout) + "; " + killed(pid, killedChildren));
  }

  /** "was cancelled (the run was stopped); its JVM (pid 1234) was killed". */
  public static ExitStatus cancelled(String why, int exitCode, long pid, int killedChildren) {
    return new ExitStatus(
        exitCode, Reason.CANCELLED, "was cancelled (" + why + "); " + killed(pid, killedChildren));
  }

  /** "was killed: it exceeded its memory limit of 256 MiB (OOM)". */
  public static ExitStatus outOfMemory(int exitCode, long limitBytes) {
    return new ExitStatus(
        exitCode,
        Reason.OUT_OF_MEMORY,
        "was killed: it exceeded its memory limit of " + Units.bytes(limitBytes) + " (OOM)");
  }

  /** "failed to start: " and {@code why}. */
  public static ExitStatus failedToStart(String why) {
    return new ExitStatus(NOT_STARTED, Reason.FAILED_TO_START, "failed to start: " + why);
  }

  private static String killed(long pid, int children) {
    return switch (children) {
      case 0 -> "its JVM (pid " + pid + ") was killed";
      case 1 -> "its JVM (pid " + pid + ") and 1 child process were killed";
      default -> "its JVM (pid " + pid + ") and " + children + " child processes were killed";
    };
  }
}
