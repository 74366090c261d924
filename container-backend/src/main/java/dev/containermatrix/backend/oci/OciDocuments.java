package dev.containermatrix.backend.oci;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Reads and writes the OCI documents of this package ({@link Index}, {@link Manifest}, {@link
 * ImageConfig}, {@link DockerManifestEntry}) with one Jackson mapper. Unknown fields are ignored;
 * numbers are not read from strings. Written documents are compact, with fields in the records'
 * order, so equal documents give equal bytes (and equal digests).
 */
@API(status = INTERNAL, since = "0.1")
public final class OciDocuments {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private OciDocuments() {}

  /**
   * Reads {@code json} as a {@code type}.
   *
   * @throws IllegalArgumentException (never a subclass) whose message says what is wrong, phrased
   *     to follow "it": "is not valid JSON (…)", "has no "layers" array, so it is not an image
   *     manifest", "has an invalid "layers[0].digest": …"
   */
  public static <T> T read(byte[] json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new IllegalArgumentException("is null, not a JSON " + describe(type));
      }
      return value;
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(explain(e, type), e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read as JSON (" + e.getMessage() + ")", e);
    }
  }

  /** A record of this package (or a tree) as compact JSON. */
  public static byte[] write(Object document) {
    try {
      return MAPPER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a JSON document built in memory could not be written: " + e.getMessage(), e);
    }
  }

  /** {@code value} as a JSON tree, to add to a document kept as a tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** A JSON document as a tree, for documents rewritten with what other tools put in them. */
  public static JsonNode readTree(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return node == null ? MAPPER.missingNode() : node;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read as JSON (" + e.getMessage() + ")", e);
    }
  }

  /** A mapping failure: what the records' constructors said, or Jackson's, with the field path. */
  private static String explain(JsonMappingException e, Class<?> type) {
    String path = path(e.getPath());
    Throwable cause = e.getCause();
    String reason;
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      reason = cause.getMessage();
    } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      if (path.isEmpty()) {
        return "is not " + kind(type);
      }
      reason = "not " + kind(mismatch.getTargetType());
    } else {
      reason = e.getOriginalMessage();
    }
    if (path.isEmpty()) {
      return reason.startsWith("has ") ? reason : "is not of the expected form (" + reason + ")";
    }
    return "has an invalid \"" + path + "\": " + reason;
  }

  /** What JSON a Java type is read from, for messages. */
  private static String kind(Class<?> type) {
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    if (type == String.class || type == Digest.class) {
      return "a JSON string";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a JSON number";
    }
    return "a JSON object";
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    return type.isArray() ? "array" : "object";
  }
}
