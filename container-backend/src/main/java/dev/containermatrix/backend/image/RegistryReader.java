package dev.containermatrix.backend.image;

import java.io.IOException;

/** {@code registry:<reference>}: not read yet; pulling from an OCI distribution registry comes next. */
final class RegistryReader implements ImageReader {

  private final String reference;

  RegistryReader(String reference) {
    this.reference = reference;
  }

  @Override
  public Image read() throws IOException {
    throw new UnsupportedOperationException("registry pulls come next: registry:" + reference
        + " cannot be read yet; pull it elsewhere and export it (skopeo copy docker://" + reference
        + " oci-archive:<tar>, or docker save -o <tar>) and use oci-archive:<tar> or docker-archive:<tar>");
  }
}
