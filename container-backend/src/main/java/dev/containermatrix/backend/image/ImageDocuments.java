package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.OciDocuments;

/** Reads an image's JSON documents, each error naming the file it came from. */
final class ImageDocuments {

  private ImageDocuments() {}

  /**
   * {@code json} as a {@code type}, or an {@link ImageSourceException} naming {@code where} and
   * what is wrong.
   */
  static <T> T read(byte[] json, Class<T> type, String where) throws ImageSourceException {
    try {
      return OciDocuments.read(json, type);
    } catch (IllegalArgumentException e) {
      throw new ImageSourceException(
          where + " " + e.getMessage() + ": the image is malformed; export it again", e);
    }
  }
}
