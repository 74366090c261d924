package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamDemultiplexerTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  static byte[] frame(int type, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[8 + payload.length];
    frame[0] = (byte) type;
    frame[4] = (byte) (payload.length >>> 24);
    frame[5] = (byte) (payload.length >>> 16);
    frame[6] = (byte) (payload.length >>> 8);
    frame[7] = (byte) payload.length;
    System.arraycopy(payload, 0, frame, 8, payload.length);
    return frame;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private void copy(byte[] stream, boolean multiplexed) throws IOException {
    StreamDemultiplexer.copy(new ByteArrayInputStream(stream), multiplexed, out, err);
  }

  @Test
  void framesGoToTheirStreamsInOrder() throws IOException {
    copy(concat(frame(1, "out1\n"), frame(2, "err\n"), frame(1, "out2\n"), frame(1, "")), true);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out1\nout2\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
  }

  @Test
  void aRawStreamGoesWholeToStdout() throws IOException {
    copy("tty output\r\n".getBytes(StandardCharsets.UTF_8), false);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("tty output\r\n");
    assertThat(err.size()).isZero();
  }

  @Test
  void aFrameLongerThanWhatFollowsIsRefused() {
    byte[] frame = frame(1, "abc");
    frame[4] = (byte) 0xff;
    assertThatThrownBy(() -> copy(frame, true))
        .isInstanceOf(DockerEngineException.class)
        .hasMessage(
            "The Docker engine's multiplexed output stream has a frame cut short, 4278190080"
                + " bytes before its end: refused; check that the socket belongs to a Docker or"
                + " Podman engine");
  }

  @Test
  void aRawStreamReadAsMultiplexedIsRefusedSayingSo() {
    assertThatThrownBy(() -> copy("hello world\n".getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageContaining("a frame header 68 65 6c 6c, whose stream type is not 0 to 3")
        .hasMessageContaining("a container with a TTY sends a raw stream");
  }

  @Test
  void aCutHeaderIsRefused() {
    assertThatThrownBy(() -> copy(new byte[] {1, 0, 0}, true))
        .hasMessageContaining("a frame header cut short after 3 of its 8 bytes");
  }

  @Test
  void theEnginesErrorFrameBecomesItsMessage() {
    assertThatThrownBy(() -> copy(frame(3, "container gone\n"), true))
        .hasMessage(
            "The Docker engine reported an error in the container's output stream: container gone;"
                + " check the engine's log");
  }
}
