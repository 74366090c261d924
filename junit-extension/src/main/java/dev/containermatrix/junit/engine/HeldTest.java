package dev.containermatrix.junit.engine;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestDescriptor;

/** A failed test held back for a retry, with what each attempt of it did. */
final class HeldTest {
  private final TestDescriptor node;
  private final String name;
  private final List<String> notes = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private int lastFailedAttempt;

  HeldTest(
      TestDescriptor node,
      String name,
      int attempt,
      @org.jspecify.annotations.Nullable Throwable failure,
      String message) {
    this.node = node;
    this.name = name;
    failedAgain(attempt, failure, message);
  }

  TestDescriptor node() {
    return node;
  }

  String name() {
    return name;
  }

  /** The failures' messages, first attempt first; never empty. */
  List<String> messages() {
    return messages;
  }

  void failedAgain(
      int attempt, @org.jspecify.annotations.Nullable Throwable failure, String message) {
    lastFailedAttempt = attempt;
    notes.add("failed on attempt " + attempt + " (" + message + ")");
    messages.add(message);
    if (failure != null) {
      failures.add(failure);
    }
  }

  void notRunAgain(int attempt, String why) {
    notes.add("did not finish on attempt " + attempt + " (" + why + ")");
  }

  /** How many attempts ran (or were to run) the test. */
  int attempts() {
    return notes.size();
  }

  /** {@code failed on attempt 1 (…), failed on attempt 2 (…)}. */
  String attemptsSoFar() {
    return String.join(", ", notes);
  }

  /** The attempt (container) the last failure came from, 1 for the variant's first. */
  int lastFailedAttempt() {
    return lastFailedAttempt;
  }

  String lastMessage() {
    return messages.get(messages.size() - 1);
  }

  /** The last failure, with the earlier attempts' failures suppressed in it. */
  @org.jspecify.annotations.Nullable
  Throwable lastFailure() {
    if (failures.isEmpty()) {
      return null;
    }
    Throwable last = failures.get(failures.size() - 1);
    for (Throwable earlier : failures.subList(0, failures.size() - 1)) {
      last.addSuppressed(earlier);
    }
    return last;
  }
}
