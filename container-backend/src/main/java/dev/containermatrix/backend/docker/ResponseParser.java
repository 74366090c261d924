package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP/1.1 response as an engine sends it, treating every byte as hostile until checked:
 * the status line, at most {@link #MAX_HEADERS} headers of at most {@link #MAX_LINE_BYTES} bytes
 * each, and a body framed by {@code Content-Length}, by {@code Transfer-Encoding: chunked}, or by
 * the end of the connection. Anything else (another transfer coding, both framings, a malformed
 * length) is refused with a {@link DockerEngineException}.
 */
final class ResponseParser {

  /** The longest status, header, chunk-size or trailer line accepted. */
  static final int MAX_LINE_BYTES = 16 * 1024;

  /** The most header (or trailer) lines accepted. */
  static final int MAX_HEADERS = 128;

  private static final Pattern STATUS_LINE =
      Pattern.compile("HTTP/1\\.[01] ([1-5][0-9]{2})(?: .*)?");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private ResponseParser() {}

  /** The response's head; its body follows in {@code in}. */
  static ResponseHead readHead(InputStream in) throws IOException {
    String statusLine = HttpLines.read(in, MAX_LINE_BYTES, "the status line");
    Matcher status = STATUS_LINE.matcher(statusLine);
    if (!status.matches()) {
      throw new DockerEngineException(
          "The Docker engine's answer does not start with an HTTP/1.1 status line but with \""
              + abbreviate(statusLine)
              + "\": check that "
              + DockerHost.CONFIGURATION_KEY
              + " (or DOCKER_HOST) names a Docker or Podman socket");
    }
    return new ResponseHead(Integer.parseInt(status.group(1)), readFields(in, "header"));
  }

  /** Header or trailer fields up to the empty line that ends them. */
  static Map<String, List<String>> readFields(InputStream in, String kind) throws IOException {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      String line = HttpLines.read(in, MAX_LINE_BYTES, "a " + kind + " line");
      if (line.isEmpty()) {
        return fields;
      }
      if (count == MAX_HEADERS) {
        throw new DockerEngineException(
            "The Docker engine sent more than "
                + MAX_HEADERS
                + " "
                + kind
                + " lines: refused; check that the socket belongs to a Docker or Podman engine");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
        throw new DockerEngineException(
            "The Docker engine sent a malformed "
                + kind
                + " line \""
                + abbreviate(line)
                + "\": check that the socket belongs to a Docker or Podman engine");
      }
      fields
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
  }

  /**
   * The body that follows {@code head} in {@code in}, as its framing gives it; closing it does not
   * close {@code in}.
   *
   * @param bodyless whether the request was one whose answer has no body (none of ours is)
   */
  static InputStream body(ResponseHead head, InputStream in, boolean bodyless) throws IOException {
    Optional<String> transferEncoding = head.header("Transfer-Encoding");
    Optional<String> contentLength = head.header("Content-Length");
    if (bodyless || head.status() == 204 || head.status() == 304 || head.status() < 200) {
      return InputStream.nullInputStream();
    }
    if (transferEncoding.isPresent()) {
      if (contentLength.isPresent()) {
        throw new DockerEngineException(
            "The Docker engine sent both Transfer-Encoding and Content-Length: refused as"
                + " ambiguous framing; check that the socket belongs to a Docker or Podman engine");
      }
      if (!transferEncoding.get().equalsIgnoreCase("chunked")) {
        throw new DockerEngineException(
            "The Docker engine sent Transfer-Encoding \""
                + abbreviate(transferEncoding.get())
                + "\", and only chunked is supported: check that the socket belongs to a Docker or"
                + " Podman engine");
      }
      return new ChunkedInputStream(in);
    }
    if (contentLength.isPresent()) {
      String value = contentLength.get();
      if (!DIGITS.matcher(value).matches()) {
        throw new DockerEngineException(
            "The Docker engine sent Content-Length \""
                + abbreviate(value)
                + "\", which is not a length of at most 18 digits: refused; check that the socket"
                + " belongs to a Docker or Podman engine");
      }
      return new LengthLimitedInputStream(in, Long.parseLong(value));
    }
    return new UntilCloseInputStream(in);
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " chars)";
  }
}
