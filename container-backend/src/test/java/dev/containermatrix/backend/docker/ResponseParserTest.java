package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response parser against well-formed answers of each framing and hand-picked hostile ones. */
class ResponseParserTest {

  static String readAll(String response) throws IOException {
    return readAll(stream(response));
  }

  static String readAll(InputStream in) throws IOException {
    ResponseHead head = ResponseParser.readHead(in);
    return head.status()
        + " "
        + new String(ResponseParser.body(head, in, false).readAllBytes(), StandardCharsets.UTF_8);
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void readsABodyOfContentLengthAndNotOneByteMore() throws IOException {
    InputStream in =
        stream("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nApi-Version: 1.41\r\n\r\nhelloEXTRA");
    ResponseHead head = ResponseParser.readHead(in);

    assertThat(head.header("api-version")).contains("1.41");
    assertThat(ResponseParser.body(head, in, false).readAllBytes()).asString().isEqualTo("hello");
  }

  @Test
  void decodesChunksWithExtensionsAndTrailers() throws IOException {
    assertThat(
            readAll(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n"))
        .isEqualTo("200 hello world");
  }

  @Test
  void aBodyWithoutLengthOrChunksEndsWithTheConnection() throws IOException {
    assertThat(readAll("HTTP/1.0 200 OK\nContent-Type: text/plain\n\nuntil close"))
        .isEqualTo("200 until close");
  }

  @Test
  void noContentHasNoBody() throws IOException {
    assertThat(readAll("HTTP/1.1 204 No Content\r\n\r\nignored")).isEqualTo("204 ");
  }

  @Test
  void aChunkSizeOf2To62IsRefusedAsTooManyHexDigits() {
    assertThatThrownBy(
            () ->
                readAll(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4000000000000000\r\nab"))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine sent the chunk size \"4000000000000000\", which is not 1 to 15 hex"
                + " digits in a chunked answer: refused; check that the socket belongs to a Docker"
                + " or Podman engine");
  }

  @Test
  void aHugeChunkThatEndsEarlyIsRefusedWithoutAllocatingIt() {
    assertThatThrownBy(
            () ->
                readAll(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\nab"))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine's chunked answer ended inside a chunk, 1152921504606846973 bytes"
                + " short, after 2 bytes of body: the engine closed the connection early; check"
                + " that it still runs (docker info) and try again");
  }

  @Test
  void aHeaderLineOf10MibIsRefusedAfterTheLimitIsRead() {
    CountingInputStream endless =
        new CountingInputStream(
            new SequenceInputStream(
                stream("HTTP/1.1 200 OK\r\nX-Big: "), new RepeatingInputStream(10 << 20)));

    assertThatThrownBy(() -> readAll(endless))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine sent a header line longer than 16384 bytes: refused; the socket may"
                + " not belong to a Docker or Podman engine, check containermatrix.docker.host");
    assertThat(endless.count).isLessThan(ResponseParser.MAX_LINE_BYTES + 100);
  }

  @Test
  void aTruncatedBodyIsRefusedNamingHowMuchArrived() {
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten.."))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine's answer ended after 10 of its 100 bytes (Content-Length): the"
                + " engine closed the connection early; check that it still runs (docker info) and"
                + " try again");
  }

  @Test
  void aTruncatedHeadIsRefused() {
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\nContent-Le"))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith(
            "The Docker engine's answer ended inside a header line (after 10 bytes)");
  }

  @Test
  void ambiguousFramingIsRefused() {
    assertThatThrownBy(
            () ->
                readAll(
                    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .hasMessageStartingWith("The Docker engine sent both Transfer-Encoding and Content-Length");
    assertThatThrownBy(
            () -> readAll("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))
        .hasMessageStartingWith("The Docker engine sent 2 different Content-Length headers [1, 2]");
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"))
        .hasMessageStartingWith("The Docker engine sent Content-Length \"-1\"");
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"))
        .hasMessageStartingWith(
            "The Docker engine sent Transfer-Encoding \"gzip\", and only chunked is supported");
  }

  @Test
  void somethingOtherThanHttpIsRefused() {
    assertThatThrownBy(() -> readAll("SSH-2.0-OpenSSH_9.2\r\n"))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine's answer does not start with an HTTP/1.1 status line but with"
                + " \"SSH-2.0-OpenSSH_9.2\": check that containermatrix.docker.host (or"
                + " DOCKER_HOST) names a Docker or Podman socket");
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n"))
        .hasMessageStartingWith("The Docker engine sent a malformed header line \"No colon here\"");
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n"))
        .hasMessageStartingWith(
            "The Docker engine sent a header line holding the control character 0x0");
  }

  @Test
  void moreThan128HeadersAreRefused() {
    String headers = "X-A: b\r\n".repeat(129);
    assertThatThrownBy(() -> readAll("HTTP/1.1 200 OK\r\n" + headers + "\r\n"))
        .hasMessageStartingWith("The Docker engine sent more than 128 header lines");
  }

  /** Counts the bytes read through it. */
  static final class CountingInputStream extends InputStream {
    private final InputStream in;
    long count;

    CountingInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }
  }

  /** {@code length} bytes of 'x', made as they are read. */
  static final class RepeatingInputStream extends InputStream {
    private long left;

    RepeatingInputStream(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      return left-- > 0 ? 'x' : -1;
    }
  }
}
