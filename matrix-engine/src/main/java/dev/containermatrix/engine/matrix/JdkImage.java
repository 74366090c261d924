package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.image.ImageReferences;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A JDK axis value that names the JDK inside an image: an image reference ({@code
 * oci-layout:<dir>}, {@code oci-archive:<tar>}, {@code docker-archive:<tar>}, {@code
 * docker:<name>}, {@code registry:<reference>}), optionally followed by {@code !} and the JDK's
 * home inside the image, e.g. {@code registry:eclipse-temurin:21-jdk!/opt/java/openjdk}. Without
 * {@code !}, the home is the image config's {@code JAVA_HOME}. The image becomes the variant's
 * base.
 *
 * @param value the value as written in the matrix
 * @param image the image reference, without {@code !<home>}
 * @param home the JDK's home inside the image, if the value names it
 */
@API(status = INTERNAL, since = "0.1")
public record JdkImage(String value, String image, Optional<String> home) {
  /** Separates the image reference from the JDK's home inside it. */
  public static final char HOME_SEPARATOR = '!';

  public JdkImage {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(home, "home");
  }

  /**
   * Whether JDK axis value {@code value} names an image rather than a feature version or a host
   * path: it starts with one of the image kinds and ':'.
   */
  public static boolean isImage(String value) {
    return value != null
        && !value.equals(ImageReferences.HOST)
        && ImageReferences.hasValidForm(imagePart(value));
  }

  /** The image of {@code value}, if it names one. */
  public static Optional<JdkImage> of(String value, Origin origin) {
    return isImage(value) ? Optional.of(parse(value, origin)) : Optional.empty();
  }

  /**
   * Parses a JDK axis value that {@linkplain #isImage names an image}.
   *
   * @throws MatrixDefinitionException naming {@code origin} if the home after {@code !} is not an
   *     absolute, normalized path
   */
  public static JdkImage parse(String value, Origin origin) {
    if (!isImage(value)) {
      throw new MatrixDefinitionException(
          origin,
          "JDK value '"
              + value
              + "' is not an image reference; an image JDK is one of "
              + ImageReferences.VALID_FORMS.replace("host, ", "")
              + ", optionally followed by !<JDK home in the image>");
    }
    int bang = value.lastIndexOf(HOME_SEPARATOR);
    if (bang < 0) {
      return new JdkImage(value, value, Optional.empty());
    }
    String home = value.substring(bang + 1);
    if (!home.startsWith("/")
        || home.length() < 2
        || home.endsWith("/")
        || home.contains("//")
        || home.contains("/./")
        || home.contains("/../")
        || home.endsWith("/.")
        || home.endsWith("/..")) {
      throw new MatrixDefinitionException(
          origin,
          "JDK value '"
              + value
              + "' names JDK home '"
              + home
              + "' in its image after '!', which is not an absolute path without '.', '..' or a"
              + " trailing '/'; write it as the image sees it, e.g. "
              + value.substring(0, bang)
              + "!/opt/java/openjdk, or leave '!…' out to use the image's JAVA_HOME");
    }
    return new JdkImage(value, value.substring(0, bang), Optional.of(home));
  }

  private static String imagePart(String value) {
    int bang = value.lastIndexOf(HOME_SEPARATOR);
    return bang < 0 ? value : value.substring(0, bang);
  }
}
