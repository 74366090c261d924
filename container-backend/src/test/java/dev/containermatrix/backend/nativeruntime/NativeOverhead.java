package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.ResourceLimits;
import dev.containermatrix.backend.testmains.PrintEnvMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Path;
import java.util.List;

/**
 * A native container running {@code /bin/true}, timed: create + start + teardown on a warm host
 * base layer, for the benchmarks that compare other ways against it.
 */
public final class NativeOverhead implements AutoCloseable {
  private final NativeHost host = NativeTestSupport.rootHost();
  private final NativeRuntime runtime = new NativeRuntime(host);

  private NativeOverhead() {}

  public static NativeOverhead start() {
    return new NativeOverhead();
  }

  /** The nanoseconds one {@code /bin/true} container took, numbered {@code i}. */
  public long trueContainer(Path scratch, int i) throws Exception {
    ContainerSpec spec =
        TestSpecs.hostSpec(scratch, "b" + i, PrintEnvMain.class, List.of()).withHostname("bench");
    long start = System.nanoTime();
    Path directory = runtime.runDirectory().path().resolve(spec.id());
    NativeLimits limits = NativeLimits.apply(ResourceLimits.none(), host, "bench-" + i);
    try (ContainerHandle handle =
        runtime.start(spec, directory, limits, "", List.of("/bin/true"))) {
      if (!handle.awaitExit().isSuccess()) {
        throw new IllegalStateException(
            "container /bin/true failed: " + java.nio.file.Files.readString(handle.stderr()));
      }
    }
    return System.nanoTime() - start;
  }

  @Override
  public void close() {
    runtime.close();
  }
}
