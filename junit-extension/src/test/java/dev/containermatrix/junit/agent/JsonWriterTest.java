package dev.containermatrix.junit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void escapesQuotesAndBackslashes() {
    assertThat(quoted("say \"hi\" to C:\\temp")).isEqualTo("\"say \\\"hi\\\" to C:\\\\temp\"");
  }

  @Test
  void escapesEveryControlCharacter() {
    assertThat(quoted("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    assertThat(quoted("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
  }

  @Test
  void keepsNonAsciiAndSurrogatePairsAsTheyAre() {
    assertThat(quoted("é€ ü 😀")).isEqualTo("\"é€ ü 😀\"");
  }

  @Test
  void escapesUnpairedSurrogatesWhichUtf8CannotEncode() {
    assertThat(quoted("a\ud800b")).isEqualTo("\"a\\ud800b\"");
    assertThat(quoted("\udc00x")).isEqualTo("\"\\udc00x\"");
    assertThat(quoted("end\ud83d")).isEqualTo("\"end\\ud83d\"");
    assertThat(quoted("\udc00\ud800")).isEqualTo("\"\\udc00\\ud800\"");
  }

  @Test
  void separatesMembersAndElementsWithCommas() {
    String json =
        new JsonWriter()
            .beginObject()
            .field("s", "x")
            .field("n", 12)
            .field("b", true)
            .field("missing", (String) null)
            .name("list")
            .beginArray()
            .value(1)
            .beginObject()
            .field("k", "v")
            .endObject()
            .beginArray()
            .endArray()
            .nullValue()
            .endArray()
            .name("empty")
            .beginObject()
            .endObject()
            .endObject()
            .toString();

    assertThat(json)
        .isEqualTo(
            "{\"s\":\"x\",\"n\":12,\"b\":true,\"missing\":null,"
                + "\"list\":[1,{\"k\":\"v\"},[],null],\"empty\":{}}");
  }

  @Test
  void nestsDeeperThanItsInitialStack() {
    JsonWriter json = new JsonWriter();
    for (int i = 0; i < 20; i++) {
      json.beginArray().value(i);
    }
    for (int i = 0; i < 20; i++) {
      json.endArray();
    }

    assertThat(json.toString()).startsWith("[0,[1,[2,").endsWith("]]]").doesNotContain(",]");
  }

  @Test
  void everyCharacterSurvivesARoundTripThroughJacksonOnOneUtf8Line() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x800; c++) {
      all.append(c);
    }
    all.append("\ud800 \udfff 😀 \u2028\u2029 \ufeff \uffff");
    String json = new JsonWriter().beginObject().field("v", all.toString()).endObject().toString();

    assertThat(json).doesNotContain("\n", "\r");
    assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json)).isTrue();
    assertThat(new ObjectMapper().readTree(json).get("v").textValue()).isEqualTo(all.toString());
  }

  private static String quoted(String value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.appendQuoted(out, value);
    return out.toString();
  }
}
