package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Parses image references: {@code host}, {@code oci-layout:<dir>}, {@code oci-archive:<tar>},
 * {@code docker-archive:<tar>}, {@code docker:<name>}, {@code registry:<reference>}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageReferences {

  /** The reference to the host's own root file system. */
  public static final String HOST = "host";

  /** The valid forms, as error messages list them. */
  public static final String VALID_FORMS =
      "host, oci-layout:<dir>, oci-archive:<tar>, docker-archive:<tar>, docker:<name>,"
          + " registry:<reference>";

  /**
   * An image name, name:tag, name@digest or image id: no spaces, no leading '-' (so it is never a
   * CLI option).
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}");

  /** The kinds of reference other than {@code host}, as they prefix it before the ':'. */
  private static final List<String> KINDS =
      List.of("oci-layout", "oci-archive", "docker-archive", "docker", "registry");

  private ImageReferences() {}

  /**
   * Whether {@code reference} has the shape of one of the {@link #VALID_FORMS}: {@code host}, or a
   * kind and ':' followed by something. Paths and names are checked by {@link #parse}, when the
   * image is read; this is the check a matrix gets at discovery, with no base directory yet.
   */
  public static boolean hasValidForm(@Nullable String reference) {
    if (reference == null) {
      return false;
    }
    if (reference.equals(HOST)) {
      return true;
    }
    int colon = reference.indexOf(':');
    return colon > 0
        && colon < reference.length() - 1
        && KINDS.contains(reference.substring(0, colon));
  }

  /**
   * Parses {@code reference}; a relative path resolves against {@code baseDirectory} (the module's
   * base directory).
   *
   * @throws IllegalArgumentException if the reference has none of the {@link #VALID_FORMS}, naming
   *     it
   */
  public static ImageReference parse(String reference, Path baseDirectory) {
    Objects.requireNonNull(reference, "image reference must not be null");
    checkAbsolute(baseDirectory, "base directory");
    if (reference.equals(HOST)) {
      return new ImageReference.Host();
    }
    int colon = reference.indexOf(':');
    if (colon < 0) {
      throw malformed(reference, "it has no kind prefix");
    }
    String kind = reference.substring(0, colon);
    String rest = reference.substring(colon + 1);
    if (rest.isBlank()) {
      throw malformed(reference, "nothing follows \"" + kind + ":\"");
    }
    return switch (kind) {
      case "oci-layout" -> new ImageReference.OciLayout(path(reference, rest, baseDirectory));
      case "oci-archive" -> new ImageReference.OciArchive(path(reference, rest, baseDirectory));
      case "docker-archive" ->
          new ImageReference.DockerArchive(path(reference, rest, baseDirectory));
      case "docker" -> new ImageReference.DockerEngine(rest);
      case "registry" -> new ImageReference.Registry(rest);
      default -> throw malformed(reference, "\"" + kind + "\" is not a kind of image reference");
    };
  }

  private static Path path(String reference, String text, Path baseDirectory) {
    try {
      return baseDirectory.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw malformed(reference, "\"" + text + "\" is not a valid path (" + e.getReason() + ")");
    }
  }

  private static IllegalArgumentException malformed(String reference, String why) {
    return new IllegalArgumentException(
        "Malformed image reference \""
            + reference
            + "\": "
            + why
            + ". Valid forms: "
            + VALID_FORMS
            + " (relative paths resolve against the module's base directory)");
  }

  static void checkAbsolute(Path path, String what) {
    Objects.requireNonNull(path, what + " must not be null");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(
          what
              + " must be an absolute path, was \""
              + path
              + "\": resolve it against the module's base directory first");
    }
  }

  static void checkName(String name, String kind) {
    if (!NAME.matcher(name).matches()) {
      throw malformed(
          kind + name,
          "\""
              + name
              + "\" is not an image name (letters, digits and . _ / : @ -, starting with a letter"
              + " or digit)");
    }
  }
}
