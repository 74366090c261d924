package dev.containermatrix.backend.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

  private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);
  private static final Digest ABC_DIGEST = Digest.of(ABC);
  private static final VerifyingInputStream.Mismatch MISMATCH =
      (actual, count) -> new IOException("read " + actual + " (" + count + " bytes)");

  @Test
  void passesABlobThatIsWhatItsDescriptorSays() throws IOException {
    try (InputStream in =
        new VerifyingInputStream(new ByteArrayInputStream(ABC), ABC_DIGEST, 3, MISMATCH)) {
      assertThat(in.readAllBytes()).isEqualTo(ABC);
    }
  }

  @Test
  void failsTheReadThatReachesTheEndOfAnotherBlob() {
    InputStream in =
        new VerifyingInputStream(
            new ByteArrayInputStream("abd".getBytes(StandardCharsets.UTF_8)),
            ABC_DIGEST,
            3,
            MISMATCH);

    assertThatThrownBy(in::readAllBytes)
        .hasMessage("read " + Digest.of("abd".getBytes(StandardCharsets.UTF_8)) + " (3 bytes)");
  }

  @Test
  void failsOnTheSizeAlone() {
    InputStream in =
        new VerifyingInputStream(new ByteArrayInputStream(ABC), ABC_DIGEST, 4, MISMATCH);

    assertThatThrownBy(in::readAllBytes).hasMessage("read " + ABC_DIGEST + " (3 bytes)");
  }

  @Test
  void closingEarlyReadsTheRestVerifiesItAndClosesTheSource() {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream source =
        new ByteArrayInputStream("abd".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    InputStream in = new VerifyingInputStream(source, ABC_DIGEST, 3, MISMATCH);

    assertThatThrownBy(in::close).hasMessageStartingWith("read sha256:");
    assertThat(closed).isTrue();
  }
}
