package dev.containermatrix.backend.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One container cycle (create + start + wait + remove of {@code /bin/true}, network mode none)
 * through this package's client, side by side in the same run with the docker CLI as a backend
 * would run it: {@code docker run --rm --network none <image> /bin/true}, and {@code docker
 * create}, {@code start}, {@code wait}, {@code rm} as four commands. Interleaved, after {@value
 * #WARMUP} unmeasured cycles each; the client's first cycle (a cold JVM's class loading) and its
 * connect ({@code GET /version}) are reported apart. What the client itself costs, without a
 * container, is timed on 5N {@code GET /version} calls against {@code docker version}, and on 5N
 * {@code GET /_ping}. Prints one JSON object. Not a test: run it with {@code
 * bench/docker-client.sh}, which makes the image.
 *
 * <p>Arguments: the image, then N (default 20).
 */
public final class DockerClientBenchmark {

  private static final int WARMUP = 3;

  private DockerClientBenchmark() {}

  public static void main(String[] args) throws Exception {
    String image = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long connectStart = System.nanoTime();
    DockerApi docker = DockerApi.connect(DockerHost.resolve(null, System.getenv()));
    long connect = System.nanoTime() - connectStart;
    long first = clientCycle(docker, image);
    List<Long> clientVersion = new ArrayList<>();
    List<Long> cliVersion = new ArrayList<>();
    List<Long> clientPing = new ArrayList<>();
    for (int i = 0; i < WARMUP + 5 * n; i++) {
      long start = System.nanoTime();
      DockerApi.connect(docker.host());
      long c = System.nanoTime() - start;
      start = System.nanoTime();
      docker("version", "--format", "{{.Server.APIVersion}}");
      long r = System.nanoTime() - start;
      start = System.nanoTime();
      docker.ping();
      long p = System.nanoTime() - start;
      if (i >= WARMUP) {
        clientPing.add(p);
        clientVersion.add(c);
        cliVersion.add(r);
      }
    }
    List<Long> client = new ArrayList<>();
    List<Long> cliRun = new ArrayList<>();
    List<Long> cliSteps = new ArrayList<>();
    for (int i = 0; i < WARMUP + n; i++) {
      long c = clientCycle(docker, image);
      long r = cliRun(image);
      long s = cliSteps(image);
      if (i >= WARMUP) {
        client.add(c);
        cliRun.add(r);
        cliSteps.add(s);
      }
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"docker-client-cycle\",\"n\":%d,\"engine\":\"%s\",\"apiVersion\":\"%s\","
                + "\"client\":%s,\"clientConnectMs\":%.2f,\"clientFirstCycleMs\":%.2f,"
                + "\"cliRunRm\":%s,\"cliCreateStartWaitRm\":%s,\"clientVersion\":%s,\"cliVersion\":%s,\"clientPing\":%s}",
            n,
            docker.version().version(),
            docker.version().apiVersion(),
            stats(client),
            connect / 1e6,
            first / 1e6,
            stats(cliRun),
            stats(cliSteps),
            stats(clientVersion),
            stats(cliVersion),
            stats(clientPing)));
  }

  private static long clientCycle(DockerApi docker, String image) throws IOException {
    ObjectNode config = EngineJson.MAPPER.createObjectNode().put("Image", image);
    config.putArray("Cmd").add("/bin/true");
    config.putObject("Labels").put(DockerTestImages.LABEL, "true");
    config.putObject("HostConfig").put("NetworkMode", "none");
    long start = System.nanoTime();
    String id = docker.createContainer(null, config);
    docker.startContainer(id);
    int exit = docker.waitContainer(id);
    docker.removeContainer(id);
    long took = System.nanoTime() - start;
    check(exit == 0, "/bin/true exited " + exit);
    return took;
  }

  private static long cliRun(String image) throws Exception {
    long start = System.nanoTime();
    docker(
        "run",
        "--rm",
        "--network",
        "none",
        "--label",
        DockerTestImages.LABEL + "=true",
        image,
        "/bin/true");
    return System.nanoTime() - start;
  }

  private static long cliSteps(String image) throws Exception {
    long start = System.nanoTime();
    String id =
        docker(
            "create",
            "--network",
            "none",
            "--label",
            DockerTestImages.LABEL + "=true",
            image,
            "/bin/true");
    docker("start", id);
    String exit = docker("wait", id);
    docker("rm", "-f", id);
    long took = System.nanoTime() - start;
    check(exit.equals("0"), "/bin/true exited " + exit);
    return took;
  }

  private static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    check(process.waitFor() == 0, String.join(" ", command) + " failed: " + output);
    return output;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /** {@code {"medianMs":…,"p90Ms":…,"minMs":…}}, nearest-rank percentiles. */
  static String stats(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "{\"medianMs\":%.2f,\"p90Ms\":%.2f,\"minMs\":%.2f}",
        percentile(sorted, 50) / 1e6,
        percentile(sorted, 90) / 1e6,
        sorted.get(0) / 1e6);
  }

  private static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
