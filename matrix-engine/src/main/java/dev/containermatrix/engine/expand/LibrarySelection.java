package dev.containermatrix.engine.expand;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/** The version a variant chose on one library axis. */
@API(status = INTERNAL, since = "0.1")
public record LibrarySelection(String axis, String groupId, String artifactId, String version) {
  public LibrarySelection {
    Objects.requireNonNull(axis, "axis");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(version, "version");
  }

  /** {@code groupId:artifactId:version}. */
  public String coordinates() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
