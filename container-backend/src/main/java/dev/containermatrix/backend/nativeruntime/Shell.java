package dev.containermatrix.backend.nativeruntime;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the launch scripts: every value goes in single quotes. */
final class Shell {
  private Shell() {}

  /** {@code value} as one shell word. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Each value as a shell word, joined by spaces. */
  static String words(List<String> values) {
    return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
