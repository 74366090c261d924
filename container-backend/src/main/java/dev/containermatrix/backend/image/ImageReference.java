package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/** Where an image comes from, as parsed by {@link ImageReferences#parse}. Paths are absolute. */
@API(status = INTERNAL, since = "0.1")
public sealed interface ImageReference {

  /**
   * The reference in canonical form, e.g. {@code oci-archive:/abs/bookworm.tar}; parses back to an
   * equal reference.
   */
  String text();

  /** {@code host}: the host's own system directories, read-only. */
  record Host() implements ImageReference {
    @Override
    public String text() {
      return "host";
    }
  }

  /** {@code oci-layout:<dir>}: an OCI image layout directory. */
  record OciLayout(Path directory) implements ImageReference {
    public OciLayout {
      ImageReferences.checkAbsolute(directory, "oci-layout directory");
    }

    @Override
    public String text() {
      return "oci-layout:" + directory;
    }
  }

  /** {@code oci-archive:<tar>}: an OCI image layout in a tar file. */
  record OciArchive(Path archive) implements ImageReference {
    public OciArchive {
      ImageReferences.checkAbsolute(archive, "oci-archive file");
    }

    @Override
    public String text() {
      return "oci-archive:" + archive;
    }
  }

  /** {@code docker-archive:<tar>}: a {@code docker save} archive. */
  record DockerArchive(Path archive) implements ImageReference {
    public DockerArchive {
      ImageReferences.checkAbsolute(archive, "docker-archive file");
    }

    @Override
    public String text() {
      return "docker-archive:" + archive;
    }
  }

  /**
   * {@code docker:<name>}: an image in the local Docker engine, by name, {@code name:tag}, digest
   * or id.
   */
  record DockerEngine(String name) implements ImageReference {
    public DockerEngine {
      ImageReferences.checkName(
          Objects.requireNonNull(name, "docker image name must not be null"), "docker:");
    }

    @Override
    public String text() {
      return "docker:" + name;
    }
  }

  /** {@code registry:<reference>}: an image in an OCI distribution registry. */
  record Registry(String reference) implements ImageReference {
    public Registry {
      ImageReferences.checkName(
          Objects.requireNonNull(reference, "registry reference must not be null"), "registry:");
    }

    @Override
    public String text() {
      return "registry:" + reference;
    }
  }
}
