package dev.containermatrix.backend.nativeruntime;

import dev.containermatrix.backend.testmains.BenchStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-container overhead of the native backend: create + start + teardown of a container whose pid
 * 1 is {@code /bin/true}, on a warm host base layer, side by side in the same run with {@code
 * unshare --mount --pid --fork --uts --ipc --net --root=/ /bin/true} and a plain fork/exec of
 * {@code /bin/true} from this JVM. Prints one JSON object. Not a test: run it by hand (as root)
 * with {@code bench/native-overhead.sh}.
 */
public final class ContainerOverheadBenchmark {
  private ContainerOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int warmup = 10;
    NativeOverhead runtime = NativeOverhead.start();
    try {
      Path scratch = NativeTestSupport.scratch("bench");
      List<Long> nativeNanos = new ArrayList<>();
      List<Long> unshareNanos = new ArrayList<>();
      List<Long> forkNanos = new ArrayList<>();
      for (int i = 0; i < warmup + n; i++) {
        // interleaved, so that noise on this 2-core machine hits all three alike
        long nat = runtime.trueContainer(scratch, i);
        long uns =
            BenchStats.run(
                List.of(
                    "unshare",
                    "--mount",
                    "--pid",
                    "--fork",
                    "--uts",
                    "--ipc",
                    "--net",
                    "--root=/",
                    "/bin/true"));
        long fork = BenchStats.run(List.of("/bin/true"));
        if (i >= warmup) {
          nativeNanos.add(nat);
          unshareNanos.add(uns);
          forkNanos.add(fork);
        }
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"benchmark\":\"native-container-overhead\",\"n\":%d,\"native\":%s,\"unshareBaseline\":%s,"
                  + "\"forkExecBaseline\":%s,\"nativeMinusUnshareMedianMs\":%.2f}",
              n,
              BenchStats.json(nativeNanos),
              BenchStats.json(unshareNanos),
              BenchStats.json(forkNanos),
              (BenchStats.median(nativeNanos) - BenchStats.median(unshareNanos)) / 1e6));
    } finally {
      runtime.close();
    }
  }
}
