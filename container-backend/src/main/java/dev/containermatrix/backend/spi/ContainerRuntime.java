package dev.containermatrix.backend.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A way to run one {@link ContainerSpec} as an isolated JVM: a backend (native, docker, process).
 *
 * <p>A backend never ignores part of a spec silently: whatever it cannot honour it lists in {@link
 * #unsupported(ContainerSpec)}, and {@link #launch(ContainerSpec)} refuses such a spec.
 * Implementations are thread-safe; one instance launches many containers at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ContainerRuntime extends AutoCloseable {

  /**
   * The backend's name, as in {@code containermatrix.backend}: {@code native}, {@code docker},
   * {@code process}.
   */
  String name();

  /**
   * What of {@code spec} this backend cannot honour on this host.
   *
   * @return one plain sentence per part it cannot honour, naming it and what to do, e.g. "the
   *     process backend cannot enforce memory=256 MiB: use containermatrix.backend=native or
   *     docker"; never {@code null}, empty when the whole spec can be honoured
   */
  List<String> unsupported(ContainerSpec spec);

  /**
   * Starts the container and returns as soon as its JVM runs; its timeout starts now.
   *
   * @throws ContainerException if {@link #unsupported(ContainerSpec)} is not empty (the message
   *     lists every sentence) or the container could not be started
   */
  ContainerHandle launch(ContainerSpec spec) throws ContainerException;

  /**
   * Whether containers of this backend get a hostname of their own (a UTS namespace). When they do
   * not, callers ask for {@link ContainerSpec#HOST} instead of a name the backend cannot set. The
   * default implementation returns {@code true}.
   */
  default boolean hasOwnHostname() {
    return true;
  }

  /**
   * Releases what the runtime keeps across containers (shared directories); containers still
   * running are not affected. The default implementation does nothing.
   */
  @Override
  default void close() {}

  /**
   * Whether this backend stacks the spec's {@link ContainerSpec#layers() layers} as the container's
   * filesystem, so that callers should build them; a backend on the host's own filesystem does not.
   * The default implementation returns {@code false}.
   */
  default boolean usesLayers() {
    return false;
  }
}
