package dev.containermatrix.backend.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code registry:<reference>}: an image pulled through the OCI distribution API (manifest choice
 * for this host's platform, config, layers streamed and checked against their digests), with the
 * credentials of {@code ~/.docker/config.json}. Loopback registries are spoken to over plain HTTP.
 */
final class RegistryReader implements ImageReader {

  private final String reference;
  private final Path dockerConfig;

  RegistryReader(String reference) {
    this(reference, Path.of(System.getProperty("user.home"), ".docker", "config.json"));
  }

  RegistryReader(String reference, Path dockerConfig) {
    this.reference = reference;
    this.dockerConfig = dockerConfig;
  }

  @Override
  public Image read() throws IOException {
    RegistryCoordinates coordinates;
    try {
      coordinates = RegistryCoordinates.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new ImageSourceException(e.getMessage(), e);
    }
    RegistryLayoutFiles files = new RegistryLayoutFiles(coordinates, new RegistryClient(coordinates, dockerConfig));
    try {
      return OciImageAssembler.read(files, "registry:" + reference, Platform.host());
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
