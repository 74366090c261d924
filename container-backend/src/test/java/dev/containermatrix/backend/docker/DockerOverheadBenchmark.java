package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.nativeruntime.NativeOverhead;
import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.testmains.BenchStats;
import dev.containermatrix.backend.testmains.PrintEnvMain;
import dev.containermatrix.backend.testmains.TestSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-container overhead of the docker backend: create + start + wait + remove of a container whose
 * process is {@code /bin/true} on the {@code host} base (its layer images warm), side by side in
 * the same run with the native backend doing the same and with {@code docker run --rm --network
 * none} of the same image. Prints one JSON object. Not a test: run it by hand (as root, with a
 * Docker engine) with {@code bench/docker-overhead.sh}.
 */
public final class DockerOverheadBenchmark {
  private DockerOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int warmup = 5;
    DockerRuntime docker = new DockerRuntime(DockerApi.connect(DockerHost.DEFAULT), "bench");
    NativeOverhead nat = NativeOverhead.start();
    try {
      Path scratch = NativeTestSupport.scratch("dbench");
      Path nativeScratch = NativeTestSupport.scratch("nbench");
      String image = null;
      List<Long> dockerNanos = new ArrayList<>();
      List<Long> nativeNanos = new ArrayList<>();
      List<Long> cliNanos = new ArrayList<>();
      for (int i = 0; i < warmup + n; i++) {
        ContainerSpec spec = TestSpecs.hostSpec(scratch, "d" + i, PrintEnvMain.class, List.of());
        long start = System.nanoTime();
        try (ContainerHandle handle = docker.launch(spec, List.of("/bin/true"))) {
          if (!handle.awaitExit().isSuccess()) {
            throw new IllegalStateException("docker /bin/true failed");
          }
        }
        long d = System.nanoTime() - start;
        long nn = nat.trueContainer(nativeScratch, i);
        if (image == null) {
          image = docker.rootImage();
        }
        long c =
            BenchStats.run(
                List.of(
                    "docker",
                    "run",
                    "--rm",
                    "--network",
                    "none",
                    "-v",
                    "/usr:/usr:ro",
                    "-v",
                    "/lib:/lib:ro",
                    "-v",
                    "/lib64:/lib64:ro",
                    image,
                    "/bin/true"));
        if (i >= warmup) {
          dockerNanos.add(d);
          nativeNanos.add(nn);
          cliNanos.add(c);
        }
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"benchmark\":\"docker-container-overhead\",\"n\":%d,\"docker\":%s,\"native\":%s,"
                  + "\"dockerRunCli\":%s,\"dockerOverNativeMedian\":%.2f,"
                  + "\"dockerOverDockerRunMedian\":%.2f}",
              n,
              BenchStats.json(dockerNanos),
              BenchStats.json(nativeNanos),
              BenchStats.json(cliNanos),
              BenchStats.median(dockerNanos) / BenchStats.median(nativeNanos),
              BenchStats.median(dockerNanos) / BenchStats.median(cliNanos)));
    } finally {
      docker.close();
      nat.close();
    }
  }
}
