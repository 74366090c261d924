package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One archived variant's image, read and verified: its manifest's blobs and its config's fields.
 *
 * @param manifest the image manifest blob
 * @param config the image config blob
 * @param layers the layer blobs, bottom first
 * @param diffIds the config's {@code rootfs.diff_ids}, equal to the layers' digests (they are
 *     uncompressed)
 * @param env {@code config.Env}
 * @param cmd {@code config.Cmd}
 * @param workingDir {@code config.WorkingDir}, {@code ""} if none
 * @param labels {@code config.Labels}, with {@code dev.containermatrix.runtime-config}
 * @param runtimeConfig the OCI runtime {@code config.json} blob
 * @param runtimeConfigJson its bytes (copied)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ArchivedImageView(
    Descriptor manifest,
    Descriptor config,
    List<Descriptor> layers,
    List<Digest> diffIds,
    List<String> env,
    List<String> cmd,
    String workingDir,
    Map<String, String> labels,
    Descriptor runtimeConfig,
    byte[] runtimeConfigJson) {

  public ArchivedImageView {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    diffIds = List.copyOf(diffIds);
    env = List.copyOf(env);
    cmd = List.copyOf(cmd);
    Objects.requireNonNull(workingDir, "workingDir");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(runtimeConfig, "runtimeConfig");
    runtimeConfigJson = runtimeConfigJson.clone();
    if (layers.size() != diffIds.size()) {
      throw new IllegalArgumentException(
          "image "
              + manifest.digest()
              + " has "
              + layers.size()
              + " layers but "
              + diffIds.size()
              + " diff_ids");
    }
  }

  /** A copy of the runtime config's bytes. */
  @Override
  public byte[] runtimeConfigJson() {
    return runtimeConfigJson.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArchivedImageView that
        && manifest.equals(that.manifest)
        && config.equals(that.config)
        && layers.equals(that.layers)
        && diffIds.equals(that.diffIds)
        && env.equals(that.env)
        && cmd.equals(that.cmd)
        && workingDir.equals(that.workingDir)
        && labels.equals(that.labels)
        && runtimeConfig.equals(that.runtimeConfig)
        && Arrays.equals(runtimeConfigJson, that.runtimeConfigJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        manifest,
        config,
        layers,
        diffIds,
        env,
        cmd,
        workingDir,
        labels,
        runtimeConfig,
        Arrays.hashCode(runtimeConfigJson));
  }

  @Override
  public String toString() {
    return "ArchivedImageView[manifest="
        + manifest.digest()
        + ", config="
        + config.digest()
        + ", layers="
        + layers.size()
        + ", env="
        + env
        + ", cmd="
        + cmd
        + ", workingDir="
        + workingDir
        + ", labels="
        + labels
        + "]";
  }
}
