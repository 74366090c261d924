package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The fields of an OCI (or Docker) image config that image sources and the archive use; others are
 * ignored when read and not written.
 *
 * @param architecture its CPU architecture in Go's terms, e.g. {@code amd64}, {@code arm64}
 * @param os the operating system the image is built for, e.g. {@code linux}
 * @param config what a container of it runs with
 * @param rootfs its layers' DiffIDs
 */
@API(status = INTERNAL, since = "0.1")
@JsonPropertyOrder({"architecture", "os", "config", "rootfs"})
public record ImageConfig(String architecture, String os, Execution config, RootFs rootfs) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the OS or architecture is empty, or the rootfs missing
   */
  public ImageConfig {
    Checks.text(os, "os");
    Checks.text(architecture, "architecture");
    config = config == null ? new Execution(List.of(), List.of(), "", Map.of()) : config;
    if (rootfs == null) {
      throw new IllegalArgumentException(
          "has no \"rootfs.diff_ids\" array, so it is not an image config");
    }
  }

  /** A config with just an environment and layers, as image sources need it. */
  public static ImageConfig of(
      String os, String architecture, List<String> env, List<Digest> diffIds) {
    return new ImageConfig(
        architecture, os, new Execution(env, List.of(), "", Map.of()), RootFs.of(diffIds));
  }

  /**
   * Its environment, {@code NAME=value} strings in image order; never {@code null}, maybe empty.
   */
  public List<String> env() {
    return config.env();
  }

  /** The sha256 of each layer's uncompressed tar, bottom first; never {@code null}, maybe empty. */
  public List<Digest> diffIds() {
    return rootfs.diffIds();
  }

  /**
   * The config's {@code config} object: what a container of the image runs with. Empty values are
   * left out when written.
   *
   * @param env {@code Env}, {@code NAME=value}
   * @param cmd {@code Cmd}
   * @param workingDir {@code WorkingDir}, {@code ""} if none
   * @param labels {@code Labels}, sorted by name
   */
  @JsonPropertyOrder({"Env", "Cmd", "WorkingDir", "Labels"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Execution(
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels) {

    public Execution {
      env = Checks.list(env, "config.Env");
      cmd = Checks.list(cmd, "config.Cmd");
      workingDir = workingDir == null ? "" : workingDir;
      labels = Checks.sorted(labels, "config.Labels");
    }
  }

  /**
   * The config's {@code rootfs}.
   *
   * @param type {@code layers}
   * @param diffIds {@code diff_ids}: the sha256 of each layer's uncompressed tar, bottom first
   */
  @JsonPropertyOrder({"type", "diff_ids"})
  public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {

    public RootFs {
      type = type == null ? "" : type;
      if (diffIds == null) {
        throw new IllegalArgumentException(
            "has no \"rootfs.diff_ids\" array, so it is not an image config");
      }
      diffIds = Checks.list(diffIds, "rootfs.diff_ids");
    }

    /** A {@code layers} rootfs of {@code diffIds}. */
    public static RootFs of(List<Digest> diffIds) {
      return new RootFs("layers", diffIds);
    }
  }
}
