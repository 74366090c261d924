package dev.containermatrix.engine.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/** Whether a variant's JVM starts from a class-data archive, and which one; or why not. */
@API(status = INTERNAL, since = "0.1")
public sealed interface ClassDataDecision {

  /**
   * Start from the archive of {@code key}; train it first if the store does not have it.
   *
   * @param key the archive's identity: sha256 hex of its kind, the training stack's layer digests,
   *     the training classpath and the JVM options
   * @param trainingLayers the stack a training container runs on: base layers, JDK, shared jars
   * @param trainingClasspath the shared jars, in the order every variant's classpath starts with
   * @param jvmOptions the variant's JVM options (as the kind accepts them), which training uses too
   */
  record Use(
      ClassDataKind kind,
      String key,
      List<PlannedLayer> trainingLayers,
      List<Path> trainingClasspath,
      List<String> jvmOptions)
      implements ClassDataDecision {
    public Use {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(key, "key");
      trainingLayers = List.copyOf(trainingLayers);
      trainingClasspath = List.copyOf(trainingClasspath);
      jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Where the archive is inside a container: {@code /opt/containermatrix/class-data/<key>.<ext>}.
     */
    public String pathInside() {
      return ClassDataArchives.DIRECTORY_INSIDE + "/" + key + "." + kind.extension();
    }
  }

  /** No archive, for {@code reason} (a sentence naming what is missing). */
  record Skip(String reason) implements ClassDataDecision {
    public Skip {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
