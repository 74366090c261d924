package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@code GET /version} says of the engine.
 *
 * @param version the engine's own version, {@code 20.10.24+dfsg1}, or {@code ""} if not given
 * @param apiVersion the newest API version it speaks
 * @param minApiVersion the oldest API version it still speaks
 */
@API(status = INTERNAL, since = "0.1")
public record EngineVersion(String version, ApiVersion apiVersion, ApiVersion minApiVersion) {
  public EngineVersion {
    Objects.requireNonNull(version, "version must not be null");
    Objects.requireNonNull(apiVersion, "apiVersion must not be null");
    Objects.requireNonNull(minApiVersion, "minApiVersion must not be null");
  }

  /** Whether this client's {@link ApiVersion#MINIMUM} is one the engine speaks. */
  public boolean speaksMinimum() {
    return apiVersion.compareTo(ApiVersion.MINIMUM) >= 0
        && minApiVersion.compareTo(ApiVersion.MINIMUM) <= 0;
  }
}
