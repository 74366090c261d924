package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code registry:<reference>}: an image pulled through the OCI distribution API (manifest choice
 * for this host's platform, config, layers streamed and checked against their digests), with the
 * credentials of {@code ~/.docker/config.json}. Loopback registries are spoken to over plain HTTP,
 * all others over HTTPS; every body is bounded in size and time by {@link RegistryLimits}.
 */
final class RegistryReader implements ImageReader {

  private final String reference;
  private final Path dockerConfig;
  private final RegistryLimits limits;
  private final RegistryTransport transport;

  RegistryReader(String reference) {
    this(reference, Path.of(System.getProperty("user.home"), ".docker", "config.json"));
  }

  RegistryReader(String reference, Path dockerConfig) {
    this(reference, dockerConfig, RegistryLimits.DEFAULT, RegistryTransport.SYSTEM);
  }

  /** With other limits (tests use short ones) and a resolver for the loopback rule. */
  RegistryReader(
      String reference, Path dockerConfig, RegistryLimits limits, RegistryTransport transport) {
    this.reference = reference;
    this.dockerConfig = dockerConfig;
    this.limits = limits;
    this.transport = transport;
  }

  @Override
  public Image read() throws IOException {
    RegistryCoordinates coordinates;
    try {
      coordinates = RegistryCoordinates.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new ImageSourceException(e.getMessage(), e);
    }
    RegistryLayoutFiles files =
        new RegistryLayoutFiles(
            coordinates,
            new RegistryClient(coordinates, dockerConfig, new RegistryHttp(limits, transport)));
    try {
      return OciImageAssembler.read(files, "registry:" + reference, Platform.host());
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
