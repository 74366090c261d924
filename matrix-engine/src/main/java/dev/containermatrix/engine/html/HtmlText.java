package dev.containermatrix.engine.html;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Report text made safe for HTML, and report paths made safe for links. */
final class HtmlText {
  private HtmlText() {}

  /**
   * {@code text} as HTML text or attribute value: {@code & < > " '} as entities; control characters
   * other than tab and newline, and unpaired surrogates, as U+FFFD.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n' -> out.append(c);
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c) || c < 0x20 || (c >= 0x7f && c < 0xa0)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A link to {@code path}, a path relative to the report's directory as report.json gives it: each
   * segment percent-encoded (so no segment reads as a scheme such as {@code javascript:}). Empty
   * for an absolute path, one with a {@code ..} segment, or a blank one: those are shown as text,
   * never linked.
   */
  static Optional<String> relativeHref(String path) {
    if (path.isBlank() || path.startsWith("/") || path.startsWith("\\")) {
      return Optional.empty();
    }
    StringBuilder href = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.contains("\\")) {
        return Optional.empty();
      }
      if (href.length() > 0) {
        href.append('/');
      }
      href.append(percentEncode(segment));
    }
    return Optional.of(href.toString());
  }

  /** Every byte but RFC 3986's unreserved characters as {@code %XX}. */
  static String percentEncode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
