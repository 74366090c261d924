package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Reads an OCI image layout directory ({@code oci-layout:<dir>}): {@code oci-layout}, {@code
 * index.json}, blobs under {@code blobs/sha256/}. From an index with several manifests it takes the
 * one for the wanted platform (by default this host's).
 */
@API(status = INTERNAL, since = "0.1")
public final class OciLayoutReader implements ImageReader {

  private final Path directory;
  private final Platform platform;

  /** Reads the image for this host's platform from {@code directory}. */
  public OciLayoutReader(Path directory) {
    this(directory, Platform.host());
  }

  public OciLayoutReader(Path directory, Platform platform) {
    ImageReferences.checkAbsolute(directory, "oci-layout directory");
    this.directory = directory;
    this.platform = platform;
  }

  @Override
  public Image read() throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new ImageSourceException(
          "oci-layout:"
              + directory
              + " names no directory"
              + (Files.isRegularFile(directory) ? " but a file (for a tar use oci-archive:)" : "")
              + ": check the path");
    }
    return OciImageAssembler.read(
        new DirectoryLayoutFiles(directory), "oci-layout:" + directory, platform);
  }
}
