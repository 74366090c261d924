package dev.containermatrix.backend.layers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the store knows of a layer beside its tree, kept as {@code layers/sha256/<hex>.json}.
 *
 * @param sizeBytes the size of the uncompressed tar
 * @param created when it was unpacked
 * @param lastUsed when a run last got it; what {@link LayerRetention} goes by
 */
record LayerRecord(
    Digest digest,
    long sizeBytes,
    Instant created,
    Instant lastUsed,
    OverlayConvention overlayConvention) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The file's form: plain strings, so no Jackson module is needed for digests and instants. */
  private record Json(
      String digest, long sizeBytes, String created, String lastUsed, String overlayConvention) {}

  LayerRecord {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(overlayConvention, "overlayConvention");
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
      Files.write(
          temp,
          JSON.writeValueAsBytes(
              new Json(
                  digest.toString(),
                  sizeBytes,
                  created.toString(),
                  lastUsed.toString(),
                  overlayConvention.name())));
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
      Json json = JSON.readValue(Files.readAllBytes(file), Json.class);
      LayerRecord record =
          new LayerRecord(
              Digest.parse(json.digest()),
              json.sizeBytes(),
              Instant.parse(json.created()),
              Instant.parse(json.lastUsed()),
              OverlayConvention.valueOf(json.overlayConvention()));
      if (!record.digest().equals(expected)) {
        throw new IllegalArgumentException("it names " + record.digest());
      }
      return record;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new LayerStoreException(
          "the layer store is damaged: record "
              + file
              + " of layer "
              + expected
              + " cannot be read ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + "); delete "
              + layerDirectory
              + " and "
              + file
              + " and the layer is unpacked again when next needed",
          e);
    }
  }
}
