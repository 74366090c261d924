package dev.containermatrix.junit.channel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.UriSource;

/** Decodes one JSON line of the agent into an {@link AgentEvent}; never throws for bad input. */
final class AgentEventDecoder {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private AgentEventDecoder() {}

  /**
   * Returns the event on {@code line}, or {@link AgentEvent.Garbled} saying what is wrong with it.
   */
  static AgentEvent decode(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new MalformedEvent("not a JSON object");
      }
      return decode(node);
    } catch (JacksonException e) {
      return new AgentEvent.Garbled(line, "not JSON: " + e.getOriginalMessage());
    } catch (MalformedEvent e) {
      return new AgentEvent.Garbled(line, e.getMessage());
    }
  }

  private static AgentEvent decode(JsonNode node) {
    String type = text(node, "type");
    return switch (type) {
      case "hello" ->
          new AgentEvent.Hello(
              integral(node, "pid"),
              text(node, "javaVersion"),
              text(node, "javaHome"),
              (int) integral(node, "availableProcessors"),
              integral(node, "maxMemory"));
      case "registered" ->
          new AgentEvent.Registered(
              text(node, "id"),
              optionalText(node, "parentId"),
              text(node, "displayName"),
              text(node, "legacyName"),
              constant(TestDescriptor.Type.class, node, "kind"),
              bool(node, "dynamic"),
              source(node.get("source")));
      case "started" -> new AgentEvent.Started(text(node, "id"));
      case "skipped" -> new AgentEvent.Skipped(text(node, "id"), text(node, "reason"));
      case "finished" ->
          new AgentEvent.Finished(
              text(node, "id"),
              constant(TestExecutionResult.Status.class, node, "status"),
              optionalFailure(node, "failure"));
      case "report" ->
          new AgentEvent.Report(
              text(node, "id"), timestamp(node, "timestamp"), entries(node, "entries"));
      case "bye" ->
          new AgentEvent.Bye(
              integral(node, "found"),
              integral(node, "succeeded"),
              integral(node, "failed"),
              integral(node, "aborted"),
              integral(node, "skipped"),
              node.has("containersFailed") ? integral(node, "containersFailed") : 0);
      default -> throw new MalformedEvent("unknown event type '" + type + "'");
    };
  }

  private static Optional<TestSource> source(JsonNode source) {
    if (source == null || source.isNull()) {
      return Optional.empty();
    }
    if (!source.isObject()) {
      throw new MalformedEvent("field 'source' is not an object or null");
    }
    String type = text(source, "type");
    try {
      return testSource(source, type);
    } catch (org.junit.platform.commons.JUnitException e) {
      // JUnit's own checks: a blank class or method name, say
      throw new MalformedEvent("its " + type + " source is not valid: " + e.getMessage());
    }
  }

  private static Optional<TestSource> testSource(JsonNode source, String type) {
    return switch (type) {
      case "method" ->
          Optional.of(
              MethodSource.from(
                  text(source, "className"),
                  text(source, "methodName"),
                  optionalText(source, "parameterTypes").orElse("")));
      case "class" -> Optional.of(ClassSource.from(text(source, "className")));
      case "uri" -> Optional.of(UriSource.from(uri(source, "uri")));
      default -> throw new MalformedEvent("unknown source type '" + type + "'");
    };
  }

  private static Optional<RemoteFailure> optionalFailure(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(failure(value, field));
  }

  private static RemoteFailure failure(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new MalformedEvent("field '" + where + "' is not an object");
    }
    List<StackTraceElement> stack = new ArrayList<>();
    for (JsonNode frame : array(node, "stack")) {
      stack.add(
          new StackTraceElement(
              text(frame, "c"),
              text(frame, "m"),
              optionalText(frame, "f").orElse(null),
              (int) integral(frame, "l")));
    }
    List<RemoteFailure> suppressed = new ArrayList<>();
    for (JsonNode each : array(node, "suppressed")) {
      suppressed.add(failure(each, "suppressed"));
    }
    return new RemoteFailure(
        text(node, "className"),
        optionalText(node, "message"),
        bool(node, "assertion"),
        optionalText(node, "expected"),
        optionalText(node, "actual"),
        stack,
        optionalFailure(node, "cause"),
        suppressed);
  }

  private static Map<String, String> entries(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new MalformedEvent("field '" + field + "' is missing or not an object");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      entries.put(entry.getKey(), text(value, entry.getKey()));
    }
    return entries;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new MalformedEvent("field '" + field + "' is missing or not an array");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedEvent("field '" + field + "' is missing or not a string");
    }
    return value.textValue();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(text(node, field));
  }

  private static long integral(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new MalformedEvent("field '" + field + "' is missing or not an integer");
    }
    return value.longValue();
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new MalformedEvent("field '" + field + "' is missing or not a boolean");
    }
    return value.booleanValue();
  }

  private static <E extends Enum<E>> E constant(Class<E> type, JsonNode node, String field) {
    String name = text(node, field);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvent("field '" + field + "' has unknown value '" + name + "'");
    }
  }

  private static LocalDateTime timestamp(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return LocalDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedEvent(
          "field '" + field + "' is not an ISO-8601 local date-time: " + value);
    }
  }

  private static URI uri(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvent("field '" + field + "' is not a URI: " + value);
    }
  }

  /** Aborts decoding of one line; becomes {@link AgentEvent.Garbled}. */
  private static final class MalformedEvent extends RuntimeException {
    MalformedEvent(String problem) {
      super(problem, null, false, false);
    }
  }
}
