package dev.containermatrix.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The binding of report.json and its parts: indented as the files are (Jackson's default pretty
 * printer); an empty {@code Optional}, {@code OptionalInt} or {@code OptionalLong} is written as
 * {@code null}, a present one as its value; fields a reader does not know are ignored.
 */
final class ReportJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(
              new SimpleModule("report.json")
                  .addSerializer(new EmptyAsNull<Optional<?>>(Optional.class, o -> o))
                  .addSerializer(
                      new EmptyAsNull<OptionalInt>(
                          OptionalInt.class,
                          o -> o.isPresent() ? Optional.of(o.getAsInt()) : Optional.empty()))
                  .addSerializer(
                      new EmptyAsNull<OptionalLong>(
                          OptionalLong.class,
                          o -> o.isPresent() ? Optional.of(o.getAsLong()) : Optional.empty())));

  private ReportJson() {}

  /** Writes a value that may be unknown: {@code null} when it is, else the value. */
  private static final class EmptyAsNull<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<T, Optional<?>> value;

    @SuppressWarnings("unchecked")
    EmptyAsNull(Class<?> type, Function<T, Optional<?>> value) {
      super((Class<T>) type);
      this.value = value;
    }

    @Override
    public void serialize(T unknown, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      Optional<?> known = value.apply(unknown);
      if (known.isPresent()) {
        provider.defaultSerializeValue(known.get(), json);
      } else {
        json.writeNull();
      }
    }

    /** Unknown counts as empty, so a field marked {@code NON_EMPTY} is left out when unknown. */
    @Override
    public boolean isEmpty(SerializerProvider provider, T unknown) {
      return unknown == null || value.apply(unknown).isEmpty();
    }
  }
}
