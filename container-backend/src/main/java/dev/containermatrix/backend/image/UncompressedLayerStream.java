package dev.containermatrix.backend.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A layer's uncompressed bytes. When decompression fails, the stored blob is checked first, so a
 * corrupt blob is reported as the digest mismatch it is, not as a decompressor's complaint.
 */
final class UncompressedLayerStream extends FilterInputStream {

  private final InputStream stored;
  private final ImageLayerBlob blob;

  private UncompressedLayerStream(
      InputStream uncompressed, InputStream stored, ImageLayerBlob blob) {
    super(uncompressed);
    this.stored = stored;
    this.blob = blob;
  }

  static InputStream open(ImageLayerBlob blob) throws IOException {
    InputStream stored = blob.open();
    try {
      return new UncompressedLayerStream(blob.compression().decompress(stored), stored, blob);
    } catch (IOException | RuntimeException e) {
      throw failure(e, stored, blob);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException | RuntimeException e) {
      throw failure(e, stored, blob);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return in.read(buffer, offset, length);
    } catch (IOException | RuntimeException e) {
      throw failure(e, stored, blob);
    }
  }

  @Override
  public void close() throws IOException {
    try (stored) {
      in.close();
    }
  }

  /** Closing the stored stream checks its digest: a mismatch is the better explanation. */
  private static IOException failure(Exception cause, InputStream stored, ImageLayerBlob blob) {
    if (cause instanceof ImageSourceException sourceException) {
      return sourceException;
    }
    try {
      stored.close();
    } catch (ImageSourceException mismatch) {
      mismatch.addSuppressed(cause);
      return mismatch;
    } catch (IOException closing) {
      cause.addSuppressed(closing);
    }
    return new ImageSourceException(
        "Layer "
            + blob.digest()
            + " is not valid "
            + blob.compression()
            + " data ("
            + cause.getMessage()
            + "): its media type "
            + blob.mediaType()
            + " does not match its bytes; export the image again",
        cause);
  }
}
