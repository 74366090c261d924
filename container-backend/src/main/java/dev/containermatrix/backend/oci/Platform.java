package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An OS and CPU architecture in OCI (Go) terms, used to pick one manifest out of an image index. In
 * JSON (an index entry's {@code platform}): {@code architecture}, {@code os} and, if known, {@code
 * variant}; {@code os} and {@code architecture} are required.
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}; empty when unknown or irrelevant
 */
@API(status = INTERNAL, since = "0.1")
@JsonAutoDetect(
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    fieldVisibility = Visibility.NONE)
@JsonPropertyOrder({"architecture", "os", "variant"})
public record Platform(
    @JsonProperty("os") String os,
    @JsonProperty("architecture") String architecture,
    Optional<String> variant) {

  public Platform {
    Objects.requireNonNull(os, "platform os must not be null");
    Objects.requireNonNull(architecture, "platform architecture must not be null");
    Objects.requireNonNull(variant, "platform variant must not be null (use Optional.empty())");
  }

  @JsonCreator
  static Platform json(
      @JsonProperty("os") @Nullable String os,
      @JsonProperty("architecture") @Nullable String architecture,
      @JsonProperty("variant") @Nullable String variant) {
    return new Platform(
        Checks.text(os, "os"),
        Checks.text(architecture, "architecture"),
        Optional.ofNullable(variant));
  }

  @JsonProperty("variant")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Nullable String jsonVariant() {
    return variant.orElse(null);
  }

  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, Optional.empty());
  }

  /** This JVM's platform: {@code linux/amd64} on x86-64 Linux, {@code linux/arm64} on aarch64. */
  public static Platform host() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String goArch =
        switch (arch) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          default -> arch;
        };
    return of(os.startsWith("linux") ? "linux" : os, goArch);
  }

  /**
   * Whether an index entry for {@code other} fits this platform: same OS and architecture, and
   * variant if this one has one.
   */
  public boolean accepts(Platform other) {
    return os.equals(other.os)
        && architecture.equals(other.architecture)
        && (variant.isEmpty() || variant.equals(other.variant));
  }

  /** {@code os/architecture[/variant]}. */
  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
