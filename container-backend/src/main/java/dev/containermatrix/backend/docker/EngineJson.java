package dev.containermatrix.backend.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the engine's JSON answers, which are outside input: a document of at most {@link
 * #MAX_BYTES} bytes, nesting at most 64 deep, strings of at most 1 MiB. A larger or malformed
 * answer is refused with a {@link DockerEngineException} naming the request.
 */
final class EngineJson {

  /** The largest JSON answer accepted; a container's inspect is a few KiB. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength(1024 * 1024)
                      .maxNumberLength(64)
                      .maxDocumentLength(MAX_BYTES)
                      .build())
              .build());

  private EngineJson() {}

  /** The body, at most {@code maxBytes} of it, as bytes. */
  static byte[] readBounded(InputStream body, int maxBytes, String request) throws IOException {
    byte[] bytes = body.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new DockerEngineException(
          "The Docker engine's answer to "
              + request
              + " is over "
              + maxBytes
              + " bytes: refused; check that the socket belongs to a Docker or Podman engine");
    }
    return bytes;
  }

  /** The body as one JSON document. */
  static JsonNode read(InputStream body, String request) throws IOException {
    return parse(readBounded(body, MAX_BYTES, request), request);
  }

  static JsonNode parse(byte[] bytes, String request) throws DockerEngineException {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null ? NullNode.getInstance() : node;
    } catch (StreamConstraintsException e) {
      throw new DockerEngineException(
          "The Docker engine's answer to "
              + request
              + " breaks a limit of this client: "
              + e.getOriginalMessage()
              + "; check that the socket belongs to a Docker or Podman engine",
          e);
    } catch (IOException e) {
      throw new DockerEngineException(
          "The Docker engine's answer to "
              + request
              + " is not valid JSON: "
              + e.getMessage().lines().findFirst().orElse("")
              + "; check that the socket belongs to a Docker or Podman engine",
          e);
    }
  }

  /** A stream of JSON documents (progress messages), each checked by {@code each}. */
  static void readStream(InputStream body, String request, DocumentConsumer each)
      throws IOException {
    byte[] bytes = readBounded(body, MAX_BYTES, request);
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      while (parser.nextToken() != null) {
        each.accept(MAPPER.readTree(parser));
      }
    } catch (DockerEngineException e) {
      throw e;
    } catch (IOException e) {
      throw new DockerEngineException(
          "The Docker engine's answer to "
              + request
              + " is not a stream of JSON documents: "
              + e.getMessage().lines().findFirst().orElse("")
              + "; check that the socket belongs to a Docker or Podman engine",
          e);
    }
  }

  interface DocumentConsumer {
    void accept(JsonNode document) throws IOException;
  }

  /** The field as text, or {@code ""} where it is absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  static List<String> strings(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : node.path(field)) {
      if (value.isTextual()) {
        values.add(value.asText());
      }
    }
    return values;
  }

  static Map<String, String> labels(JsonNode labels) {
    Map<String, String> values = new LinkedHashMap<>();
    labels
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().asText());
              }
            });
    return values;
  }
}
