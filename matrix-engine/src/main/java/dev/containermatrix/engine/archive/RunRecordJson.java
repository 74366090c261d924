package dev.containermatrix.engine.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes and reads a {@link RunRecord} as JSON. */
final class RunRecordJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RunRecordJson() {}

  static byte[] write(RunRecord record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "run record " + record.runId() + " cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * @param where names the record in errors, e.g. its blob in the archive
   * @throws IOException naming {@code where} when the JSON is malformed or of a later format
   */
  static RunRecord read(byte[] json, String where) throws IOException {
    RunRecord record;
    try {
      record = MAPPER.readValue(json, RunRecord.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "run record "
              + where
              + " is not a valid run record: "
              + e.getMessage()
              + "; the archive may be damaged, or written by another tool",
          e);
    }
    if (record.format() > RunRecord.FORMAT) {
      throw new IOException(
          "run record "
              + where
              + " has format "
              + record.format()
              + ", newer than the "
              + RunRecord.FORMAT
              + " this ContainerMatrix reads; replay it with the ContainerMatrix version that"
              + " archived it or a newer one");
    }
    return record;
  }

  /** The record as text (for logs and tests). */
  static String text(RunRecord record) {
    return new String(write(record), StandardCharsets.UTF_8);
  }
}
