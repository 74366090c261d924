package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs one test class once per variant (JDK × SLOT) the way a Testcontainers user would: a
 * GenericContainer per variant from a warm image, the JDK and the test classpath bind-mounted read
 * only, JUnit's console launcher as its command, network mode none, {@code parallelism} containers at
 * a time. Prints one JSON line: the wall time of all variants and each container's time.
 *
 * <p>Arguments: image, parallelism, console-launcher jar, test class, test classpath
 * (colon-separated), slots, then one or more JDK homes.
 */
public final class TestcontainersAnchor {
  private TestcontainersAnchor() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 7) {
      System.err.println(
          "usage: TestcontainersAnchor <image> <parallelism> <console-launcher.jar> <test class>"
              + " <test classpath> <slots> <jdk home>...");
      System.exit(2);
    }
    DockerImageName image = DockerImageName.parse(args[0]);
    int parallelism = Integer.parseInt(args[1]);
    String launcher = args[2];
    String testClass = args[3];
    String classpath = args[4];
    int slots = Integer.parseInt(args[5]);
    List<String> jdks = List.of(args).subList(6, args.length);

    List<String[]> variants = new ArrayList<>();
    for (String jdk : jdks) {
      for (int slot = 1; slot <= slots; slot++) {
        variants.add(new String[] {jdk, Integer.toString(slot)});
      }
    }
    // Testcontainers' one-time start (client, configuration, registry credentials) is left out: one
    // variant runs first, untimed, as a JUnit class of such tests would pay it once.
    long warmup = run(image, launcher, testClass, classpath, jdks.get(0), "1");
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    long start = System.nanoTime();
    List<Future<Long>> runs = new ArrayList<>();
    for (String[] variant : variants) {
      runs.add(pool.submit(() -> run(image, launcher, testClass, classpath, variant[0], variant[1])));
    }
    List<Long> each = new ArrayList<>();
    try {
      for (Future<Long> run : runs) {
        each.add(run.get());
      }
    } finally {
      pool.shutdownNow();
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "{\"benchmark\":\"testcontainers-anchor\",\"variants\":%d,\"parallelism\":%d,\"warmupMs\":%d,"
            + "\"wallMs\":%d,\"containerMs\":%s}%n",
        variants.size(),
        parallelism,
        warmup,
        wall,
        each);
  }

  /** One variant: its container runs the class's tests and must exit 0; returns its time in ms. */
  private static long run(
      DockerImageName image,
      String launcher,
      String testClass,
      String classpath,
      String jdk,
      String slot) {
    long start = System.nanoTime();
    List<String> command =
        List.of(
            jdk + "/bin/java",
            "-jar",
            launcher,
            "execute",
            "--disable-banner",
            "--details=none",
            "--fail-if-no-tests",
            "--class-path",
            classpath,
            "--select-class",
            testClass);
    try (GenericContainer<?> container = new GenericContainer<>(image)) {
      container
          .withNetworkMode("none")
          .withEnv("SLOT", slot)
          .withCommand(command.toArray(String[]::new))
          .withStartupCheckStrategy(
              new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(5)));
      bindReadOnly(container, jdk);
      bindReadOnly(container, launcher);
      for (String entry : classpath.split(":")) {
        bindReadOnly(container, entry);
      }
      // Debian's OpenJDK links its configuration from /etc.
      Path release = Path.of(jdk, "release");
      if (jdk.contains("openjdk")) {
        try {
          String feature = Files.readString(release).replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1");
          bindReadOnly(container, "/etc/java-" + feature + "-openjdk");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot read " + release, e);
        }
      }
      container.start(); // a one-shot container: returns once it exited 0, throws otherwise
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void bindReadOnly(GenericContainer<?> container, String path) {
    if (Files.exists(Path.of(path))) {
      container.withFileSystemBind(path, path, BindMode.READ_ONLY);
    }
  }
}
