package dev.containermatrix.junit.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Splits the agent's stream into its lines (ended by {@code \n}), none held longer than a limit of
 * bytes: a longer line is read to its end without being kept, and comes back as {@linkplain
 * Line#overLong() over-long} with only its start, so an agent cannot make the host hold a line of
 * any size.
 */
final class EventLineReader {
  /** How much of an over-long line is kept, for messages. */
  static final int EXCERPT_BYTES = 200;

  /**
   * A line: its 1-based number, its text (only its start if it is over-long), and its length in
   * bytes.
   */
  record Line(long number, String text, long bytes, boolean overLong) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int end;
  private long number;

  EventLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * The next line, or {@code null} at the end of the stream; a last line without {@code \n} counts.
   */
  @Nullable Line next() throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long bytes = 0;
    boolean overLong = false;
    while (true) {
      if (position == end) {
        int n = in.read(buffer);
        if (n < 0) {
          return bytes == 0 ? null : line(kept, bytes, overLong);
        }
        position = 0;
        end = n;
      }
      int newline = position;
      while (newline < end && buffer[newline] != '\n') {
        newline++;
      }
      int length = newline - position;
      if (!overLong && bytes + length > maxBytes) {
        overLong = true;
        byte[] start = kept.toByteArray();
        kept.reset();
        kept.write(start, 0, Math.min(start.length, EXCERPT_BYTES));
      }
      if (!overLong) {
        kept.write(buffer, position, length);
      } else if (kept.size() < EXCERPT_BYTES) {
        kept.write(buffer, position, Math.min(length, EXCERPT_BYTES - kept.size()));
      }
      bytes += length;
      position = newline;
      if (newline < end) {
        position++;
        return line(kept, bytes, overLong);
      }
    }
  }

  private Line line(ByteArrayOutputStream kept, long bytes, boolean overLong) {
    String text = kept.toString(StandardCharsets.UTF_8);
    if (!overLong && text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return new Line(++number, text, bytes, overLong);
  }
}
