package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Any bytes read as an engine's answer (status line, headers, a body of any framing, then the body
 * as a multiplexed log stream and as JSON) end in a result or a {@link DockerEngineException} with
 * a message: never another exception, a hang, or running out of memory. Without {@code JAZZER_FUZZ}
 * this replays the seeds in {@code ResponseParserFuzzTestInputs/}; see docs/architecture.md, "Fuzz
 * tests", for fuzzing for real.
 */
class ResponseParserFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readsAnyAnswerOrSaysWhatIsWrong(byte[] answer) throws IOException {
    byte[] body;
    try {
      InputStream in = new ByteArrayInputStream(answer);
      ResponseHead head = ResponseParser.readHead(in);
      body = EngineJson.readBounded(ResponseParser.body(head, in, false), 1 << 20, "GET /fuzz");
      assertThat(body.length).isLessThanOrEqualTo(answer.length);
    } catch (DockerEngineException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    try {
      StreamDemultiplexer.copy(
          new ByteArrayInputStream(body),
          true,
          new ByteArrayOutputStream(),
          new ByteArrayOutputStream());
    } catch (DockerEngineException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      assertThat(EngineJson.parse(body, "GET /fuzz")).isNotNull();
    } catch (DockerEngineException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
