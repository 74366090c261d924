package dev.containermatrix.examples.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A small JSON codec for {@link Event}s: the code under test in the examples. It writes the event's
 * time both as an instant and in the JVM's default time zone, so its output depends on the
 * environment it runs in: exactly what a matrix over time-zone configs checks.
 */
public final class JsonCodec {
  private final ObjectMapper mapper = new ObjectMapper();

  /** Encodes {@code event} as {@code {"name":…,"at":…,"local":…}}. */
  public String encode(Event event) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", event.name());
    node.put("at", event.at().toString());
    node.put("local", formatLocal(event.at()));
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot encode " + event + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Decodes what {@link #encode} wrote. */
  public Event decode(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      return new Event(node.get("name").asText(), Instant.parse(node.get("at").asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Not an encoded event: " + json + " (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** The instant as an offset date-time in the JVM's default time zone. */
  public static String formatLocal(Instant at) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(ZoneId.systemDefault()));
  }

  /** An event with a name and a time. */
  public record Event(String name, Instant at) {}
}
