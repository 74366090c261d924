package dev.containermatrix.backend.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The environment every backend gives a container: exactly the spec's {@link
 * ContainerSpec#environment()}, plus {@value #CHANNEL} and three defaults where the spec sets no
 * value of its own. The host's environment never leaks in.
 *
 * <ul>
 *   <li>{@value #CHANNEL}: the channel socket's path as seen inside the container;
 *   <li>{@code PATH}: {@value #DEFAULT_PATH};
 *   <li>{@code HOME}: the container's working directory;
 *   <li>{@code LANG}: {@value #DEFAULT_LANG}.
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerEnvironment {

  /** The variable naming the agent's channel socket. */
  public static final String CHANNEL = "CONTAINERMATRIX_CHANNEL";

  /** {@code PATH} unless the spec sets it; the same as Docker's default. */
  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** {@code LANG} unless the spec sets it. */
  public static final String DEFAULT_LANG = "C.UTF-8";

  private ContainerEnvironment() {}

  /**
   * The whole environment of {@code spec}'s container.
   *
   * @param channelInside the channel socket's path as the container sees it
   * @return an unmodifiable map: the spec's variables in order, then the channel and the defaults
   */
  public static Map<String, String> of(ContainerSpec spec, String channelInside) {
    Map<String, String> environment = new LinkedHashMap<>(spec.environment());
    environment.put(CHANNEL, channelInside);
    environment.putIfAbsent("PATH", DEFAULT_PATH);
    environment.putIfAbsent("HOME", spec.workingDirectory().toString());
    environment.putIfAbsent("LANG", DEFAULT_LANG);
    return Collections.unmodifiableMap(environment);
  }
}
