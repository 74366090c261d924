package dev.containermatrix.junit.agent;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes one JSON text (RFC 8259) into a string, without any JSON library: the agent runs on the
 * variant's classpath, where Jackson may be swapped for another version.
 *
 * <p>Strings are escaped so that the output is one line of valid UTF-8: quotes, backslashes and all
 * control characters are escaped, and so are unpaired surrogates (which UTF-8 cannot encode).
 * Callers nest {@code begin…}/{@code end…} correctly; the writer inserts the commas.
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(256);

  /** Per open container, whether the next member is its first; index {@code depth}. */
  private boolean[] first = new boolean[8];

  private int depth;
  private boolean afterName;

  JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    push();
    return this;
  }

  JsonWriter endObject() {
    depth--;
    out.append('}');
    return this;
  }

  JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    push();
    return this;
  }

  JsonWriter endArray() {
    depth--;
    out.append(']');
    return this;
  }

  /** Writes a member name; the next call writes its value. */
  JsonWriter name(String name) {
    beforeValue();
    appendQuoted(out, name);
    out.append(':');
    afterName = true;
    return this;
  }

  JsonWriter value(@Nullable String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      appendQuoted(out, value);
    }
    return this;
  }

  JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** Shorthand for {@code name(name).value(value)}. */
  JsonWriter field(String name, @Nullable String value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void push() {
    depth++;
    if (depth == first.length) {
      first = Arrays.copyOf(first, depth * 2);
    }
    first[depth] = true;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (!first[depth]) {
        out.append(',');
      }
      first[depth] = false;
    }
  }

  /** Appends {@code value} as a quoted, escaped JSON string. */
  static void appendQuoted(StringBuilder out, String value) {
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            appendUnicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            appendUnicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
