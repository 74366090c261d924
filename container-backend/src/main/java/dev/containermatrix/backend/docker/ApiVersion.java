package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A Docker Engine API version, {@code 1.41}.
 *
 * @param major at least 1
 * @param minor at least 0
 */
@API(status = INTERNAL, since = "0.1")
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  /** The version this client speaks (Docker 20.10; Podman's compatible API answers it). */
  public static final ApiVersion MINIMUM = new ApiVersion(1, 41);

  private static final Pattern FORM = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");

  public ApiVersion {
    if (major < 1 || minor < 0) {
      throw new IllegalArgumentException(
          "An API version is <major>.<minor> with major >= 1, was " + major + "." + minor);
    }
  }

  /** {@code 1.41} → (1, 41). */
  public static ApiVersion parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "A Docker API version is <major>.<minor> such as 1.41, was \""
              + ResponseParser.abbreviate(text)
              + "\"");
    }
    return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
