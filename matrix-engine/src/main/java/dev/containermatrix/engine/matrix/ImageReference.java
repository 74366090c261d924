package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.image.ImageReferences;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Checks an image reference of a matrix at discovery: that it has one of the forms {@link
 * ImageReferences} parses ({@code host}, {@code oci-layout:<dir>}, …). Its paths and names are
 * checked when the image is read.
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageReference {
  public static final String HOST = ImageReferences.HOST;

  private ImageReference() {}

  /** Returns {@code reference} if it is well-formed, else throws naming the origin. */
  public static String check(@Nullable String reference, Origin origin) {
    if (ImageReferences.hasValidForm(reference)) {
      return reference;
    }
    throw new MatrixDefinitionException(
        origin, "image reference '" + reference + "' is not one of " + ImageReferences.VALID_FORMS);
  }
}
