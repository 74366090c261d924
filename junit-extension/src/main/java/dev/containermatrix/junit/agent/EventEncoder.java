package dev.containermatrix.junit.agent;

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
 */
final class EventEncoder {
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
            .field("displayName", node.getDisplayName())
            .field("legacyName", node.getLegacyReportingName())
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
        .field("reason", reason)
        .endObject()
        .toString();
  }

  static String finished(TestIdentifier node, TestExecutionResult result) {
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
      ThrowableEncoder.write(json, failure);
    }
    return json.endObject().toString();
  }

  static String report(TestIdentifier node, ReportEntry entry) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("type", "report")
            .field("id", node.getUniqueId())
            .field("timestamp", entry.getTimestamp().toString())
            .name("entries")
            .beginObject();
    entry.getKeyValuePairs().forEach(json::field);
    return json.endObject().endObject().toString();
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
      json.beginObject()
          .field("type", "class")
          .field("className", type.getClassName())
          .endObject();
    } else if (source instanceof UriSource uri) {
      json.beginObject().field("type", "uri").field("uri", uri.getUri().toString()).endObject();
    } else {
      json.nullValue();
    }
  }
}
