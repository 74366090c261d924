package dev.containermatrix.junit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any line on the event channel decodes to an event or to {@link AgentEvent.Garbled} saying what is
 * wrong with it, as {@link AgentEventDecoder#decode} promises: it never throws, hangs or runs out
 * of memory. Without {@code JAZZER_FUZZ} this replays the seeds in {@code
 * AgentEventDecoderFuzzTestInputs/}; see docs/architecture.md, "Fuzz tests", for fuzzing for real.
 */
class AgentEventDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodesAnyLineToAnEventOrGarbled(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);

    AgentEvent event = AgentEventDecoder.decode(text);

    assertThat(event).isNotNull();
    if (event instanceof AgentEvent.Garbled garbled) {
      assertThat(garbled.line()).isEqualTo(text);
      assertThat(garbled.problem()).isNotBlank();
    }
  }
}
