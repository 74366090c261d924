package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One layer of a variant's stack, stored in the layer store.
 *
 * @param role {@value #BASE}, {@value #JDK}, {@value #SHARED_JARS}, {@value #CLASS_DATA}, {@value #VARIANT_JARS},
 *     {@value #CLASSES} or {@value #CONFIG}
 * @param digest the layer's DiffID, {@code sha256:…}
 * @param directory the unpacked, read-only layer
 * @param built whether this run built it (else it was already in the store)
 */
@API(status = INTERNAL, since = "0.1")
public record PlannedLayer(String role, String digest, Path directory, long sizeBytes, boolean built) {
  /** A layer of the variant's base image. */
  public static final String BASE = "base";
  /** The variant's JDK, at its host path, with links out of it (Debian's /etc/java-*) resolved. */
  public static final String JDK = "jdk";
  /** Jars every variant of the class has: built once, shared by all. */
  public static final String SHARED_JARS = "shared-jars";
  /** The class-data archive of the JDK and the shared jars (AOT cache or AppCDS), right above the shared jars. */
  public static final String CLASS_DATA = "class-data";
  /** The jars only this variant has (its library versions and their dependencies). */
  public static final String VARIANT_JARS = "variant-jars";
  /** The module's main and test classes. */
  public static final String CLASSES = "classes";
  /** The variant's config files, each at its target path. */
  public static final String CONFIG = "config";

  public PlannedLayer {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(directory, "directory");
  }
}
