package dev.containermatrix.engine.html;

import dev.containermatrix.backend.HostRequirements;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, run headless on a page: a screenshot, or the DOM after the page's
 * script ran. Each run has its own profile, config and cache directories under {@code work} (so
 * nothing is left in the home directory), is killed (with every process it started) after {@value
 * #TIMEOUT_SECONDS} s, and leaves no process behind.
 */
final class HeadlessChromium {
  static final int TIMEOUT_SECONDS = 90;
  static final int WIDTH = 1200;
  static final int HEIGHT = 1400;

  private final Path executable;
  private final Path work;
  private int runs;

  private HeadlessChromium(Path executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /** Chromium on the PATH, or the test is skipped (failed under CI=true) saying how to get it. */
  static HeadlessChromium require(Path work) {
    Optional<Path> found = onPath("chromium");
    HostRequirements.require(
        found.isPresent(), "Debian's chromium on the PATH (apt-get install -y chromium)");
    return new HeadlessChromium(found.orElseThrow(), work);
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A screenshot of {@code url} in a {@value #WIDTH}×{@value #HEIGHT} window, one CSS px a pixel.
   */
  Path screenshot(String url) throws IOException, InterruptedException {
    Path png = work.resolve("screenshot-" + (runs + 1) + ".png");
    run(List.of("--screenshot=" + png), url);
    return png;
  }

  /** The DOM of {@code url} after its script ran. */
  String dumpDom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom"), url);
  }

  private String run(List<String> mode, String url) throws IOException, InterruptedException {
    runs++;
    Path profile = Files.createDirectories(work.resolve("profile-" + runs));
    Path out = work.resolve("chromium-" + runs + ".out");
    Path err = work.resolve("chromium-" + runs + ".err");
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--no-first-run",
            "--disable-extensions",
            "--disable-breakpad",
            "--disable-crash-reporter",
            "--user-data-dir=" + profile,
            "--window-size=" + WIDTH + "," + HEIGHT));
    command.addAll(mode);
    command.add(url);
    ProcessBuilder builder = new ProcessBuilder(command);
    // chromium keeps its crash database and caches under these, not the profile: keep them here
    builder.environment().put("XDG_CONFIG_HOME", profile.resolve("config").toString());
    builder.environment().put("XDG_CACHE_HOME", profile.resolve("cache").toString());
    Process process =
        builder
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    Set<ProcessHandle> started = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    boolean ended = false;
    // waits in steps to see the processes chromium starts: they outlive it if it is killed
    while (!ended && System.nanoTime() < deadline) {
      process.descendants().forEach(started::add);
      ended = process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    if (!ended) {
      process.descendants().forEach(started::add);
      process.destroyForcibly();
    }
    started.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle child : started) {
      try {
        child.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            "chromium's process " + child.pid() + " did not end when killed", e);
      }
    }
    if (!ended) {
      throw new AssertionError(
          "chromium did not finish "
              + String.join(" ", command)
              + " within "
              + TIMEOUT_SECONDS
              + " s and was killed; its stderr: "
              + Files.readString(err));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "chromium exited with "
              + process.exitValue()
              + " for "
              + String.join(" ", command)
              + "; its stderr: "
              + Files.readString(err));
    }
    return Files.readString(out);
  }
}
