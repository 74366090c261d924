package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An OS and CPU architecture in OCI (Go) terms, used to pick one manifest out of an image index.
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}; empty when unknown or irrelevant
 */
@API(status = INTERNAL, since = "0.1")
public record Platform(String os, String architecture, Optional<String> variant) {

  public Platform {
    Objects.requireNonNull(os, "platform os must not be null");
    Objects.requireNonNull(architecture, "platform architecture must not be null");
    Objects.requireNonNull(variant, "platform variant must not be null (use Optional.empty())");
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
