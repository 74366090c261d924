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
 * <p>A throwable met a second time in its own cause/suppressed graph is written with no cause and
 * no suppressed, so circular causes terminate.
 *
 * <p>What is written is bounded by {@link Limits}: texts are {@linkplain TextCap cut} (saying so),
 * stacks keep their first frames and then one frame saying how many more were cut, and causes and
 * suppressed throwables end at a depth.
 */
final class ThrowableEncoder {
  /**
   * @param textChars the most characters of a message, expected or actual value
   * @param frames the most stack frames of one throwable
   * @param depth how many levels of causes and suppressed throwables below the first are written
   */
  record Limits(int textChars, int frames, int depth) {
    /** What a failure normally keeps. */
    static final Limits FULL = new Limits(TextCap.TEXT_CHARS, 1024, 16);

    /** For a failure whose full form is over the channel's limit: the throwable alone, shorter. */
    static final Limits COMPACT = new Limits(4 * 1024, 32, 0);

    /** The last resort: class and the start of the message. */
    static final Limits TINY = new Limits(256, 0, 0);
  }

  /** The most characters of a class, method or file name of a frame. */
  private static final int NAME_CHARS = 1024;

  /** The most suppressed throwables written of one throwable. */
  private static final int SUPPRESSED = 16;

  private ThrowableEncoder() {}

  static void write(JsonWriter json, Throwable throwable, Limits limits) {
    write(json, throwable, Collections.newSetFromMap(new IdentityHashMap<>()), limits, 0);
  }

  private static void write(
      JsonWriter json, Throwable throwable, Set<Throwable> seen, Limits limits, int depth) {
    boolean firstVisit = seen.add(throwable);
    boolean deeper = firstVisit && depth < limits.depth();
    json.beginObject()
        .field("className", TextCap.cap(throwable.getClass().getName(), NAME_CHARS))
        .field("message", TextCap.cap(messageOf(throwable), limits.textChars()))
        .field("assertion", throwable instanceof AssertionError);
    ValueWrapper expected = null;
    ValueWrapper actual = null;
    if (throwable instanceof AssertionFailedError failed) {
      expected = failed.isExpectedDefined() ? failed.getExpected() : null;
      actual = failed.isActualDefined() ? failed.getActual() : null;
    }
    json.field("expected", TextCap.cap(representationOf(expected), limits.textChars()))
        .field("actual", TextCap.cap(representationOf(actual), limits.textChars()));
    json.name("stack").beginArray();
    StackTraceElement[] stack = throwable.getStackTrace();
    for (int i = 0; i < Math.min(stack.length, limits.frames()); i++) {
      json.beginObject()
          .field("c", TextCap.cap(stack[i].getClassName(), NAME_CHARS))
          .field("m", TextCap.cap(stack[i].getMethodName(), NAME_CHARS))
          .field("f", TextCap.cap(stack[i].getFileName(), NAME_CHARS))
          .field("l", stack[i].getLineNumber())
          .endObject();
    }
    if (stack.length > limits.frames()) {
      json.beginObject()
          .field("c", "…")
          .field(
              "m",
              "[truncated "
                  + String.format(java.util.Locale.ROOT, "%,d", stack.length - limits.frames())
                  + " frames]")
          .field("f", (String) null)
          .field("l", -1)
          .endObject();
    }
    json.endArray();
    json.name("cause");
    Throwable cause = throwable.getCause();
    if (deeper && cause != null && cause != throwable) {
      write(json, cause, seen, limits, depth + 1);
    } else {
      json.nullValue();
    }
    json.name("suppressed").beginArray();
    if (deeper) {
      Throwable[] suppressed = throwable.getSuppressed();
      for (int i = 0; i < Math.min(suppressed.length, SUPPRESSED); i++) {
        write(json, suppressed[i], seen, limits, depth + 1);
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
