package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Splits the engine's multiplexed log or attach stream into stdout and stderr. Without a TTY each
 * frame is an 8-byte header (stream type: 0 stdin, 1 stdout, 2 stderr, 3 the engine's own error;
 * three zero bytes; a big-endian 32-bit length) and that many bytes. A container with a TTY sends
 * one raw stream, copied whole to stdout. A frame's length is only a promise: it is copied through
 * a fixed buffer, never allocated.
 */
final class StreamDemultiplexer {

  private static final int HEADER = 8;

  private StreamDemultiplexer() {}

  /**
   * Copies {@code in} to its end.
   *
   * @param multiplexed whether the stream is framed (a container without a TTY)
   * @throws DockerEngineException on a malformed or truncated frame, or a frame of the engine's own
   *     error (type 3), whose text it quotes
   */
  static void copy(InputStream in, boolean multiplexed, OutputStream stdout, OutputStream stderr)
      throws IOException {
    if (!multiplexed) {
      in.transferTo(stdout);
      stdout.flush();
      return;
    }
    byte[] header = new byte[HEADER];
    byte[] buffer = new byte[32 * 1024];
    while (true) {
      int read = in.readNBytes(header, 0, HEADER);
      if (read == 0) {
        stdout.flush();
        stderr.flush();
        return;
      }
      if (read < HEADER) {
        throw malformed("a frame header cut short after " + read + " of its 8 bytes");
      }
      int type = header[0] & 0xff;
      if (type > 3 || header[1] != 0 || header[2] != 0 || header[3] != 0) {
        throw malformed(
            String.format(
                "a frame header %02x %02x %02x %02x, whose stream type is not 0 to 3 followed by"
                    + " three zero bytes (a container with a TTY sends a raw stream: say so)",
                header[0], header[1], header[2], header[3]));
      }
      long length =
          ((header[4] & 0xffL) << 24)
              | ((header[5] & 0xffL) << 16)
              | ((header[6] & 0xffL) << 8)
              | (header[7] & 0xffL);
      if (type == 3) {
        byte[] text = in.readNBytes((int) Math.min(length, 64 * 1024));
        throw new DockerEngineException(
            "The Docker engine reported an error in the container's output stream: "
                + ResponseParser.abbreviate(
                    new String(text, java.nio.charset.StandardCharsets.UTF_8).strip())
                + "; check the engine's log");
      }
      OutputStream target = type == 2 ? stderr : stdout;
      while (length > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
        if (n < 0) {
          throw malformed("a frame cut short, " + length + " bytes before its end");
        }
        target.write(buffer, 0, n);
        length -= n;
      }
    }
  }

  private static DockerEngineException malformed(String what) {
    return new DockerEngineException(
        "The Docker engine's multiplexed output stream has "
            + what
            + ": refused; check that the socket belongs to a Docker or Podman engine");
  }
}
