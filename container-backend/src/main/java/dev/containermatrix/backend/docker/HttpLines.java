package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one CRLF- (or LF-) terminated line of an HTTP/1.1 head or chunk framing, of at most a given
 * length: a longer line is refused after that many bytes, so a hostile engine cannot make this
 * client buffer a line of any size.
 */
final class HttpLines {

  private HttpLines() {}

  /**
   * The line without its terminator, as ISO-8859-1 (HTTP's header bytes).
   *
   * @param what names the line in a message: "the status line", "a header line", "a chunk size"
   * @throws DockerEngineException if the line is longer than {@code maxBytes}, holds a control
   *     character other than a tab, or the stream ends before its terminator
   */
  static String read(InputStream in, int maxBytes, String what) throws IOException {
    byte[] line = new byte[Math.min(maxBytes, 256)];
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new DockerEngineException(
            "The Docker engine's answer ended inside "
                + what
                + " (after "
                + length
                + " bytes): the engine closed the connection early; check that it still runs"
                + " (docker info) and try again");
      }
      if (b == '\n') {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (length == maxBytes) {
        throw new DockerEngineException(
            "The Docker engine sent "
                + what
                + " longer than "
                + maxBytes
                + " bytes: refused; the socket may not belong to a Docker or Podman engine, check"
                + " "
                + DockerHost.CONFIGURATION_KEY);
      }
      if (b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
        throw new DockerEngineException(
            "The Docker engine sent "
                + what
                + " holding the control character 0x"
                + Integer.toHexString(b)
                + ": refused; the socket may not belong to a Docker or Podman engine, check "
                + DockerHost.CONFIGURATION_KEY);
      }
      if (length == line.length) {
        line = java.util.Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
      }
      line[length++] = (byte) b;
    }
  }
}
