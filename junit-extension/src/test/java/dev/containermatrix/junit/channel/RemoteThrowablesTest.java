package dev.containermatrix.junit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RemoteThrowablesTest {
  private static final StackTraceElement FRAME =
      new StackTraceElement("com.example.FooTest", "bar", "FooTest.java", 12);

  @Test
  void rebuildsAssertionFailuresAsAssertionErrorsWithExpectedAndActual() {
    Throwable rebuilt =
        RemoteThrowables.rebuild(
            failure("org.opentest4j.AssertionFailedError", "expected: <a> but was: <b>", true)
                .withExpectedAndActual("a", "b"));

    assertThat(rebuilt).isInstanceOf(AssertionError.class).isInstanceOf(AssertionFailedError.class);
    AssertionFailedError failed = (AssertionFailedError) rebuilt;
    assertThat(failed.getExpected().getStringRepresentation()).isEqualTo("a");
    assertThat(failed.getActual().getStringRepresentation()).isEqualTo("b");
    assertThat(failed).hasMessage("expected: <a> but was: <b>");
    assertThat(failed)
        .hasToString("org.opentest4j.AssertionFailedError: expected: <a> but was: <b>");
    assertThat(((RemoteAssertionFailedError) failed).remoteClassName())
        .isEqualTo("org.opentest4j.AssertionFailedError");
    assertThat(failed.getStackTrace()).containsExactly(FRAME);
  }

  @Test
  void rebuildsPlainAssertionErrorsWithoutExpectedOrActual() {
    Throwable rebuilt =
        RemoteThrowables.rebuild(failure("java.lang.AssertionError", null, true).build());

    assertThat(rebuilt).isInstanceOf(AssertionError.class).hasToString("java.lang.AssertionError");
    assertThat(((AssertionFailedError) rebuilt).isExpectedDefined()).isFalse();
    assertThat(((AssertionFailedError) rebuilt).isActualDefined()).isFalse();
  }

  @Test
  void rebuildsOtherExceptionsAsErrorsNamingTheOriginalClass() {
    Throwable rebuilt =
        RemoteThrowables.rebuild(failure("java.lang.IllegalStateException", "boom", false).build());

    assertThat(rebuilt)
        .isInstanceOf(RemoteException.class)
        .isNotInstanceOf(AssertionError.class)
        .hasMessage("java.lang.IllegalStateException: boom")
        .hasToString("java.lang.IllegalStateException: boom");
    assertThat(((RemoteException) rebuilt).remoteMessage()).isEqualTo("boom");
    assertThat(rebuilt.getStackTrace()).containsExactly(FRAME);
  }

  @Test
  void namesOnlyTheClassOfAnExceptionWithoutMessage() {
    Throwable rebuilt =
        RemoteThrowables.rebuild(failure("java.lang.NullPointerException", null, false).build());

    assertThat(rebuilt).hasMessage("java.lang.NullPointerException");
    assertThat(((RemoteException) rebuilt).remoteMessage()).isNull();
  }

  @Test
  void rebuildsAbortsAsTestAbortedException() {
    Throwable opentest4j =
        RemoteThrowables.rebuild(
            failure("org.opentest4j.TestAbortedException", "Assumption failed: no", false).build());
    Throwable junit4 =
        RemoteThrowables.rebuild(
            failure("org.junit.AssumptionViolatedException", "got: <1>", true).build());

    assertThat(opentest4j)
        .isExactlyInstanceOf(TestAbortedException.class)
        .hasMessage("Assumption failed: no");
    assertThat(junit4).isExactlyInstanceOf(TestAbortedException.class).hasMessage("got: <1>");
    assertThat(opentest4j.getStackTrace()).containsExactly(FRAME);
  }

  @Test
  void rebuildsCausesAndSuppressedRecursively() {
    RemoteFailure cause = failure("java.io.IOException", "disk full", false).build();
    RemoteFailure suppressed = failure("org.opentest4j.AssertionFailedError", "also", true).build();
    RemoteFailure root =
        new RemoteFailure(
            "java.lang.IllegalStateException",
            Optional.of("boom"),
            false,
            Optional.empty(),
            Optional.empty(),
            List.of(FRAME),
            Optional.of(cause),
            List.of(suppressed));

    Throwable rebuilt = RemoteThrowables.rebuild(root);

    assertThat(rebuilt.getCause())
        .isInstanceOf(RemoteException.class)
        .hasMessage("java.io.IOException: disk full");
    assertThat(rebuilt.getCause().getStackTrace()).containsExactly(FRAME);
    assertThat(rebuilt.getSuppressed()).hasSize(1);
    assertThat(rebuilt.getSuppressed()[0]).isInstanceOf(AssertionError.class).hasMessage("also");
  }

  private static FailureBuilder failure(String className, String message, boolean assertion) {
    return new FailureBuilder(className, message, assertion);
  }

  private record FailureBuilder(String className, String message, boolean assertion) {
    RemoteFailure build() {
      return withExpectedAndActual(null, null);
    }

    RemoteFailure withExpectedAndActual(String expected, String actual) {
      return new RemoteFailure(
          className,
          Optional.ofNullable(message),
          assertion,
          Optional.ofNullable(expected),
          Optional.ofNullable(actual),
          List.of(FRAME),
          Optional.empty(),
          List.of());
    }
  }
}
