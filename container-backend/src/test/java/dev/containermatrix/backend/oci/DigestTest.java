package dev.containermatrix.backend.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {

  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void parsesAndPrintsTheOciForm() {
    Digest digest = Digest.parse("sha256:" + EMPTY);

    assertThat(digest.hex()).isEqualTo(EMPTY);
    assertThat(digest.algorithm()).isEqualTo("sha256");
    assertThat(digest).hasToString("sha256:" + EMPTY);
    assertThat(digest.layoutPath()).isEqualTo("blobs/sha256/" + EMPTY);
    assertThat(Digest.fromLayoutPath("blobs/sha256/" + EMPTY)).contains(digest);
    assertThat(Digest.fromLayoutPath("blobs/sha256/" + EMPTY + "/x")).isEmpty();
  }

  @Test
  void hashesBytesAndStreams() throws IOException {
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);

    assertThat(Digest.of(new byte[0]).hex()).isEqualTo(EMPTY);
    assertThat(Digest.of(abc).hex()).isEqualTo(ABC);
    assertThat(Digest.of(new ByteArrayInputStream(abc)).hex()).isEqualTo(ABC);
    assertThat(Digest.ofHash(Digest.newSha256().digest(abc)).hex()).isEqualTo(ABC);
  }

  @Test
  void refusesUppercaseAndOtherAlgorithmsNamingTheValue() {
    assertThat(Digest.tryParse("sha256:" + EMPTY.toUpperCase())).isEmpty();
    assertThat(Digest.tryParse(null)).isEmpty();
    assertThatThrownBy(() -> Digest.parse("sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a digest must be sha256: followed by 64 lowercase hex digits, was \"sha256:abc\"");
    assertThatThrownBy(() -> Digest.parse("sha512:" + EMPTY, "layer digest"))
        .hasMessage(
            "layer digest must be sha256: followed by 64 lowercase hex digits, was \"sha512:"
                + EMPTY
                + "\": sha512 blobs are not supported; re-export the image with sha256");
    assertThatThrownBy(() -> Digest.parse(null))
        .hasMessage("a digest must be sha256: followed by 64 lowercase hex digits, was \"null\"");
  }

  @Test
  void refusesBytesThatAreNotThirtyTwoLong() {
    assertThatThrownBy(() -> Digest.ofHash(new byte[20]))
        .hasMessage("a sha256 digest is 32 bytes, was 20 bytes");
  }

  @Test
  void refusesAHexPartWithNonHexDigits() {
    assertThatThrownBy(() -> new Digest("z".repeat(64)))
        .hasMessage(
            "a sha256 digest's hex part must be 64 lowercase hex digits, was \""
                + "z".repeat(64)
                + "\"");
  }

  @Test
  void sortsByHex() {
    Digest low = Digest.parse("sha256:" + "0".repeat(64));
    Digest high = Digest.parse("sha256:" + "f".repeat(64));

    assertThat(List.of(high, low).stream().sorted()).containsExactly(low, high);
  }

  record Holder(Digest digest) {}

  @Test
  void isWrittenAndReadByJacksonAsItsString() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Holder holder = new Holder(Digest.parse("sha256:" + ABC));

    String written = json.writeValueAsString(holder);

    assertThat(written).isEqualTo("{\"digest\":\"sha256:" + ABC + "\"}");
    assertThat(json.readValue(written, Holder.class)).isEqualTo(holder);
    assertThatThrownBy(() -> json.readValue("{\"digest\":\"sha256:ABC\"}", Holder.class))
        .hasRootCauseMessage(
            "a digest must be sha256: followed by 64 lowercase hex digits, was \"sha256:ABC\"");
  }

  @Test
  void streamsHashWhatPassesThroughThemAndTheInputCountsIt() throws IOException {
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    DigestingOutputStream out = new DigestingOutputStream(sink);
    out.write(abc[0]);
    out.write(abc, 1, 2);

    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(abc));
    assertThat(in.read()).isEqualTo('a');
    assertThat(in.skip(5)).isEqualTo(2);

    assertThat(sink.toByteArray()).isEqualTo(abc);
    assertThat(out.digest().hex()).isEqualTo(ABC);
    assertThat(in.count()).isEqualTo(3);
    assertThat(in.digest().hex()).isEqualTo(ABC);
  }

  @Test
  void aBlobFileNameOf64LowercaseHexDigitsIsADigestAndNothingElseIs() {
    String hex = "ab".repeat(32);
    assertThat(Digest.tryParseHex(hex)).contains(Digest.parse("sha256:" + hex));
    assertThat(Digest.tryParseHex(hex.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    assertThat(Digest.tryParseHex(hex + ".tmp")).isEmpty();
    assertThat(Digest.tryParseHex("")).isEmpty();
  }
}
