package dev.containermatrix.backend.spi;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks with formatted messages, for the SPI's records. */
final class Checks {

  private Checks() {}

  static <T> T notNull(@Nullable T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  static Path absolute(@Nullable Path path, String what) {
    notNull(path, what);
    check(
        path.isAbsolute(),
        "%s must be an absolute path, was \"%s\": resolve it against the module's base directory"
            + " first",
        what,
        path);
    return path;
  }

  static String noNul(String value, String what) {
    check(
        value.indexOf('\0') < 0,
        "%s must not contain a NUL character, was \"%s\"",
        what,
        value.replace("\0", "\\0"));
    return value;
  }
}
