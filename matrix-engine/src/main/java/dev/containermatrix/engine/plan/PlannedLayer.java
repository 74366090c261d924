package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.layers.LayerRole;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Digest;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One layer of a variant's stack, stored in the layer store.
 *
 * @param role what it holds: {@link LayerRole#BASE}, {@code JDK}, {@code SHARED_JARS}, {@code
 *     CLASS_DATA}, {@code VARIANT_JARS}, {@code CLASSES} or {@code CONFIG}
 * @param digest the layer's DiffID, {@code sha256:…}
 * @param directory the unpacked, read-only layer
 * @param built whether this run built it (else it was already in the store)
 */
@API(status = INTERNAL, since = "0.1")
public record PlannedLayer(
    LayerRole role, Digest digest, Path directory, long sizeBytes, boolean built) {

  public PlannedLayer {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(directory, "directory");
  }

  /** {@code stored} in the role it has in a variant's stack. */
  public static PlannedLayer of(LayerRole role, StoredLayer stored) {
    return new PlannedLayer(
        role, stored.digest(), stored.directory(), stored.sizeBytes(), stored.built());
  }
}
