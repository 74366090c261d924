package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A JVM that uses a layer store, for tests of what happens across processes.
 *
 * <ul>
 *   <li>{@code same-layer <root> <signals>}: prints {@code ready}, waits for {@code <signals>/go},
 *       puts {@link #sharedLayer()}; while building it creates {@code <signals>/building-<pid>} and
 *       waits for {@code <signals>/release}; prints {@code built=<true|false> directory=<dir>}.
 *   <li>{@code slow-unpack <root> <signals>}: puts a large tar whose stream stops halfway, after
 *       creating {@code <signals>/halfway}, and never ends.
 * </ul>
 */
public final class StoreChildMain {

  private StoreChildMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[1]);
    Path signals = Path.of(args[2]);
    LinuxCalls calls = LinuxCalls.system();
    BuildListener pauseWhileBuilding =
        digest -> {
          Files.createFile(signals.resolve("building-" + ProcessHandle.current().pid()));
          waitFor(signals.resolve("release"));
        };
    LayerStore store =
        LayerStore.open(
            root,
            calls,
            OverlayWhiteouts.forThisProcess(calls),
            Clock.systemUTC(),
            pauseWhileBuilding);
    switch (args[0]) {
      case "same-layer" -> {
        System.out.println("ready");
        waitFor(signals.resolve("go"));
        StoredLayer stored = store.put(sharedLayer());
        System.out.println("built=" + stored.built() + " directory=" + stored.directory());
      }
      case "slow-unpack" ->
          store.put(null, new StallingStream(largeTar(), signals.resolve("halfway")));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** 400 files of 1 KiB in 20 directories. */
  static ReproducibleLayer sharedLayer() {
    ReproducibleLayer.Builder builder = ReproducibleLayer.builder();
    for (int i = 0; i < 400; i++) {
      builder.addFile("lib/d" + (i % 20) + "/f" + i, new byte[1024], i % 7 == 0);
    }
    return builder.build();
  }

  /** About 16 MiB: 2000 files of 8 KiB. */
  static byte[] largeTar() {
    TestTars tar = new TestTars();
    for (int i = 0; i < 2000; i++) {
      tar.file("big/d" + (i % 50) + "/f" + i, new byte[8192]);
    }
    return tar.toBytes();
  }

  private static void waitFor(Path signal) throws IOException {
    try {
      while (!Files.exists(signal)) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + signal, e);
    }
  }

  /** Serves the first half of a tar, then marks {@code halfway} and blocks forever. */
  private static final class StallingStream extends InputStream {
    private final ByteArrayInputStream bytes;
    private final int half;
    private final Path halfway;
    private int served;

    StallingStream(byte[] tar, Path halfway) {
      this.bytes = new ByteArrayInputStream(tar);
      this.half = tar.length / 2;
      this.halfway = halfway;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (served >= half) {
        Files.createFile(halfway);
        waitFor(halfway.resolveSibling("never"));
      }
      int n = bytes.read(b, off, Math.min(len, half - served));
      served += n;
      return n;
    }
  }
}
