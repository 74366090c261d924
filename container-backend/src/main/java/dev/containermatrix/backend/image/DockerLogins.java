package dev.containermatrix.backend.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** The logins of a Docker config file ({@code ~/.docker/config.json}), by registry host. */
final class DockerLogins {
  private DockerLogins() {}

  /**
   * The base64 {@code user:password} stored for {@code host} ({@code host[:port]}, also under the
   * {@code https://} and {@code http://} forms of the key), if the file has one.
   *
   * @throws ImageSourceException naming {@code dockerConfig} if it exists but is not a readable
   *     JSON file
   */
  static Optional<String> find(Path dockerConfig, String host) throws ImageSourceException {
    try {
      if (!Files.isRegularFile(dockerConfig)) {
        return Optional.empty();
      }
      JsonNode auths = new ObjectMapper().readTree(dockerConfig.toFile()).path("auths");
      for (String key : new String[] {host, "https://" + host, "http://" + host}) {
        JsonNode entry = auths.path(key);
        if (entry.hasNonNull("auth")) {
          return Optional.of(entry.get("auth").asText());
        }
        if (entry.hasNonNull("username")) {
          String pair = entry.get("username").asText() + ":" + entry.path("password").asText();
          return Optional.of(
              Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new ImageSourceException(
          "Cannot read the Docker config "
              + dockerConfig
              + " for the login to "
              + host
              + ": "
              + e.getMessage()
              + "; correct its JSON or remove it",
          e);
    }
    return Optional.empty();
  }
}
