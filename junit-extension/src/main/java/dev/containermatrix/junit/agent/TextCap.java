package dev.containermatrix.junit.agent;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Cuts the text the agent sends (messages, expected and actual values, names, report entries) to a
 * number of characters, saying at the cut how much was cut: {@code … [truncated 19,934,464
 * characters]}. With the line check in {@link EventEncoder} it keeps every event under the
 * channel's line limit, so that a huge failure message still arrives as a failed test.
 */
final class TextCap {
  /** What one text may keep: 64 Ki characters. */
  static final int TEXT_CHARS = 64 * 1024;

  private TextCap() {}

  /**
   * {@code text} itself if it has at most {@code maxChars} characters, else its start and a note.
   */
  static @Nullable String cap(@Nullable String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return text.substring(0, cut)
        + "… [truncated "
        + String.format(Locale.ROOT, "%,d", text.length() - cut)
        + " characters]";
  }

  /** The length of {@code text} in UTF-8, as the channel counts it. */
  static long utf8Bytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
