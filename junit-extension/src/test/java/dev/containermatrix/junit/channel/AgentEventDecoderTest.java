package dev.containermatrix.junit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.UriSource;

class AgentEventDecoderTest {

  @Test
  void decodesHello() {
    assertThat(
            AgentEventDecoder.decode(
                "{\"type\":\"hello\",\"pid\":123,\"javaVersion\":\"25.0.1\",\"javaHome\":\"/jdk\","
                    + "\"availableProcessors\":2,\"maxMemory\":12345}"))
        .isEqualTo(new AgentEvent.Hello(123, "25.0.1", "/jdk", 2, 12345));
  }

  @Test
  void decodesRegisteredWithEachKindOfSource() {
    String prefix =
        "{\"type\":\"registered\",\"id\":\"[engine:junit-jupiter]/[class:a.B]/[method:c(int)]\","
            + "\"parentId\":\"[engine:junit-jupiter]/[class:a.B]\",\"displayName\":\"c \\\"1\\\"\","
            + "\"legacyName\":\"c(int)\",\"kind\":\"TEST\",\"dynamic\":true,\"source\":";

    AgentEvent method =
        AgentEventDecoder.decode(
            prefix
                + "{\"type\":\"method\",\"className\":\"a.B\",\"methodName\":\"c\","
                + "\"parameterTypes\":\"int\"}}");

    assertThat(method)
        .isEqualTo(
            new AgentEvent.Registered(
                "[engine:junit-jupiter]/[class:a.B]/[method:c(int)]",
                Optional.of("[engine:junit-jupiter]/[class:a.B]"),
                "c \"1\"",
                "c(int)",
                TestDescriptor.Type.TEST,
                true,
                Optional.of(MethodSource.from("a.B", "c", "int"))));
    assertThat(
            ((AgentEvent.Registered)
                    AgentEventDecoder.decode(
                        prefix + "{\"type\":\"class\",\"className\":\"a.B\"}}"))
                .source())
        .contains(ClassSource.from("a.B"));
    assertThat(
            ((AgentEvent.Registered)
                    AgentEventDecoder.decode(
                        prefix + "{\"type\":\"uri\",\"uri\":\"https://x/y\"}}"))
                .source())
        .contains(UriSource.from(URI.create("https://x/y")));
    assertThat(((AgentEvent.Registered) AgentEventDecoder.decode(prefix + "null}")).source())
        .isEmpty();
  }

  @Test
  void decodesStartedSkippedReportAndBye() {
    assertThat(AgentEventDecoder.decode("{\"type\":\"started\",\"id\":\"x\"}"))
        .isEqualTo(new AgentEvent.Started("x"));
    assertThat(AgentEventDecoder.decode("{\"type\":\"skipped\",\"id\":\"x\",\"reason\":\"r\"}"))
        .isEqualTo(new AgentEvent.Skipped("x", "r"));
    assertThat(
            AgentEventDecoder.decode(
                "{\"type\":\"report\",\"id\":\"x\",\"timestamp\":\"2026-01-02T03:04:05.123\","
                    + "\"entries\":{\"b\":\"2\",\"a\":\"1\"}}"))
        .isEqualTo(
            new AgentEvent.Report(
                "x",
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_000_000),
                Map.of("b", "2", "a", "1")));
    assertThat(
            AgentEventDecoder.decode(
                "{\"type\":\"bye\",\"found\":5,\"succeeded\":1,\"failed\":1,\"aborted\":1,"
                    + "\"skipped\":2}"))
        .isEqualTo(new AgentEvent.Bye(5, 1, 1, 1, 2, 0));
  }

  @Test
  void decodesFinishedWithNestedFailure() {
    AgentEvent event =
        AgentEventDecoder.decode(
            "{\"type\":\"finished\",\"id\":\"x\",\"status\":\"FAILED\",\"failure\":"
                + "{\"className\":\"java.lang.IllegalStateException\",\"message\":\"boom\","
                + "\"assertion\":false,\"expected\":null,\"actual\":null,"
                + "\"stack\":[{\"c\":\"a.B\",\"m\":\"c\",\"f\":null,\"l\":-2}],"
                + "\"cause\":{\"className\":\"java.io.IOException\",\"message\":null,"
                + "\"assertion\":false,\"expected\":null,\"actual\":null,\"stack\":[],"
                + "\"cause\":null,\"suppressed\":[]},\"suppressed\":[]}}");

    RemoteFailure cause =
        new RemoteFailure(
            "java.io.IOException",
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            List.of());
    assertThat(event)
        .isEqualTo(
            new AgentEvent.Finished(
                "x",
                Status.FAILED,
                Optional.of(
                    new RemoteFailure(
                        "java.lang.IllegalStateException",
                        Optional.of("boom"),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(new StackTraceElement("a.B", "c", null, -2)),
                        Optional.of(cause),
                        List.of()))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"type":"started"}                              | field 'id' is missing or not a string
          {"type":"started","id":7}                       | field 'id' is missing or not a string
          {"type":"goodbye"}                              | unknown event type 'goodbye'
          {"id":"x"}                                      | field 'type' is missing or not a string
          [1,2]                                           | not a JSON object
          {"type":"finished","id":"x","status":"GREEN"}   | field 'status' has unknown value 'GREEN'
          {"type":"bye","found":1.5}                      | field 'found' is missing or not an integer
          {"type":"report","id":"x","timestamp":"today","entries":{}} | field 'timestamp' is not an ISO-8601 local date-time: today
          """)
  void reportsWhatIsWrongWithAMalformedLine(String line, String problem) {
    assertThat(AgentEventDecoder.decode(line)).isEqualTo(new AgentEvent.Garbled(line, problem));
  }

  @Test
  void aSourceJUnitWouldRefuseIsAMalformedLineNotAnException() {
    String line =
        "{\"type\":\"registered\",\"id\":\"x\",\"parentId\":null,\"displayName\":\"d\",\"legacyName\":\"l\",\"kind\":\"TEST\",\"dynamic\":false,\"source\":{\"type\":\"method\",\"className\":\"a.B\",\"methodName\":\""
            + " \"}}";

    assertThat(AgentEventDecoder.decode(line))
        .isEqualTo(
            new AgentEvent.Garbled(
                line, "its method source is not valid: Method name must not be null or blank"));
  }

  @Test
  void reportsLinesThatAreNotJson() {
    AgentEvent event = AgentEventDecoder.decode("Exception in thread \"main\"");

    assertThat(event).isInstanceOf(AgentEvent.Garbled.class);
    assertThat(((AgentEvent.Garbled) event).problem()).startsWith("not JSON: ");
  }
}
