package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/** The reader for each kind of image reference. */
@API(status = INTERNAL, since = "0.1")
public final class ImageReaders {

  private ImageReaders() {}

  /**
   * The reader of {@code reference}, for this host's platform.
   *
   * @param scratchDirectory where a source that must export the image first ({@code docker:}) puts
   *     it; the caller deletes it once the image's layers are consumed
   * @throws IllegalArgumentException for {@code host}, which is no image to read: backends lay out
   *     the host's system directories themselves
   */
  public static ImageReader of(ImageReference reference, Path scratchDirectory) {
    if (reference instanceof ImageReference.OciLayout layout) {
      return new OciLayoutReader(layout.directory());
    } else if (reference instanceof ImageReference.OciArchive archive) {
      return new OciArchiveReader(archive.archive());
    } else if (reference instanceof ImageReference.DockerArchive archive) {
      return new DockerArchiveReader(archive.archive());
    } else if (reference instanceof ImageReference.DockerEngine engine) {
      return new DockerEngineSource(engine.name(), scratchDirectory);
    } else if (reference instanceof ImageReference.Registry registry) {
      return new RegistryReader(registry.reference());
    }
    throw new IllegalArgumentException(
        "\""
            + reference.text()
            + "\" is the host's own system directories, not an image to read: "
            + "the backend lays them out itself; use an image reference ("
            + ImageReferences.VALID_FORMS
            + ") for a base image");
  }
}
