package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayerRecordTest {
  private static final Digest DIGEST = Digest.of("layer".getBytes(StandardCharsets.UTF_8));
  private static final Digest OTHER = Digest.of("other".getBytes(StandardCharsets.UTF_8));

  @TempDir Path store;

  @Test
  void aRecordIsWrittenAsTheseExactBytesAndReadBackEqual() throws IOException {
    LayerRecord record =
        new LayerRecord(
            DIGEST,
            9_876_543_210L,
            Instant.parse("2026-01-01T10:00:00Z"),
            Instant.parse("2026-01-02T11:30:00.123456789Z"),
            OverlayConvention.USER_XATTR);
    Path file = store.resolve(DIGEST.hex() + ".json");

    record.write(file, store);

    assertThat(Files.readString(file))
        .isEqualTo(
            "{\n"
                + "  \"digest\" : \""
                + DIGEST
                + "\",\n"
                + "  \"sizeBytes\" : 9876543210,\n"
                + "  \"created\" : \"2026-01-01T10:00:00Z\",\n"
                + "  \"lastUsed\" : \"2026-01-02T11:30:00.123456789Z\",\n"
                + "  \"overlayConvention\" : \"USER_XATTR\"\n"
                + "}");
    assertThat(LayerRecord.read(file, DIGEST, store.resolve("layer"))).isEqualTo(record);
    try (var left = Files.list(store)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void fieldsARecordDoesNotKnowAreIgnored() throws IOException {
    Path file =
        write(
            "{\"digest\": \"%s\", \"sizeBytes\": 1, \"created\": \"2026-01-01T10:00:00Z\","
                + " \"lastUsed\": \"2026-01-01T10:00:00Z\", \"overlayConvention\": \"NONE\","
                + " \"future\": {\"x\": [1]}}");

    assertThat(LayerRecord.read(file, DIGEST, store.resolve("layer")).sizeBytes()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "empty file||No content to map due to end-of-input",
        "not JSON|{\"digest\": |Unexpected end-of-input within/between Object entries",
        "an array|[1, 2]|Cannot deserialize value of type"
            + " `dev.containermatrix.backend.layers.LayerRecord` from Array value (token"
            + " `JsonToken.START_ARRAY`)",
        "no digest|{\"sizeBytes\": 1, \"created\": \"2026-01-01T10:00:00Z\", \"lastUsed\":"
            + " \"2026-01-01T10:00:00Z\", \"overlayConvention\": \"NONE\"}|a digest must be"
            + " sha256: followed by 64 lowercase hex digits, was \"null\"",
        "a sha512 digest|{\"digest\": \"sha512:00\", \"sizeBytes\": 1, \"created\":"
            + " \"2026-01-01T10:00:00Z\", \"lastUsed\": \"2026-01-01T10:00:00Z\","
            + " \"overlayConvention\": \"NONE\"}|a digest must be sha256: followed by 64 lowercase"
            + " hex digits, was \"sha512:00\": sha512 blobs are not supported; re-export the image"
            + " with sha256",
        "a digest as an object|{\"digest\": {\"a\": 1}}|Cannot deserialize value of type"
            + " `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)",
        "a size as text|{\"digest\": \"%s\", \"sizeBytes\": \"big\"}|Cannot deserialize value of"
            + " type `long` from String \"big\": not a valid `long` value",
        "a size too large|{\"digest\": \"%s\", \"sizeBytes\": 99999999999999999999}|Numeric value"
            + " (99999999999999999999) out of range of long (-9223372036854775808 -"
            + " 9223372036854775807)",
        "no created|{\"digest\": \"%s\", \"sizeBytes\": 1, \"lastUsed\": \"2026-01-01T10:00:00Z\","
            + " \"overlayConvention\": \"NONE\"}|text",
        "a created that is no instant|{\"digest\": \"%s\", \"sizeBytes\": 1, \"created\":"
            + " \"yesterday\", \"lastUsed\": \"2026-01-01T10:00:00Z\", \"overlayConvention\":"
            + " \"NONE\"}|Text 'yesterday' could not be parsed at index 0",
        "an unknown overlay convention|{\"digest\": \"%s\", \"sizeBytes\": 1, \"created\":"
            + " \"2026-01-01T10:00:00Z\", \"lastUsed\": \"2026-01-01T10:00:00Z\","
            + " \"overlayConvention\": \"../../etc\"}|No enum constant"
            + " dev.containermatrix.backend.layers.OverlayConvention.../../etc",
        "another layer's record|{\"digest\": \"%2$s\", \"sizeBytes\": 1, \"created\":"
            + " \"2026-01-01T10:00:00Z\", \"lastUsed\": \"2026-01-01T10:00:00Z\","
            + " \"overlayConvention\": \"NONE\"}|it names %2$s",
      })
  void aDamagedRecordIsRefusedNamingTheFileAndWhatToDelete(
      String what, String content, String reason) throws IOException {
    Path file = write(content == null ? "" : content);
    Path layer = store.resolve("layer");

    assertThatThrownBy(() -> LayerRecord.read(file, DIGEST, layer))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "the layer store is damaged: record "
                + file
                + " of layer "
                + DIGEST
                + " cannot be read ("
                + reason.formatted(DIGEST, OTHER)
                + "); delete "
                + layer
                + " and "
                + file
                + " and the layer is unpacked again when next needed");
  }

  private Path write(String content) throws IOException {
    Path file = store.resolve(DIGEST.hex() + ".json");
    Files.writeString(file, content.formatted(DIGEST, OTHER));
    return file;
  }
}
