package dev.containermatrix.examples.vintage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.containermatrix.examples.json.JsonCodec;
import dev.containermatrix.examples.json.JsonCodec.Event;
import java.time.Instant;
import org.junit.Ignore;
import org.junit.Test;

/**
 * A JUnit 4 test class, as an older project has hundreds of: the Vintage engine runs it inside each
 * variant of {@link LegacySuiteTest}. Its name ends in {@code Check}, so Surefire does not also run
 * it on the host by itself.
 */
public class LegacyCodecCheck {
  private final JsonCodec codec = new JsonCodec();

  @Test
  public void roundTripsAnEvent() {
    Event event = new Event("deploy", Instant.parse("2024-03-10T12:00:00Z"));

    assertEquals(event, codec.decode(codec.encode(event)));
  }

  @Test
  public void writesTheInstantInUtc() {
    String json = codec.encode(new Event("deploy", Instant.parse("2024-03-10T12:00:00Z")));

    assertTrue(json, json.contains("\"at\":\"2024-03-10T12:00:00Z\""));
  }

  @Test
  @Ignore("kept to show that an ignored JUnit 4 test is reported as skipped in every variant")
  public void ignoredInEveryVariant() {}
}
