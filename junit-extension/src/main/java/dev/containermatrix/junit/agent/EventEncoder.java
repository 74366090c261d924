package dev.containermatrix.junit.agent;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Turns agent events into single JSON lines (without the trailing newline), the wire format read by
 * {@code dev.containermatrix.junit.channel.EventChannelServer}.
 *
 * <p>No line is longer than the host reads ({@code EventChannelServer.MAX_LINE_BYTES}, 4 MiB):
 * texts are {@linkplain TextCap cut} to 64 Ki characters, saying so; a failure whose line is still
 * too long is sent again in a compact form (the throwable alone, its message cut to 4 Ki
 * characters, 32 frames), then as its class and the start of its message; a report entry still too
 * long is replaced by one entry saying it was dropped. A failure of any size so arrives as a failed
 * test.
 */
final class EventEncoder {
  /**
   * The longest line the host reads: {@code EventChannelServer.MAX_LINE_BYTES}, written out because
   * the host's classes are not in the agent jar (OversizedEventsTest checks that the two agree).
   */
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private EventEncoder() {}

  static String hello() {
    Runtime runtime = Runtime.getRuntime();
    return new JsonWriter()
        .beginObject()
        .field("type", "hello")
        .field("pid", ProcessHandle.current().pid())
        .field("javaVersion", System.getProperty("java.version"))
        .field("javaHome", System.getProperty("java.home"))
        .field("availableProcessors", runtime.availableProcessors())
        .field("maxMemory", runtime.maxMemory())
        .endObject()
        .toString();
  }

  /**
   * @param parentId the parent's unique id, {@code null} when the parent is the engine root
   */
  static String registered(TestIdentifier node, @Nullable String parentId, boolean dynamic) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "registered")
            .field("id", node.getUniqueId())
            .field("parentId", parentId)
            .field("displayName", TextCap.cap(node.getDisplayName(), TextCap.TEXT_CHARS))
            .field("legacyName", TextCap.cap(node.getLegacyReportingName(), TextCap.TEXT_CHARS))
            .field("kind", node.getType().name())
            .field("dynamic", dynamic)
            .name("source");
    writeSource(json, node.getSource().orElse(null));
    return json.endObject().toString();
  }

  static String started(TestIdentifier node) {
    return new JsonWriter()
        .beginObject()
        .field("type", "started")
        .field("id", node.getUniqueId())
        .endObject()
        .toString();
  }

  static String skipped(TestIdentifier node, String reason) {
    return new JsonWriter()
        .beginObject()
        .field("type", "skipped")
        .field("id", node.getUniqueId())
        .field("reason", TextCap.cap(reason, TextCap.TEXT_CHARS))
        .endObject()
        .toString();
  }

  static String finished(TestIdentifier node, TestExecutionResult result) {
    String line = finished(node, result, ThrowableEncoder.Limits.FULL);
    if (fits(line)) {
      return line;
    }
    line = finished(node, result, ThrowableEncoder.Limits.COMPACT);
    return fits(line) ? line : finished(node, result, ThrowableEncoder.Limits.TINY);
  }

  private static String finished(
      TestIdentifier node, TestExecutionResult result, ThrowableEncoder.Limits limits) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "finished")
            .field("id", node.getUniqueId())
            .field("status", result.getStatus().name())
            .name("failure");
    Throwable failure = result.getThrowable().orElse(null);
    if (failure == null) {
      json.nullValue();
    } else {
      ThrowableEncoder.write(json, failure, limits);
    }
    return json.endObject().toString();
  }

  static String report(TestIdentifier node, ReportEntry entry) {
    String line = report(node, entry, entry.getKeyValuePairs());
    if (fits(line)) {
      return line;
    }
    return report(
        node,
        entry,
        Map.of(
            "containermatrix.dropped",
            "a report entry of "
                + String.format(Locale.ROOT, "%,d", TextCap.utf8Bytes(line))
                + " bytes, over the event channel's limit"
                + " of 4 MiB, was dropped"));
  }

  private static String report(
      TestIdentifier node, ReportEntry entry, Map<String, String> entries) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "report")
            .field("id", node.getUniqueId())
            .field("timestamp", entry.getTimestamp().toString())
            .name("entries")
            .beginObject();
    entries.forEach(
        (key, value) ->
            json.field(
                TextCap.cap(key, TextCap.TEXT_CHARS), TextCap.cap(value, TextCap.TEXT_CHARS)));
    return json.endObject().endObject().toString();
  }

  private static boolean fits(String line) {
    return TextCap.utf8Bytes(line) <= MAX_LINE_BYTES;
  }

  static String bye(AgentTally tally) {
    return new JsonWriter()
        .beginObject()
        .field("type", "bye")
        .field("found", tally.found())
        .field("succeeded", tally.succeeded())
        .field("failed", tally.failed())
        .field("aborted", tally.aborted())
        .field("skipped", tally.skipped())
        .field("containersFailed", tally.containersFailed())
        .endObject()
        .toString();
  }

  private static void writeSource(JsonWriter json, @Nullable TestSource source) {
    if (source instanceof MethodSource method) {
      json.beginObject()
          .field("type", "method")
          .field("className", method.getClassName())
          .field("methodName", method.getMethodName())
          .field("parameterTypes", method.getMethodParameterTypes())
          .endObject();
    } else if (source instanceof ClassSource type) {
      json.beginObject().field("type", "class").field("className", type.getClassName()).endObject();
    } else if (source instanceof UriSource uri) {
      json.beginObject().field("type", "uri").field("uri", uri.getUri().toString()).endObject();
    } else {
      json.nullValue();
    }
  }
}
