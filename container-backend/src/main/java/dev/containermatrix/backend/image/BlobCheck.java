package dev.containermatrix.backend.image;

/** What an image blob read in full must be: the digest and size its descriptor names. */
final class BlobCheck {
  private BlobCheck() {}

  /** @param where the file or URL the blob was read from, for the message */
  static void check(String expectedDigest, long expectedSize, String where, String actual, long count)
      throws ImageSourceException {
    if (!actual.equals(expectedDigest)) {
      throw new ImageSourceException("Blob " + expectedDigest + " read from " + where + " has digest " + actual
          + ": the file is corrupt or was changed after the image was written; export the image again");
    }
    if (count != expectedSize) {
      throw new ImageSourceException("Blob " + expectedDigest + " read from " + where + " has " + count
          + " bytes, but its descriptor says " + expectedSize + ": export the image again");
    }
  }
}
