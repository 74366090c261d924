package dev.containermatrix.backend.nativeruntime.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One answer of the {@link HostProbe}: whether the host has something, and what was found or why
 * not.
 *
 * @param available whether the host has it
 * @param detail what was found ("unshare from util-linux 2.38.1"), or, when it is not available, a
 *     sentence naming the cause and what to do, fit to show the user as it is
 */
@API(status = INTERNAL, since = "0.1")
public record Finding(boolean available, String detail) {

  public Finding {
    if (detail == null || detail.isBlank()) {
      throw new IllegalArgumentException(
          "a finding needs a detail saying what was found or why it is missing");
    }
  }

  /** The host has it; {@code detail} says what was found. */
  public static Finding yes(String detail) {
    return new Finding(true, detail);
  }

  /** The host lacks it; {@code reason} says why and what to do. */
  public static Finding no(String reason) {
    return new Finding(false, reason);
  }
}
