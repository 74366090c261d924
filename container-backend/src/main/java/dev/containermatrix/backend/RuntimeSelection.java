package dev.containermatrix.backend;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.spi.ContainerRuntime;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The runtime {@link ContainerRuntimes#select(String)} chose and why.
 *
 * @param runtime the chosen runtime
 * @param why a sentence for reports, e.g. "auto chose process: no native runtime in this build"
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RuntimeSelection(ContainerRuntime runtime, String why) {

  public RuntimeSelection {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(why, "why");
  }
}
