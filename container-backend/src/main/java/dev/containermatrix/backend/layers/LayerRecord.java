package dev.containermatrix.backend.layers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the store knows of a layer beside its tree, kept as {@code layers/sha256/<hex>.json}: these
 * fields in this order, the digest and instants as their strings, the convention as its name.
 *
 * @param sizeBytes the size of the uncompressed tar
 * @param created when it was unpacked
 * @param lastUsed when a run last got it; what {@link LayerRetention} goes by
 */
@JsonPropertyOrder({"digest", "sizeBytes", "created", "lastUsed", "overlayConvention"})
record LayerRecord(
    Digest digest,
    long sizeBytes,
    @JsonSerialize(using = ToStringSerializer.class) Instant created,
    @JsonSerialize(using = ToStringSerializer.class) Instant lastUsed,
    OverlayConvention overlayConvention) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  LayerRecord {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(overlayConvention, "overlayConvention");
  }

  /**
   * A record as its file holds it: strings parsed here, so no Jackson module is needed for instants
   * and a bad value is refused with the parser's own message.
   */
  @JsonCreator
  static LayerRecord fromJson(
      @JsonProperty("digest") String digest,
      @JsonProperty("sizeBytes") long sizeBytes,
      @JsonProperty("created") String created,
      @JsonProperty("lastUsed") String lastUsed,
      @JsonProperty("overlayConvention") String overlayConvention) {
    return new LayerRecord(
        Digest.parse(digest),
        sizeBytes,
        Instant.parse(created),
        Instant.parse(lastUsed),
        OverlayConvention.valueOf(overlayConvention));
  }

  LayerRecord withLastUsed(Instant when) {
    return new LayerRecord(digest, sizeBytes, created, when, overlayConvention);
  }

  /**
   * Writes to {@code tempDirectory} first, then moves over {@code file}: readers see the old or the
   * new record.
   */
  void write(Path file, Path tempDirectory) throws IOException {
    Path temp = tempDirectory.resolve("record-" + UUID.randomUUID() + ".json");
    try {
      Files.write(temp, JSON.writeValueAsBytes(this));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Reads {@code file}, which must be the record of {@code expected}.
   *
   * @throws LayerStoreException naming the file and the directory to delete if it is unreadable
   */
  static LayerRecord read(Path file, Digest expected, Path layerDirectory) throws IOException {
    try {
      LayerRecord record = JSON.readValue(Files.readAllBytes(file), LayerRecord.class);
      if (!record.digest().equals(expected)) {
        throw new IllegalArgumentException("it names " + record.digest());
      }
      return record;
    } catch (JsonProcessingException | RuntimeException e) {
      // what fromJson refused, not Jackson's "Cannot construct instance" around it
      Throwable reason =
          e instanceof ValueInstantiationException v && v.getCause() != null ? v.getCause() : e;
      throw new LayerStoreException(
          "the layer store is damaged: record "
              + file
              + " of layer "
              + expected
              + " cannot be read ("
              + String.valueOf(reason.getMessage()).lines().findFirst().orElse("")
              + "); delete "
              + layerDirectory
              + " and "
              + file
              + " and the layer is unpacked again when next needed",
          e);
    }
  }
}
