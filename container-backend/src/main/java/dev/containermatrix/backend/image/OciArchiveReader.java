package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Reads an OCI image layout inside a tar ({@code oci-archive:<tar>}), in place: nothing is
 * unpacked; each blob is read from its offset in the tar. The tar must stay in place while the
 * image's layers are read.
 */
@API(status = INTERNAL, since = "0.1")
public final class OciArchiveReader implements ImageReader {

  private final Path archive;
  private final Platform platform;

  /** Reads the image for this host's platform from {@code archive}. */
  public OciArchiveReader(Path archive) {
    this(archive, Platform.host());
  }

  public OciArchiveReader(Path archive, Platform platform) {
    ImageReferences.checkAbsolute(archive, "oci-archive file");
    this.archive = archive;
    this.platform = platform;
  }

  @Override
  public Image read() throws IOException {
    return OciImageAssembler.read(
        TarLayoutFiles.index(archive), "oci-archive:" + archive, platform);
  }
}
