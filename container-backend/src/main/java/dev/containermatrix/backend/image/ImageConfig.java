package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What later stages need from an image's config.
 *
 * @param os the operating system the image is built for, e.g. {@code linux}
 * @param architecture its CPU architecture in Go's terms, e.g. {@code amd64}, {@code arm64}
 * @param env its environment, {@code NAME=value} strings in image order; never {@code null}, maybe
 *     empty
 * @param diffIds the sha256 of each layer's uncompressed tar, bottom first (the config's {@code
 *     rootfs.diff_ids}); never {@code null}, maybe empty
 */
@API(status = INTERNAL, since = "0.1")
public record ImageConfig(String os, String architecture, List<String> env, List<String> diffIds) {

  public ImageConfig {
    Objects.requireNonNull(os, "image os must not be null");
    Objects.requireNonNull(architecture, "image architecture must not be null");
    env = List.copyOf(env);
    diffIds = List.copyOf(diffIds);
    for (String diffId : diffIds) {
      Digest.parse(diffId, "diff_id");
    }
  }
}
