package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The files of an image, by their path inside it ({@code index.json}, {@code blobs/sha256/…}),
 * wherever they are kept.
 */
interface LayoutFiles {

  /** Largest JSON document (index, manifest, config) read into memory. */
  int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  boolean exists(String path);

  /** The file's size in bytes; throws {@link ImageSourceException} naming it if it is missing. */
  long size(String path) throws IOException;

  /** Opens the file; throws {@link ImageSourceException} naming it if it is missing. */
  InputStream open(String path) throws IOException;

  /**
   * Where the file is, for messages: {@code /dir/blobs/sha256/ab…} or {@code blobs/sha256/ab… in
   * /x/image.tar}.
   */
  String describe(String path);

  /** What the image is, for messages: the directory or the archive. */
  String describe();

  /** Reads a small file (a JSON document) whole. */
  default byte[] readAll(String path) throws IOException {
    long size = size(path);
    if (size > MAX_DOCUMENT_BYTES) {
      throw new ImageSourceException(
          describe(path)
              + " has "
              + size
              + " bytes, more than the "
              + MAX_DOCUMENT_BYTES
              + " a manifest or config may have: it is not an image document; check the image");
    }
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * Opens a blob whose descriptor gives {@code expectedSize} bytes. Sources that stream from
   * outside (registries) stop with an error after that many bytes; the default opens {@code path}.
   */
  default InputStream openBlob(String path, long expectedSize) throws IOException {
    return open(path);
  }

  /**
   * Reads a small content-addressed blob (a manifest, index or config) whole and checks its sha256
   * and size.
   */
  default byte[] readBlob(Digest digest, long expectedSize) throws IOException {
    String path = digest.layoutPath();
    if (expectedSize > MAX_DOCUMENT_BYTES) {
      throw new ImageSourceException(
          "The descriptor of "
              + describe(path)
              + " gives it "
              + expectedSize
              + " bytes, more than the "
              + MAX_DOCUMENT_BYTES
              + " a manifest or config may have: it is not an image"
              + " document; check the image");
    }
    byte[] bytes;
    try (InputStream in = openBlob(path, expectedSize)) {
      bytes = in.readNBytes((int) expectedSize + 1);
    }
    Digest actual = Digest.of(bytes);
    if (!actual.equals(digest) || bytes.length != expectedSize) {
      throw mismatch(digest, expectedSize, describe(path), actual, bytes.length);
    }
    return bytes;
  }

  /** Opens a blob lazily; the stream checks its sha256 and size as it is read. */
  default BlobOpener blobOpener(String path, Digest digest, long expectedSize) {
    return () ->
        new VerifyingInputStream(
            openBlob(path, expectedSize),
            digest,
            expectedSize,
            (actual, count) -> mismatch(digest, expectedSize, describe(path), actual, count));
  }

  /**
   * The error for a blob read from {@code where} that is not the {@code expectedDigest} and size
   * its descriptor names.
   */
  private static ImageSourceException mismatch(
      Digest expectedDigest, long expectedSize, String where, Digest actual, long count) {
    if (!actual.equals(expectedDigest)) {
      return new ImageSourceException(
          "Blob "
              + expectedDigest
              + " read from "
              + where
              + " has digest "
              + actual
              + ": the file is corrupt or was changed after the image was written; export the image"
              + " again");
    }
    return new ImageSourceException(
        "Blob "
            + expectedDigest
            + " read from "
            + where
            + " has "
            + count
            + " bytes, but its descriptor says "
            + expectedSize
            + ": export the image again");
  }
}
