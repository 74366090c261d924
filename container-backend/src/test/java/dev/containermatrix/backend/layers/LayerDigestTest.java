package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LayerDigestTest {

  private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesAndPrintsTheOciForm() {
    LayerDigest digest = LayerDigest.parse("sha256:" + HEX);

    assertThat(digest.hex()).isEqualTo(HEX);
    assertThat(digest).hasToString("sha256:" + HEX);
  }

  @Test
  void lowersUppercaseHex() {
    assertThat(LayerDigest.parse("sha256:" + HEX.toUpperCase())).isEqualTo(LayerDigest.parse("sha256:" + HEX));
  }

  @Test
  void ofSha256BytesGivesTheHexOfThem() throws Exception {
    byte[] sha256 = Sha256.newDigest().digest("".getBytes(StandardCharsets.UTF_8));

    assertThat(LayerDigest.of(sha256).hex()).isEqualTo(HEX);
  }

  @Test
  void rejectsAValueThatIsNotSha256NamingIt() {
    assertThatThrownBy(() -> LayerDigest.parse("sha512:" + HEX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a layer digest: \"sha512:" + HEX
            + "\"; expected \"sha256:\" followed by 64 hex digits, as in an OCI manifest's diff_ids");
    assertThatThrownBy(() -> LayerDigest.parse("sha256:abc"))
        .hasMessage("not a layer digest: \"sha256:abc\"; expected \"sha256:\" followed by 64 hex digits,"
            + " as in an OCI manifest's diff_ids");
    assertThatThrownBy(() -> LayerDigest.parse(null))
        .hasMessageStartingWith("not a layer digest: \"null\"");
  }

  @Test
  void rejectsBytesThatAreNotThirtyTwoLong() {
    assertThatThrownBy(() -> LayerDigest.of(new byte[20]))
        .hasMessage("a sha256 digest is 32 bytes, was 20 bytes");
  }

  @Test
  void rejectsAHexPartWithNonHexDigits() {
    assertThatThrownBy(() -> new LayerDigest("z".repeat(64)))
        .hasMessage("a layer digest's hex part must be 64 lowercase hex digits, was \"" + "z".repeat(64) + "\"");
  }
}
