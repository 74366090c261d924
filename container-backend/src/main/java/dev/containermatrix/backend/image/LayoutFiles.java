package dev.containermatrix.backend.image;

import dev.containermatrix.backend.layers.CheckedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The files of an image, by their path inside it ({@code index.json}, {@code blobs/sha256/…}), wherever they are kept. */
interface LayoutFiles {

  /** Largest JSON document (index, manifest, config) read into memory. */
  int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  boolean exists(String path);

  /** The file's size in bytes; throws {@link ImageSourceException} naming it if it is missing. */
  long size(String path) throws IOException;

  /** Opens the file; throws {@link ImageSourceException} naming it if it is missing. */
  InputStream open(String path) throws IOException;

  /** Where the file is, for messages: {@code /dir/blobs/sha256/ab…} or {@code blobs/sha256/ab… in /x/image.tar}. */
  String describe(String path);

  /** What the image is, for messages: the directory or the archive. */
  String describe();

  /** Reads a small file (a JSON document) whole. */
  default byte[] readAll(String path) throws IOException {
    long size = size(path);
    if (size > MAX_DOCUMENT_BYTES) {
      throw new ImageSourceException(describe(path) + " has " + size + " bytes, more than the " + MAX_DOCUMENT_BYTES
          + " a manifest or config may have: it is not an image document; check the image");
    }
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }

  /** Reads a content-addressed blob whole and checks its sha256 and size. */
  default byte[] readBlob(String digest, long expectedSize) throws IOException {
    String path = Digests.layoutPath(digest);
    byte[] bytes = readAll(path);
    String actual = Digests.of(bytes);
    if (!actual.equals(digest)) {
      throw new ImageSourceException("Blob " + digest + " read from " + describe(path) + " has digest " + actual
          + ": the file is corrupt or was changed after the image was written; export the image again");
    }
    if (bytes.length != expectedSize) {
      throw new ImageSourceException("Blob " + digest + " read from " + describe(path) + " has " + bytes.length
          + " bytes, but its descriptor says " + expectedSize + ": export the image again");
    }
    return bytes;
  }

  /** Opens a blob lazily; the stream checks its sha256 and size as it is read. */
  default BlobOpener blobOpener(String path, String digest, long expectedSize) {
    return () -> new CheckedInputStream(open(path), (actual, count) -> BlobCheck.check(digest, expectedSize, describe(path), actual.toString(), count));
  }
}
