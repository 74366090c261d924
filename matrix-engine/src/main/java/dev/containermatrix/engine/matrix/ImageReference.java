package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Checks the syntax of image references: {@code host}, {@code oci-layout:}, {@code oci-archive:},
 * ...
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageReference {
  public static final String HOST = "host";
  private static final List<String> SCHEMES =
      List.of("oci-layout:", "oci-archive:", "docker-archive:", "docker:", "registry:");

  private ImageReference() {}

  /** Returns {@code reference} if it is well-formed, else throws naming the origin. */
  public static String check(String reference, Origin origin) {
    if (HOST.equals(reference)) {
      return reference;
    }
    for (String scheme : SCHEMES) {
      if (reference != null
          && reference.startsWith(scheme)
          && reference.length() > scheme.length()) {
        return reference;
      }
    }
    throw new MatrixDefinitionException(
        origin,
        "image reference '"
            + reference
            + "' is not one of host, oci-layout:<dir>, oci-archive:<tar>,"
            + " docker-archive:<tar>, docker:<name>, registry:<reference>");
  }
}
