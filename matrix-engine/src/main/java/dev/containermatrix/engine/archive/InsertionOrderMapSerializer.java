package dev.containermatrix.engine.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a string map as a JSON object in the map's own order, whatever {@code
 * ORDER_MAP_ENTRIES_BY_KEYS} says: for maps whose order is meaning (a variant's values in matrix
 * order), where the rest of the record sorts its maps for reproducible bytes. Reading needs
 * nothing: Jackson reads an object into a {@code LinkedHashMap} in document order.
 */
final class InsertionOrderMapSerializer extends StdSerializer<Map<String, String>> {

  @SuppressWarnings({"unchecked", "rawtypes"})
  InsertionOrderMapSerializer() {
    super((Class) Map.class);
  }

  @Override
  public void serialize(
      Map<String, String> map, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    generator.writeStartObject(map);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      generator.writeStringField(entry.getKey(), entry.getValue());
    }
    generator.writeEndObject();
  }
}
