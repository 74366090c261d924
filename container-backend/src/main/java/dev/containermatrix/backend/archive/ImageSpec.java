package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.oci.Descriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * What {@link ArchiveWriter#addImage} makes one variant's image of.
 *
 * @param layers the layers, bottom first, as {@link ArchiveWriter#addLayer} returned them
 * @param env the image config's {@code Env}, {@code NAME=value}
 * @param cmd the image config's {@code Cmd}; may be empty
 * @param workingDir the image config's {@code WorkingDir}; {@code ""} for none
 * @param labels the image config's {@code Labels}; the archive adds {@code
 *     dev.containermatrix.runtime-config}
 * @param runtimeConfigJson the variant's OCI runtime {@code config.json} (see {@link
 *     OciRuntimeConfig}); copied
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ImageSpec(
    List<Descriptor> layers,
    List<String> env,
    List<String> cmd,
    String workingDir,
    Map<String, String> labels,
    byte[] runtimeConfigJson) {

  public ImageSpec {
    layers = List.copyOf(layers);
    env = List.copyOf(env);
    cmd = List.copyOf(cmd);
    Objects.requireNonNull(workingDir, "workingDir (use \"\" for none)");
    labels = Map.copyOf(new TreeMap<>(labels));
    runtimeConfigJson = runtimeConfigJson.clone();
    for (Descriptor layer : layers) {
      if (!layer.mediaType().equals(RunArchive.LAYER_MEDIA_TYPE)) {
        throw new IllegalArgumentException(
            "layer "
                + layer.digest()
                + " has media type "
                + layer.mediaType()
                + ", but an archived image's layers are "
                + RunArchive.LAYER_MEDIA_TYPE
                + "; add it with addLayer");
      }
    }
    if (labels.containsKey(RunArchive.RUNTIME_CONFIG_LABEL)) {
      throw new IllegalArgumentException(
          "the label "
              + RunArchive.RUNTIME_CONFIG_LABEL
              + " is set by the archive; pass the runtime config as runtimeConfigJson instead");
    }
    if (runtimeConfigJson.length == 0) {
      throw new IllegalArgumentException(
          "an archived image needs its OCI runtime config.json; build it with"
              + " OciRuntimeConfig.json");
    }
  }

  /** A copy of the runtime config's bytes. */
  @Override
  public byte[] runtimeConfigJson() {
    return runtimeConfigJson.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageSpec that
        && layers.equals(that.layers)
        && env.equals(that.env)
        && cmd.equals(that.cmd)
        && workingDir.equals(that.workingDir)
        && labels.equals(that.labels)
        && Arrays.equals(runtimeConfigJson, that.runtimeConfigJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layers, env, cmd, workingDir, labels, Arrays.hashCode(runtimeConfigJson));
  }

  @Override
  public String toString() {
    return "ImageSpec[layers="
        + layers
        + ", env="
        + env
        + ", cmd="
        + cmd
        + ", workingDir="
        + workingDir
        + ", labels="
        + labels
        + ", runtimeConfigJson="
        + runtimeConfigJson.length
        + " bytes]";
  }
}
