package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One artifact that {@link LibraryResolver} resolved, with its file in the local repository.
 *
 * @param classifier the classifier, empty (never {@code null}) when the artifact has none
 */
@API(status = INTERNAL, since = "0.1")
public record ResolvedArtifact(
    String groupId, String artifactId, String version, String classifier, Path file) {

  public ResolvedArtifact {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(classifier, "classifier");
    Objects.requireNonNull(file, "file");
  }

  /** {@code groupId:artifactId}, the artifact's identity on a classpath. */
  public String key() {
    return groupId + ":" + artifactId;
  }

  /** {@code groupId:artifactId:version}, or {@code groupId:artifactId:classifier:version}. */
  public String coordinates() {
    return classifier.isEmpty()
        ? groupId + ":" + artifactId + ":" + version
        : groupId + ":" + artifactId + ":" + classifier + ":" + version;
  }
}
