package dev.containermatrix.engine.html;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command that replays one variant of an archived run (see the user guide, "Archive and
 * replay"): {@code mvn verify -Dtest=<class> '-Dcontainermatrix.replay=<run id>#<filter>'}, the
 * filter being the variant's values ({@code jdk=17,tz=utc}) where every value can be written in a
 * filter, else its id. Each argument that needs it is single-quoted for a POSIX shell.
 */
final class ReplayCommand {
  private static final Pattern VARIANT_ID = Pattern.compile("[0-9a-f]{12}");
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=:,#@%+-]+");

  private ReplayCommand() {}

  /** The command; empty when the variant names no run to replay. */
  static Optional<String> of(ReportTree.Variant variant, Optional<String> reportRunId) {
    Optional<String> runId = variant.runId().or(() -> reportRunId);
    if (runId.isEmpty() || runId.get().isBlank()) {
      return Optional.empty();
    }
    String simpleClass = variant.testClass().substring(variant.testClass().lastIndexOf('.') + 1);
    return Optional.of(
        "mvn verify "
            + quote("-Dtest=" + simpleClass)
            + " "
            + quote("-Dcontainermatrix.replay=" + runId.get() + "#" + filter(variant)));
  }

  /**
   * The variant's values as {@code containermatrix.variants} reads them ({@code axis=value} joined
   * by commas), or its id where a value cannot be written so (it holds a comma, or is blank or
   * padded) or it has none.
   */
  static String filter(ReportTree.Variant variant) {
    Map<String, String> values = variant.values();
    boolean writable =
        !values.isEmpty()
            && values.entrySet().stream()
                .allMatch(
                    e ->
                        writable(e.getKey())
                            && !e.getKey().contains("=")
                            && writable(e.getValue()));
    if (!writable && VARIANT_ID.matcher(variant.id()).matches()) {
      return variant.id();
    }
    StringBuilder filter = new StringBuilder();
    values.forEach(
        (axis, value) -> {
          if (filter.length() > 0) {
            filter.append(',');
          }
          filter.append(axis).append('=').append(value);
        });
    return filter.length() == 0 ? variant.id() : filter.toString();
  }

  private static boolean writable(String text) {
    return !text.isBlank() && !text.contains(",") && text.strip().equals(text);
  }

  /** {@code arg} as one word of a POSIX shell: as it is if plain, else single-quoted. */
  static String quote(String arg) {
    if (SHELL_SAFE.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
