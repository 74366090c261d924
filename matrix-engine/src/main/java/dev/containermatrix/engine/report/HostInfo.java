package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/** The host a run ran on. */
@API(status = INTERNAL, since = "0.1")
public record HostInfo(String kernel, String arch, int cpus, OptionalLong memoryBytes) {

  /** Reads this host; {@code procRoot} is {@code /proc} outside tests. */
  public static HostInfo read(Path procRoot) {
    String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
    return new HostInfo(
        kernel,
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        memTotal(procRoot));
  }

  private static OptionalLong memTotal(Path procRoot) {
    try {
      for (String line : Files.readAllLines(procRoot.resolve("meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
