package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a layer of a variant's stack holds. Its written form, in {@code report.json}, in the run
 * archive's records and in class-data identities, is {@link #label()}: lowercase with hyphens, e.g.
 * {@code shared-jars}; {@link #toString()} returns it too, so messages read as before.
 */
@API(status = INTERNAL, since = "0.1")
public enum LayerRole {
  /** A layer of the variant's base image. */
  BASE("base"),
  /** The variant's JDK, at its host path, with links out of it (Debian's /etc/java-*) resolved. */
  JDK("jdk"),
  /** Jars every variant of the class has: built once, shared by all. */
  SHARED_JARS("shared-jars"),
  /**
   * The class-data archive of the JDK and the shared jars (AOT cache or AppCDS), right above the
   * shared jars.
   */
  CLASS_DATA("class-data"),
  /** The jars only this variant has (its library versions and their dependencies). */
  VARIANT_JARS("variant-jars"),
  /** The module's main and test classes. */
  CLASSES("classes"),
  /** The variant's config files, each at its target path. */
  CONFIG("config"),
  /**
   * Only in the run archive: what makes a {@code host}-based variant runnable on its own (the JDK's
   * native libraries).
   */
  EXPORT_BASE("export-base");

  private final String label;

  LayerRole(String label) {
    this.label = label;
  }

  /**
   * The role written as {@code label}.
   *
   * @throws IllegalArgumentException naming the value and the known roles if none is written so
   */
  @JsonCreator
  public static LayerRole parse(@Nullable String label) {
    for (LayerRole role : values()) {
      if (role.label.equals(label)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "not a layer role: \""
            + label
            + "\"; expected one of "
            + Arrays.stream(values()).map(LayerRole::label).collect(Collectors.joining(", ")));
  }

  /** The written form: {@code base}, {@code jdk}, {@code shared-jars}, … */
  @JsonValue
  public String label() {
    return label;
  }

  /** The same as {@link #label()}. */
  @Override
  public String toString() {
    return label;
  }
}
