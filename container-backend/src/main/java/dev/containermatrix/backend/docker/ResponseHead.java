package dev.containermatrix.backend.docker;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of one response.
 *
 * @param status the status code, 100 to 599
 * @param headers header names in lower case → their values in order
 */
record ResponseHead(int status, Map<String, List<String>> headers) {

  ResponseHead {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100 to 599, was " + status);
    }
    headers = Map.copyOf(headers);
  }

  /** The header's only value, empty if it is absent. */
  Optional<String> header(String name) throws DockerEngineException {
    List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    if (values.size() > 1 && values.stream().distinct().count() > 1) {
      throw new DockerEngineException(
          "The Docker engine sent "
              + values.size()
              + " different "
              + name
              + " headers "
              + values
              + ": refused as ambiguous; check that the socket belongs to a Docker or Podman"
              + " engine");
    }
    return values.stream().findFirst();
  }

  boolean successful() {
    return status >= 200 && status < 300;
  }
}
