package dev.containermatrix.junit.agent;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.ValueWrapper;

/**
 * Writes a {@link Throwable} as the channel's {@code <throwable>} object: class name, message,
 * whether it is an {@link AssertionError}, expected/actual of an opentest4j {@link
 * AssertionFailedError}, stack frames, cause and suppressed exceptions.
 *
 * <p>A throwable met a second time in its own cause/suppressed graph is written with no cause and no
 * suppressed, so circular causes terminate.
 */
final class ThrowableEncoder {
  private ThrowableEncoder() {}

  static void write(JsonWriter json, Throwable throwable) {
    write(json, throwable, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void write(JsonWriter json, Throwable throwable, Set<Throwable> seen) {
    boolean firstVisit = seen.add(throwable);
    json.beginObject()
        .field("className", throwable.getClass().getName())
        .field("message", messageOf(throwable))
        .field("assertion", throwable instanceof AssertionError);
    ValueWrapper expected = null;
    ValueWrapper actual = null;
    if (throwable instanceof AssertionFailedError failed) {
      expected = failed.isExpectedDefined() ? failed.getExpected() : null;
      actual = failed.isActualDefined() ? failed.getActual() : null;
    }
    json.field("expected", representationOf(expected)).field("actual", representationOf(actual));
    json.name("stack").beginArray();
    for (StackTraceElement frame : throwable.getStackTrace()) {
      json.beginObject()
          .field("c", frame.getClassName())
          .field("m", frame.getMethodName())
          .field("f", frame.getFileName())
          .field("l", frame.getLineNumber())
          .endObject();
    }
    json.endArray();
    json.name("cause");
    Throwable cause = throwable.getCause();
    if (firstVisit && cause != null && cause != throwable) {
      write(json, cause, seen);
    } else {
      json.nullValue();
    }
    json.name("suppressed").beginArray();
    if (firstVisit) {
      for (Throwable suppressed : throwable.getSuppressed()) {
        write(json, suppressed, seen);
      }
    }
    json.endArray().endObject();
  }

  private static @Nullable String messageOf(Throwable throwable) {
    try {
      return throwable.getMessage();
    } catch (RuntimeException e) {
      return "<getMessage() threw " + e.getClass().getName() + ">";
    }
  }

  private static @Nullable String representationOf(@Nullable ValueWrapper value) {
    return value == null ? null : value.getStringRepresentation();
  }
}
