package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * A {@code Transfer-Encoding: chunked} body, decoded. Chunk sizes are hex of at most 15 digits (so
 * below 2^60 and never an overflow), their lines and trailers bounded as {@link ResponseParser}'s
 * head is; a size is only a promise, so nothing is allocated for it, and a body that ends before a
 * chunk does is refused. Closing it does not close the stream beneath.
 */
final class ChunkedInputStream extends InputStream {

  private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9A-Fa-f]{1,15}");

  private final InputStream in;
  private long remaining;
  private long total;
  private boolean ended;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (remaining == 0 && !nextChunk()) {
      return -1;
    }
    int n = in.read(target, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new DockerEngineException(
          "The Docker engine's chunked answer ended inside a chunk, "
              + remaining
              + " bytes short, after "
              + total
              + " bytes of body: the engine closed the connection early; check that it still runs"
              + " (docker info) and try again");
    }
    remaining -= n;
    total += n;
    if (remaining == 0) {
      String end = HttpLines.read(in, 2, "the end of a chunk");
      if (!end.isEmpty()) {
        throw malformed("a chunk not followed by CRLF");
      }
    }
    return n;
  }

  /** Reads the next chunk's size; false at the last chunk (after its trailers). */
  private boolean nextChunk() throws IOException {
    if (ended) {
      return false;
    }
    String line = HttpLines.read(in, ResponseParser.MAX_LINE_BYTES, "a chunk size line");
    int extension = line.indexOf(';');
    String size = (extension < 0 ? line : line.substring(0, extension)).strip();
    if (!CHUNK_SIZE.matcher(size).matches()) {
      throw malformed(
          "the chunk size \""
              + ResponseParser.abbreviate(size)
              + "\", which is not 1 to 15 hex digits");
    }
    remaining = Long.parseLong(size, 16);
    if (remaining == 0) {
      ended = true;
      ResponseParser.readFields(in, "trailer");
      return false;
    }
    return true;
  }

  private static DockerEngineException malformed(String what) {
    return new DockerEngineException(
        "The Docker engine sent "
            + what
            + " in a chunked answer: refused; check that the socket belongs to a Docker or Podman"
            + " engine");
  }

  @Override
  public void close() {
    ended = true;
    remaining = 0;
  }
}
