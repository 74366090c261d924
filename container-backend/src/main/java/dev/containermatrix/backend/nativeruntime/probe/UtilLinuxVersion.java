package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A util-linux release, as {@code unshare --version} prints it ("unshare from util-linux 2.38.1").
 *
 * @param major the major version, 2 for every release since 1999
 * @param minor the minor version, e.g. 38
 * @param patch the patch level, 0 when the release names none ("2.39" or "2.39-rc1")
 */
@API(status = INTERNAL, since = "0.1")
public record UtilLinuxVersion(int major, int minor, int patch)
    implements Comparable<UtilLinuxVersion> {

  /**
   * The oldest release the native runtime accepts: {@code unshare --map-root-user}, {@code mount
   * -T} and {@code setpriv} as it uses them.
   */
  public static final UtilLinuxVersion MINIMUM = new UtilLinuxVersion(2, 36, 0);

  private static final Pattern VERSION =
      Pattern.compile("util-linux (\\d+)\\.(\\d+)(?:\\.(\\d+))?");
  private static final Comparator<UtilLinuxVersion> ORDER =
      Comparator.comparingInt(UtilLinuxVersion::major)
          .thenComparingInt(UtilLinuxVersion::minor)
          .thenComparingInt(UtilLinuxVersion::patch);

  public UtilLinuxVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(
          "a util-linux version has no negative parts, was " + major + "." + minor + "." + patch);
    }
  }

  /**
   * The version in a util-linux tool's {@code --version} output, e.g. 2.38.1 from "unshare from
   * util-linux 2.38.1"; empty when the output names no util-linux release (BusyBox, for one).
   */
  public static Optional<UtilLinuxVersion> fromVersionOutput(String output) {
    Matcher matcher = VERSION.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    try {
      int patch = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
      return Optional.of(
          new UtilLinuxVersion(
              Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), patch));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  /** Whether this release is {@code other} or newer. */
  public boolean isAtLeast(UtilLinuxVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(UtilLinuxVersion other) {
    return ORDER.compare(this, other);
  }

  /** "2.38.1". */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
